"""The main window: programs on the left, the selected program's tree and text in the centre."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from hgdesk.db import Database
from hgdesk.errors import HgdeskError
from ui.models import TreeModel

STATUS_VI = {"draft": "Dự thảo", "issued": "Đã ban hành", "archived": "Lưu trữ"}


def node_caption(data: dict[str, Any]) -> str:
    text = data.get("heading") or data.get("text") or ""
    if len(text) > 90:
        text = text[:88].rstrip() + "…"
    label = data.get("label") or ""
    return f"{label} {text}".strip() if label != "-" else f"– {text}"


def node_html(data: dict[str, Any]) -> str:
    from html import escape

    parts = []
    if data.get("heading"):
        parts.append(f"<h3>{escape(data.get('label', ''))} {escape(data['heading'])}</h3>")
    if data.get("text"):
        label = data.get("label", "") if not data.get("heading") else ""
        parts.append(f"<p>{escape(label)} {escape(data['text'])}</p>")
    indicator = data.get("indicator")
    if indicator and indicator.get("value") is not None:
        from hgdesk.text import format_vn_number

        parts.append(f"<p><i>Chỉ tiêu: {format_vn_number(indicator['value'])} {escape(indicator.get('unit') or '')}</i></p>")
    return "".join(parts)


class ImportPreviewDialog(QDialog):
    """Shows what the importer understood, before anything is saved."""

    def __init__(self, parsed, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Xem trước khi nhập"))
        self.resize(900, 640)
        data = parsed.to_json()
        layout = QVBoxLayout(self)
        kind = {"annual": self.tr("Chương trình năm"), "quarterly": self.tr("Chương trình quý"),
                "term": self.tr("Văn bản nhiệm kỳ"), "half_year": self.tr("Chương trình 6 tháng")}.get(
            data["kind"] or "", self.tr("Chưa rõ loại"))
        summary = self.tr("{kind} {year} · {org} · {count} mục · {rec} nơi nhận").format(
            kind=kind, year=data["year"] or "", org=data["organization"] or self.tr("chưa rõ cơ quan"),
            count=sum(1 for _ in parsed.walk()), rec=len(data["recipients"]))
        layout.addWidget(QLabel(summary))
        tree = QTreeView()
        tree.setHeaderHidden(True)
        tree.setModel(TreeModel(data["nodes"], node_caption, tree))
        tree.expandToDepth(1)
        layout.addWidget(tree, 1)
        warnings = QPlainTextEdit("\n".join(data["warnings"]) or self.tr("Không có cảnh báo."))
        warnings.setReadOnly(True)
        warnings.setMaximumHeight(90)
        layout.addWidget(QLabel(self.tr("Cảnh báo:")))
        layout.addWidget(warnings)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Lưu vào cơ sở dữ liệu"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.program_id: int | None = None
        self.setWindowTitle(self.tr("hgdesk – Chương trình công tác"))
        self.resize(1280, 800)

        self.programs = QTreeView()
        self.programs.setHeaderHidden(True)
        self.nodes = QTreeView()
        self.nodes.setHeaderHidden(True)
        self.nodes.setUniformRowHeights(True)
        self.detail = QTextBrowser()
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(6, 6, 6, 6)
        centre_layout.addWidget(self.header)
        inner = QSplitter(Qt.Orientation.Horizontal)
        inner.addWidget(self.nodes)
        inner.addWidget(self.detail)
        inner.setSizes([560, 420])
        centre_layout.addWidget(inner, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.programs)
        self.splitter.addWidget(centre)
        self.splitter.setSizes([320, 960])
        self.setCentralWidget(self.splitter)

        self._actions()
        self.refresh_programs()
        self._restore()

    # actions -------------------------------------------------------------------------------
    def _actions(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Tệp"))
        self.import_action = QAction(self.tr("&Nhập chương trình từ tệp…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self.import_dialog)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Thoát"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        toolbar = self.addToolBar(self.tr("Công cụ"))
        toolbar.setObjectName("main-toolbar")
        toolbar.addAction(self.import_action)

    def refresh_programs(self, select_id: int | None = None) -> None:
        programs = services.list_programs(self.db)
        orgs: dict[int, dict[str, Any]] = {}
        for org in services.list_organizations(self.db):
            orgs[org["id"]] = {"caption": org["name"], "children": []}
        for p in programs:
            caption = f"{p.title} ({STATUS_VI.get(p.status, p.status)})"
            orgs[p.organization_id]["children"].append({"caption": caption, "program_id": p.id})
        model = TreeModel(list(orgs.values()), lambda d: d.get("caption", ""), self.programs)
        self.programs.setModel(model)
        self.programs.expandAll()
        self.programs.selectionModel().currentChanged.connect(self._program_chosen)
        target = select_id or (programs[0].id if programs else None)
        if target is not None:
            self._select_program(target)

    def _select_program(self, program_id: int) -> None:
        model = self.programs.model()
        for r in range(model.rowCount()):
            org_index = model.index(r, 0)
            for c in range(model.rowCount(org_index)):
                index = model.index(c, 0, org_index)
                if index.data(Qt.ItemDataRole.UserRole).get("program_id") == program_id:
                    self.programs.setCurrentIndex(index)
                    return

    def _program_chosen(self, index) -> None:
        data = index.data(Qt.ItemDataRole.UserRole) or {}
        if "program_id" in data:
            self.show_program(data["program_id"])

    def show_program(self, program_id: int) -> None:
        try:
            data = services.program_json(self.db, program_id)
        except HgdeskError as exc:
            self.show_error(self.tr("Không mở được chương trình"), exc)
            return
        self.program_id = program_id
        from html import escape

        title = " ".join(data["title"]) or data["document_type"]
        status = STATUS_VI.get(data["status"], data["status"])
        warn = (self.tr(" · <span style='color:#a15c00'>{n} cảnh báo khi nhập</span>").format(n=len(data["warnings"]))
                if data["warnings"] else "")
        self.header.setText(
            f"<b>{escape(data['document_type'])}</b> – {escape(title)}<br>"
            f"{escape(data['organization'])} · {escape(status)} · "
            + self.tr("Số {symbol}").format(symbol=escape(f"{data['number'] or '…'}-{data['symbol']}"))
            + warn
        )
        model = TreeModel(data["nodes"], node_caption, self.nodes)
        self.nodes.setModel(model)
        self.nodes.expandToDepth(1)
        self.nodes.selectionModel().currentChanged.connect(
            lambda idx: self.detail.setHtml(node_html(idx.data(Qt.ItemDataRole.UserRole) or {}))
        )
        opening = "".join(f"<p>{escape(p)}</p>" for p in data["opening"])
        self.detail.setHtml(opening)

    def import_dialog(self) -> None:
        settings = QSettings()
        start = str(settings.value("last_folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chọn tệp chương trình"), start,
            self.tr("Văn bản (*.docx *.txt);;Tất cả tệp (*)"),
        )
        if path:
            settings.setValue("last_folder", str(Path(path).parent))
            self.import_path(path)

    def import_path(self, path: str, confirm: bool = True) -> int | None:
        try:
            parsed = services.parse_only(path)
        except HgdeskError as exc:
            self.show_error(self.tr("Không nhập được tệp"), exc)
            return None
        if confirm and ImportPreviewDialog(parsed, self).exec() != QDialog.DialogCode.Accepted:
            return None
        try:
            program_id = services.save_parsed(self.db, parsed, Path(path).name)
        except HgdeskError as exc:
            self.show_error(self.tr("Không lưu được chương trình"), exc)
            return None
        self.refresh_programs(program_id)
        self.statusBar().showMessage(self.tr("Đã nhập “{name}”.").format(name=Path(path).name), 5000)
        return program_id

    def show_error(self, title: str, exc: Exception) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, str(exc), parent=self)
        box.addButton(self.tr("Đóng"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    # state -------------------------------------------------------------------------------
    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = settings.value("main/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    def closeEvent(self, event) -> None:
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        super().closeEvent(event)

    def save_screenshots(self, folder: Path) -> list[Path]:
        path = folder / "main_window.png"
        self.grab().save(str(path))
        return [path]
