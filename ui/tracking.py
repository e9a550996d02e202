"""Theo dõi nhiệm vụ: the tasks of the program (or the whole year) in a sortable, filterable,
editable table, with the carry-over chain of the selected task."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from hgdesk.services import fold, to_roman
from hgdesk.vocab import TaskStatus
from ui import runner
from ui.models import LazyTab, RowsModel

STATUS_VI = TaskStatus.labels()

Index = QModelIndex | QPersistentModelIndex
STATUS_COLOURS = {TaskStatus.DONE: "#e3f4e1", TaskStatus.CARRIED: "#fde8d0", TaskStatus.DROPPED: "#eeeeee",
                  TaskStatus.IN_PROGRESS: "#e4eefb"}


class TaskTableModel(RowsModel):
    """Rows from services.program_tasks; edits go straight back through services.update_task."""

    COLUMNS = (("quarter", "Quý"), ("place", "Mục"), ("text", "Nhiệm vụ"), ("status", "Trạng thái"),
               ("lead_unit", "Cơ quan chủ trì"), ("cooperating_units", "Phối hợp"),
               ("result_note", "Kết quả"), ("carried_count", "Chuyển"))
    EDITABLE = frozenset({"status", "lead_unit", "cooperating_units", "result_note"})
    updated = Signal()
    conflict = Signal()

    def __init__(self, db: services.Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.rows: list[dict[str, Any]] = []

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        value = row.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if key == "status":
                return self.tr(STATUS_VI.get(value, value)).capitalize()
            if key == "quarter":
                return to_roman(value) if value else ""
            if key == "text" and role == Qt.ItemDataRole.DisplayRole and len(value) > 160:
                return value[:158] + "…"
            return value
        if role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.UserRole:
            return row
        if role == Qt.ItemDataRole.BackgroundRole and key == "status" and value in STATUS_COLOURS:
            return QColor(STATUS_COLOURS[value])
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("carried_count", "quarter", "place"):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()][0] in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = self.COLUMNS[index.column()][0]
        row = self.rows[index.row()]
        if value == row.get(key):
            return False
        field = {"status": "status", "lead_unit": "lead_unit", "cooperating_units": "cooperating_units",
                 "result_note": "result_note"}[key]
        result = runner.call(self.parent(), self.tr("Không cập nhật được nhiệm vụ"), services.update_task,
                             self.db, row["task_id"], expected_version=row["version"], **{field: value})
        if result is runner.FAILED:
            self.conflict.emit()  # what is stored may have changed: show it again
            return False
        row.update(result)
        row[key] = value if key != "status" else result["status"]
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        self.updated.emit()
        return True


class StatusDelegate(QStyledItemDelegate):
    """A drop-down of the Vietnamese statuses for the status column."""

    def createEditor(self, parent, option, index):
        combo = QComboBox(parent)
        for code, name in STATUS_VI.items():
            if code != "carried":  # carried is set by closing the quarter
                combo.addItem(name.capitalize(), code)
        return combo

    def setEditorData(self, editor, index):
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor, model, index):
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class TaskFilter(QSortFilterProxyModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status = ""
        self.unit = ""
        self.quarter = 0
        self.search = ""
        self.setSortRole(Qt.ItemDataRole.EditRole)

    def set_filters(self, status: str, unit: str, quarter: int, search: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self.status, self.unit, self.quarter, self.search = status, unit, quarter, fold(search)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.status, self.unit, self.quarter, self.search = status, unit, quarter, fold(search)
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        row = self.sourceModel().rows[source_row]
        if self.status and row["status"] != self.status:
            return False
        if self.unit and fold(self.unit) not in fold(row["lead_unit"]):
            return False
        if self.quarter and row["quarter"] != self.quarter:
            return False
        return not self.search or self.search in fold(f"{row['text']} {row['result_note']} {row['lead_unit']}")


class TrackingTab(LazyTab):
    changedContent = Signal()
    updates_in_place = True  # a cell edit updates its row; a reload would move the user's place

    def concerned(self, changes) -> bool:
        """The open program's tasks, or (year scope) any task of the organisation's year."""
        return bool(self.program) and (self.program["id"] in changes.touched or bool(changes.tasks))

    def __init__(self, db: services.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.model = TaskTableModel(db, self)
        self.model.updated.connect(self.changedContent)
        self.model.updated.connect(self._show_chain)
        self.model.updated.connect(self._filter)  # the summary counts what the edit changed
        self.model.conflict.connect(self.refresh)
        self.proxy = TaskFilter(self)
        self.proxy.setSourceModel(self.model)

        self.scope = QComboBox()
        self.scope.addItem(self.tr("Chương trình đang mở"), "program")
        self.scope.addItem(self.tr("Cả năm (các quý)"), "year")
        self.status = QComboBox()
        self.status.addItem(self.tr("Mọi trạng thái"), "")
        for code, name in STATUS_VI.items():
            self.status.addItem(name.capitalize(), code)
        self.quarter = QComboBox()
        self.quarter.addItem(self.tr("Mọi quý"), 0)
        for q in (1, 2, 3, 4):
            self.quarter.addItem(self.tr("Quý {q}").format(q=to_roman(q)), q)
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.lineEdit().setPlaceholderText(self.tr("Cơ quan chủ trì"))
        self.unit.setMinimumWidth(200)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm trong nhiệm vụ…"))
        self.search.setClearButtonEnabled(True)
        self.summary = QLabel()
        for w in (self.status, self.quarter):
            w.currentIndexChanged.connect(self._filter)
        self.unit.currentTextChanged.connect(self._filter)
        self.search.textChanged.connect(self._filter)
        self.scope.currentIndexChanged.connect(self.refresh)

        bar = QHBoxLayout()
        for label, w in ((self.tr("Phạm vi:"), self.scope), (self.tr("Trạng thái:"), self.status),
                         (self.tr("Quý:"), self.quarter), (self.tr("Chủ trì:"), self.unit)):
            bar.addWidget(QLabel(label))
            bar.addWidget(w)
        bar.addWidget(self.search, 1)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegateForColumn(3, StatusDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 40), (1, 56), (3, 120), (4, 140), (5, 110), (6, 150), (7, 60)):
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setDefaultSectionSize(48)
        self.table.selectionModel().currentRowChanged.connect(self._show_chain)

        self.chain = QTextBrowser()
        self.chain.setPlaceholderText(self.tr("Chọn một nhiệm vụ để xem nó đã đi qua các quý nào."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chain)
        split.setSizes([600, 110])
        self.splitter = split

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.summary)

    def fill(self) -> None:
        program = self.program
        rows: list[dict[str, Any]] = []
        if program:
            if self.scope.currentData() == "year" and program.get("year"):
                ids = services.program_ids_of(self.db, program["organization_id"], program["year"])
                for q in sorted(ids):
                    rows += services.program_tasks(self.db, ids[q])
            else:
                rows = services.program_tasks(self.db, program["id"])
        self.model.set_rows(rows)
        units = sorted({r["lead_unit"] for r in rows if r["lead_unit"]})
        current = self.unit.currentText()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem("")
        self.unit.addItems(units)
        self.unit.setCurrentText(current)
        self.unit.blockSignals(False)
        self._filter()
        self.chain.clear()

    def _filter(self) -> None:
        self.proxy.set_filters(self.status.currentData() or "", self.unit.currentText().strip(),
                               self.quarter.currentData() or 0, self.search.text())
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        done = sum(1 for r in self.model.rows if r["status"] == "done")
        self.summary.setText(self.tr("Hiển thị {shown}/{total} nhiệm vụ · hoàn thành {done}").format(
            shown=shown, total=total, done=done))

    def _show_chain(self, *_args) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = index.data(Qt.ItemDataRole.UserRole)
        links = runner.call(self, self.tr("Không xem được chuỗi nhiệm vụ"), services.task_chain, self.db, row["task_id"])
        if not links:
            return
        from html import escape

        items = []
        for link in links:
            status = STATUS_VI.get(link["status"], "")
            period = self.tr("Quý {p}").format(p=link["period"][1:]) if link["period"].startswith("Q") \
                else self.tr("Chương trình {p}").format(p=link["period"])
            items.append(f"<li><b>{escape(period)}</b>{' – ' + escape(status) if status else ''}</li>")
        carried = max(0, len([x for x in links if x["task_id"]]) - 1)
        self.chain.setHtml(
            f"<p><b>{escape(self.tr('Chuỗi nhiệm vụ'))}</b> ({escape(self.tr('chuyển {n} lần').format(n=carried))}): "
            f"{escape(links[-1]['text'][:200])}</p><ol>{''.join(items)}</ol>"
        )
