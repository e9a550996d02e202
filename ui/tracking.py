"""Theo dõi nhiệm vụ: the tasks of the program (or the whole year) in a sortable, filterable,
editable table, with the carry-over chain of the selected task."""

from __future__ import annotations

from collections import Counter
from typing import Any, ClassVar

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from hgdesk.services import fold, to_roman
from hgdesk.vocab import WITH_WORDS, TaskStatus
from ui import runner
from ui.evidence import mark_done, mark_dropped, open_evidence, save_evidence
from ui.models import LazyTab, RowsModel

STATUS_VI = TaskStatus.labels()

Index = QModelIndex | QPersistentModelIndex
STATUS_COLOURS: dict[str, str] = {TaskStatus.DONE: "#e3f4e1", TaskStatus.CARRIED: "#fde8d0",
                                  TaskStatus.DROPPED: "#eeeeee", TaskStatus.IN_PROGRESS: "#e4eefb"}


_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole,
                    Qt.ItemDataRole.UserRole, Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.TextAlignmentRole})


class TaskTableModel(RowsModel):
    """Rows from services.program_tasks; edits go straight back through services.update_task."""

    COLUMNS = (("quarter", "Quý"), ("place", "Mục"), ("text", "Nhiệm vụ"), ("status", "Trạng thái"),
               ("lead_unit", "Cơ quan chủ trì"), ("cooperating_units", "Phối hợp"),
               ("result_note", "Kết quả"), ("carried_count", "Chuyển"), ("deadline", "Hạn"),
               ("evidence", "Minh chứng"))
    EDITABLE = frozenset({"status", "lead_unit", "cooperating_units", "result_note", "deadline"})
    updated = Signal()
    conflict = Signal()
    operated = Signal(int, str)  # op id and name of an undoable operation made by a cell edit

    def __init__(self, db: services.Database, parent=None) -> None:
        super().__init__(parent)
        self.db = db
        self.rows: list[dict[str, Any]] = []
        # sets a status that needs words (done: the result and evidence; dropped: the reason) after asking
        # for them (the tab's dialogs): conclude(rows, status) is True when set
        self.conclude: Any = None
        self._folded: dict[str, str] = {}
        self._words: dict[tuple[str, str, str], str] = {}
        # per row, kept until the rows change (not recomputed per keystroke): what the search box looks
        # in, and the count of each status (the summary under the table)
        self._word_list: list[str] | None = None
        self._tally: Counter[str] | None = None
        self.modelReset.connect(self._forget)
        self.dataChanged.connect(self._changed)

    def _forget(self) -> None:
        self._word_list, self._tally = None, None

    def _changed(self, top: QModelIndex, bottom: QModelIndex, _roles=()) -> None:
        self._tally = None
        if self._word_list is not None and len(self._word_list) == len(self.rows):
            for r in range(top.row(), bottom.row() + 1):
                self._word_list[r] = self.words_of(self.rows[r])
        else:
            self._word_list = None

    def word_list(self) -> list[str]:
        """`words_of` every row, in the rows' order."""
        if self._word_list is None or len(self._word_list) != len(self.rows):
            self._word_list = [self.words_of(row) for row in self.rows]
        return self._word_list

    def tally(self) -> Counter[str]:
        """How many rows have each status."""
        if self._tally is None:
            self._tally = Counter(r["status"] for r in self.rows)
        return self._tally

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ROLES or not index.isValid():  # the roles Qt asks of every painted cell and we leave
            return None
        row = self.rows[index.row()]
        key = self.COLUMNS[index.column()][0]
        value = deadline_text(row) if key == "deadline" else evidence_text(row) if key == "evidence" else row.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if key == "status":
                return self.tr(STATUS_VI.get(value, value)).capitalize()
            if key == "quarter":
                return to_roman(int(value)) if value else ""
            if key == "text" and role == Qt.ItemDataRole.DisplayRole and len(value) > 160:
                return services.clip(value, 160)
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

    def folded(self, text: str) -> str:
        """`text` folded for filtering and sorting, once per distinct text (units and notes repeat)."""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = fold(text)
        return folded

    def words_of(self, row: dict[str, Any]) -> str:
        """What the search box looks in: the task's text (folded when stored: the search index's
        copy), its result note and lead unit."""
        key = (row.get("folded") or row["text"] or "", row["result_note"] or "", row["lead_unit"] or "")
        words = self._words.get(key)
        if words is None:
            text = row.get("folded") or self.folded(key[0])
            words = self._words[key] = " ".join(p for p in (text, self.folded(key[1]), self.folded(key[2])) if p)
        return words

    def sort_key(self, row: dict[str, Any], key: str) -> tuple[int, Any]:
        """Empty cells last; text by its folded form (Vietnamese letters beside their base letter)."""
        value = row.get(key)
        if value is None or value == "":
            return (1, "")
        if key == "text":
            return (0, row.get("folded") or self.folded(value))
        return (0, self.folded(value)) if isinstance(value, str) else (0, value)

    def sort_rows(self, column: int, descending: bool) -> None:
        """Reorder the row list by a column in Python (stable: equal cells keep the program's order);
        the selection and the current row follow their rows."""
        key = self.COLUMNS[column][0]
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        held = [(self.rows[i.row()], i.column()) for i in before]
        keys = [self.sort_key(row, key) for row in self.rows]
        order = sorted(range(len(self.rows)), key=keys.__getitem__, reverse=descending)
        self.rows = [self.rows[i] for i in order]
        if self._word_list is not None and len(self._word_list) == len(order):
            self._word_list = [self._word_list[i] for i in order]
        where = {id(row): r for r, row in enumerate(self.rows)}
        self.changePersistentIndexList(before, [self.index(where[id(row)], column) for row, column in held])
        self.layoutChanged.emit()

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()][0] in self.EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def _view(self) -> QWidget | None:
        """The widget messages about this model's edits are shown over."""
        parent = self.parent()
        return parent if isinstance(parent, QWidget) else None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        key = self.COLUMNS[index.column()][0]
        row = self.rows[index.row()]
        if key == "status" and value in WITH_WORDS and row["status"] != value:
            return bool(self.conclude and self.conclude([row], value))  # the tab asks for the result or reason
        if key == "deadline":
            return self._set_deadline(index, row, str(value or ""))
        if value == row.get(key):
            return False
        field = {"status": "status", "lead_unit": "lead_unit", "cooperating_units": "cooperating_units",
                 "result_note": "result_note"}[key]
        result = runner.call(self._view(), self.tr("Không cập nhật được nhiệm vụ"), services.update_task,
                             self.db, row["task_id"], expected_version=row["version"], **{field: value})
        if result is runner.FAILED:
            self.conflict.emit()  # what is stored may have changed: show it again
            return False
        changed = result["version"] != row["version"]  # else no operation was made: nothing to undo
        row.update(result)
        row[key] = value if key != "status" else result["status"]
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        if changed:  # on the tab's undo history, in order with the deadlines and the bulk changes
            self.operated.emit(services.last_changes(self.db).op_id, self.tr(EDIT_NAMES[key]))
        self.updated.emit()
        return True


    def _set_deadline(self, index: Index, row: dict[str, Any], text: str) -> bool:
        """A deadline typed in the cell: read by the core, refused in Vietnamese when unreadable."""
        if " ".join(text.split()) == deadline_text(row):
            return False
        result = runner.call(self._view(), self.tr("Không đặt được hạn"), services.set_deadline, self.db,
                             row["task_id"], text, expected_version=row["version"])
        if result is runner.FAILED:
            return False
        changed = result["version"] != row["version"]  # else no operation was made: nothing to undo
        row.update({k: v for k, v in result.items() if k != "task_id"})
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), self.columnCount() - 1))
        if changed:
            self.operated.emit(services.last_changes(self.db).op_id, self.tr("Đặt hạn nhiệm vụ"))
        self.updated.emit()
        return True


EDIT_NAMES = {"status": "Đổi trạng thái nhiệm vụ", "lead_unit": "Sửa cơ quan chủ trì",
              "cooperating_units": "Sửa cơ quan phối hợp", "result_note": "Sửa kết quả"}


def deadline_text(row: dict[str, Any]) -> str:
    """The deadline as typed, else the date it falls on."""
    due = row.get("due_date")
    return row.get("deadline_text") or (f"{due:%d/%m/%Y}" if due else "")


def evidence_text(row: dict[str, Any]) -> str:
    parts = [row.get("evidence_ref") or "", f"tệp {row['evidence_name']}" if row.get("evidence_name") else ""]
    return " · ".join(p for p in parts if p)


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


def _sort_key(value: Any) -> tuple[int, Any]:
    """Empty cells last; text by its folded form (Vietnamese letters beside their base letter)."""
    if value is None or value == "":
        return (1, "")
    return (0, fold(value)) if isinstance(value, str) else (0, value)


class TaskFilter(QSortFilterProxyModel):
    """Filters and sorts the task rows with one pass in Python per change: each row's words are
    folded once (the task text comes folded from the search index), and a sort reorders the source's
    row list, so Qt never asks Python row by row per keystroke or pair by pair per sort (at 5,000
    tasks that cost 0.6 s per keystroke and per sort)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.status = ""
        self.unit = ""
        self.quarter = 0
        self.search = ""
        self._model: TaskTableModel | None = None
        self._accepted: list[bool] = []
        self._rows: list[dict[str, Any]] | None = None  # the row list `_accepted` describes

    def set_filters(self, status: str, unit: str, quarter: int, search: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9
            self.beginFilterChange()
            self._set(status, unit, quarter, search)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._set(status, unit, quarter, search)
            self.invalidateFilter()

    def _set(self, status: str, unit: str, quarter: int, search: str) -> None:
        unit, search = fold(unit), fold(search)
        # typing on narrows: only the rows shown so far can stay (rows changed in place are decided again)
        narrowing = ((status, unit, quarter) == (self.status, self.unit, self.quarter) and search != self.search
                     and search.startswith(self.search))
        self.status, self.unit, self.quarter, self.search = status, unit, quarter, search
        model = self._model
        if model is not None:
            self._accepted = self._decide(model, self._accepted if narrowing and self._rows is model.rows else None)
            self._rows = model.rows

    def _decide(self, model: TaskTableModel, shown: list[bool] | None = None) -> list[bool]:
        status, unit, quarter, search = self.status, self.unit, self.quarter, self.search
        words = model.word_list()
        if shown is not None and len(shown) == len(model.rows) and not (status or unit or quarter):
            return [was and search in w for was, w in zip(shown, words, strict=True)]
        return [(not status or row["status"] == status)
                and (not unit or unit in model.folded(row["lead_unit"] or ""))
                and (not quarter or row["quarter"] == quarter)
                and (not search or search in w)
                for row, w in zip(model.rows, words, strict=True)]

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._rows is not self._model.rows:  # another row list (reloaded, or sorted): decide again
            self._accepted = self._decide(self._model)
            self._rows = self._model.rows
        return self._accepted[source_row]

    def setSourceModel(self, model: TaskTableModel) -> None:  # type: ignore[override]
        self._model = model
        super().setSourceModel(model)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the source's row list, not the proxy's mapping."""
        if column >= 0:
            self._model.sort_rows(column, order == Qt.SortOrder.DescendingOrder)


class BulkCommand(QUndoCommand):
    """One bulk change of many tasks: one core operation, undone and redone by its op id."""

    def __init__(self, tab: TrackingTab, op_id: int, text: str) -> None:
        super().__init__(text)
        self.tab, self.op_id, self.first = tab, op_id, True

    def _replay(self, fn) -> None:
        if runner.call(self.tab, self.text(), fn, self.tab.db, self.op_id) is not runner.FAILED:
            self.tab.reload_rows()

    def redo(self) -> None:
        if self.first:  # already done by the service call that made this command
            self.first = False
            return
        self._replay(services.redo)

    def undo(self) -> None:
        self._replay(services.undo)


class BulkBar(QWidget):
    """Under the table: status, lead unit or note for every selected row at once, one undoable
    operation. With the table focused, keys 1–4 set the status of the selected rows."""

    KEYS: ClassVar = {Qt.Key.Key_1: TaskStatus.NOT_STARTED, Qt.Key.Key_2: TaskStatus.IN_PROGRESS,
                      Qt.Key.Key_3: TaskStatus.DONE, Qt.Key.Key_4: TaskStatus.DROPPED}

    def __init__(self, tab: TrackingTab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.undo_stack = QUndoStack(self)
        self.status = QComboBox()
        self.status.addItem(self.tr("(giữ trạng thái)"), "")
        for code in self.KEYS.values():
            self.status.addItem(STATUS_VI[code].capitalize(), str(code))
        self.unit = QLineEdit()
        self.unit.setPlaceholderText(self.tr("Cơ quan chủ trì (để trống: giữ nguyên)"))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Kết quả (để trống: giữ nguyên)"))
        self.apply_button = QPushButton(self.tr("Áp dụng cho các dòng đã chọn"))
        self.apply_button.clicked.connect(lambda: self.apply())
        self.undo_button = QPushButton(self.tr("&Hoàn tác"))
        self.redo_button = QPushButton(self.tr("&Làm lại"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel(self.tr("Các dòng đã chọn:")))
        for w in (self.status, self.unit, self.note, self.apply_button, self.undo_button, self.redo_button):
            row.addWidget(w)
        for key, code in self.KEYS.items():
            shortcut = QShortcut(QKeySequence(key), tab.table, context=Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda c=code: self.apply(status=str(c)))

    def apply(self, status: str | None = None) -> bool:
        rows = self.tab.selected_rows()
        if not rows:
            runner.show_error(self, self.tr("Chưa chọn nhiệm vụ"), self.tr("Hãy chọn một hoặc nhiều dòng trong bảng."))
            return False
        status = status if status is not None else (self.status.currentData() or None)
        if status in WITH_WORDS:  # its result (done) or reason (dropped), asked once for the rows chosen
            done = self.tab.conclude(rows, status)
            if done:
                self.status.setCurrentIndex(0)
            return done
        unit = self.unit.text().strip() or None
        note = self.note.text().strip() or None
        if status is None and unit is None and note is None:
            return False
        result = runner.call(self.tab, self.tr("Không cập nhật được các nhiệm vụ"), services.update_tasks, self.tab.db,
                             [r["task_id"] for r in rows], status=status, lead_unit=unit, result_note=note)
        if result is runner.FAILED:
            return False
        self.tab.apply_states(result["after"])
        self.tab.remember(result, self.tr("Cập nhật {n} nhiệm vụ").format(n=len(rows)))
        self.status.setCurrentIndex(0)  # "(giữ trạng thái)": a later Áp dụng never repeats this status by accident
        self.unit.clear()
        self.note.clear()
        return True


class TrackingTab(LazyTab):
    changedContent = Signal()
    updates_in_place = True  # a cell edit updates its row; a reload would move the user's place
    # From this many rows the filter box filters when typing pauses (PAUSE_MS), not on every key: at 5,000
    # tasks deciding the rows and repainting the table take ~15 ms, more than a keystroke may hold the window.
    TYPE_AHEAD_ROWS = 1000
    PAUSE_MS = 120

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
        self.model.conclude = self.conclude
        self.model.operated.connect(lambda op_id, text: self.bulk.undo_stack.push(BulkCommand(self, op_id, text)))
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
        self.search.textChanged.connect(self._typed)
        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(self.PAUSE_MS)
        self.typing.timeout.connect(self._filter)
        self.scope.currentIndexChanged.connect(self.refresh)

        bar = QHBoxLayout()
        for label, w in ((self.tr("Phạm vi:"), self.scope), (self.tr("Trạng thái:"), self.status),
                         (self.tr("Quý:"), self.quarter), (self.tr("Chủ trì:"), self.unit)):
            bar.addWidget(QLabel(label))
            bar.addWidget(w)
        bar.addWidget(self.search, 1)
        self.open_evidence = QPushButton(self.tr("Mở tệp minh chứng"))
        self.save_evidence = QPushButton(self.tr("Lưu tệp minh chứng…"))
        self.open_evidence.clicked.connect(lambda: self._evidence(open_evidence))
        self.save_evidence.clicked.connect(
            lambda: self._evidence(lambda p, db, i: save_evidence(p, db, i, self._current_row()["evidence_name"])))
        for button in (self.open_evidence, self.save_evidence):
            button.setEnabled(False)

        self.table: QTableView = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setItemDelegateForColumn(3, StatusDelegate(self.table))
        self.table.selectionModel().currentRowChanged.connect(self._evidence_buttons)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # the task text takes what is left: at 1366×768 it keeps ~250 px (three short lines); the status
        # column fits its drop-down's longest word ("Chưa thực hiện", not "Chưa thực hiệ")
        for column, width in ((0, 40), (1, 60), (3, 128), (4, 118), (5, 84), (6, 124), (7, 60), (8, 84), (9, 96)):
            self.table.setColumnWidth(column, width)
        self.table.viewport().installEventFilter(self)
        self.table.verticalHeader().setDefaultSectionSize(48)
        # no row numbers: in a sorted, filtered table they name no task, and the header re-measured its
        # thousands of sections on every filter change (a quarter of the repaint)
        self.table.verticalHeader().hide()
        self.table.selectionModel().currentRowChanged.connect(self._show_chain)

        self.chain = QTextBrowser()
        self.chain.setPlaceholderText(self.tr("Chọn một nhiệm vụ để xem nó đã đi qua các quý nào."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.chain)
        split.setSizes([600, 110])
        self.splitter = split

        self.bulk: BulkBar = BulkBar(self)
        self.model.updated.connect(self._summarise)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.bulk)
        last = QHBoxLayout()  # the counts, and the selected task's evidence file
        last.addWidget(self.summary, 1)
        last.addWidget(self.open_evidence)
        last.addWidget(self.save_evidence)
        layout.addLayout(last)

    def fill(self) -> None:
        program = self.program
        shown = program["id"] if program else None
        if shown != getattr(self, "_filled_for", None):  # another program: its own undo history
            self.bulk.undo_stack.clear()
            self._filled_for = shown
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

    def conclude(self, rows: list[dict[str, Any]], status: str) -> bool:
        """Ask for what the status needs (done: the result and evidence; dropped: the reason), then set
        it on the rows as one undoable operation; False when cancelled (nothing changed)."""
        dropping = status == TaskStatus.DROPPED
        refused = services.status_refusal([r["status"] for r in rows], status)
        if refused:  # said before asking for a result or reason the change could not use
            runner.show_error(self, self.tr("Không đổi được trạng thái"), refused)
            return False
        result = (mark_dropped if dropping else mark_done)(self, self.db, rows)
        self.table.setFocus()  # the keys 1–4 go on working after the dialog
        if result is None:
            return False
        self.apply_states(result["after"])
        text = self.tr("Không thực hiện {n} nhiệm vụ") if dropping else self.tr("Hoàn thành {n} nhiệm vụ")
        self.remember(result, text.format(n=len(rows)))
        self._evidence_buttons()
        return True

    def remember(self, result: dict[str, Any], text: str) -> None:
        """The operation just made, onto the tab's undo stack — only if it changed a task: a call that
        changed nothing made no operation, and the latest one (say, drafting the quarter) is not this
        step's to undo."""
        if result["before"] != result["after"]:
            self.bulk.undo_stack.push(BulkCommand(self, services.last_changes(self.db).op_id, text))

    TASK_COLUMN_AT_LEAST = 240  # px: below it the task text is one word a line; the table scrolls instead

    def eventFilter(self, watched, event) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_task_column()
        return super().eventFilter(watched, event)

    def _fit_task_column(self) -> None:
        """The task column stretches into what the other columns leave, but never narrower than a few words
        a line (with the format panel open at 1366×768 it had one word a line): then the table scrolls."""
        header = self.table.horizontalHeader()
        others = sum(self.table.columnWidth(c) for c in range(self.model.columnCount()) if c != 2)
        room = self.table.viewport().width() - others
        if room >= self.TASK_COLUMN_AT_LEAST:
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        elif header.sectionResizeMode(2) != QHeaderView.ResizeMode.Interactive:
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(2, self.TASK_COLUMN_AT_LEAST)

    def select_task(self, task_id: int) -> bool:
        """Show one task's row, current and visible (filters that hide it are cleared)."""
        if self.stale:
            self.refresh()
        rows = [r for r, row in enumerate(self.model.rows) if row["task_id"] == task_id]
        if not rows:
            return False
        source = self.model.index(rows[0], 2)
        if not self.proxy.mapFromSource(source).isValid():
            for combo in (self.status, self.quarter):
                combo.setCurrentIndex(0)
            self.unit.setCurrentText("")
            self.search.clear()
            self._filter()  # now, not after a typing pause
        index = self.proxy.mapFromSource(source)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        self.table.setFocus()
        return True

    def _current_row(self) -> dict[str, Any] | None:
        index = self.table.currentIndex()
        return index.data(Qt.ItemDataRole.UserRole) if index.isValid() else None

    def _evidence_buttons(self, *_args) -> None:
        row = self._current_row()
        for button in (self.open_evidence, self.save_evidence):
            button.setEnabled(bool(row and row.get("evidence_name")))

    def _evidence(self, action) -> None:
        row = self._current_row()
        if row and row.get("evidence_name"):
            action(self, self.db, row["task_id"])

    def _typed(self, _text: str) -> None:
        """A key in the filter box: a short list filters at once, a long one when typing pauses."""
        if len(self.model.rows) >= self.TYPE_AHEAD_ROWS:
            self.typing.start()
        else:
            self._filter()

    @property
    def filtering(self) -> bool:
        """Whether typed text waits for its pause to filter the table (tests wait for it)."""
        return self.typing.isActive()

    def _filter(self) -> None:
        self.typing.stop()
        self.proxy.set_filters(self.status.currentData() or "", self.unit.currentText().strip(),
                               self.quarter.currentData() or 0, self.search.text())
        self._summarise()

    def _summarise(self) -> None:
        """The counts under the table, recomputed from the rows shown after every change."""
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        tally = self.model.tally()
        counts = {code: tally[code] for code in STATUS_VI}
        parts = [f"{STATUS_VI[code]} {n}" for code, n in counts.items() if n]
        line = self.tr("Hiển thị {shown}/{total} nhiệm vụ").format(shown=shown, total=total)
        self.summary.setText(" · ".join([line, *parts]))

    def selected_rows(self) -> list[dict[str, Any]]:
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.rows[r] for r in sorted(rows)]

    def reload_rows(self) -> None:
        """The stored rows again, in place (after an undo or redo), keeping filters and selection."""
        fresh: dict[int, dict[str, Any]] = {}
        for program_id in {r.get("program_id") for r in self.model.rows} - {None} or (
                [self.program["id"]] if self.program else []):
            fresh.update({r["task_id"]: r for r in services.program_tasks(self.db, program_id)})
        self.apply_states([fresh[r["task_id"]] for r in self.model.rows if r["task_id"] in fresh])

    def apply_states(self, states: list[dict[str, Any]]) -> None:
        """Show stored task states in the table at once (after a bulk change, its undo or redo)."""
        by_id = {s["task_id"]: s for s in states}
        for r, row in enumerate(self.model.rows):
            if row["task_id"] in by_id:
                row.update({k: v for k, v in by_id[row["task_id"]].items() if k != "task_id"})
                self.model.dataChanged.emit(self.model.index(r, 0), self.model.index(r, self.model.columnCount() - 1))
        self._filter()
        self._show_chain()  # the chosen task's chain says its new status at once
        self.changedContent.emit()

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
            again = self.tr(" (giao lại, không phải chuyển)") if link.get("restated") else ""
            items.append(f"<li><b>{escape(period)}</b>{' – ' + escape(status) if status else ''}{escape(again)}</li>")
        carried = max(0, len([x for x in links if x["task_id"] and not x.get("restated")]) - 1)
        self.chain.setHtml(
            f"<p><b>{escape(self.tr('Chuỗi nhiệm vụ'))}</b> ({escape(self.tr('chuyển {n} lần').format(n=carried))}): "
            f"{escape(services.clip(links[-1]['text'], 200))}</p><ol>{''.join(items)}</ol>"
        )
