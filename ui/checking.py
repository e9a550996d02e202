"""Kiểm tra thể thức in the window: the panel listing faults by severity with their clause (a click
jumps to the node or header field), safe autofixes with a preview applied as one undoable command,
the check run before Xuất PDF, In and Ban hành, and "Kiểm tra tệp Word…" with an exportable note.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from ui import commands, runner
from ui.printing import print_options

UNKNOWN = "không kiểm tra được"  # a rule not evaluated: its own group, never counted as an error
SEVERITY_TITLES = {"lỗi": "Lỗi", "cảnh báo": "Cảnh báo", "gợi ý": "Gợi ý", UNKNOWN: "Không kiểm tra được"}
SEVERITY_COLOURS = {"lỗi": "#b00020", "cảnh báo": "#a15c00", "gợi ý": "#2f6690", UNKNOWN: "#777777"}


class WrappedRows(QStyledItemDelegate):
    """Rows as tall as their wrapped message at the column's width: a finding is read whole in the
    list, even in a narrow panel at 1366×768 (a tree view's own word wrap never knows the width)."""


    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        view = self.parent()
        if not isinstance(view, QTreeWidget) or not view.wordWrap() or index.column() != 0:
            return base  # the clause stays one line (it is under the list in full)
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = view.columnWidth(index.column()) - view.indentation() * depth - 8
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if width < 40 or not text:
            return base
        font = index.data(Qt.ItemDataRole.FontRole) or option.font
        height = QFontMetrics(font).boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
        return QSize(base.width(), max(base.height(), height + 4))


class ReportView(QWidget):
    """A report: a summary line, the findings grouped by severity, the hint of the chosen one."""

    jump = Signal(str)  # the finding's "where": "node:12", "field:number", …

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Sai sót"), self.tr("Căn cứ")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(1, 130)
        self.tree.setItemDelegate(WrappedRows(self.tree))
        self.tree.header().sectionResized.connect(lambda *_: self.tree.doItemsLayout())
        self.tree.setAccessibleName(self.tr("Kết quả kiểm tra thể thức"))
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.currentItemChanged.connect(self._chosen)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("QLabel{color:#444;padding:4px;}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.hint)

    def resizeEvent(self, event) -> None:
        """A narrow panel gives the messages the whole width; the clause is shown under the list anyway."""
        width = event.size().width()
        self.tree.setColumnHidden(1, width < 420)
        self.tree.setColumnWidth(1, max(130, width // 4))  # a wide dialog shows the clause whole
        super().resizeEvent(event)

    def show_report(self, report) -> None:
        self.report = report
        self.tree.clear()
        self.hint.clear()
        self.summary.setText(self.tr(
            "<b>{errors} lỗi</b>, {others} cảnh báo và gợi ý, {unknown} không kiểm tra được — theo {profile}, "
            "{rules} quy tắc.").format(**report.counts(), profile=report.profile_name, rules=report.rules_run))
        if not report.findings:
            QTreeWidgetItem(self.tree, [self.tr("Không phát hiện sai sót thể thức nào."), ""])
            return
        bold = QFont()
        bold.setBold(True)
        for severity, findings in report.by_severity().items():
            if not findings:
                continue
            group = QTreeWidgetItem(self.tree, [f"{self.tr(SEVERITY_TITLES[severity])} ({len(findings)})", ""])
            group.setFont(0, bold)
            group.setForeground(0, QBrush(QColor(SEVERITY_COLOURS[severity])))
            for f in findings:
                item = QTreeWidgetItem(group, [f.message, f.clause])
                item.setData(0, Qt.ItemDataRole.UserRole, f)
                item.setToolTip(0, f"{f.message}\n{f.hint}")
                if f.status == UNKNOWN:
                    item.setForeground(0, QBrush(QColor("#777")))
            group.setExpanded(True)

    def _chosen(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        """The whole finding under the list: message, clause, status and how to fix it."""
        finding = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if finding is None:
            self.hint.clear()
            return
        self.hint.setText(self.tr("<b>{message}</b><br>Căn cứ: {clause} · {severity}{status}<br>Cách sửa: {hint}").format(
            message=escape(finding.message), clause=escape(finding.clause), severity=finding.severity,
            status=f" · {finding.status}" if finding.status == UNKNOWN else "", hint=escape(finding.hint)))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, Qt.ItemDataRole.UserRole)
        if finding is not None and finding.where:
            self.jump.emit(finding.where)


class FixPreviewDialog(QDialog):
    """What each autofix will change; the safe ones are ticked, the others wait for a tick."""

    def __init__(self, findings: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sửa tự động — xem trước"))
        self.resize(720, 420)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        for f in findings:
            long_texts = [c for c in f.fix.changes[:4] if isinstance(c.new, str) and len(c.new) > 40]
            changes = "\n".join(f"    {a} → {b}" for c in long_texts
                                for a, b in [self._difference(str(c.old), str(c.new))])
            more = "" if f.autofix == "safe" else self.tr(" (cần xác nhận)")
            item = QListWidgetItem(f"{f.fix.summary}{more}\n    {f.message}" + (f"\n{changes}" if changes else ""))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if f.autofix == "safe" else Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, f.fix)
            self.list.addItem(item)
        note = QLabel(self.tr("Các sửa đổi được thực hiện cùng lúc và hoàn tác được bằng một lần Ctrl+Z."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Áp dụng"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)

    @staticmethod
    def _difference(old: str, new: str, around: int = 24) -> tuple[str, str]:
        """The two texts around their first difference, so a change inside a long paragraph shows."""
        start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
        tail = next((i for i, (a, b) in enumerate(zip(old[::-1], new[::-1], strict=False)) if a != b), 0)
        lo = max(0, start - around)

        def cut(text: str) -> str:
            hi = min(len(text), max(len(text) - tail, start) + around)
            return f"“{'…' if lo else ''}{text[lo:hi]}{'…' if hi < len(text) else ''}”"
        return cut(old), cut(new)

    def chosen(self) -> list:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]


class ApplyFixes(commands.OpCommand):
    """The chosen autofixes as one operation of the core: undo and redo go through services.undo/redo."""

    def __init__(self, ctx: commands.EditContext, program_id: int, fixes: list) -> None:
        super().__init__(ctx, ctx.parent.tr("Sửa tự động thể thức"), services.apply_fixes, program_id, fixes)


class ReasonDialog(QDialog):
    """Ban hành while errors remain: the reason is required and recorded in the audit log."""

    def __init__(self, report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ban hành khi còn lỗi thể thức"))
        self.resize(620, 380)
        errors = QLabel(self.tr("Văn bản còn {n} lỗi thể thức:").format(n=len(report.errors)) + "<ul>" + "".join(
            f"<li>{f.message} <i>({f.clause})</i></li>" for f in report.errors[:8]) + "</ul>")
        errors.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Lý do vẫn ban hành (bắt buộc, được ghi vào nhật ký)"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Vẫn ban hành"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Để sửa trước"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.reason.textChanged.connect(lambda: self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            bool(self.reason.toPlainText().strip())))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(errors)
        layout.addWidget(self.reason, 1)
        layout.addWidget(self.buttons)


class FileReportDialog(QDialog):
    """The report of a Word (or text) file made elsewhere, with "Xuất phiếu…"."""

    def __init__(self, report, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Kiểm tra thể thức — {name}").format(name=report.name))
        self.resize(860, 560)
        self.view = ReportView()
        self.view.show_report(report)
        export = QPushButton(self.tr("Xuất phiếu kiểm tra…"))
        export.clicked.connect(lambda: export_note(self, report))
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(export)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)


def note_file_name(report) -> str:
    """The note's default name, with its diacritics like every other name the app proposes."""
    name = report.name if report.source == "program" else Path(report.name).stem  # "quý III/2026" is no folder
    return services.safe_file_name(f"Phiếu kiểm tra - {name}") + ".pdf"


def export_note(parent: QWidget, report, path: str | None = None) -> str | None:
    """Save the report as a short PDF or DOCX note."""
    if path is None:
        start = Path(str(QSettings().value("last_folder", str(Path.home()))))
        name = note_file_name(report)
        path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Xuất phiếu kiểm tra"), str(start / name),
                                              parent.tr("Tệp PDF (*.pdf);;Tệp Word (*.docx)"))
        if not path:
            return None
    done = runner.call(parent, parent.tr("Không xuất được phiếu kiểm tra"), services.export_check_note, report, path)
    return None if done is runner.FAILED else path


FIELD_WIDGETS = {
    "field:number": "f_number", "field:issue_date": "f_date", "field:place": "f_place",
    "field:title_lines": "f_title", "field:signer_authority": "f_authority", "field:signer_position": "f_position",
    "field:signer_name": "f_signer", "field:recipients": "f_recipients", "field:opening": "f_opening",
    "field:closing": "f_closing",
}


class CheckController(QObject):
    """Owns the panel and the two commands; the main window calls `allows` and `issue` before acting."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.reader = runner.Reader(self)  # the re-check after an edit
        self.view = ReportView()
        self.view.jump.connect(self.jump)
        self.recheck_button = QPushButton(self.tr("Kiểm tra lại"))
        self.recheck_button.clicked.connect(self.check_now)
        self.fix_button = QPushButton(self.tr("Sửa tự động…"))
        self.fix_button.clicked.connect(self.fix_dialog)
        self.note_button = QPushButton(self.tr("Xuất phiếu…"))
        self.note_button.clicked.connect(lambda: self.view.report and export_note(window, self.view.report))
        box = QWidget()
        buttons = QHBoxLayout()
        for b in (self.recheck_button, self.fix_button, self.note_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(box)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.dock = QDockWidget(self.tr("Kiểm tra thể thức"), window)
        self.dock.setObjectName("check-dock")
        self.dock.setWidget(box)
        self.dock.hide()
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.check_action = QAction(self.tr("&Kiểm tra thể thức"), window)
        self.check_action.setShortcut(QKeySequence("F7"))
        self.check_action.setToolTip(self.tr("Kiểm tra thể thức văn bản theo hướng dẫn (HD 36, HD 05, NĐ 30)"))
        self.check_action.triggered.connect(self.check_now)
        self.check_file_action = QAction(self.tr("Kiểm tra tệp &Word…"), window)
        self.check_file_action.setToolTip(self.tr("Kiểm tra thể thức một tệp .docx soạn ở nơi khác"))
        self.check_file_action.triggered.connect(lambda: self.check_file())

    # --- the current program ----------------------------------------------------------------
    def _program(self) -> dict | None:
        return self.window.program

    def check_now(self):
        """Check the shown program and show the panel; returns the report (None if nothing to check)."""
        p = self._program()
        if not p:
            return None
        self.reader.cancel()  # a re-check under way would show an older report over this one
        self.window.editor.commit_pending()
        options = print_options()
        report = runner.call(self.window, self.tr("Không kiểm tra được thể thức"), services.check_program,
                             self.window.db, p["id"], options["profile"], tone=options["tone"])
        if report is runner.FAILED:
            return None
        self.view.show_report(report)
        self.fix_button.setEnabled(p["status"] == "draft" and bool(report.fixable()))
        if self.dock.isHidden() and not self.dock.isFloating():
            # as wide as the window allows without squeezing the program list or the editor's two panes
            nav, centre = self.window.splitter.widget(0), self.window.splitter.widget(1)
            room = self.window.width() - nav.width() - centre.minimumSizeHint().width() - 24
            self.window.resizeDocks([self.dock], [max(300, min(room, self.window.width() * 9 // 25))],
                                    Qt.Orientation.Horizontal)
        self.dock.show()
        self.dock.raise_()
        return report

    def refresh(self) -> None:
        """After an edit: the shown report follows the text while the panel is open, checked off the
        GUI thread (a province's program takes tens of milliseconds to check)."""
        p = self._program()
        if not (self.dock.isVisible() and p):
            return
        options, db, program_id = print_options(), self.window.db, p["id"]
        self.reader.start(lambda: services.check_program(db, program_id, options["profile"], tone=options["tone"]),
                          lambda report: self._rechecked(program_id, report), lambda *_error: None)

    def _rechecked(self, program_id: int, report) -> None:
        p = self._program()
        if not p or p["id"] != program_id:  # another program is shown now
            return
        self.view.show_report(report)
        self.fix_button.setEnabled(p["status"] == "draft" and bool(report.fixable()))

    def allows(self, what: str) -> bool:
        """The check before printing or exporting: errors ask whether to go on anyway."""
        report = self.check_now()
        if report is None or not report.errors:
            return True
        answer = QMessageBox.question(
            self.window, self.tr("Còn lỗi thể thức"),
            self.tr("Văn bản còn {n} lỗi thể thức (xem bảng “Kiểm tra thể thức”). Vẫn {what}?").format(
                n=len(report.errors), what=what),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def issue(self, number: str, issued) -> bool:
        """Ban hành after a check as it will be issued; errors need a reason (audited)."""
        p = self._program()
        options = print_options()
        report = runner.long_call(self.window, self.tr("Không kiểm tra được thể thức"),  # reads only: off the GUI thread
                                  self.tr("Đang kiểm tra thể thức…"), services.check_program,
                                  self.window.db, p["id"], options["profile"], tone=options["tone"], issuing=True,
                                  number=number, issue_date=issued)
        if report is runner.FAILED or report is runner.CANCELLED:
            return False
        reason = ""
        if report.errors:
            self.view.show_report(report)
            self.dock.show()
            dialog = ReasonDialog(report, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            reason = dialog.reason.toPlainText()
        done = runner.long_call(self.window, self.tr("Không ban hành được"), self.tr("Đang ban hành…"),
                                services.issue_checked, self.window.db, p["id"], number, issued, reason,
                                cancellable=False)  # a write, off the GUI thread: it runs to its end
        return done is not runner.FAILED

    def fix_dialog(self) -> bool:
        p, report = self._program(), self.view.report
        if not p or report is None or not report.fixable():
            return False
        dialog = FixPreviewDialog(report.fixable(), self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.chosen():
            return False
        editor = self.window.editor
        editor.undo_stack.push(ApplyFixes(editor.ctx, p["id"], dialog.chosen()))
        self.check_now()
        return True

    def jump(self, where: str) -> None:
        p = self._program()
        if not p:
            return
        kind, _, value = where.partition(":")
        editor = self.window.editor
        if kind == "node" and value.isdigit():
            self.window.open_node(p["id"], int(value))
        elif where in FIELD_WIDGETS:
            self.window.tabs.setCurrentWidget(editor)
            editor.side.setCurrentWidget(editor.header_page)
            getattr(editor, FIELD_WIDGETS[where]).setFocus()

    # --- a file made elsewhere --------------------------------------------------------------
    def check_file(self, path: str | None = None) -> FileReportDialog | None:
        if path is None:
            start = str(QSettings().value("last_folder", str(Path.home())))
            path, _ = QFileDialog.getOpenFileName(self.window, self.tr("Chọn tệp cần kiểm tra thể thức"), start,
                                                  self.tr("Tệp Word (*.docx);;Văn bản (*.txt);;Tất cả tệp (*)"))
            if not path:
                return None
        report = runner.call(self.window, self.tr("Không kiểm tra được tệp"), services.check_file, path,
                             print_options()["profile"])
        if report is runner.FAILED:
            return None
        dialog = FileReportDialog(report, self.window)
        dialog.show()
        return dialog
