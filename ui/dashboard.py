"""Tổng quan: overdue tasks, tasks due soon, tasks carried again and again (each by lead unit),
indicators behind their expected progress and drafts waiting to be issued. Every row opens what it
names (the task in the tracking table, the indicator, the draft); a unit's "nhắc việc" prints as one page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from hgdesk.services import Database
from hgdesk.vocab import TaskStatus
from ui import runner
from ui.models import LazyTab


class DashboardTab(LazyTab):
    """Fills itself from services.dashboard (read off the GUI thread) whenever shown or told the data changed."""

    openTask = Signal(int, int)  # program id, task id
    openIndicator = Signal(int, int)  # program id, node id of the indicator
    openProgram = Signal(int)
    reminderSaved = Signal(str)  # the PDF written

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
        # the task text takes what the window leaves; the short columns keep their width, so the program
        # stays in view even with the format panel open at 1366×768
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 84), (2, 120), (3, 56), (4, 230)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        row = QHBoxLayout()
        row.addWidget(self.tree, 1)
        layout.addLayout(row, 1)
        self.unit = QComboBox()
        self.unit.setMinimumWidth(260)
        self.remind_button = QPushButton(self.tr("In &nhắc việc cho đơn vị…"))
        self.remind_button.clicked.connect(lambda: self.print_reminder())
        self.tree.currentItemChanged.connect(self._unit_of_row)
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Đơn vị:")))
        bottom.addWidget(self.unit)
        bottom.addWidget(self.remind_button)
        bottom.addStretch(1)
        hint = QLabel(self.tr("Nhấp đúp một dòng để mở nhiệm vụ, chỉ tiêu hoặc dự thảo."))
        hint.setStyleSheet("color:#555")
        bottom.addWidget(hint)
        layout.addLayout(bottom)

    def gather(self):
        """The province-wide reads (every unfinished task) run off the GUI thread."""
        db, as_of = self.db, self.as_of
        return lambda: services.dashboard(db, as_of)

    def _read_failed(self, message: str, details: str) -> None:
        self.tree.clear()
        runner.show_error(self, self.tr("Không đọc được tổng quan"), message, details)

    def present(self, board) -> None:
        self.tree.clear()
        self.board = board
        counts = (board.count(board.overdue), board.count(board.due_soon), board.count(board.carried),
                  len(board.behind), len(board.drafts))
        self.summary.setText(self.tr(
            "<b>Hôm nay {day}</b>: <span style='color:#b00020'><b>{overdue}</b> nhiệm vụ quá hạn</span> · "
            "<b>{soon}</b> nhiệm vụ đến hạn trong 14 ngày · <b>{carried}</b> nhiệm vụ chuyển từ 2 quý trở lên · "
            "<b>{behind}</b> chỉ tiêu chậm tiến độ · <b>{drafts}</b> dự thảo chờ ban hành").format(
                day=f"{board.as_of:%d/%m/%Y}", overdue=counts[0], soon=counts[1], carried=counts[2],
                behind=counts[3], drafts=counts[4])
            + (self.tr(" <i>(chưa tính {n} nhiệm vụ đến hạn của dự thảo chưa ban hành: nhiệm vụ được giao khi ban "
                       "hành)</i>").format(n=board.in_drafts) if board.in_drafts else ""))
        chosen = self.unit.currentText()
        self.unit.clear()
        self.unit.addItems(services.reminder_units(board))
        self.unit.setCurrentText(chosen)
        self.remind_button.setEnabled(self.unit.count() > 0)
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
                        services.clip(task.text, 200),
                        f"{task.due_date:%d/%m/%Y}" if task.due_date else "",
                        TaskStatus.label_of(task.status).capitalize(), str(task.carried or ""),
                        task.program.split(" – ", 1)[-1]])  # the office in the tooltip: one office is the rule
                    item.setToolTip(0, task.text)
                    item.setToolTip(4, task.program)
                    item.setData(0, Qt.ItemDataRole.UserRole, ("task", task.program_id, task.task_id))
                group.setData(0, Qt.ItemDataRole.UserRole + 1, unit)
            top.setExpanded(True)
            for i in range(top.childCount()):
                top.child(i).setExpanded(title != self.tr("Chuyển từ 2 quý trở lên"))
        behind = QTreeWidgetItem(self.tree, [self.tr("Chỉ tiêu chậm so với tiến độ ({n})").format(n=len(board.behind))])
        behind.setFont(0, bold)
        for line in board.behind:
            item = QTreeWidgetItem(behind, [
                services.clip(line.text, 200), line.period.replace("-Q", " – quý "),
                self.tr("đạt {p}%, cần {e}%").format(p=services.format_vn_number(line.percent),
                                                    e=services.format_vn_number(line.expected)), "",
                line.program.split(" – ", 1)[-1]])
            item.setToolTip(0, line.text)
            item.setToolTip(4, line.program)
            item.setData(0, Qt.ItemDataRole.UserRole, ("indicator", line.program_id, line.node_id))
        behind.setExpanded(True)
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
        kind, program_id, item_id = target
        if kind == "task":
            self.openTask.emit(program_id, item_id)
        elif kind == "indicator":
            self.openIndicator.emit(program_id, item_id)
        else:
            self.openProgram.emit(program_id)

    def _unit_of_row(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        """Choosing a unit's group (or one of its tasks) chooses that unit for the reminder."""
        while item is not None and item.data(0, Qt.ItemDataRole.UserRole + 1) is None:
            item = item.parent()
        if item is not None and self.unit.findText(item.data(0, Qt.ItemDataRole.UserRole + 1)) >= 0:
            self.unit.setCurrentText(item.data(0, Qt.ItemDataRole.UserRole + 1))

    def print_reminder(self, path: str | None = None) -> Path | None:
        """Nhắc việc: the chosen unit's one-page list as a PDF, to print or send."""
        unit = self.unit.currentText()
        if not unit:
            return None
        if path is None:
            start = Path(str(QSettings().value("last_folder", str(Path.home()))))
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu nhắc việc"), str(start / f"Nhắc việc - {unit}.pdf"),
                                                  self.tr("Tệp PDF (*.pdf)"))
            if not path:
                return None
        saved = runner.call(self, self.tr("Không in được nhắc việc"), services.unit_reminder_pdf, self.db, unit, path,
                            self.as_of)
        if saved is runner.FAILED:
            return None
        self.reminderSaved.emit(str(saved))
        return saved
