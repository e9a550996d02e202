"""Random sequences of the secretary's operations, through the services only, with the
invariants checked after every step: undo∘do is the identity on the stored rows (same ids),
task lineage and history stay intact, reports equal a recomputation from scratch, no quarter has
two current programs, and the audit trail is append-only and complete (one undo record per
operation, real before and after values). A refused operation leaves every row as it was."""

from __future__ import annotations

import tempfile
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule
from sqlalchemy import text

from hgdesk import services
from hgdesk.db import Database
from hgdesk.errors import HgdeskError
from tests.conftest import DATA, table_rows
from tests.test_operations import _live, visible_rows

SMALL_ANNUAL = DATA / "small_annual.txt"


def walk(nodes):
    for n in nodes:
        yield n
        yield from walk(n["children"])


class SecretaryOperations(RuleBasedStateMachine):
    @initialize()
    def start(self) -> None:
        self.folder = tempfile.TemporaryDirectory()
        self.db = Database(str(Path(self.folder.name) / "sm.sqlite3"))
        self.annual = services.import_file(self.db, SMALL_ANNUAL)
        self.quarter = services.derive_quarter(self.db, self.annual, 1)
        self.done: list[tuple[int, dict, dict]] = []  # (op id, rows before, rows after), newest last
        self.undone: list[tuple[int, dict, dict]] = []
        self.operations = 2
        self.trail = self._trail()

    def teardown(self) -> None:
        if hasattr(self, "db"):
            self.db.dispose()
            self.folder.cleanup()

    # --- helpers -----------------------------------------------------------------------------
    def _trail(self) -> list[tuple]:
        return table_rows(self.db)["audit_entry"]

    def _program(self) -> dict:
        return services.program_json(self.db, self.quarter)

    def _nodes(self, kinds=("item", "paragraph", "bullet")) -> list[dict]:
        return [n for n in walk(self._program()["nodes"]) if n["kind"] in kinds]

    def _attempt(self, fn, *args, **kwargs) -> object:
        """Run one operation: refused → every row as it was; done → one more undoable operation."""
        before_all = table_rows(self.db)
        before = _live(visible_rows(self.db))
        last = services.last_changes(self.db).op_id
        try:
            result = fn(self.db, *args, **kwargs)
        except HgdeskError:
            assert table_rows(self.db) == before_all
            return None
        op = services.last_changes(self.db).op_id
        if op != last:
            self.operations += 1
            self.done.append((op, before, _live(visible_rows(self.db))))
            self.undone.clear()
        return result

    # --- rules -------------------------------------------------------------------------------
    @rule(data=st.data(), words=st.text("abc đêm ơi", min_size=1, max_size=12))
    def edit(self, data, words: str) -> None:
        nodes = self._nodes()
        if nodes:
            node = data.draw(st.sampled_from(nodes))
            self._attempt(services.edit_node, node["id"], text=f"{node['text']} {words}".strip())

    @rule(data=st.data())
    def add(self, data) -> None:
        sections = self._nodes(("section", "part"))
        if sections:
            parent = data.draw(st.sampled_from(sections))
            self._attempt(services.add_node, self.quarter, parent["id"], None, "paragraph", text="Nhiệm vụ thêm.")

    @rule(data=st.data())
    def delete(self, data) -> None:
        nodes = self._nodes()
        if nodes:
            self._attempt(services.delete_node, data.draw(st.sampled_from(nodes))["id"])

    @rule(data=st.data())
    def split(self, data) -> None:
        nodes = [n for n in self._nodes() if " " in n["text"].strip()]
        if nodes:
            node = data.draw(st.sampled_from(nodes))
            self._attempt(services.split_node, node["id"], node["text"].index(" ") + 1)

    @rule(data=st.data())
    def merge(self, data) -> None:
        nodes = self._nodes()
        if nodes:
            self._attempt(services.merge_with_next, data.draw(st.sampled_from(nodes))["id"])

    @rule(data=st.data(), tracked=st.booleans())
    def track(self, data, tracked: bool) -> None:
        nodes = self._nodes()
        if nodes:
            self._attempt(services.set_tracked, data.draw(st.sampled_from(nodes))["id"], tracked)

    @rule(data=st.data(), status=st.sampled_from(["in_progress", "done", "not_started", "dropped"]))
    def set_status(self, data, status: str) -> None:
        tasks = services.program_tasks(self.db, self.quarter)
        if tasks:
            task = data.draw(st.sampled_from(tasks))
            self._attempt(services.update_task, task["task_id"], status=status, lead_unit="Ban Tổ chức")

    @rule()
    def close_quarter(self) -> None:
        self._attempt(services.close_quarter, self.quarter)

    @rule(number=st.integers(1, 999))
    def issue(self, number: int) -> None:
        self._attempt(services.issue_program, self.quarter, str(number), date(2024, 4, 1))

    @rule()
    def new_version(self) -> None:
        new = self._attempt(services.new_version, self.quarter)
        if new:
            self.quarter = new

    @rule(data=st.data())
    def excel_round_trip(self, data) -> None:
        import openpyxl

        out = Path(self.folder.name) / "so.xlsx"
        services.export_tracking_workbook(self.db, self.quarter, out)
        book = openpyxl.load_workbook(out)
        sheet = book["Nhiệm vụ"]
        if sheet.max_row < 2:
            return
        row = data.draw(st.integers(2, sheet.max_row))
        sheet[f"G{row}"] = data.draw(st.sampled_from(["hoàn thành", "đang thực hiện"]))
        book.save(out)
        self._attempt(services.import_tracking_workbook, self.quarter, out, True)

    @precondition(lambda self: bool(getattr(self, "done", None)))
    @rule()
    def undo(self) -> None:
        op, before, after = self.done.pop()
        rows = table_rows(self.db)
        try:
            services.undo(self.db, op)
        except HgdeskError:  # a later issue locked it: refused, nothing changed
            assert {k: v for k, v in table_rows(self.db).items()} == rows
            self.done.clear()
            self.undone.clear()
            return
        self.operations += 1
        assert _live(visible_rows(self.db)) == before  # undo∘do = identity, same ids
        self.undone.append((op, before, after))
        if self.quarter not in {p.id for p in services.list_programs(self.db)}:
            self.quarter = max(p.id for p in services.list_programs(self.db) if p.kind == "quarterly")

    @precondition(lambda self: bool(getattr(self, "undone", None)))
    @rule()
    def redo(self) -> None:
        op, before, after = self.undone.pop()
        services.redo(self.db, op)
        self.operations += 1
        assert _live(visible_rows(self.db)) == after
        self.done.append((op, before, after))

    # --- invariants --------------------------------------------------------------------------
    @invariant()
    def audit_trail_is_append_only_and_complete(self) -> None:
        if not hasattr(self, "db"):
            return
        trail = self._trail()
        assert trail[:len(self.trail)] == self.trail
        self.trail = trail
        with self.db.engine.connect() as conn:
            records = conn.execute(text("SELECT count(*) FROM audit_entry WHERE rows IS NOT NULL")).scalar()
        assert records == self.operations
        for entry in services.audit_entries(self.db):
            before, after = entry["summary"].get("before"), entry["summary"].get("after")
            if isinstance(before, dict) and isinstance(after, dict):
                assert before != after

    @invariant()
    def lineage_and_history_are_intact(self) -> None:
        if not hasattr(self, "db"):
            return
        with self.db.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM task WHERE lineage_id IS NULL")).scalar() == 0
            orphans = conn.execute(text(
                "SELECT count(*) FROM task_event e LEFT JOIN task t ON t.id = e.task_id WHERE t.id IS NULL")).scalar()
            assert orphans == 0
            # every live task's status is the last status of its history (or never changed)
            rows = conn.execute(text(
                "SELECT t.id, t.status, (SELECT e.to_status FROM task_event e WHERE e.task_id = t.id "
                "ORDER BY e.id DESC LIMIT 1) FROM task t WHERE t.deleted_at IS NULL")).all()
        for _task, status, last in rows:
            assert last is None or last == status

    @invariant()
    def reports_equal_a_recomputation_and_one_current_program_per_quarter(self) -> None:
        if not hasattr(self, "db"):
            return
        with self.db.engine.connect() as conn:
            current = conn.execute(text(
                "SELECT p.id, p.quarter FROM program p WHERE p.kind = 'quarterly' AND p.status <> 'archived' "
                "AND NOT EXISTS (SELECT 1 FROM program q WHERE q.supersedes_id = p.id)")).all()
            assert len({q for _, q in current}) == len(current)
            superseding = conn.execute(text(
                "SELECT supersedes_id, count(*) FROM program WHERE supersedes_id IS NOT NULL GROUP BY supersedes_id"
            )).all()
            assert all(n == 1 for _, n in superseding)
            statuses = Counter(dict(conn.execute(text(
                "SELECT t.status, count(*) FROM task t JOIN program p ON p.id = t.program_id "
                "WHERE t.deleted_at IS NULL AND p.kind = 'quarterly' "
                "AND NOT EXISTS (SELECT 1 FROM program q WHERE q.supersedes_id = p.id) GROUP BY t.status")).all()))
        report = services.report_status(self.db, self.quarter)
        counted = Counter()
        for quarter in report:
            counted.update({k: v for k, v in quarter["status"].items() if v})
        assert counted == statuses


SecretaryOperations.TestCase.settings = settings(
    max_examples=8, stateful_step_count=12, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
test_secretary_operations = pytest.mark.slow(SecretaryOperations.TestCase)
