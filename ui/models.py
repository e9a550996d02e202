"""Thin Qt item models over the plain data that hgdesk.services returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QWidget

from ui import runner

Index = QModelIndex | QPersistentModelIndex


class _Item:
    __slots__ = ("children", "data", "parent", "row")

    def __init__(self, data: dict[str, Any] | None, parent: _Item | None, row: int) -> None:
        self.data = data or {}
        self.parent = parent
        self.row = row
        self.children: list[_Item] = []


class TreeModel(QAbstractItemModel):
    """A read-only tree of dicts with "children" lists; `text_of` says what each row shows."""

    def __init__(self, roots: list[dict[str, Any]], text_of, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text_of = text_of
        self._root = _Item(None, None, 0)
        self._build(self._root, roots)

    def _build(self, item: _Item, children: list[dict[str, Any]]) -> None:
        for row, data in enumerate(children):
            child = _Item(data, item, row)
            item.children.append(child)
            self._build(child, data.get("children", []))

    def _item(self, index: Index) -> _Item:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        item = self._item(parent)
        if column != 0 or not 0 <= row < len(item.children):
            return QModelIndex()
        return self.createIndex(row, column, item.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._item(index).parent
        if parent is None or parent is self._root:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._item(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._item(index)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text_of(item.data)
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.data.get("tooltip")
        if role == Qt.ItemDataRole.UserRole:
            return item.data
        return None



class RowsModel(QAbstractTableModel):
    """A table of dict rows; subclasses list their COLUMNS (key, Vietnamese header) and say in
    `data` how a cell shows."""

    COLUMNS: tuple[tuple[str, str], ...] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.tr(self.COLUMNS[section][1])
        return None


class LazyTab(QWidget):
    """A tab that keeps the program it is given and fills itself only when on screen, so that
    start-up and switching programs stay quick. Subclasses implement `fill`, or `gather` (the reads,
    run off the GUI thread) and `present` (showing what was read) when the reads take long."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.program: dict[str, Any] | None = None
        self.stale = False
        self.reader = runner.Reader(self)

    @property
    def loading(self) -> bool:
        """Whether a read for what the tab shows is under way (tests wait for it)."""
        return self.reader.busy

    def load(self, program: dict[str, Any] | None) -> None:
        self.program = program
        self.stale = True
        self.reader.cancel()  # a read under way shows data from before this change
        if self.isVisible():
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def refresh(self) -> None:
        self.stale = False
        read = self.gather()
        if read is None:
            self.fill()
        else:
            self.reader.start(read, self.present, self._read_failed)

    def gather(self) -> Callable[[], Any] | None:
        """The tab's reads as one call to run off the GUI thread (its result goes to `present`);
        None: `fill` reads on the GUI thread itself."""
        return None

    def present(self, data: Any) -> None:  # pragma: no cover - abstract for tabs with `gather`
        raise NotImplementedError

    def _read_failed(self, message: str, details: str) -> None:
        runner.show_error(self, self.tr("Không đọc được dữ liệu"), message, details)

    updates_in_place = False  # True: the tab shows its own changes itself and skips their broadcast

    def concerned(self, changes: Any) -> bool:
        """Whether an operation's Changes concern what this tab shows (its program, by default)."""
        return bool(self.program) and self.program["id"] in changes.touched

    def on_changes(self, program: dict[str, Any] | None, changes: Any, origin: Any) -> None:
        """The broadcast of an operation: reload (lazily) when it concerns this tab."""
        if (origin is self and self.updates_in_place) or not self.concerned(changes):
            return
        self.load(program)

    def fill(self) -> None:  # pragma: no cover - abstract for tabs without `gather`
        raise NotImplementedError
