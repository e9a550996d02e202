"""An indicator's target is what its paragraph says: the secretary edits the figure in the text and
Chỉ tiêu, the dashboard and the results report follow, through pauses, undo and reopening."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from hgdesk import services
from hgdesk.db import Database
from hgdesk.importing.meaning import extract_quantity
from tests import keyboard
from tests.conftest import SEEDS


def _indicator(db, program_id: int, words: str) -> dict:
    return next(i for i in services.program_indicators(db, program_id) if words in i["text"])


def test_editing_an_indicator_figure_changes_its_target_and_undoing_restores_it(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    first = services.program_indicators(db, annual)[0]
    old_text, old_target = first["text"], first["target"]
    assert old_target is not None and str(int(old_target)) in old_text.replace(".", "")
    new_text = old_text.replace(str(int(old_target)), str(int(old_target) + 7), 1)
    services.edit_node(db, first["node_id"], text=new_text)
    assert _indicator(db, annual, new_text[:30])["target"] == old_target + 7
    services.edit_node(db, first["node_id"], text=old_text)  # the editor's undo writes the old text back
    assert _indicator(db, annual, old_text[:30])["target"] == old_target


def test_a_new_indicator_takes_its_figure_and_unit_from_its_text(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    first = services.program_indicators(db, annual)[0]
    parent = next(n for n in _walk(services.program_json(db, annual)["nodes"])
                  if first["node_id"] in {c["id"] for c in n["children"]})
    node = services.add_node(db, annual, parent["id"], None, "indicator", text="Kết nạp mới 1.250 đảng viên trong năm.")
    added = next(i for i in services.program_indicators(db, annual) if i["node_id"] == node)
    assert (added["target"], added["unit"]) == (1250, "đảng viên")


def _walk(nodes):
    for n in nodes:
        yield n
        yield from _walk(n["children"])


def test_a_figure_typed_in_the_editor_shows_in_chi_tieu_and_undo_brings_the_old_one_back(window_on, qtbot):
    window = window_on()
    annual = services.import_file(window.db, SEEDS / "seed000.txt")
    window.refresh_programs(annual)
    first = services.program_indicators(window.db, annual)[0]
    old_target = first["target"]
    window.tabs.setCurrentWidget(window.editor)
    assert window.editor.select_node(first["node_id"])
    text = window.editor.text
    text.setFocus()
    text.selectAll()
    keyboard.type_text(text, "Tỷ lệ chi bộ đạt trong sạch, vững mạnh đạt 91% trở lên.")
    qtbot.wait(300)  # a pause, then the secretary looks at Chỉ tiêu
    window.tabs.setCurrentWidget(window.indicators)
    qtbot.waitUntil(lambda: any(r["node_id"] == first["node_id"] and r["target"] == 91
                                for r in window.indicators.model.rows), timeout=5000)
    assert _indicator(window.db, annual, "91%")["unit"].startswith("%")

    window.tabs.setCurrentWidget(window.editor)
    window.editor.undo_stack.undo()  # Ctrl+Z: the paragraph as it was, and its figure
    window.tabs.setCurrentWidget(window.indicators)
    qtbot.waitUntil(lambda: any(r["node_id"] == first["node_id"] and r["target"] == old_target
                                for r in window.indicators.model.rows), timeout=5000)
    assert _indicator(window.db, annual, first["text"][:30])["target"] == old_target

    # typed again, then the window closed and opened again: Chỉ tiêu shows the figure that was typed
    window.tabs.setCurrentWidget(window.editor)
    assert window.editor.select_node(first["node_id"])
    window.editor.text.setFocus()
    window.editor.text.selectAll()
    keyboard.type_text(window.editor.text, "Tỷ lệ chi bộ đạt trong sạch, vững mạnh đạt 93% trở lên.")
    window.close()  # what is typed is saved on close
    again = window_on()  # the same database file, a new window
    again.refresh_programs(annual)
    again.tabs.setCurrentWidget(again.indicators)
    qtbot.waitUntil(lambda: any(r["node_id"] == first["node_id"] and r["target"] == 93
                                for r in again.indicators.model.rows), timeout=5000)


def test_a_deleted_indicator_leaves_chi_tieu_the_dashboard_and_the_report(db):
    from datetime import date

    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(db, annual, 2)
    gone = services.program_indicators(db, annual)[0]
    services.record_indicator(db, gone["indicator_id"], "2024-Q2", 1.0)  # far behind its target
    board = services.dashboard(db, as_of=date(2024, 7, 3))
    assert any(b.node_id == gone["node_id"] for b in board.behind)
    services.delete_node(db, gone["node_id"])
    assert gone["indicator_id"] not in {i["indicator_id"] for i in services.program_indicators(db, annual)}
    board = services.dashboard(db, as_of=date(2024, 7, 3))
    assert not any(b.node_id == gone["node_id"] for b in board.behind)
    report = services.program_json(db, services.draft_results_report(db, q2))
    assert gone["text"][:40] not in str(report["nodes"])


# --- any sequence of edits and undos: Chỉ tiêu always shows the figure the stored text says ---------
FIGURES = st.one_of(st.integers(1, 5000).map(str), st.sampled_from(["95%", "1.250", "7,5%", "không quá 3%", ""]))


class EditAndUndoIndicators(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.db = Database(str(Path(self.folder.name) / "s.sqlite3"))
        self.annual = services.import_file(self.db, SEEDS / "seed000.txt")
        self.nodes = [i["node_id"] for i in services.program_indicators(self.db, self.annual)[:3]]
        self.history: list[tuple[int, str]] = []  # (node, text before the edit), as the editor's undo keeps

    def text_of(self, node_id: int) -> str:
        return next(i["text"] for i in services.program_indicators(self.db, self.annual) if i["node_id"] == node_id)

    @rule(which=st.integers(0, 2), figure=FIGURES, unit=st.sampled_from(["đảng viên", "chi bộ", "", "tỷ đồng"]))
    def type_a_new_figure(self, which: int, figure: str, unit: str) -> None:
        node = self.nodes[which]
        self.history.append((node, self.text_of(node)))
        services.edit_node(self.db, node, text=f"Phấn đấu đạt {figure} {unit}".strip() + " trong năm.")

    @rule()
    def undo(self) -> None:
        if self.history:
            node, before = self.history.pop()
            services.edit_node(self.db, node, text=before)

    @invariant()
    def chi_tieu_says_what_the_text_says(self) -> None:
        for row in services.program_indicators(self.db, self.annual):
            if row["node_id"] in self.nodes:
                assert row["target"] == extract_quantity(row["text"]).value

    def teardown(self) -> None:
        self.db.dispose()
        self.folder.cleanup()


TestEditAndUndoIndicators = EditAndUndoIndicators.TestCase
TestEditAndUndoIndicators.settings = settings(max_examples=8, stateful_step_count=10, deadline=None,
                                              suppress_health_check=[HealthCheck.too_slow])
