"""Fix, undo and edit in any order: after every step the report is the check of what is stored
(tone mixing reported exactly when the stored text mixes), and every undo puts back exactly the
program as it was before that fix."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from hgdesk import services
from hgdesk.checks import tone
from hgdesk.db import Database
from tests.test_check_services import FAULTY_DRAFT, _without_versions

TODAY = date(2026, 11, 23)
WORDS = ["cụ thể hoá", "cụ thể hóa", "Tỉnh uỷ", "Tỉnh ủy", "khoẻ mạnh", "hoà bình"]


def _texts(data) -> list[str]:
    def walk(nodes):
        for n in nodes:
            yield n["heading"]
            yield n["text"]
            yield from walk(n["children"])
    return [*data["opening"], *walk(data["nodes"]), *data["closing"], *data["title"]]


class FixAndUndo(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.db = Database(str(Path(self.folder.name) / "s.sqlite3"))
        path = Path(self.folder.name) / "du_thao.txt"
        path.write_text(FAULTY_DRAFT, encoding="utf-8")
        self.program = services.import_file(self.db, path)
        self.undo: list[tuple[list, dict]] = []  # (inverse changes, the program before the fix)

    def stored(self) -> dict:
        return _without_versions(services.program_json(self.db, self.program))

    def report(self):
        return services.check_program(self.db, self.program, today=TODAY)

    @rule(pick=st.lists(st.booleans(), min_size=6, max_size=6), ask=st.booleans())
    def apply_some_fixes(self, pick, ask):
        fixes = services.fixes_of(self.report(), include_ask=ask)
        chosen = [f for f, take in zip(fixes, pick, strict=False) if take]
        if not chosen:
            return
        before = self.stored()
        inverse = services.apply_fixes(self.db, self.program, chosen)
        self.undo.append((inverse, before))

    @precondition(lambda self: self.undo)
    @rule()
    def undo_last(self):
        inverse, before = self.undo.pop()
        services.undo_fixes(self.db, self.program, inverse)
        assert self.stored() == before

    @rule(word=st.sampled_from(WORDS), which=st.integers(0, 5))
    def type_into_a_paragraph(self, word, which):
        nodes = self.stored()["nodes"][0]["children"]
        node = nodes[which % len(nodes)]
        raw = services.program_json(self.db, self.program)["nodes"][0]["children"][which % len(nodes)]
        services.edit_node(self.db, node["id"], text=f"{node['text'].rstrip('.')} và {word}.",
                           expected_version=raw["version"])
        self.undo.clear()  # an edit in between: older fixes are no longer undone blindly

    @invariant()
    def tone_is_reported_exactly_when_the_stored_text_mixes(self):
        texts = " ".join(_texts(services.program_json(self.db, self.program)))
        found = tone.styles_in(texts)
        mixed = bool(found[tone.FIRST]) and bool(found[tone.SECOND])
        assert mixed == any(f.rule_id == "tone.consistent" for f in self.report().findings)

    @invariant()
    def the_same_data_gives_the_same_report(self):
        first, second = self.report(), self.report()
        assert [f.to_json() for f in first.findings] == [f.to_json() for f in second.findings]

    def teardown(self) -> None:
        self.db.dispose()
        self.folder.cleanup()


FixAndUndo.TestCase.settings = settings(max_examples=12, stateful_step_count=8, deadline=None,
                                        suppress_health_check=[HealthCheck.too_slow])
test_fix_undo_and_edit_in_any_order = pytest.mark.slow(FixAndUndo.TestCase)
