"""A secretary setting statuses at random in Theo dõi nhiệm vụ — in the status cell or with the bar
under the table, answering the result/reason dialog or cancelling it, undoing and redoing. After every
step the table shows what is stored and no task is "không thực hiện" without its reason; after the bar
applied a change its status is back on "(giữ trạng thái)"."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from hgdesk import services
from hgdesk.db import Database
from hgdesk.tracking import TRANSITIONS
from tests.conftest import SEEDS
from tests.modals import answer_modals
from ui import runner
from ui.evidence import NoteDialog
from ui.main_window import MainWindow

ROWS = 4
STATUSES = st.sampled_from(["not_started", "in_progress", "done", "dropped"])
ANSWERS = st.sampled_from([None, "Cấp trên chưa hướng dẫn", "Đã tổ chức hội nghị"])  # None: Hủy


class Secretary(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="hgdesk-status-"))
        self.db = Database(str(self.folder / "hgdesk.sqlite3"))
        annual = services.import_file(self.db, SEEDS / "seed000.txt")
        self.quarter = services.derive_quarter(self.db, annual, 2)
        self.refused: list[str] = []
        self.show_error = runner.show_error
        runner.show_error = lambda _parent, _title, message, details="": self.refused.append(message)
        self.answer: str | None = None
        self.asked = 0
        self.timer = answer_modals(self._answer)
        self.win = MainWindow(self.db)
        self.win.show()
        self.win.refresh_programs(self.quarter)
        self.win.tabs.setCurrentWidget(self.win.tracking)
        QApplication.processEvents()

    def teardown(self) -> None:
        self.timer.stop()
        runner.show_error = self.show_error
        self.win.close()
        self.win.deleteLater()
        QApplication.processEvents()
        self.db.dispose()

    def _answer(self, box) -> None:
        if isinstance(box, NoteDialog) and box.isVisible():
            self.asked += 1
            ok, cancel = box.findChild(QDialogButtonBox).buttons()
            if self.answer is None:
                cancel.click()
            else:
                box.note.setPlainText(self.answer)
                ok.click()

    @property
    def tab(self):
        return self.win.tracking

    def _stored(self) -> dict[int, tuple[str, str]]:
        return {r["task_id"]: (r["status"], r["result_note"]) for r in services.program_tasks(self.db, self.quarter)}

    def _expect(self, rows: list[dict], status: str, answer: str | None, before: dict[int, tuple[str, str]],
                asked: int, bar: bool = False) -> None:
        """What the step must leave: asked (done, dropped) and cancelled = nothing changed; refused
        transitions = nothing changed (and nothing asked first); else the status, with the answer as
        the note when asked. The cell asks only for a change of status; the bar asks for every row
        chosen (a new result or reason for rows already in that status)."""
        asking = status in ("done", "dropped")
        ids = [r["task_id"] for r in rows]
        changing = [i for i in ids if before[i][0] != status]
        allowed = all(status in TRANSITIONS[before[i][0]] for i in changing)
        touched = ids if asking and bar else changing
        if asking and touched:
            assert self.asked == asked + (1 if allowed else 0)
        after = self._stored()
        if not touched or (asking and answer is None) or not allowed:
            assert {i: after[i] for i in before} == before
        else:
            for i in touched:
                assert after[i][0] == status
                if asking:
                    assert after[i][1] == answer

    @rule(row=st.integers(0, ROWS - 1), status=STATUSES, answer=ANSWERS)
    def set_in_the_cell(self, row: int, status: str, answer: str | None) -> None:
        before, asked = self._stored(), self.asked
        self.answer = answer
        column = [c[0] for c in self.tab.model.COLUMNS].index("status")
        self.tab.proxy.setData(self.tab.proxy.index(row, column), status)  # what the cell's drop-down commits
        self._expect([self.tab.model.rows[row]], status, answer, before, asked)

    @rule(rows=st.sets(st.integers(0, ROWS - 1), min_size=1), status=STATUSES, answer=ANSWERS)
    def apply_with_the_bar(self, rows: set[int], status: str, answer: str | None) -> None:
        before, asked = self._stored(), self.asked
        self.answer = answer
        selection = self.tab.table.selectionModel()
        selection.clearSelection()
        for row in rows:
            selection.select(self.tab.proxy.index(row, 0),
                             QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        bar = self.tab.bulk
        bar.status.setCurrentIndex(bar.status.findData(status))
        bar.apply_button.click()
        self._expect([self.tab.model.rows[r] for r in sorted(rows)], status, answer, before, asked, bar=True)
        if self._stored() != before:  # applied: the bar is back on "(giữ trạng thái)"
            assert bar.status.currentIndex() == 0 and bar.status.currentText() == "(giữ trạng thái)"
        bar.status.setCurrentIndex(0)  # a refused or cancelled change leaves the choice: the secretary clears it

    @rule()
    def undo(self) -> None:
        if self.tab.bulk.undo_button.isEnabled():
            self.tab.bulk.undo_button.click()

    @rule()
    def redo(self) -> None:
        if self.tab.bulk.redo_button.isEnabled():
            self.tab.bulk.redo_button.click()

    @invariant()
    def the_table_shows_what_is_stored_and_every_dropped_task_says_why(self) -> None:
        stored = self._stored()
        for row in self.tab.model.rows:
            assert (row["status"], row["result_note"]) == stored[row["task_id"]]
        assert all(note for status, note in stored.values() if status == "dropped")


Secretary.TestCase.settings = settings(max_examples=10, stateful_step_count=10, deadline=None,
                                       suppress_health_check=list(HealthCheck))
test_statuses_set_at_random_keep_the_table_true_and_every_drop_has_its_reason = Secretary.TestCase
