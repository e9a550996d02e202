"""The candidates panel through any sequence of ticks, unticks and "thêm tất cả", checked after
every step: what the panel shows ticked is what the draft holds, the draft has no task twice,
and the coverage report lists exactly the annual paragraphs no quarter holds."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from hgdesk import services
from hgdesk.db import Database
from tests.conftest import SEEDS
from ui.candidates import CandidatesPanel

pytestmark = pytest.mark.slow


class PanelMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.app = QApplication.instance() or QApplication([])

    @initialize(quarter=st.sampled_from([1, 2, 3, 4]))
    def start(self, quarter: int) -> None:
        import tempfile

        self.folder = tempfile.TemporaryDirectory()
        self.db = Database(f"{self.folder.name}/panel.sqlite3")
        self.annual = services.import_file(self.db, SEEDS / "seed000.txt")
        self.program = services.derive_quarter(self.db, self.annual, quarter)
        self.panel = CandidatesPanel(self.db)
        self.panel.show()
        self.panel.load(services.program_json(self.db, self.program))

    def teardown(self) -> None:
        if hasattr(self, "panel"):
            self.panel.close()
            self.panel.deleteLater()
            self.db.dispose()
            self.folder.cleanup()

    def items(self):
        tree = self.panel.tree
        return [tree.topLevelItem(i).child(j) for i in range(tree.topLevelItemCount())
                for j in range(tree.topLevelItem(i).childCount())]

    def settle(self) -> None:
        for _ in range(3):
            self.app.processEvents()

    @rule(data=st.data())
    def tick_or_untick(self, data) -> None:
        items = [i for i in self.items() if i.flags() & Qt.ItemFlag.ItemIsUserCheckable]
        item = data.draw(st.sampled_from(items))
        on = item.checkState(0) == Qt.CheckState.Checked
        item.setCheckState(0, Qt.CheckState.Unchecked if on else Qt.CheckState.Checked)
        self.settle()

    @rule(data=st.data())
    def add_all_of_a_section(self, data) -> None:
        tree = self.panel.tree
        head = tree.topLevelItem(data.draw(st.integers(0, tree.topLevelItemCount() - 1)))
        tree.setCurrentItem(head)
        self.panel.add_all_of_current()
        self.settle()

    @invariant()
    def the_panel_shows_what_is_stored(self) -> None:
        if not hasattr(self, "panel"):
            return
        shown = {i.data(0, Qt.ItemDataRole.UserRole)["annual_node_id"] for i in self.items()
                 if i.checkState(0) == Qt.CheckState.Checked}
        stored = {c["annual_node_id"] for s in services.quarter_candidates(self.db, self.program)
                  for c in s["candidates"] if c["node_id"]}
        assert shown == stored
        texts = [t["text"] for t in services.program_tasks(self.db, self.program)]
        assert len(texts) == len(set(texts))
        everything = {i.data(0, Qt.ItemDataRole.UserRole)["annual_node_id"] for i in self.items()}
        never = {r["node_id"] for r in services.report_coverage(self.db, self.annual)}
        assert never == everything - stored


TestCandidatesPanel = PanelMachine.TestCase
TestCandidatesPanel.settings = settings(max_examples=6, stateful_step_count=8, deadline=None,
                                        suppress_health_check=list(HealthCheck))
