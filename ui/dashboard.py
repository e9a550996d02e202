"""Tổng quan: overdue tasks, tasks due soon, tasks carried again and again (each by lead unit), and
drafts waiting to be issued. A double-click opens the task's place or the draft."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from hgdesk import services
from hgdesk.services import Database
from hgdesk.vocab import TaskStatus
from ui import runner
from ui.models import LazyTab


class DashboardTab(LazyTab):
    """Fills itself from services.dashboard whenever shown or told the data changed."""

    openNode = Signal(int, int)  # program id, node id
    openProgram = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.as_of: date | None = None  # None: today
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        columns = [self.tr("Nhiệm vụ"), self.tr("Hạn"), self.tr("Trạng thái"), self.tr("Chuyển"),
                   self.tr("Chương trình")]
        self.tree = QTreeWidget()
        self.tree.setColumnCount(len(columns))
        self.tree.setHeaderLabels(columns)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        self.tree.itemActivated.connect(self._open)
        self.tree.header().resizeSection(0, 520)
        row = QHBoxLayout()
        row.addWidget(self.tree, 1)
        layout.addLayout(row, 1)

    def fill(self) -> None:
        board = runner.call(self, self.tr("Không đọc được tổng quan"), services.dashboard, self.db, self.as_of)
        self.tree.clear()
        if board is runner.FAILED:
            return
        self.board = board
        counts = (board.count(board.overdue), board.count(board.due_soon), board.count(board.carried),
                  len(board.drafts))
        self.summary.setText(self.tr(
            "<b>Hôm nay {day}</b>: <span style='color:#b00020'><b>{overdue}</b> nhiệm vụ quá hạn</span> · "
            "<b>{soon}</b> nhiệm vụ đến hạn trong 14 ngày · <b>{carried}</b> nhiệm vụ chuyển từ 2 quý trở lên · "
            "<b>{drafts}</b> dự thảo chờ ban hành").format(
                day=f"{board.as_of:%d/%m/%Y}", overdue=counts[0], soon=counts[1], carried=counts[2], drafts=counts[3]))
        bold = QFont()
        bold.setBold(True)
        for title, groups in ((self.tr("Quá hạn"), board.overdue), (self.tr("Đến hạn trong 14 ngày"), board.due_soon),
                              (self.tr("Chuyển từ 2 quý trở lên"), board.carried)):
            top = QTreeWidgetItem(self.tree, [f"{title} ({board.count(groups)})"])
            top.setFont(0, bold)
            for unit, tasks in groups.items():
                group = QTreeWidgetItem(top, [f"{unit} ({len(tasks)})"])
                for task in tasks:
                    item = QTreeWidgetItem(group, [
                        task.text if len(task.text) <= 200 else task.text[:198] + "…",
                        f"{task.due_date:%d/%m/%Y}" if task.due_date else "",
                        TaskStatus.label_of(task.status).capitalize(), str(task.carried or ""), task.program])
                    item.setToolTip(0, task.text)
                    item.setData(0, Qt.ItemDataRole.UserRole, ("node", task.program_id, task.node_id))
            top.setExpanded(True)
            for i in range(top.childCount()):
                top.child(i).setExpanded(title != self.tr("Chuyển từ 2 quý trở lên"))
        drafts = QTreeWidgetItem(self.tree, [self.tr("Dự thảo chờ ban hành ({n})").format(n=len(board.drafts))])
        drafts.setFont(0, bold)
        for draft in board.drafts:
            item = QTreeWidgetItem(drafts, [draft.program, "", "", "", draft.organization])
            item.setData(0, Qt.ItemDataRole.UserRole, ("program", draft.program_id, 0))
        drafts.setExpanded(True)

    def _open(self, item: QTreeWidgetItem) -> None:
        target = item.data(0, Qt.ItemDataRole.UserRole)
        if not target:
            return
        kind, program_id, node_id = target
        if kind == "node":
            self.openNode.emit(program_id, node_id)
        else:
            self.openProgram.emit(program_id)
