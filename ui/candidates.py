"""Nhiệm vụ năm để chọn: beside the tree of a quarter draft, each section's annual paragraphs,
ticked when they are in the draft. Ticking puts a paragraph in its section, unticking takes it
out; "Thêm tất cả" puts every paragraph of the chosen section in. Each row says why it is
proposed for this quarter and which other quarter already has it."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
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
from ui import runner

ID_ROLE = Qt.ItemDataRole.UserRole
CANDIDATE_MIME = "application/x-hgdesk-candidates"  # annual paragraph ids, dragged onto a section of the tree


class CandidateTree(QTreeWidget):
    """The candidates, which can be dragged onto a section of the program tree."""

    def mimeTypes(self) -> list[str]:
        return [CANDIDATE_MIME]

    def mimeData(self, items) -> QMimeData:
        ids = [str(row["annual_node_id"]) for row in (i.data(0, ID_ROLE) or {} for i in items)
               if "annual_node_id" in row and not row["node_id"]]
        mime = QMimeData()
        mime.setData(CANDIDATE_MIME, QByteArray(",".join(ids).encode()))
        return mime


class CandidatesPanel(QWidget):
    def __init__(self, db: services.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.program_id: int | None = None
        self.sections: list[dict[str, Any]] = []
        self._filling = False
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = CandidateTree()
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Nhiệm vụ trong chương trình năm"), self.tr("Đề xuất vì / đã có ở")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.tree.header().resizeSection(1, 150)
        self.tree.setUniformRowHeights(True)
        self.tree.setAccessibleName(self.tr("Nhiệm vụ năm để chọn vào quý"))
        self.tree.itemChanged.connect(self._ticked)
        self.add_all = QPushButton(self.tr("Thêm tất cả vào mục này"))
        self.add_all.clicked.connect(self.add_all_of_current)
        self.only_open = QPushButton(self.tr("Chỉ hiện nhiệm vụ chưa chọn"))
        self.only_open.setCheckable(True)
        self.only_open.toggled.connect(lambda _on: self._apply_filter())
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_all)
        buttons.addWidget(self.only_open)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)

    def load(self, program: dict[str, Any] | None) -> None:
        """Show the candidates of a quarter draft derived from an annual program (else a note)."""
        usable = bool(program) and program["kind"] == "quarterly" and program.get("parent_id") is not None
        self.program_id = program["id"] if usable else None
        self.editable = usable and program["status"] == "draft"
        self.stale = True
        if self.isVisible():  # otherwise when its tab is first shown: switching programs stays quick
            self.refresh()

    def refresh(self) -> None:
        self.stale = False
        self.sections = []
        if self.program_id is not None:
            found = runner.call(self, self.tr("Không tải được nhiệm vụ năm"), services.quarter_candidates, self.db,
                                self.program_id)
            self.sections = [] if found is runner.FAILED else found
        self._fill()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if getattr(self, "stale", False):
            self.refresh()

    def _fill(self) -> None:
        self._filling = True
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        picked = total = 0
        for section in self.sections:
            rows = section["candidates"]
            if not rows:
                continue
            head = QTreeWidgetItem([f"{section['label']} {section['heading']}".strip(), ""])
            head.setFont(0, bold)
            head.setData(0, ID_ROLE, {"annual_section_id": section["annual_section_id"]})
            if section["section_id"] is None:
                head.setToolTip(0, self.tr("Mục này chưa có trong dự thảo (chưa chọn nhiệm vụ nào); "
                                           "chọn một nhiệm vụ sẽ đưa mục vào dự thảo."))
            in_draft = sum(1 for r in rows if r["node_id"])
            head.setText(1, self.tr("đã chọn {k}/{n}").format(k=in_draft, n=len(rows)))
            picked, total = picked + in_draft, total + len(rows)
            self.tree.addTopLevelItem(head)
            for row in rows:
                item = QTreeWidgetItem([row["text"], self._note(row)])
                item.setToolTip(0, row["text"])
                item.setToolTip(1, self._note(row))
                item.setData(0, ID_ROLE, row)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if self.editable and not row["carried"]:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                item.setFlags(flags)
                item.setCheckState(0, Qt.CheckState.Checked if row["node_id"] else Qt.CheckState.Unchecked)
                if row["carried"]:
                    item.setForeground(1, QBrush(QColor("#a15c00")))
                head.addChild(item)
            head.setExpanded(True)
        if self.program_id is None:
            self.summary.setText(self.tr("Danh sách này dùng cho dự thảo chương trình quý soạn từ chương trình năm."))
        else:
            self.summary.setText(self.tr(
                "Đánh dấu nhiệm vụ của chương trình năm để đưa vào quý; bỏ đánh dấu để đưa ra. "
                "Đã chọn {k} trong {n} nhiệm vụ năm.").format(k=picked, n=total))
        self.add_all.setEnabled(self.editable)
        self._filling = False
        self._apply_filter()

    def _note(self, row: dict[str, Any]) -> str:
        parts = []
        if row["carried"]:
            parts.append(self.tr("chuyển từ quý trước"))
        elif row["reason"]:
            parts.append(row["reason"])
        if row["scheduled_in"]:
            parts.append(self.tr("đã có ở {q}").format(q=", ".join(row["scheduled_in"])))
        return "; ".join(parts)

    def _apply_filter(self) -> None:
        only_open = self.only_open.isChecked()
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                child = head.child(j)
                child.setHidden(only_open and child.checkState(0) == Qt.CheckState.Checked)

    def _ticked(self, item: QTreeWidgetItem, column: int) -> None:
        if self._filling or column != 0 or self.program_id is None:
            return
        row = item.data(0, ID_ROLE) or {}
        if "annual_node_id" not in row:
            return
        on = item.checkState(0) == Qt.CheckState.Checked
        if on == bool(row["node_id"]):
            return
        # the tree is rebuilt afterwards: not inside the item's own change signal
        QTimer.singleShot(0, lambda: self.set_picked([row["annual_node_id"]], on))

    def set_picked(self, annual_ids: list[int], on: bool) -> None:
        """Put the paragraphs in (on) or take them out of the draft, then show the new state."""
        fn = services.pick_candidates if on else services.unpick_candidates
        title = self.tr("Không đưa được nhiệm vụ vào quý") if on else self.tr("Không bỏ được nhiệm vụ khỏi quý")
        runner.call(self, title, fn, self.db, self.program_id, annual_ids)
        found = runner.call(self, title, services.quarter_candidates, self.db, self.program_id)
        self.sections = [] if found is runner.FAILED else found
        self._fill()  # the other views follow the operation's broadcast

    def drop_into(self, annual_ids: list[int], section_id: int) -> None:
        """Candidates dragged onto a section of the tree: into the draft, in that section."""
        if self.program_id is None or not self.editable or not annual_ids:
            return
        result = runner.call(self, self.tr("Không đưa được nhiệm vụ vào mục này"), services.pick_candidates, self.db,
                             self.program_id, annual_ids, section_id)
        if result is not runner.FAILED:
            self.refresh()

    def current_section(self) -> dict[str, Any] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        while item.parent() is not None:
            item = item.parent()
        annual_section_id = (item.data(0, ID_ROLE) or {}).get("annual_section_id")
        return next((s for s in self.sections if s["annual_section_id"] == annual_section_id), None)

    def add_all_of_current(self) -> None:
        section = self.current_section()
        if section is None:
            runner.show_error(self, self.tr("Chưa chọn mục"), self.tr("Hãy chọn một mục trong danh sách trước."))
            return
        missing = [r["annual_node_id"] for r in section["candidates"] if not r["node_id"]]
        if missing:
            self.set_picked(missing, True)
