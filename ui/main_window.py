"""The main window: organisations and programs on the left, the work in tabs in the centre."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from hgdesk.errors import NotFoundError, ReportEditedError
from hgdesk.services import plain
from hgdesk.vocab import DocumentKind, ProgramKind, ProgramStatus
from ui import commands, icons, runner
from ui.candidates import CandidatesPanel
from ui.checking import CheckController
from ui.dialogs import CloseQuarterDialog, CompareDialog, DeriveWizard, ImportPreviewDialog, IssueDialog
from ui.editor import EditorTab
from ui.indicators import IndicatorsTab
from ui.managing import ProgramActions, ProgramsWindow
from ui.models import TreeModel
from ui.preview import PreviewTab
from ui.reports import ReportsTab
from ui.tracking import TrackingTab

STATUS_VI = ProgramStatus.labels()
IMPORTABLE = (".docx", ".txt")


def program_caption(p) -> str:
    demo = f" – {services.DEMO_LABEL}" if getattr(p, "demo", False) else ""
    return services.list_caption(p) + demo


def today() -> date:
    """The day the window opens on (tests set another)."""
    return date.today()


class MainWindow(ProgramsWindow):
    EXPAND_ALL_UP_TO = 600  # programs in the list opened in full; more are shown by office
    def __init__(self, db: services.Database, open_later: bool = False) -> None:
        """`open_later`: the program list is filled and the program last worked on opened on the first
        turn of the event loop, after the window has painted (the application's start); else before
        returning."""
        super().__init__()
        self.db = db
        self.program: dict[str, Any] | None = None
        self._set_title(self.tr("hgdesk – Chương trình công tác"))
        self.fit_to_screen()
        self.setAcceptDrops(True)

        self.programs = QTreeView()
        self.programs.setHeaderHidden(True)
        # narrow (the format panel open at 1366×768), "Quý II/…(dự thảo)" still says which version it is
        self.programs.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.programs.setUniformRowHeights(True)  # hundreds of programs: no size asked of every row
        self.programs.setAccessibleName(self.tr("Danh sách chương trình"))
        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setContentsMargins(8, 6, 8, 6)

        self.editor = EditorTab(db)
        self.candidates = CandidatesPanel(db)
        self.editor.side.addTab(self.candidates, self.tr("Nhiệm vụ năm để chọn"))
        self.editor.side.currentChanged.connect(self._side_tab_changed)
        self.editor.candidatesDropped.connect(self.candidates.drop_into)
        self.editor.sourceOpened.connect(self.open_source)
        self.tracking = TrackingTab(db)
        self.indicators = IndicatorsTab(db)
        self.reports = ReportsTab(db)
        self.preview = PreviewTab(db)
        from ui.dashboard import DashboardTab

        self.dashboard = DashboardTab(db)
        self.dashboard.openTask.connect(self.open_task)
        self.dashboard.openIndicator.connect(self.open_indicator)
        self.dashboard.openProgram.connect(self._open_program_in_editor)
        self.dashboard.reminderSaved.connect(lambda path: self.statusBar().showMessage(
            self.tr("Đã lưu nhắc việc: {path}").format(path=path), 8000))
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for widget, title in ((self.dashboard, "Tổng quan"), (self.editor, "Soạn thảo"),
                              (self.tracking, "Theo dõi nhiệm vụ"), (self.indicators, "Chỉ tiêu"), (self.reports, "Báo cáo"),
                              (self.preview, "Xem trước")):
            self.tabs.addTab(widget, self.tr(title))
        self.tabs.currentChanged.connect(self._tab_changed)

        centre = QWidget()
        layout = QVBoxLayout(centre)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.programs)
        self.splitter.addWidget(centre)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([min(300, self.width() // 5), self.width()])
        self.setCentralWidget(self.splitter)

        self.saved_label = QLabel()
        self.statusBar().addPermanentWidget(self.saved_label)
        self._quiet = False  # rebuilding the program list without opening the program again
        self._settings = QSettings()
        self._recent_programs: list[int] = self._recent("recent_programs")
        self._program_rows: dict[int, tuple[int, ...]] = {}
        runner.watch(db)
        runner.bus().changed.connect(self._on_changes)
        self._following = True

        self.checker = CheckController(self)  # Kiểm tra thể thức: panel, and the check before print and issue
        self._make_menus()
        self._restore()
        if open_later:
            QTimer.singleShot(0, self, self._open_first)
        else:
            self.refresh_programs(self._last_program())
        self.idle_checkpoint = QTimer(self)  # after a quiet minute the main file alone holds everything
        self.idle_checkpoint.setSingleShot(True)
        self.idle_checkpoint.setInterval(60_000)
        self.idle_checkpoint.timeout.connect(self._checkpoint)
        self.editor.saved.connect(self.idle_checkpoint.start)
        self._undo_at = 0
        self.editor.undo_stack.indexChanged.connect(self._undo_moved)
        self.editor.databaseReplaced.connect(lambda: QTimer.singleShot(0, self._replaced_elsewhere))
        QTimer.singleShot(0, self.offer_recovery)

    def fit_to_screen(self) -> None:
        """First start: 1360×860 where the screen has room, else the screen's free area (taskbar
        excluded, room left for the title bar), centred — every panel reachable on 1366×768 at 125 %."""
        screen = self.screen().availableGeometry()
        width, height = min(1360, screen.width() - 16), min(860, screen.height() - 40)
        self.resize(width, height)
        self.move(screen.x() + (screen.width() - width) // 2, screen.y() + max(0, (screen.height() - height - 32) // 2))

    # --- menus ------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.import_action = self._action(self.tr("&Nhập chương trình từ tệp…"), self.import_dialog,
                                          QKeySequence.StandardKey.Open,
                                          self.tr("Nhập tệp .docx hoặc .txt (cũng có thể kéo thả tệp vào cửa sổ)"))
        self.pdf_action = self._action(self.tr("Xuất &PDF…"), lambda: self.export("pdf"), QKeySequence("Ctrl+E"))
        self.docx_action = self._action(self.tr("Xuất &DOCX…"), lambda: self.export("docx"))
        self.print_action = self._action(self.tr("&In…"), self.print_program, QKeySequence.StandardKey.Print)
        self.xlsx_out_action = self._action(self.tr("Xuất sổ theo dõi &Excel…"), self.export_workbook,
                                            tip=self.tr("Sổ Excel các nhiệm vụ để các đơn vị điền trạng thái, kết quả"))
        self.xlsx_in_action = self._action(self.tr("Nhập sổ theo dõi Excel đã điền…"), self.import_workbook)
        self.own_xlsx_action = self._action(self.tr("Nhập nhiệm vụ từ sổ Excel riêng…"), self.import_own_workbook)
        self.package_out_action = self._action(self.tr("X&uất gói chương trình…"), self.export_package,
                                               tip=self.tr("Một tệp .hgdesk để gửi chương trình cho cấp dưới"))
        self.package_in_action = self._action(self.tr("Nhập gói chương trình…"), self.import_package)
        self.paste_action = self._action(self.tr("Dán văn &bản để nhập…"), self.paste_dialog,
                                         QKeySequence("Ctrl+Shift+V"),
                                         self.tr("Nhập văn bản chép từ tệp PDF, trang web hoặc thư điện tử"))
        quit_action = self._action(self.tr("&Thoát"), self.close, QKeySequence.StandardKey.Quit)
        menu = bar.addMenu(self.tr("&Tệp"))
        menu.addAction(self.import_action)
        menu.addAction(self.paste_action)
        self.recent_menu = menu.addMenu(self.tr("Nhập lại tệp &gần đây"))
        self._fill_recent_files()
        for a in (self.package_in_action, None, self.pdf_action, self.docx_action,
                  self.print_action, None, self.xlsx_out_action, self.xlsx_in_action, self.own_xlsx_action, None,
                  self.package_out_action,
                  None, quit_action):
            menu.addSeparator() if a is None else menu.addAction(a)

        menu = bar.addMenu(self.tr("&Sửa"))
        for a in (self.editor.undo_action, self.editor.redo_action, None, self.editor.find_action,
                  self.editor.replace_action, None, self.editor.add_action, self.editor.delete_action, None,
                  self.editor.up_action, self.editor.down_action, self.editor.indent_action,
                  self.editor.outdent_action):
            menu.addSeparator() if a is None else menu.addAction(a)

        self.derive_action = self._action(self.tr("Soạn chương trình &quý mới…"), self.derive_dialog,
                                          QKeySequence.StandardKey.New)
        self.lower_action = self._action(self.tr("Soạn chương trình năm cho &cấp dưới…"), self.derive_lower_dialog)
        self.save_all_action = self._action(self.tr("&Lưu"), self.save_all, QKeySequence.StandardKey.Save,
                                            self.tr("Lưu ngay mọi nội dung đang gõ (phần mềm cũng tự lưu)"))
        self.addAction(self.save_all_action)
        self.version_action = self._action(self.tr("Lưu &phiên bản dự thảo"), self.save_version, None,
                                           self.tr("Giữ bản hiện tại thành “Dự thảo lần N” và soạn tiếp lần N + 1"))
        self.compare_action = self._action(self.tr("&So sánh phiên bản dự thảo…"), self.compare_versions)
        self.issue_action = self._action(self.tr("&Ban hành…"), self.issue_dialog)
        self.new_version_action = self._action(self.tr("Tạo phiên bản &mới"), self.new_version)
        self.close_quarter_action = self._action(self.tr("&Kết thúc quý…"), self.close_quarter_dialog)
        self.results_report_action = self._action(self.tr("Soạn báo cá&o kết quả quý"),
                                                  lambda: self.draft_report("quarter"))
        self.half_report_action = self._action(self.tr("Soạn báo cáo kết quả &6 tháng"),
                                               lambda: self.draft_report("half"))
        self.year_report_action = self._action(self.tr("Soạn báo cáo kết quả cả &năm"),
                                               lambda: self.draft_report("year"))
        menu = bar.addMenu(self.tr("Chương t&rình"))
        for a in (self.save_all_action, None, self.derive_action, self.lower_action, None, self.version_action, self.compare_action, None, self.issue_action,
                  self.new_version_action, None, self.close_quarter_action, self.results_report_action,
                  self.half_report_action, self.year_report_action):
            menu.addSeparator() if a is None else menu.addAction(a)
        self.manage = ProgramActions(self)
        self.manage.add_to(menu)

        self.search_action = self._action(self.tr("&Tìm trong mọi chương trình…"), self.search_dialog,
                                          QKeySequence("Ctrl+Shift+F"))
        self.backups_action = self._action(self.tr("&Sao lưu và khôi phục…"), self.backups_dialog)
        self.audit_action = self._action(self.tr("&Nhật ký thay đổi…"), self.audit_dialog)
        self.settings_action = self._action(self.tr("&Cài đặt…"), self.settings_dialog, QKeySequence.StandardKey.Preferences)
        menu = bar.addMenu(self.tr("Công &cụ"))
        for a in (self.search_action, self.checker.check_action, self.checker.check_file_action, None,
                  self.backups_action, self.audit_action, None, self.settings_action):
            menu.addSeparator() if a is None else menu.addAction(a)

        self.help_action = self._action(self.tr("&Hướng dẫn sử dụng"), self.show_help, QKeySequence.StandardKey.HelpContents,
                                        self.tr("Mở trang hướng dẫn của thẻ đang làm việc (F1)"))
        self.report_action = self._action(self.tr("&Lưu báo cáo lỗi…"), self.save_support_report,
                                          tip=self.tr("Một tệp .zip gồm nhật ký hoạt động và phiên bản phần mềm, để gửi người hỗ trợ"))
        help_menu = bar.addMenu(self.tr("Trợ &giúp"))
        for a in (self.help_action, self.report_action, None,
                  self._action(self.tr("&Giới thiệu hgdesk"), self.about)):
            help_menu.addSeparator() if a is None else help_menu.addAction(a)

        toolbar = self.addToolBar(self.tr("Công cụ"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a, key, short in ((self.import_action, "import", self.tr("Nhập tệp")),
                              (self.derive_action, "derive", self.tr("Soạn quý mới")),
                              (self.version_action, "save_version", self.tr("Lưu dự thảo")),
                              (self.issue_action, "issue", self.tr("Ban hành")),
                              (self.close_quarter_action, "close_quarter", self.tr("Kết thúc quý")),
                              (self.pdf_action, "pdf", self.tr("Xuất PDF")), (self.print_action, "print", self.tr("In"))):
            a.setIcon(icons.icon(key))
            a.setIconText(short)  # the toolbar's short label; the menu keeps the full one
            a.setToolTip(a.statusTip())
            toolbar.addAction(a)

    # --- programs list ----------------------------------------------------------------------
    def refresh_programs(self, select_id: int | None = None, show: bool = True) -> None:
        self.dashboard.load(self.program)
        programs = services.list_programs(self.db)
        orgs: dict[int, dict[str, Any]] = {
            o["id"]: {"caption": o["name"] + (f" – {self.tr(services.DEMO_LABEL)}" if o["demo"] else ""),
                      "children": [], "years": {}} for o in services.list_organizations(self.db)
        }
        for p in programs:
            org = orgs[p.organization_id]
            year = org["years"].setdefault(p.year, {"caption": self.tr("Năm {y}").format(y=p.year or "?"),
                                                     "children": []})
            year["children"].append({"caption": program_caption(p), "program_id": p.id,
                                     "tooltip": f"{p.title} – {STATUS_VI.get(p.status, p.status)}"})
        roots = []
        by_id = {p.id: p for p in programs}
        recent = [by_id[i] for i in self._recent_programs if i in by_id][:5]
        if recent:
            roots.append({"caption": self.tr("Gần đây"), "children": [
                {"caption": f"{program_caption(p)} – {p.organization}", "program_id": p.id,
                 "tooltip": f"{p.organization} – {p.title}"} for p in recent]})
        for org in orgs.values():
            org["children"] = [org["years"][y] for y in sorted(org["years"], key=lambda y: -(y or 0))]
            roots.append(org)
        self._program_rows = {}  # program id -> rows from the top to its first place in the list
        homes: dict[int, tuple[int, ...]] = {}  # ... to its place under its office and year

        def place(nodes: list[dict[str, Any]], path: tuple[int, ...]) -> None:
            for row, node in enumerate(nodes):
                if "program_id" in node:
                    self._program_rows.setdefault(node["program_id"], (*path, row))
                    if not recent or path[0] != 0:
                        homes[node["program_id"]] = (*path, row)
                place(node.get("children", []), (*path, row))

        place(roots, ())
        model = TreeModel(roots, lambda d: d.get("caption", ""), self.programs)
        self.programs.setModel(model)
        target = select_id if select_id in by_id else (programs[0].id if programs else None)
        if len(programs) <= self.EXPAND_ALL_UP_TO:
            self.programs.expandAll()
        else:  # a province's decade: the offices and the shown program's year open, not thousands of rows
            for row in range(model.rowCount()):
                self.programs.expand(model.index(row, 0))
            self._expand_to(homes.get(target) if target is not None else None)
        self.programs.selectionModel().currentChanged.connect(self._program_chosen)
        self._quiet = not show
        try:
            if target is not None:
                self._select_program(target)
            elif show:
                self.show_program(None)
        finally:
            self._quiet = False

    def _expand_to(self, rows: tuple[int, ...] | None) -> QModelIndex:
        """The list's item at `rows` (from the top), its groups opened."""
        model, index = self.programs.model(), QModelIndex()
        for row in rows or ():
            if index.isValid():
                self.programs.expand(index)
            index = model.index(row, 0, index)
        return index

    def _select_program(self, program_id: int) -> None:
        rows = self._program_rows.get(program_id)
        if rows is not None:  # its place was noted when the list was built: no walk over every row
            self.programs.setCurrentIndex(self._expand_to(rows))
        if not self._quiet and (not self.program or self.program["id"] != program_id):
            self.show_program(program_id)  # already current in the list (a quiet rebuild selected it)

    def _open_first(self) -> None:
        """The start's list and the program last worked on, once the window has painted; unless the
        list was filled meanwhile (the first-run wizard, a file opened at start)."""
        if self.program is None and not self._program_rows:
            self.refresh_programs(self._last_program())

    def _program_chosen(self, index) -> None:
        data = index.data(Qt.ItemDataRole.UserRole) or {}
        if "program_id" in data and not self._quiet:
            self.show_program(data["program_id"])

    def show_program(self, program_id: int | None) -> None:
        self.editor.commit_pending()
        data = None
        if program_id is not None:
            data = runner.call(self, self.tr("Không mở được chương trình"), services.program_json, self.db, program_id)
            if data is runner.FAILED:
                return
        self.program = data
        self._update_header()
        self.editor.load(data)
        self.candidates.load(data)
        self.tracking.load(data)
        self.indicators.load(data)
        self.reports.load(data)
        self.preview.load(data, self.print_options())
        self._update_actions()
        self.checker.refresh()
        if data:
            self._remember_shown(data["id"])

    def _remember_shown(self, program_id: int) -> None:
        """Reopen here after a crash or a power cut; the recent list. Written by the settings object the
        window keeps, which Qt saves on the next turn of the event loop: a write of the file costs about
        10 ms, and three of them were a third of opening a program."""
        self._recent_programs = [program_id, *(x for x in self._recent_programs if x != program_id)][:8]
        self._settings.setValue("last_program", program_id)
        self._settings.setValue("recent_programs", self._recent_programs)

    def _update_header(self) -> None:
        p = self.program
        if not p:
            self.header.setText(self.tr("Chưa có chương trình nào. Hãy nhập một chương trình từ tệp (Ctrl+O)."))
            return
        title = " ".join(p["title"]) or p["document_type"]
        status = STATUS_VI.get(p["status"], p["status"])
        if p["status"] == "draft":
            status = self.tr("dự thảo lần {n}").format(n=p["draft_version"])
        number = f"{p['number'] or '…'}-{p['symbol']}"
        warn = ""
        if p["warnings"]:
            warn = self.tr(" · <span style='color:#a15c00'>{n} cảnh báo khi nhập</span>").format(n=len(p["warnings"]))
        closed = self.tr(" · đã kết thúc quý") if p.get("closed") else ""
        if p.get("demo"):
            closed += f" · <span style='color:#a15c00'><b>{escape(self.tr(services.DEMO_LABEL))}</b></span>"
        self.header.setText(
            f"<b>{escape(p['document_type'])}</b> – {escape(title)}<br>"
            f"{escape(p['organization'])} · {escape(status)} · {self.tr('Số')} {escape(number)}{closed}{warn}"
        )
        self.header.setToolTip("\n".join(p["warnings"]))
        self._set_title(self.tr("{title} – hgdesk").format(title=title))

    def _set_title(self, text: str) -> None:
        """The window title; a database opened read-only says so there, all the time."""
        if getattr(self.db, "read_only", False):
            text += self.tr(" (chỉ đọc – thay đổi không được lưu)")
        self.setWindowTitle(text)

    def _update_actions(self) -> None:
        p = self.program
        draft = bool(p) and p["status"] == "draft"
        quarterly = bool(p) and p["kind"] == "quarterly"
        for a in (self.pdf_action, self.docx_action, self.print_action, self.package_out_action):
            a.setEnabled(bool(p))
        for a in (self.xlsx_out_action, self.xlsx_in_action, self.own_xlsx_action):
            a.setEnabled(quarterly)
        self.version_action.setEnabled(draft)
        self.issue_action.setEnabled(draft)
        self.compare_action.setEnabled(draft)
        self.new_version_action.setEnabled(bool(p) and p["status"] == "issued")
        self.close_quarter_action.setEnabled(quarterly and not p.get("closed"))
        self.results_report_action.setEnabled(quarterly)
        self.half_report_action.setEnabled(quarterly and (p or {}).get("quarter", 0) >= 2)
        self.year_report_action.setEnabled(quarterly)
        self.lower_action.setEnabled(bool(p) and p["kind"] == "annual")
        self.manage.update(p)

    def _tab_changed(self, _index: int) -> None:
        self.editor.commit_pending()

    def _on_changes(self, changes, origin) -> None:
        """The one refresh path: every operation's Changes, from wherever it ran, decide which
        views reload. The editor and the tracking table show their own edits in place."""
        if changes.programs or changes.settings:  # a program appeared, was issued, versioned…
            self.refresh_programs(self.program["id"] if self.program else None, show=False)
        p = self.program
        if p and (p["id"] in changes.touched or changes.settings):
            try:
                fresh = services.program_json(self.db, p["id"])
            except NotFoundError:  # the program shown was removed (sample data, emptied trash): show none
                self.show_program(None)
                return
            self.program = fresh
            self._update_header()
            self._update_actions()
            if origin is not self.editor and (p["id"] in changes.tree or p["id"] in changes.programs
                                              or changes.settings):
                self.editor.reload(data=fresh)
            if origin is not self.candidates and (p["id"] in changes.tree or p["id"] in changes.tasks):
                self.candidates.load(fresh)
            self.preview.load(fresh, self.print_options())
        for tab in (self.tracking, self.indicators, self.reports):
            tab.on_changes(self.program, changes, origin)
        self.dashboard.load(self.program)  # statuses and deadlines may have changed what is due
        QTimer.singleShot(0, self, self.checker.refresh)  # the format check after a paint, not in the same block
        self._saved()

    def _side_tab_changed(self, _index: int) -> None:
        """The candidates need room to be read: their tab takes the larger part beside the tree."""
        total = sum(self.editor.splitter.sizes())
        share = 0.6 if self.editor.side.currentWidget() is self.candidates else 0.45
        self.editor.splitter.setSizes([int(total * (1 - share)), int(total * share)])

    def _undo_moved(self, index: int) -> None:
        """Hoàn tác says what it took back: the last message ("Đã kết thúc quý III…") may say the opposite."""
        stack = self.editor.undo_stack
        if index < self._undo_at and index < stack.count():
            self.statusBar().showMessage(self.tr("Đã hoàn tác: {what}").format(what=stack.command(index).text()), 8000)
        self._undo_at = index

    def _saved(self) -> None:
        self.saved_label.setText(self.tr("Đã lưu lúc {t}").format(t=time.strftime("%H:%M:%S")))

    # --- actions ----------------------------------------------------------------------------
    def import_dialog(self) -> None:
        settings = QSettings()
        start = str(settings.value("last_folder", str(Path.home())))
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp chương trình"), start,
                                              self.tr("Văn bản (*.docx *.txt);;Tất cả tệp (*)"))
        if path:
            settings.setValue("last_folder", str(Path(path).parent))
            self.import_path(path)

    def paste_dialog(self) -> int | None:
        """Dán văn bản: the text copied from a PDF or a web page, through the same preview as a file."""
        from ui.paste import PasteDialog

        dialog = PasteDialog(self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        text, name = dialog.pasted()
        parsed = runner.call(self, self.tr("Không đọc được văn bản"), services.parse_pasted, text, name)
        if parsed is runner.FAILED:
            return None
        return self.import_parsed(parsed, name)

    def import_path(self, path: str, confirm: bool = True) -> int | None:
        parsed = runner.long_call(self, self.tr("Không nhập được tệp"), self.tr("Đang đọc “{name}”…").format(
            name=Path(path).name), services.parse_only, path)
        if not parsed:
            return None
        program_id = self.import_parsed(parsed, Path(path).name, confirm)
        if program_id is not None:
            self._remember("recent_files", str(Path(path).resolve()))
        return program_id

    def import_parsed(self, parsed, name: str, confirm: bool = True) -> int | None:
        """The import preview, the duplicate question, then one stored program (its id)."""
        if confirm:
            preview = ImportPreviewDialog(parsed, self)
            if preview.exec() != QDialog.DialogCode.Accepted:
                return None
            parsed = runner.call(self, self.tr("Thông tin chưa hợp lệ"), services.apply_import_choices, parsed,
                                 **preview.choices())
            if parsed is runner.FAILED:
                return None
        choice, existing = self.manage.ask_duplicate(parsed, name)
        if choice == "open":
            self.refresh_programs(existing)
            return existing
        if choice == "cancel":
            return None
        program_id = runner.call(self, self.tr("Không lưu được chương trình"), services.save_parsed, self.db, parsed,
                                 name)
        if program_id is runner.FAILED:
            return None
        self._select_program(program_id)
        self.statusBar().showMessage(self.tr("Đã nhập “{name}”.").format(name=name), 5000)
        return program_id

    def dragEnterEvent(self, event) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.toLocalFile().lower().endswith(IMPORTABLE) for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            path = url.toLocalFile()
            if path.lower().endswith(IMPORTABLE):
                event.acceptProposedAction()
                QTimer.singleShot(0, lambda p=path: self.import_path(p))
                break

    def derive_dialog(self) -> int | None:
        programs = services.list_programs(self.db)
        shown = next((p for p in programs if self.program and p.id == self.program["id"]), None)
        from_report = shown is not None and shown.kind == ProgramKind.REPORT  # its wizard lists the annual programs
        if shown is not None and not shown.has_tasks and not from_report:
            kind = self.tr(DocumentKind.label_of(self.program.get("document_kind") or "")).lower()
            runner.show_error(self, self.tr("Văn bản không có nhiệm vụ"), self.tr(
                "Văn bản đang mở là {kind}, không phải chương trình công tác: không có nhiệm vụ để soạn chương trình "
                "quý. Hãy mở chương trình công tác năm rồi soạn lại.").format(kind=kind))
            return None
        annuals = [p for p in programs if p.kind == "annual" and p.has_tasks]
        if not annuals:
            runner.show_error(self, self.tr("Chưa có chương trình năm"),
                              self.tr("Hãy nhập chương trình công tác năm trước khi soạn chương trình quý."))
            return None
        preselect = None
        if self.program and not from_report:
            preselect = self.program["id"] if self.program["kind"] == "annual" else self.program.get("parent_id")
        wizard = DeriveWizard(self.db, annuals, preselect, self)
        if wizard.exec() != QDialog.DialogCode.Accepted or wizard.created is None:
            return None
        self._select_program(wizard.created)
        return wizard.created

    def derive_lower_dialog(self) -> int | None:
        from ui.dialogs import LowerProgramDialog

        p = self.program
        if not p or p["kind"] != "annual":
            return None
        dialog = LowerProgramDialog(services.list_organizations(self.db), p["organization_id"], self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        org_id = dialog.organization.currentData()
        new_org = dialog.new_organization()
        if new_org is not None:
            org_id = runner.call(self, self.tr("Không tạo được cơ quan"), services.create_lower_organization,
                                 self.db, p["organization_id"], **new_org)
            if org_id is runner.FAILED:
                return None
        created = runner.call(self, self.tr("Không soạn được chương trình"), services.derive_for_organisation,
                              self.db, p["id"], org_id)
        if created is runner.FAILED:
            return None
        self._select_program(created)
        return created

    def save_all(self) -> bool:
        """Ctrl+S: everything typed is saved now (it also saves itself), and the status bar says so."""
        if self.editor.commit_pending():
            self.db.checkpoint()
            self._saved()
            self.statusBar().showMessage(self.tr("Đã lưu mọi nội dung."), 4000)
            return True
        self.statusBar().showMessage(self.tr("Còn nội dung chưa lưu được; nội dung vẫn được giữ."), 8000)
        return False

    def save_version(self) -> None:
        if not self.program:
            return
        if not self.editor.commit_pending():
            return
        version = runner.call(self, self.tr("Không lưu được phiên bản"), services.save_draft_version_if_changed,
                              self.db, self.program["id"])
        if version is None:
            self.statusBar().showMessage(self.tr(
                "Nội dung chưa thay đổi so với “Dự thảo lần {n}”, không tạo phiên bản mới.").format(
                n=self.program["draft_version"] - 1), 6000)
            return
        if version is not runner.FAILED:
            self.statusBar().showMessage(self.tr("Đã lưu “Dự thảo lần {n}”; đang soạn lần {m}.").format(
                n=version, m=version + 1), 6000)

    def _checkpoint(self) -> None:
        with suppress(Exception):  # busy now: the next quiet minute or the quit does it
            self.db.checkpoint()

    def offer_recovery(self) -> int:
        """At start: typing the database lacks (a crash, a kill, a power cut) is offered back."""
        from ui.save_dialogs import RecoveryDialog

        log = self.editor.journal
        found = runner.call(self, self.tr("Không đọc được nhật ký khôi phục"), services.recoverable, self.db, log)

        if not found:
            return 0
        items = [(self._where(entry), entry.value if isinstance(entry.value, str) else str(entry.value),
                  stored if isinstance(stored, str) else str(stored)) for entry, stored in found]
        dialog = RecoveryDialog(items, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            log.clear()
            return 0
        restored = 0
        for i in dialog.chosen():
            if runner.call(self, self.tr("Không khôi phục được"), services.apply_recovered, self.db, found[i][0]) \
                    is not runner.FAILED:
                restored += 1
        log.clear()
        self._checkpoint()  # recovered text in the main file at once, not only in the -wal
        self.refresh_programs(self.program["id"] if self.program else None)
        self.statusBar().showMessage(self.tr("Đã khôi phục {n} nội dung chưa lưu.").format(n=restored), 8000)
        return restored

    def _where(self, entry) -> str:
        """Where the recovered text belongs, in the user's words: the program and the node's label."""
        kind, _, rest = entry.key.partition(":")
        if kind == "template":
            return self.tr("Mẫu văn bản")
        program = runner.call(self, self.tr("Không đọc được chương trình"), services.program_json, self.db,
                              entry.program_id) if entry.program_id else None
        name = " ".join(program["title"]) if program else ""
        if kind == "header":
            return self.tr("{p} – thông tin văn bản").format(p=name).strip(" –")
        node_id, field = int(rest.split(":")[0]), rest.split(":")[1]
        label = ""

        def walk(nodes):
            nonlocal label
            for n in nodes:
                if n["id"] == node_id:
                    label = n["label"] or plain(n["heading"] or n["text"])[:40]
                walk(n["children"])

        walk(program["nodes"] if program else [])
        what = self.tr("tiêu đề mục {l}") if field == "heading" else self.tr("nội dung mục {l}")
        return f"{name} – {what.format(l=label)}".strip(" –")

    def compare_versions(self) -> None:
        if self.program:
            versions = services.draft_versions(self.db, self.program["id"])
            CompareDialog(self.db, self.program["id"], versions, self).exec()

    def issue_dialog(self) -> None:
        if not self.program:
            return
        self.editor.commit_pending()
        written = self.program.get("date")  # the date typed in Thông tin văn bản, if any, is the one proposed
        when = date.fromisoformat(written) if written else date.today()
        dialog = IssueDialog(self.program["symbol"], self, when)
        suggested = runner.call(self, self.tr("Không ban hành được"), services.suggested_number, self.db,
                                self.program["id"], when)
        if suggested is not runner.FAILED:
            dialog.suggest(suggested)
        while True:  # a refused number or date reopens the dialog with what was typed
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            number, issued = dialog.values()
            if runner.call(self, self.tr("Không ban hành được"), services.check_number, self.db, self.program["id"],
                           number, issued) is not runner.FAILED:
                break
        questions = runner.call(self, self.tr("Không ban hành được"), services.issue_questions, self.db,
                                self.program["id"], issued)
        for question in [] if questions is runner.FAILED else questions:
            answer = QMessageBox.question(self, self.tr("Ngày ban hành"), question)
            if answer != QMessageBox.StandardButton.Yes:
                return
        if self.checker.issue(number, issued):  # the list and the views follow through _on_changes
            self._saved()

    def new_version(self) -> None:
        if not self.program:
            return
        new = runner.call(self, self.tr("Không tạo được phiên bản mới"), services.new_version, self.db,
                          self.program["id"])
        if new is not runner.FAILED:
            self._select_program(new)

    def close_quarter_dialog(self) -> None:
        p = self.program
        if not p:
            return
        self.editor.commit_pending()
        plan = runner.call(self, self.tr("Không kết thúc được quý"), services.close_quarter_plan, self.db, p["id"])
        if plan is runner.FAILED:
            return
        dialog = CloseQuarterDialog(plan, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        command = commands.OpCommand(self.editor.ctx, self.tr("Kết thúc {q}").format(q=plan["quarter"]),
                                     services.close_quarter, p["id"], dialog.chosen(), dialog.reason_text())
        self.editor.undo_stack.push(command)  # one operation: Hoàn tác (Ctrl+Z) reopens the quarter
        if command.result is not runner.FAILED and command.result is not None:
            self.statusBar().showMessage(self.tr("Đã kết thúc {q}: {n} nhiệm vụ chuyển sang {next}.").format(
                q=plan["quarter"], n=len(command.result), next=plan["next"]), 8000)

    def draft_report(self, period: str = "quarter") -> int | None:
        """Soạn báo cáo kết quả (quý, 6 tháng, cả năm): a new draft report from the tracking, opened in the
        editor. When the period's earlier draft was edited since, asks before replacing it."""
        p = self.program
        if not p:
            return None

        def attempt(overwrite: bool) -> Any:
            try:
                return services.draft_results_report(self.db, p["id"], period, overwrite)
            except ReportEditedError as edited:
                return edited

        title = self.tr("Không soạn được báo cáo")
        report = runner.call(self, title, attempt, False)
        if isinstance(report, ReportEditedError):
            answer = runner.choose(self, self.tr("Báo cáo đã được sửa"), str(report), [
                ("replace", self.tr("Soạn lại, thay bản đã sửa"), QMessageBox.ButtonRole.DestructiveRole),
                ("keep", self.tr("Mở bản đã sửa"), QMessageBox.ButtonRole.AcceptRole),
                ("cancel", self.tr("Hủy"), QMessageBox.ButtonRole.RejectRole)], default="keep")
            if answer == "keep":
                self._open_program_in_editor(report.existing_id)
                return report.existing_id
            if answer != "replace":
                return None
            report = runner.call(self, title, attempt, True)
        if report is runner.FAILED:
            return None
        self.refresh_programs(report)
        self.tabs.setCurrentWidget(self.editor)
        self.statusBar().showMessage(self.tr("Đã soạn dự thảo báo cáo kết quả; hãy đọc lại và bổ sung."), 8000)
        return report

    def export(self, kind: str, path: str | None = None) -> str | None:
        if not self.program:
            return None
        self.editor.commit_pending()
        if not self.checker.allows(self.tr("xuất văn bản")):
            return None
        settings = QSettings()
        if path is None:
            start = Path(str(settings.value("last_folder", str(Path.home()))))
            name = services.safe_file_name(f"{self.program['document_type']} {' '.join(self.program['title'])}")
            suggested = str(start / f"{name}.{kind}")
            filters = self.tr("Tệp PDF (*.pdf)") if kind == "pdf" else self.tr("Tệp Word (*.docx)")
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất văn bản"), suggested, filters)
            if not path:
                return None
            settings.setValue("last_folder", str(Path(path).parent))
        fn = services.export_pdf if kind == "pdf" else services.export_docx
        done = runner.call(self, self.tr("Không xuất được văn bản"), fn, self.db, self.program["id"], path,
                           **self.print_options())
        if done is runner.FAILED:
            return None
        self.statusBar().showMessage(self.tr("Đã xuất “{p}”.").format(p=path), 6000)
        return path

    def _ask_save(self, title: str, name: str, filters: str) -> str | None:
        settings = QSettings()
        start = Path(str(settings.value("last_folder", str(Path.home()))))
        path, _ = QFileDialog.getSaveFileName(self, title, str(start / name), filters)
        if path:
            settings.setValue("last_folder", str(Path(path).parent))
        return path or None

    def _ask_open(self, title: str, filters: str) -> str | None:
        settings = QSettings()
        path, _ = QFileDialog.getOpenFileName(self, title, str(settings.value("last_folder", str(Path.home()))), filters)
        if path:
            settings.setValue("last_folder", str(Path(path).parent))
        return path or None

    def export_workbook(self, path: str | None = None) -> str | None:
        p = self.program
        if not p:
            return None
        path = path or self._ask_save(self.tr("Xuất sổ theo dõi"), self.tr("Sổ theo dõi {period}.xlsx").format(
            period=services.safe_file_name(services.period_label(p["year"], p.get("quarter")))),
                                      self.tr("Sổ tính Excel (*.xlsx)"))
        if not path:
            return None
        title = self.tr("Không xuất được sổ theo dõi")
        data = runner.long_call(self, title, self.tr("Đang tạo sổ theo dõi…"), services.tracking_workbook, self.db,
                                p["id"])  # off the GUI thread; "Hủy" writes nothing
        if data is runner.FAILED or data is runner.CANCELLED:
            return None
        if runner.call(self, title, services.save_export, path, data) is runner.FAILED:
            return None
        self.statusBar().showMessage(self.tr("Đã xuất “{p}”.").format(p=path), 6000)
        return path

    def import_workbook(self, path: str | None = None) -> bool:
        from ui.dialogs import WorkbookReviewDialog

        p = self.program
        if not p:
            return False
        path = path or self._ask_open(self.tr("Chọn sổ theo dõi đã điền"), self.tr("Sổ tính Excel (*.xlsx)"))
        if not path:
            return False
        report = runner.long_call(self, self.tr("Không đọc được sổ theo dõi"), self.tr("Đang kiểm tra sổ…"),
                                  services.import_tracking_workbook, self.db, p["id"], path)
        if not report:
            return False
        if WorkbookReviewDialog(report, Path(path).name, self).exec() != QDialog.DialogCode.Accepted:
            return False
        applied = runner.call(self, self.tr("Không cập nhật được từ sổ theo dõi"), services.import_tracking_workbook,
                              self.db, p["id"], path, True)
        if applied is runner.FAILED:
            return False
        self.statusBar().showMessage(self.tr("Đã cập nhật {n} thay đổi từ sổ theo dõi.").format(
            n=len(applied["changes"])), 8000)
        return True

    def import_own_workbook(self, path: str | None = None) -> int | None:
        from ui.dialogs import OwnWorkbookDialog

        p = self.program
        if not p:
            return None
        path = path or self._ask_open(self.tr("Chọn sổ Excel có danh sách nhiệm vụ"), self.tr("Sổ tính Excel (*.xlsx)"))
        if not path:
            return None
        preview = runner.call(self, self.tr("Không đọc được sổ Excel"), services.read_own_workbook, path)
        if preview is runner.FAILED:
            return None
        sections = []

        def walk(nodes, depth):
            for n in nodes:
                if n["kind"] in ("part", "section"):
                    sections.append((n["id"], "   " * depth + f"{n['label']} {n['heading']}".strip()))
                    walk(n["children"], depth + 1)

        walk(p["nodes"], 0)
        dialog = OwnWorkbookDialog(path, preview, sections, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        count = runner.call(self, self.tr("Không nhập được nhiệm vụ"), services.import_own_tasks, self.db, p["id"],
                            path, dialog.section.currentData(), dialog.mapping(), dialog.sheet.currentText())
        if count is runner.FAILED:
            return None
        self.statusBar().showMessage(self.tr("Đã nhập {n} nhiệm vụ.").format(n=count), 6000)
        return count

    def export_package(self, path: str | None = None) -> str | None:
        p = self.program
        if not p:
            return None
        path = path or self._ask_save(self.tr("Xuất gói chương trình"), f"chuong-trinh-{p['id']}.hgdesk",
                                      self.tr("Gói chương trình (*.hgdesk)"))
        if not path:
            return None
        done = runner.call(self, self.tr("Không xuất được gói"), services.export_package, self.db, p["id"], path)
        return None if done is runner.FAILED else path

    def import_package(self, path: str | None = None) -> int | None:
        from ui.dialogs import PackageTargetDialog

        path = path or self._ask_open(self.tr("Chọn gói chương trình"), self.tr("Gói chương trình (*.hgdesk)"))
        if not path:
            return None
        dialog = PackageTargetDialog(services.list_organizations(self.db), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        new = self._import_signed_package(path, dialog.organization.currentData())
        if new is None:
            return None
        self._select_program(new)
        return new

    def _import_signed_package(self, path: str, organization: int | None) -> int | None:
        """Import; a sender seen for the first time is shown (name, fingerprint) and trusted on request."""
        from hgdesk.errors import UntrustedPackageError
        from ui.trust_dialog import TrustSenderDialog

        def attempt(trust: str | None = None) -> int | UntrustedPackageError:
            try:
                return services.import_package(self.db, path, organization, trust=trust)
            except UntrustedPackageError as unknown:
                return unknown

        title = self.tr("Không nhập được gói")
        new = runner.call(self, title, attempt)
        if isinstance(new, UntrustedPackageError):
            dialog = TrustSenderDialog(new.sender, new.fingerprint, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            new = runner.call(self, title, attempt, new.fingerprint)
        return None if new is runner.FAILED or not isinstance(new, int) else new

    def print_program(self) -> None:
        from ui.printing import print_program

        if self.program:
            self.editor.commit_pending()
            if self.checker.allows(self.tr("in")):
                print_program(self, self.db, self.program["id"])

    def search_dialog(self) -> None:
        from ui.search import SearchDialog

        dialog = SearchDialog(self.db, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen:
            self.open_node(*dialog.chosen)

    def _open_program_in_editor(self, program_id: int) -> None:
        self._select_program(program_id)
        self.tabs.setCurrentWidget(self.editor)

    def open_task(self, program_id: int, task_id: int) -> None:
        """Show a task's row in the tracking table (where it is marked done)."""
        self._select_program(program_id)
        self.tabs.setCurrentWidget(self.tracking)
        self.tracking.select_task(task_id)

    def open_source(self, source: services.ReportSource) -> None:
        """What a results report's paragraph was drafted from: the task's row, the indicator, the section."""
        if source.task_id:
            self.open_task(source.program_id, source.task_id)
        elif source.indicator:
            self.open_indicator(source.program_id, source.node_id)
        else:
            self.open_node(source.program_id, source.node_id)

    def open_indicator(self, program_id: int, node_id: int) -> None:
        """Show the indicators of the program an indicator belongs to, that indicator's row chosen."""
        self._select_program(program_id)
        self.tabs.setCurrentWidget(self.indicators)
        self.indicators.select_indicator(node_id)

    def open_node(self, program_id: int, node_id: int) -> None:
        """Show a program in the editor with one of its nodes selected."""
        self._select_program(program_id)
        self.tabs.setCurrentWidget(self.editor)
        self.editor.select_node(node_id)

    def print_options(self) -> dict:
        from ui.printing import print_options

        return print_options()

    def backups_dialog(self) -> None:
        from ui.tools import BackupsDialog

        if not self.db.is_sqlite:
            runner.show_error(self, self.tr("Sao lưu"), self.tr(
                "Dữ liệu đang ở máy chủ PostgreSQL; việc sao lưu do máy chủ đảm nhận (pg_dump)."))
            return
        self.editor.commit_pending()
        dialog = BackupsDialog(self.db, self)

        def restored() -> None:
            dialog.accept()
            self.reopen_database(dialog.restored_from)

        dialog.restored.connect(restored)
        dialog.exec()

    def _replaced_elsewhere(self) -> None:
        """Another window restored a backup over our file: reopen, say so, offer the typing back."""
        if not self.db.replaced():
            return  # already reopened (several saves noticed the same restore)
        self.reopen_database()
        runner.show_error(self, self.tr("Dữ liệu đã được khôi phục"), self.tr(
            "Tệp dữ liệu vừa được thay bằng một bản sao lưu (từ cửa sổ hgdesk khác). Phần mềm đã mở lại tệp mới; "
            "nội dung bạn đang gõ chưa lưu được giữ lại và sẽ được đề nghị khôi phục ngay sau đây."))
        self.offer_recovery()

    def reopen_database(self, restored_from: tuple[str, str | None] | None = None) -> None:
        """After a restore: open the restored file and show it; typing not yet saved stays in the
        journal and is offered back."""
        self.editor.autosave.abandon()
        # Close the old connections first: SQLite closing the last connection of the replaced file
        # would otherwise delete the new file's -wal by name, losing what was written since.
        with suppress(Exception):
            self.db.dispose()
        db = runner.call(self, self.tr("Không mở lại được dữ liệu"), services.Database, self.db.url)
        if db is runner.FAILED:
            return
        if restored_from is not None:
            runner.call(self, self.tr("Không ghi được nhật ký thay đổi"), services.record_restore, db, *restored_from)
        self.set_database(db)
        self.statusBar().showMessage(self.tr("Đã khôi phục dữ liệu từ bản sao lưu."), 8000)

    def set_database(self, db: services.Database) -> None:
        self.db = db
        self.editor.journal.close()
        runner.watch(db)
        for tab in (self.editor, self.tracking, self.indicators, self.reports, self.preview):
            tab.db = db
        self.tracking.model.db = db
        self.editor.ctx.db = db
        self.refresh_programs(self.program["id"] if self.program else None)

    def audit_dialog(self) -> None:
        from ui.tools import AuditDialog

        AuditDialog(self.db, self.program["id"] if self.program else None, self).exec()

    def settings_dialog(self) -> None:
        from ui.tools import SettingsDialog

        org = self.program["organization_id"] if self.program else None
        if SettingsDialog(self.db, org, self, self.editor.journal).exec() == QDialog.DialogCode.Accepted:
            self.preview.load(self.program, self.print_options())  # print options are settings of this machine

    def about(self) -> None:
        info = services.about_info(self.db)
        licences = "".join(f"<li>{escape(c['name'])}: {escape(c['licence'])}</li>" for c in info["licences"])
        box = QMessageBox(QMessageBox.Icon.NoIcon, self.tr("Giới thiệu hgdesk"), self.tr(
            "<b>hgdesk</b> phiên bản {version}<br>Soạn, theo dõi và in chương trình công tác của cấp ủy; "
            "thể thức văn bản theo Hướng dẫn 05-HD/VPTW (2026) và 36-HD/VPTW cho văn bản trước 27/5/2026.<br><br><b>Dữ liệu:</b> {path}<br>"
            "<b>Nhật ký hoạt động:</b> {logs}<br><br><b>Thành phần và giấy phép:</b><ul>{licences}</ul>").format(
            version=escape(info["version"]), path=escape(info["database"]), logs=escape(info["log_folder"]),
            licences=licences), QMessageBox.StandardButton.Close, self)
        box.setIconPixmap(self.windowIcon().pixmap(64, 64))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.about_box = box  # reachable by tests
        box.exec()

    def show_help(self) -> None:
        """F1: the guide's page for the tab the user is working in."""
        from ui.help import TAB_PAGES, HelpWindow

        if getattr(self, "help_window", None) is None:
            self.help_window = HelpWindow(self)
        self.help_window.show_page(TAB_PAGES[self.tabs.currentIndex()])
        self.help_window.show()
        self.help_window.activateWindow()

    def save_support_report(self, path: str | None = None) -> str | None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        name = f"hgdesk-bao-cao-loi-{time.strftime('%Y%m%d-%H%M')}.zip"
        path = path or self._ask_save(self.tr("Lưu báo cáo lỗi"), name, self.tr("Tệp nén (*.zip)"))
        if not path:
            return None
        done = runner.call(self, self.tr("Không lưu được báo cáo lỗi"), services.write_support_report, self.db, path,
                           {"Qt": qVersion(), "PySide6 (đang chạy)": pyside_version})
        if done is runner.FAILED:
            return None
        self.statusBar().showMessage(self.tr("Đã lưu báo cáo lỗi: {path}").format(path=done), 8000)
        return done

    # --- state ------------------------------------------------------------------------------
    def _recent(self, key: str) -> list:
        value = QSettings().value(key, [])
        items = value if isinstance(value, list) else [value] if value else []
        return [int(str(x)) if key == "recent_programs" else str(x) for x in items if str(x).strip()]

    def _remember(self, key: str, item) -> None:
        items = [x for x in self._recent(key) if x != item]
        QSettings().setValue(key, [item, *items][:8])
        if key == "recent_files":
            self._fill_recent_files()

    def _importer_of(self, path: str) -> Callable[[], Any]:
        return lambda: self.import_path(path)

    def _fill_recent_files(self) -> None:
        self.recent_menu.clear()
        files = [f for f in self._recent("recent_files") if Path(f).exists()]
        for path in files:
            self.recent_menu.addAction(Path(path).name, self._importer_of(path)).setToolTip(path)
        self.recent_menu.setEnabled(bool(files))

    def _last_program(self) -> int | None:
        value = QSettings().value("last_program")
        try:
            return int(value) if value is not None else None
        except (TypeError, ValueError):
            return None

    def _restore(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for key, splitter in (("main/splitter", self.splitter), ("editor/splitter", self.editor.splitter),
                              ("tracking/splitter", self.tracking.splitter)):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)
        # the first start of a day opens on Tổng quan (what is overdue today); later the tab left
        tab = settings.value("main/tab")
        if tab is not None and settings.value("main/day") == today().isoformat():
            self.tabs.setCurrentIndex(int(tab))
        else:
            self.tabs.setCurrentWidget(self.dashboard)

    def closeEvent(self, event) -> None:
        self.editor.commit_pending()  # what cannot be saved now stays in the journal, offered at next start
        self.editor.journal.close()
        self._checkpoint()  # a locked or vanished file: the data is safe in the -wal file
        if self._following:  # a closed window no longer follows changes (close may come twice)
            self._following = False
            runner.bus().changed.disconnect(self._on_changes)
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/splitter", self.splitter.saveState())
        settings.setValue("editor/splitter", self.editor.splitter.saveState())
        settings.setValue("tracking/splitter", self.tracking.splitter.saveState())
        settings.setValue("main/tab", self.tabs.currentIndex())
        settings.setValue("main/day", today().isoformat())
        super().closeEvent(event)

    def save_screenshots(self, folder: Path) -> list[Path]:
        """A PNG of every main view, for review."""
        from PySide6.QtWidgets import QApplication

        self.fit_to_screen()  # the first-start frame every time, whatever the saved geometry
        self.splitter.setSizes([min(300, self.width() // 5), self.width()])
        self.tracking.splitter.setSizes([600, 110])
        names = ["tong-quan", "soan-thao", "theo-doi", "chi-tieu", "bao-cao", "xem-truoc"]
        paths = []
        for index, name in enumerate(names):
            self.tabs.setCurrentIndex(index)
            QApplication.processEvents()
            tab = self.tabs.currentWidget()
            deadline = time.time() + 20
            while getattr(tab, "loading", False) and time.time() < deadline:  # a read off the GUI thread
                QApplication.processEvents()
                time.sleep(0.01)
            QApplication.processEvents()  # widgets the read added show on the next turn
            if name == "xem-truoc":
                self.preview.rebuild()
                deadline = time.time() + 20
                while self.preview.reader.busy and time.time() < deadline:
                    QApplication.processEvents()
                    time.sleep(0.02)
                settle = time.time() + 1.5  # QPdfView paints its pages asynchronously
                while time.time() < settle:
                    QApplication.processEvents()
                    time.sleep(0.02)
            path = folder / f"{index + 1}-{name}.png"
            self.grab().save(str(path))
            paths.append(path)
        return paths
