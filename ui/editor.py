"""Soạn thảo: the program as a tree beside an editor for the selected node and the header form."""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any, cast

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFont, QKeyEvent, QKeySequence, QTextCharFormat, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTextEdit,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from hgdesk.services import inline, plain
from hgdesk.vocab import TEXT_KINDS, NodeKind
from ui import commands, icons, saving
from ui.autosave import Autosave
from ui.candidates import CANDIDATE_MIME
from ui.datefield import DateField
from ui.models import TreeModel
from ui.save_dialogs import ConflictDialog, header_text

MIME = "application/x-hgdesk-node"
KIND_VI = NodeKind.labels()


def node_caption(data: dict[str, Any]) -> str:
    text = services.clip(plain(data.get("heading") or data.get("text") or ""), 110)
    label = data.get("label") or ""
    task = data.get("task") or {}
    if task.get("carried_from"):  # a task carried from the quarter before: marked, its chain in Theo dõi
        text = f"↻ {text}"
    if label == "-":
        return f"– {text}"
    return f"{label} {text}".strip()


class NodeTreeModel(TreeModel):
    """The program tree, with drag and drop that asks the editor to move a node."""

    moveRequested = Signal(int, object, int)  # node id, new parent id (or None), position
    candidatesDropped = Signal(list, int)  # annual paragraph ids dragged from the candidates, onto this section

    def __init__(self, roots: list[dict[str, Any]], editable: bool, parent: QObject | None = None) -> None:
        super().__init__(roots, node_caption, parent)
        self.editable = editable

    def flags(self, index):
        base = super().flags(index) if index.isValid() else Qt.ItemFlag.NoItemFlags
        if not self.editable:
            return base
        if not index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        data = self._item(index).data
        flags = base | Qt.ItemFlag.ItemIsDragEnabled
        if data.get("kind") in ("part", "section"):
            flags |= Qt.ItemFlag.ItemIsDropEnabled
        return flags

    def node(self, index) -> dict[str, Any]:
        """The node's own dict (index.data(UserRole) hands out a copy under PySide6: a version
        written into a copy is lost, and the next save is refused as a conflict)."""
        return self._item(index).data

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MIME, CANDIDATE_MIME]

    def mimeData(self, indexes) -> QMimeData:
        mime = QMimeData()
        ids = [str(self._item(i).data["id"]) for i in indexes if i.isValid()]
        mime.setData(MIME, QByteArray(",".join(ids[:1]).encode()))
        return mime

    def dropMimeData(self, data, action, row, column, parent) -> bool:
        if data.hasFormat(CANDIDATE_MIME) and parent.isValid():
            ids = [int(x) for x in bytes(data.data(CANDIDATE_MIME)).decode().split(",") if x]
            section = self._item(parent).data.get("id")
            QTimer.singleShot(0, lambda: self.candidatesDropped.emit(ids, section))
            return False  # the candidates panel puts them in through the services
        if not data.hasFormat(MIME) or action != Qt.DropAction.MoveAction:
            return False
        node_id = int(bytes(data.data(MIME)).decode() or 0)
        target = self._item(parent).data.get("id") if parent.isValid() else None
        position = row if row >= 0 else self.rowCount(parent)
        QTimer.singleShot(0, lambda: self.moveRequested.emit(node_id, target, position))
        return False  # the editor moves it through the services and reloads the tree


class AddNodeDialog(QDialog):
    """Kind and text of a new node."""

    def __init__(self, parent: QWidget, kinds: list[str]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Thêm mục"))
        from PySide6.QtWidgets import QComboBox

        form = QFormLayout(self)
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(self.tr(KIND_VI[kind]), kind)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Nội dung (tiêu đề nếu là phần hoặc mục)"))
        form.addRow(self.tr("Loại:"), self.kind)
        form.addRow(self.tr("Nội dung:"), self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class _OneUndoHistory(QObject):
    """Routes Ctrl+Z / Ctrl+Y typed in a text field to the editor's undo stack."""

    def __init__(self, editor: EditorTab) -> None:
        super().__init__(editor)
        self.editor = editor

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress) and isinstance(event, QKeyEvent):
            undo, redo = event.matches(QKeySequence.StandardKey.Undo), event.matches(QKeySequence.StandardKey.Redo)
            if undo or redo:
                if event.type() == QEvent.Type.ShortcutOverride:
                    event.accept()  # the key comes to the field (here), not to a window shortcut
                elif undo:
                    self.editor.undo()
                else:
                    self.editor.redo()
                return True
        return super().eventFilter(watched, event)


class EditorTab(QWidget):
    saved = Signal()  # an edit reached the database
    candidatesDropped = Signal(list, int)  # annual paragraphs dragged onto a section (ids, section node id)
    changedContent = Signal(bool)  # the program changed; True when its structure changed
    databaseReplaced = Signal()  # the data file was replaced under us (a restore elsewhere)
    sourceOpened = Signal(object)  # the services.ReportSource of a report's paragraph, to open

    def __init__(self, db: services.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.program: dict[str, Any] | None = None
        self.current: dict[str, Any] | None = None
        self._nodes: dict[int, dict[str, Any]] = {}  # the program's nodes by id (the tree's own dicts)
        self.undo_stack = QUndoStack(self)
        self.ctx = commands.EditContext(db, self, self._after_command)
        self.journal = services.Journal(services.journal_path(db))
        self.autosave = Autosave(self._save_key, self.journal, self)
        self.autosave.saved.connect(self._autosaved)
        self._loading = False
        self._batch = False  # inside replace-all: reload once at the end

        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.tree.setDropIndicatorShown(True)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.setAccessibleName(self.tr("Cây nội dung chương trình"))

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel{background:#fff4d6;border:1px solid #e0c36b;padding:6px;}")
        self.banner.hide()

        # node editor
        self.kind_label = QLabel()
        self.heading = QLineEdit()
        self.heading.setPlaceholderText(self.tr("Tiêu đề của phần hoặc mục"))
        self.text = QTextEdit()
        self.text.setPlaceholderText(self.tr("Nội dung đoạn văn (Ctrl+B chữ đậm, Ctrl+I chữ nghiêng)"))
        self.heading.textEdited.connect(lambda _t: self._schedule("heading"))
        self.text.textChanged.connect(lambda: self._schedule("text"))
        # One undo history: Ctrl+Z in a field undoes the program's last step (the typing is saved
        # first), not the widget's own history that the tree and the database never saw.
        self._one_history = _OneUndoHistory(self)
        for field in (self.heading, self.text):
            field.installEventFilter(self._one_history)
        node_box = QWidget()
        node_layout = QFormLayout(node_box)
        node_layout.addRow(self.tr("Loại:"), self.kind_label)
        node_layout.addRow(self.tr("Tiêu đề:"), self.heading)
        node_layout.addRow(self.tr("Nội dung:"), self.text)
        # a results report's paragraph: the quarter's task it was drafted from, a click opens it
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        self.source.linkActivated.connect(self._open_source)
        self._source: services.ReportSource | None = None
        node_layout.addRow(self.tr("Lấy từ:"), self.source)
        node_layout.setRowVisible(self.source, False)
        self._node_layout = node_layout

        # header form
        self.header_form = self._header_form()

        self.side = QTabWidget()
        self.side.addTab(node_box, self.tr("Mục đang chọn"))
        header_scroll = QScrollArea()  # the long form scrolls, so the window fits a 1366×768 screen at 125 %
        header_scroll.setWidgetResizable(True)
        header_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        header_scroll.setWidget(self.header_form)
        self.header_page = header_scroll
        self.side.addTab(header_scroll, self.tr("Thông tin văn bản"))

        self.find_bar = self._find_bar()

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.tree)
        split.addWidget(self.side)
        split.setSizes([620, 520])
        self.splitter = split

        self.toolbar = QToolBar(self.tr("Soạn thảo"))
        self._make_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.banner)
        layout.addWidget(split, 1)
        layout.addWidget(self.find_bar)

    # --- building ---------------------------------------------------------------------------
    def _header_form(self) -> QWidget:
        box = QWidget()
        form = QFormLayout(box)
        self.f_number = QLineEdit()
        self.f_number.setPlaceholderText(self.tr("để trống khi còn là dự thảo"))
        self.header_locked = QLabel(self.tr(
            "Văn bản đã ban hành: các trường dưới đây chỉ xem, không sửa được. Muốn thay đổi, hãy tạo bản "
            "dự thảo mới (Chương trình › Tạo phiên bản mới), sửa trên đó rồi ban hành lại."))
        self.header_locked.setWordWrap(True)
        self.header_locked.setStyleSheet("QLabel{background:#fff4d6;border:1px solid #e0c36b;padding:6px;}")
        self.header_locked.hide()
        form.addRow(self.header_locked)
        self.f_date = DateField()
        self.f_place = QLineEdit()
        self.f_title = QPlainTextEdit()
        self.f_title.setMaximumHeight(60)
        self.f_authority = QLineEdit()
        self.f_position = QLineEdit()
        self.f_signer = QLineEdit()
        self.f_recipients = QPlainTextEdit()
        self.f_opening = QPlainTextEdit()
        self.f_closing = QPlainTextEdit()
        for edit in (self.f_opening, self.f_closing):
            edit.setMaximumHeight(90)
        form.addRow(self.tr("Số:"), self.f_number)
        form.addRow(self.tr("Ngày ban hành:"), self.f_date)
        form.addRow(self.tr("Địa danh:"), self.f_place)
        form.addRow(self.tr("Trích yếu (mỗi dòng một dòng):"), self.f_title)
        form.addRow(self.tr("Thẩm quyền ký:"), self.f_authority)
        form.addRow(self.tr("Chức vụ:"), self.f_position)
        form.addRow(self.tr("Người ký:"), self.f_signer)
        form.addRow(self.tr("Nơi nhận (mỗi dòng một nơi):"), self.f_recipients)
        form.addRow(self.tr("Mở đầu:"), self.f_opening)
        form.addRow(self.tr("Kết thúc:"), self.f_closing)
        self.apply_header = QPushButton(self.tr("Lưu thông tin văn bản"))
        self.apply_header.setToolTip(self.tr("Thông tin văn bản được tự động lưu khi gõ; nút này lưu ngay."))
        self.apply_header.clicked.connect(self.save_header)
        form.addRow(self.apply_header)
        for w in (self.f_number, self.f_place, self.f_authority, self.f_position, self.f_signer):
            w.textEdited.connect(self._schedule_header)
        for text_box in (self.f_title, self.f_recipients, self.f_opening, self.f_closing):
            text_box.textChanged.connect(self._schedule_header)
        self.f_date.edited.connect(self._schedule_header)
        self.header_inputs: list[QLineEdit | QPlainTextEdit] = [
            self.f_number, self.f_place, self.f_title, self.f_authority, self.f_position, self.f_signer,
            self.f_recipients, self.f_opening, self.f_closing]
        return box

    def _lock_header(self, locked: bool) -> None:
        """An issued program's header (and the selected node's fields) are read-only and look it
        (grey), with the way to change it."""
        for w in self.header_inputs:
            w.setReadOnly(locked)
        self.f_date.set_read_only(locked)
        self.header_locked.setVisible(locked)
        if getattr(self, "_header_look", None) == locked:  # a style sheet set again re-polishes every field
            return
        self._header_look = locked
        self.side.setStyleSheet("QLineEdit[readOnly=\"true\"], QPlainTextEdit[readOnly=\"true\"], "
                                "QTextEdit[readOnly=\"true\"]{background:#eeeeee;color:#555555;}" if locked else "")

    def _find_bar(self) -> QWidget:
        bar = QWidget()
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(4, 2, 4, 2)
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Tìm (không phân biệt dấu, hoa thường)"))
        self.find_edit.returnPressed.connect(self.find_next)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText(self.tr("Thay bằng"))
        self.find_status = QLabel()
        self.exact_check = QCheckBox(self.tr("Phân biệt dấu, hoa thường"))
        next_button = QPushButton(self.tr("Tìm tiếp"))
        next_button.clicked.connect(self.find_next)
        self.replace_all_button = QPushButton(self.tr("Thay tất cả"))
        self.replace_all_button.clicked.connect(self.replace_all)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(bar.hide)
        for w in (QLabel(self.tr("Tìm:")), self.find_edit, self.exact_check, next_button, self.replace_edit,
                  self.replace_all_button, self.find_status, close):
            layout.addWidget(w)
        bar.hide()
        return bar

    def _make_actions(self) -> None:
        def action(text: str, slot, shortcut=None, tip: str = "") -> QAction:
            a = QAction(text, self)
            if shortcut is not None:
                a.setShortcut(shortcut)
                a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.setToolTip(tip or text)
            a.triggered.connect(slot)
            self.addAction(a)
            return a

        # Undo and redo save what is being typed first, so the step undone is the one the user sees.
        self.undo_action = QAction(self.tr("Hoàn tác"), self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(self.undo)
        self.undo_action.setEnabled(False)
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.redo_action = QAction(self.tr("Làm lại"), self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(self.redo)
        self.redo_action.setEnabled(False)
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.add_action = action(self.tr("Thêm mục"), self.add_dialog, QKeySequence("Ctrl+Shift+N"))
        self.delete_action = action(self.tr("Xóa mục"), self.delete_current, QKeySequence("Ctrl+Delete"))
        self.up_action = action(self.tr("Lên"), lambda: self.move_current("up"), QKeySequence("Alt+Up"),
                                self.tr("Chuyển lên (Alt+↑)"))
        self.down_action = action(self.tr("Xuống"), lambda: self.move_current("down"), QKeySequence("Alt+Down"),
                                  self.tr("Chuyển xuống (Alt+↓)"))
        self.indent_action = action(self.tr("Thụt vào"), lambda: self.move_current("indent"),
                                    QKeySequence("Alt+Right"), self.tr("Thụt vào (Alt+→)"))
        self.outdent_action = action(self.tr("Lùi ra"), lambda: self.move_current("outdent"),
                                     QKeySequence("Alt+Left"), self.tr("Lùi ra (Alt+←)"))
        self.split_action = action(self.tr("Tách đoạn tại con trỏ"), self.split_current, QKeySequence("Ctrl+Shift+T"))
        self.merge_action = action(self.tr("Gộp với đoạn sau"), self.merge_current, QKeySequence("Ctrl+Shift+J"))
        self.bold_action = action(self.tr("Đậm"), lambda: self.toggle_format("bold"), QKeySequence.StandardKey.Bold,
                                  self.tr("Chữ đậm (Ctrl+B)"))
        self.italic_action = action(self.tr("Nghiêng"), lambda: self.toggle_format("italic"),
                                    QKeySequence.StandardKey.Italic, self.tr("Chữ nghiêng (Ctrl+I)"))
        self.track_action = action(self.tr("Theo dõi như nhiệm vụ"), self.toggle_tracked)
        self.track_action.setCheckable(True)
        self.find_action = action(self.tr("Tìm…"), self.show_find, QKeySequence.StandardKey.Find)
        self.replace_action = action(self.tr("Thay thế…"), self.show_replace, QKeySequence("Ctrl+H"))
        for a in (self.undo_action, self.redo_action):
            self.addAction(a)
        for a in (self.undo_action, self.redo_action, None, self.add_action, self.delete_action, None,
                  self.up_action, self.down_action, self.indent_action, self.outdent_action, None,
                  self.bold_action, self.italic_action, None, self.find_action, self.replace_action):
            if a is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(a)
        for a, key in ((self.undo_action, "undo"), (self.redo_action, "redo"), (self.add_action, "add"),
                       (self.delete_action, "delete"), (self.up_action, "up"), (self.down_action, "down"),
                       (self.indent_action, "indent"), (self.outdent_action, "outdent"), (self.find_action, "find"),
                       (self.replace_action, "replace")):
            a.setIcon(icons.icon(key))
        # add/delete with their label beside the icon; the arrows (and undo/redo, whose label grows as
        # "Hoàn tác: Sửa tiêu đề" and would push the toolbar sideways) as icons only, the label in the
        # tooltip — so the toolbar keeps still and fits 1366×768 at 125 %
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.undo_action, self.redo_action, self.up_action, self.down_action, self.indent_action,
                  self.outdent_action, self.find_action, self.replace_action):
            cast(QToolButton, self.toolbar.widgetForAction(a)).setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.edit_actions = [self.add_action, self.delete_action, self.up_action, self.down_action,
                             self.indent_action, self.outdent_action, self.replace_action, self.split_action,
                             self.merge_action, self.bold_action, self.italic_action]

    def undo(self) -> None:
        if self.commit_pending():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.commit_pending():
            self.undo_stack.redo()

    # --- loading ----------------------------------------------------------------------------
    def load(self, program: dict[str, Any] | None, keep_undo: bool = False, select: int | None = None) -> None:
        self.commit_pending()
        if not keep_undo or program is None or (self.program and program["id"] != self.program["id"]):
            self.undo_stack.clear()
        self.program = program
        self._nodes = {}

        def index_nodes(nodes: list[dict[str, Any]]) -> None:
            for n in nodes:
                self._nodes[n["id"]] = n
                index_nodes(n["children"])

        index_nodes(program["nodes"] if program else [])
        editable = bool(program) and program["status"] == "draft"
        model = NodeTreeModel(program["nodes"] if program else [], editable, self.tree)
        model.moveRequested.connect(self._drop_move)
        model.candidatesDropped.connect(self.candidatesDropped)
        self.tree.setModel(model)
        self.tree.selectionModel().currentChanged.connect(self._node_chosen)
        self.tree.expandToDepth(1)
        for a in self.edit_actions:
            a.setEnabled(editable)
        for w in (self.heading, self.text):
            w.setReadOnly(not editable)
        self.apply_header.setEnabled(editable)
        self._lock_header(bool(program) and not editable)
        self._loading = True
        self._fill_header(program)
        self._loading = False
        if program and not editable:
            self.banner.setText(self.tr(
                "Chương trình đã ban hành (số {number}) nên chỉ xem, không sửa được nội dung. "
                "Việc theo dõi nhiệm vụ vẫn làm bình thường. Muốn soạn tiếp, dùng “Chương trình → Tạo phiên bản mới”."
            ).format(number=program.get("number") or ""))
            self.banner.show()
        else:
            self.banner.hide()
        if select is not None and self.select_node(select):
            return
        first = model.index(0, 0)
        if first.isValid():
            self.tree.setCurrentIndex(first)
        else:
            self._show_node(None)

    def _fill_header(self, program: dict[str, Any] | None) -> None:
        p = program or {}
        self.f_number.setText(p.get("number") or "")
        self.f_date.period = (p.get("year"), p.get("quarter"))
        self.f_date.set_iso(p.get("date"))
        pending = self.autosave.pending(f"header:{p['id']}") if p else None
        if pending and pending.get("issue_date_typed"):  # a date refused earlier is still there to correct
            self.f_date.line.setText(pending["issue_date_typed"])
            self.f_date.validate()
        self.f_place.setText(p.get("place") or "")
        self.f_title.setPlainText("\n".join(p.get("title") or []))
        signer = p.get("signer") or {}
        self.f_authority.setText(signer.get("authority", ""))
        self.f_position.setText(signer.get("position", ""))
        self.f_signer.setText(signer.get("name", ""))
        self.f_recipients.setPlainText("\n".join(p.get("recipients") or []))
        self.f_opening.setPlainText("\n".join(p.get("opening") or []))
        self.f_closing.setPlainText("\n".join(p.get("closing") or []))

    def reload(self, select: int | None = None, data: dict[str, Any] | None = None) -> None:
        """Show the stored program again (`data`: it, just read by the caller), keeping the undo
        history, the expanded sections and the selection."""
        if self.program is None:
            return
        if data is None or data["id"] != self.program["id"]:
            data = services.program_json(self.db, self.program["id"])
        expanded = self._expanded_ids()
        self.load(data, keep_undo=True, select=select)
        self._restore_expanded(expanded)
        if select is not None:
            self.select_node(select)

    def _expanded_ids(self) -> set[int]:
        model = self._tree_model()
        out: set[int] = set()

        def walk(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    out.add(model.node(index)["id"])
                    walk(index)

        if model is not None:
            walk(QModelIndex())
        return out

    def _restore_expanded(self, ids: set[int]) -> None:
        model = self._tree_model()

        def walk(parent: QModelIndex) -> None:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if model.node(index)["id"] in ids:
                    self.tree.setExpanded(index, True)
                    walk(index)

        walk(QModelIndex())

    def _index_of(self, node_id: int) -> QModelIndex:
        model = self._tree_model()

        def walk(parent: QModelIndex) -> QModelIndex:
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                if model.node(index)["id"] == node_id:
                    return index
                found = walk(index)
                if found.isValid():
                    return found
            return QModelIndex()

        return walk(QModelIndex())

    def select_node(self, node_id: int) -> bool:
        index = self._index_of(node_id)
        if index.isValid():
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            return True
        return False

    def _node_chosen(self, index: QModelIndex) -> None:
        self.commit_pending()
        self._show_node(self._tree_model().node(index) if index.isValid() else None)

    def _tree_model(self) -> NodeTreeModel:
        """The tree's model (a new one per loaded program)."""
        return cast(NodeTreeModel, self.tree.model())

    def _show_node(self, data: dict[str, Any] | None) -> None:
        self._loading = True
        self.current = data
        if data is None:
            self.kind_label.setText(self.tr("(chọn một mục trong cây bên trái)"))
            self.heading.clear()
            self.text.clear()
            self.text.setCurrentCharFormat(QTextCharFormat())
        else:
            task = data.get("task")
            extra = ""
            if task:
                extra = self.tr(" · nhiệm vụ, đã chuyển {n} lần").format(n=task["carried_count"]) \
                    if task["carried_count"] else self.tr(" · nhiệm vụ")
            self.kind_label.setText(f"{self.tr(KIND_VI.get(data['kind'], data['kind']))} {data['label']}{extra}")
            self.track_action.setChecked("task" in data)
            self.track_action.setEnabled(bool(self.program) and self.program["kind"] == "quarterly"
                                         and data["kind"] in TEXT_KINDS)
            heading_kind = data["kind"] in ("part", "section")
            self.heading.setEnabled(heading_kind)
            heading = self.autosave.pending(f"node:{data['id']}:heading")
            text = self.autosave.pending(f"node:{data['id']}:text")
            self.heading.setText(data.get("heading") or "" if heading is None else heading)
            self.set_text_value(data.get("text") or "" if text is None else text)
        self._show_source(data)
        self._loading = False

    def _show_source(self, data: dict[str, Any] | None) -> None:
        """Under a results report's paragraph: the task it was drafted from, as a link that opens it."""
        is_report = bool(self.program) and self.program["kind"] == "report" and data is not None
        self._source = services.report_source(self.db, data["id"]) if is_report and data is not None else None
        self._node_layout.setRowVisible(self.source, self._source is not None)
        if self._source is not None:
            what = (self.tr("mở nhiệm vụ") if self._source.task_id else
                    self.tr("mở chỉ tiêu") if self._source.indicator else self.tr("mở chương trình"))
            self.source.setText(f"{escape(self._source.describe())} — <a href=\"open\">{what}</a>")
            self.source.setToolTip(self.tr("Câu này được soạn từ số liệu theo dõi của nhiệm vụ này."))

    def _open_source(self, _link: str) -> None:
        if self._source is not None:
            self.sourceOpened.emit(self._source)

    # --- editing ----------------------------------------------------------------------------
    def _schedule(self, field: str) -> None:
        if self._loading or self.current is None or not self.program or self.program["status"] != "draft":
            return
        value = self.heading.text() if field == "heading" else self.text_value()
        self.autosave.changed(f"node:{self.current['id']}:{field}", value, self.program["id"])

    def _schedule_header(self, *_args) -> None:
        if self._loading or not self.program or self.program["status"] != "draft":
            return
        self.autosave.changed(f"header:{self.program['id']}", self.header_values(), self.program["id"])

    def commit_pending(self) -> bool:
        """Save everything typed now (leaving a node, a tab or the program, closing, Ctrl+S);
        False when something could not be saved (it stays on screen and in the journal)."""
        return self.autosave.flush()

    def _known_version(self, node_id: int | None) -> int | None:
        return self._nodes.get(node_id, {}).get("version") if node_id is not None else None

    def _autosaved(self) -> None:
        self.saved.emit()

    def _save_key(self, key: str, value: Any) -> bool:
        if self.db.replaced():  # restored from another window: never write into the deleted file
            self.databaseReplaced.emit()
            return False
        kind, _, rest = key.partition(":")
        if kind == "header":
            return self._save_header_values(int(rest), value)
        node_id, field = rest.split(":")
        return self._save_node(int(node_id), field, value)

    def _save_node(self, node_id: int, field: str, value: str) -> bool:
        """One field of one node, with the version read; the new version is taken from the save."""
        data = self._nodes.get(node_id)
        if data is None:  # not in the program on screen any more: ask the database
            state = saving.attempt(self, services.node_state, self.db, node_id)
            if state is None:
                return False
            data = {"id": node_id, **state}
        old = data.get(field) or ""
        if services.clean(value) == services.clean(old):
            return True
        outcome = saving.attempt(self, services.edit_node, self.db, node_id, expected_version=data.get("version"),
                                 **{field: value})
        if isinstance(outcome, saving.Conflict):
            return self._resolve_node_conflict(node_id, field, value)
        if outcome is None:
            return False
        op = services.last_changes(self.db).op_id
        self.undo_stack.push(commands.EditText(self.ctx, node_id, field, old, value, data.get("version"))
                             .already_ran(op, outcome))
        data[field], data["version"] = services.clean(value), outcome
        index = self._index_of(node_id)
        if index.isValid():
            self._tree_model().dataChanged.emit(index, index)
        self.changedContent.emit(False)
        return True

    def _resolve_node_conflict(self, node_id: int, field: str, mine: str) -> bool:
        """Someone else saved this node: show both versions; the user's text is never thrown away."""
        state = saving.attempt(self, services.node_state, self.db, node_id)
        if state is None:
            return False
        choice = ConflictDialog.ask(self, mine, state[field])
        data = self._nodes.get(node_id)
        if choice == ConflictDialog.KEEP_MINE:
            if data is not None:
                data["version"] = state["version"]
            else:
                self._nodes[node_id] = {"id": node_id, **state}
            return self._save_node(node_id, field, mine)
        if choice == ConflictDialog.TAKE_THEIRS:
            if data is not None:
                data.update(state)
            self.autosave.forget(f"node:{node_id}:{field}")
            if self.current is not None and self.current["id"] == node_id:
                self._show_node(self.current)
            return False
        return False  # later: the text stays on screen and in the journal

    def header_values(self) -> dict[str, Any]:
        """The header form as the user sees it (dates as ISO text, so the journal can hold it)."""
        lines = lambda w: [x.strip() for x in w.toPlainText().splitlines() if x.strip()]  # noqa: E731
        typed = self.f_date.iso_or_text()
        values = {
            "number": self.f_number.text().strip(), "issue_date": typed, "place": self.f_place.text().strip(),
            "title_lines": lines(self.f_title), "signer_authority": self.f_authority.text().strip(),
            "signer_position": self.f_position.text().strip(), "signer_name": self.f_signer.text().strip(),
            "recipients": lines(self.f_recipients), "opening": lines(self.f_opening), "closing": lines(self.f_closing),
        }
        if typed is not None and typed == self.f_date.text():  # not a real date: kept as typed, never saved
            values["issue_date"] = (self.program or {}).get("date")
            values["issue_date_typed"] = typed
        return values

    def _save_header_values(self, program_id: int, values: dict[str, Any]) -> bool:
        """Save the form; a date that is not a real one is told under the box and not saved (the
        other fields are, and the typed date stays on screen, pending and in the journal)."""
        fields = dict(values)
        typed = fields.pop("issue_date_typed", None)
        if typed is not None:
            if self.program and self.program["id"] == program_id:  # the rest of the form is saved
                self.f_date.validate()
                self._save_header_values(program_id, fields)
            return False
        if fields.get("issue_date"):
            fields["issue_date"] = date.fromisoformat(fields["issue_date"])
        same_program = bool(self.program) and self.program["id"] == program_id
        if same_program and services.program_header(self.program) == values:
            return True
        expected = self.program.get("version") if same_program else None
        outcome = saving.attempt(self, services.save_header, self.db, program_id, expected, **fields)
        if isinstance(outcome, saving.Conflict):
            current = services.program_json(self.db, program_id)
            choice = ConflictDialog.ask(self, header_text(values), header_text(services.program_header(current)))
            if choice == ConflictDialog.KEEP_MINE:
                if same_program:
                    self.program["version"] = current["version"]
                return self._save_header_values(program_id, values)
            if choice == ConflictDialog.TAKE_THEIRS:
                self.autosave.forget(f"header:{program_id}")
                if same_program:
                    self.program.update(current)
                    self._loading = True
                    self._fill_header(self.program)
                    self._loading = False
            return False
        if outcome is None:
            return False
        op = services.last_changes(self.db).op_id
        self.undo_stack.push(commands.EditHeader(self.ctx, program_id, fields).already_ran(op, outcome["before"]))
        if same_program:
            self.program["version"] = outcome["version"]
            self._remember_header(values)
        self.changedContent.emit(False)
        return True

    def _remember_header(self, values: dict[str, Any]) -> None:
        """The program dict follows what was saved, so an unchanged form is not saved again."""
        p = self.program
        p.update({"number": values["number"] or None, "date": values["issue_date"], "place": values["place"],
                  "title": values["title_lines"], "recipients": values["recipients"], "opening": values["opening"],
                  "closing": values["closing"]})
        p["signer"] = {"authority": values["signer_authority"], "position": values["signer_position"],
                       "name": values["signer_name"]}

    def _after_command(self, focus: int | None, change: tuple[str, str, int | None] | None = None) -> None:
        if self._batch:
            return
        if change is not None and focus is not None and self._update_in_place(focus, *change):
            self.saved.emit()
            self.changedContent.emit(False)
            return
        self.reload(select=focus)
        self.saved.emit()
        self.changedContent.emit(True)

    def _update_in_place(self, node_id: int, field: str, value: str, version: int | None) -> bool:
        """A text edit changes one row: update it instead of rebuilding the tree (no stall)."""
        index = self._index_of(node_id)
        if not index.isValid():
            return False
        data = self._tree_model().node(index)
        data[field] = value
        if version is not None:
            data["version"] = version
        model = self._tree_model()
        model.dataChanged.emit(index, index)
        if self.current is not None and self.current["id"] == node_id:
            self._loading = True
            if field == "heading" and self.heading.text() != value:
                self.heading.setText(value)
            elif field == "text" and self.text_value() != value:
                self.set_text_value(value)
            self._loading = False
        return True

    def add_dialog(self) -> None:
        if not self.program:
            return
        current = self.current
        parent_id, position = None, None
        kinds = ["part"]
        if current is not None:
            if current["kind"] in (NodeKind.PART, NodeKind.SECTION):
                parent_id, kinds = current["id"], [NodeKind.SECTION, NodeKind.PARAGRAPH, NodeKind.ITEM, NodeKind.BULLET]
            else:
                parent = self.tree.currentIndex().parent()
                parent_id = self._tree_model().node(parent)["id"] if parent.isValid() else None
                position = self.tree.currentIndex().row() + 1
                kinds = [NodeKind.PARAGRAPH, NodeKind.ITEM, NodeKind.BULLET, NodeKind.SECTION]
        dialog = AddNodeDialog(self, kinds)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        kind = dialog.kind.currentData()
        body = dialog.text.toPlainText().strip()
        heading, text = (body, "") if kind in ("part", "section") else ("", body)
        self.undo_stack.push(commands.AddNode(self.ctx, self.program["id"], parent_id, position, kind, heading, text))

    def delete_current(self) -> None:
        if self.current is not None:
            self.commit_pending()
            self.undo_stack.push(commands.DeleteNode(self.ctx, self.current["id"]))

    def move_current(self, direction: str) -> None:
        if self.current is not None:
            self.commit_pending()
            self.undo_stack.push(commands.MoveNode(self.ctx, self.current["id"], direction))

    def split_current(self) -> None:
        if self.current is None:
            return
        at = self.text.textCursor().position()
        self.commit_pending()
        stored = self.current.get("text") or ""
        self.undo_stack.push(commands.SplitNode(self.ctx, self.current["id"], inline.raw_index(stored, at), stored))

    # --- bold and italic inside a paragraph ------------------------------------------------------
    def set_text_value(self, value: str) -> None:
        """Show marked text (**đậm**, __nghiêng__) as formatted text."""

        html = []
        for piece, bold, italic in inline.segments(value):
            piece = escape(piece)
            if bold:
                piece = f"<b>{piece}</b>"
            if italic:
                piece = f"<i>{piece}</i>"
            html.append(piece)
        self.text.setHtml("<p style='white-space:pre-wrap'>" + "".join(html) + "</p>")

    def text_value(self) -> str:
        """The editor's formatted text as marked text (one paragraph)."""
        pieces: list[tuple[str, bool, bool]] = []
        block = self.text.document().begin()
        first = True
        while block.isValid():
            if not first:
                pieces.append((" ", False, False))
            first = False
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid():
                    fmt = fragment.charFormat()
                    pieces.append((fragment.text(), fmt.fontWeight() >= QFont.Weight.DemiBold,
                                   fmt.fontItalic()))
                it += 1
            block = block.next()
        return inline.join(pieces)

    def toggle_format(self, which: str) -> None:
        fmt = QTextCharFormat()
        current = self.text.currentCharFormat()
        if which == "bold":
            fmt.setFontWeight(QFont.Weight.Normal if current.fontWeight() >= QFont.Weight.DemiBold else QFont.Weight.Bold)
        else:
            fmt.setFontItalic(not current.fontItalic())
        self.text.mergeCurrentCharFormat(fmt)
        self._schedule("text")

    def merge_current(self) -> None:
        if self.current is not None:
            self.commit_pending()
            self.undo_stack.push(commands.MergeNode(self.ctx, self.current["id"]))

    def toggle_tracked(self) -> None:
        """Make the selected paragraph a tracked task, or stop tracking it (one undoable operation)."""
        if self.current is None:
            return
        self.undo_stack.push(commands.SetTracked(self.ctx, self.current["id"], "task" not in self.current))

    def _drop_move(self, node_id: int, parent_id: int | None, position: int) -> None:
        self.undo_stack.push(commands.MoveNode(self.ctx, node_id, target=(parent_id, position)))

    def save_header(self) -> None:
        """"Lưu thông tin văn bản": save the header form now (it also saves itself while typing)."""
        if self.program and self.program["status"] == "draft":
            self._schedule_header()
            self.autosave.flush(f"header:{self.program['id']}")

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        for a in (self.add_action, self.delete_action, None, self.up_action, self.down_action, self.indent_action,
                  self.outdent_action, None, self.split_action, self.merge_action, self.track_action):
            menu.addSeparator() if a is None else menu.addAction(a)
        menu.exec(self.tree.viewport().mapToGlobal(pos))

    # --- find and replace -------------------------------------------------------------------
    def show_find(self) -> None:
        self.replace_edit.hide()
        self.replace_all_button.hide()
        self.find_bar.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()

    def show_replace(self) -> None:
        self.show_find()
        editable = bool(self.program) and self.program["status"] == "draft"
        self.replace_edit.setVisible(editable)
        self.replace_all_button.setVisible(editable)

    def _all_nodes(self) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []

        def walk(nodes):
            for n in nodes:
                out.append(n)
                walk(n["children"])

        walk((self.program or {}).get("nodes", []))
        return out

    def _spans(self, value: str) -> list[tuple[int, int]]:
        return services.find_spans(value or "", self.find_edit.text(), exact=self.exact_check.isChecked())

    def find_next(self) -> None:
        """Select the next node holding the words; the count is of every occurrence, as replace-all
        would replace them."""
        if not self.find_edit.text().strip():
            return
        nodes = self._all_nodes()
        hits = sum(len(self._spans(n[f])) for n in nodes for f in ("heading", "text"))
        if not hits:
            self.find_status.setText(self.tr("Không tìm thấy"))
            return
        start = 0
        if self.current is not None:
            ids = [n["id"] for n in nodes]
            start = ids.index(self.current["id"]) + 1 if self.current["id"] in ids else 0
        for n in nodes[start:] + nodes[:start]:
            if self._spans(n["heading"]) or self._spans(n["text"]):
                self.select_node(n["id"])
                break
        self.find_status.setText(self.tr("{n} kết quả").format(n=hits))

    def replace_all(self) -> None:
        """Replace every occurrence find shows (same matching), as one undo step, with the true count."""
        old, new = self.find_edit.text(), self.replace_edit.text()
        if not old.strip() or not self.program or not self.commit_pending():
            return
        changes = []
        for n in self._all_nodes():
            for field in ("heading", "text"):
                value = n[field] or ""
                spans = self._spans(value)
                if spans:
                    replaced, last = [], 0
                    for a, b in spans:
                        replaced += [value[last:a], new]
                        last = b
                    changes.append((n["id"], field, value, "".join(replaced) + value[last:], len(spans)))
        count = 0
        if changes:
            self._batch = True
            self.undo_stack.beginMacro(self.tr("Thay “{old}” bằng “{new}”").format(old=old, new=new))
            try:
                for node_id, field, before, after, hits in changes:
                    command = commands.EditText(self.ctx, node_id, field, before, after, self._known_version(node_id))
                    self.undo_stack.push(command)
                    if not command.isObsolete():
                        count += hits
            finally:
                self.undo_stack.endMacro()
                self._batch = False
            self._after_command(self.current["id"] if self.current else None, None)
        self.find_status.setText(self.tr("Đã thay {n} chỗ").format(n=count))
