"""Công cụ: backups and restore, the audit trail, and the settings (secretary, organisation,
templates, format profile)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services
from hgdesk.services import fold, to_roman
from ui import runner
from ui.autosave import Autosave


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class BackupsDialog(QDialog):
    """Sao lưu và khôi phục: the verified backups, a backup now, a restore."""

    restored = Signal()

    def __init__(self, db: services.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(self.tr("Sao lưu và khôi phục"))
        self.resize(820, 480)
        layout = QVBoxLayout(self)
        info = QLabel(self.tr("Phần mềm tự sao lưu mỗi ngày khi mở, trước khi nâng cấp dữ liệu và trước mỗi lần "
                              "ban hành. Mỗi bản sao lưu đều được kiểm tra tính toàn vẹn và nén lại. Giữ 7 bản "
                              "hằng ngày, 8 bản hằng tuần và 10 bản gần nhất trước khi ban hành."))
        info.setWordWrap(True)
        layout.addWidget(info)
        self.space = QLabel()
        layout.addWidget(self.space)
        self.table = _table([self.tr("Thời điểm"), self.tr("Loại"), self.tr("Dung lượng"), self.tr("Tệp")])
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        now = QPushButton(self.tr("Sao lưu ngay"))
        now.clicked.connect(self.backup_now)
        restore = QPushButton(self.tr("Khôi phục bản đã chọn…"))
        restore.clicked.connect(lambda: self.restore_selected())  # not clicked(bool) as the path
        folder = QPushButton(self.tr("Mở thư mục sao lưu"))
        folder.clicked.connect(self.open_folder)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        for w in (now, restore, folder):
            row.addWidget(w)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        rows = runner.call(self, self.tr("Không đọc được danh sách sao lưu"), services.list_backups, self.db) or []
        self.rows = rows
        used = sum(b["size"] for b in rows) / 1024 / 1024
        self.space.setText(self.tr("{n} bản sao lưu, chiếm {mb} MB.").format(
            n=len(rows), mb=f"{used:,.1f}".replace(",", " ").replace(".", ",")))
        self.table.setRowCount(len(rows))
        for r, b in enumerate(rows):
            for c, value in enumerate((b["when"], b["kind_vi"], f"{b['size'] / 1024:,.0f} KB".replace(",", "."),
                                       Path(b["path"]).name)):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def backup_now(self) -> None:
        made = runner.call(self, self.tr("Không sao lưu được"), services.backup_now, self.db)
        if made is not runner.FAILED:
            self.refresh()

    def restore_selected(self, path: str | None = None, confirm: bool = True) -> bool:
        if path is None:
            row = self.table.currentRow()
            if row < 0:
                runner.show_error(self, self.tr("Chưa chọn bản sao lưu"), self.tr("Hãy chọn một bản trong danh sách."))
                return False
            path = self.rows[row]["path"]
        if confirm:
            answer = QMessageBox.question(self, self.tr("Khôi phục dữ liệu"), self.tr(
                "Dữ liệu hiện tại sẽ được thay bằng bản sao lưu “{name}”. Bản hiện tại được sao lưu trước "
                "(loại “trước khi khôi phục”) nên vẫn lấy lại được. Tiếp tục?").format(name=Path(path).name))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        done = runner.call(self, self.tr("Không khôi phục được"), services.restore_backup, self.db, path)
        if done is runner.FAILED:
            return False
        self.restored_from = (path, (done or {}).get("path"))
        self.restored.emit()
        return True

    def open_folder(self) -> None:
        if self.rows:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.rows[0]["path"]).parent)))


class AuditDialog(QDialog):
    """Nhật ký thay đổi of a program: who changed what, when; filterable, exportable."""

    def __init__(self, db: services.Database, program_id: int | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.program_id = db, program_id
        self.setWindowTitle(self.tr("Nhật ký thay đổi"))
        self.resize(980, 560)
        self.entries = runner.call(self, self.tr("Không đọc được nhật ký"), services.audit_entries, db,
                                   program_id) or []
        layout = QVBoxLayout(self)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Lọc theo người, thao tác hoặc nội dung…"))
        self.filter.textChanged.connect(self.fill)
        layout.addWidget(self.filter)
        self.table = _table([self.tr("Thời điểm"), self.tr("Người thực hiện"), self.tr("Thao tác"),
                             self.tr("Chi tiết")])
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        export = QPushButton(self.tr("Xuất CSV…"))
        export.clicked.connect(self.export)
        close = QPushButton(self.tr("Đóng"))
        close.clicked.connect(self.accept)
        row.addWidget(export)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.fill()

    def fill(self) -> None:
        needle = fold(self.filter.text())
        rows = []
        for e in self.entries:
            action, detail = e["action_vi"], e["detail"]  # worded by the core: Vietnamese, local time
            if needle and needle not in fold(f"{e['user']} {action} {detail}"):
                continue
            rows.append((e["when"], e["user"], action.capitalize(), detail))
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def export(self, path: str | None = None) -> str | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Xuất nhật ký"), "nhat-ky.csv",
                                                  self.tr("Tệp CSV (*.csv)"))
        if not path:
            return None
        done = runner.call(self, self.tr("Không xuất được nhật ký"), services.export_audit_csv, self.db,
                           self.program_id, path)
        return None if done is runner.FAILED else path


class SettingsDialog(QDialog):
    """Cài đặt: the secretary's name, the organisation record, the texts of derived programs,
    the format profile used for printing."""

    def __init__(self, db: services.Database, organization_id: int | None, parent: QWidget | None = None,
                 journal: services.Journal | None = None) -> None:
        super().__init__(parent)
        self.db, self.organization_id = db, organization_id
        # Templates save themselves as they are typed (validated, version-checked), like the editor.
        self.autosave = Autosave(self._save_template_key, journal, self)
        self._template_index: int | None = None
        self.setWindowTitle(self.tr("Cài đặt"))
        self.resize(820, 600)
        tabs = QTabWidget()
        settings = QSettings()

        general = QWidget()
        form = QFormLayout(general)
        self.secretary = QLineEdit(str(settings.value("secretary", "")))
        self.secretary.setPlaceholderText(self.tr("Tên người soạn, ghi vào nhật ký thay đổi"))
        self.profile = QComboBox()
        for row in services.format_profiles():
            self.profile.addItem(row["name"], row["id"])
        self.profile.setCurrentIndex(max(0, self.profile.findData(settings.value("profile", "party"))))
        self.tone = QComboBox()
        self.tone.addItem(self.tr("Như văn bản đang viết (văn bản viết lẫn hai kiểu: theo kiểu dùng nhiều hơn)"), "")
        self.tone.addItem(self.tr("Đảng uỷ, hoà, khoẻ (dấu trên âm chính)"), "uỷ")
        self.tone.addItem(self.tr("Đảng ủy, hòa, khỏe (dấu trên âm đầu)"), "ủy")
        self.tone.setCurrentIndex(max(0, self.tone.findData(str(settings.value("tone", "")))))
        self.duplex = QCheckBox(self.tr("In hai mặt: lề trang chẵn đối xứng (trái 15 mm, phải 30 mm)"))
        self.duplex.setChecked(str(settings.value("duplex", "false")).lower() in ("true", "1"))
        form.addRow(self.tr("Tên người sử dụng:"), self.secretary)
        form.addRow(self.tr("Thể thức văn bản khi in:"), self.profile)
        form.addRow(self.tr("Cách đặt dấu thanh khi in:"), self.tone)
        form.addRow("", self.duplex)
        tabs.addTab(general, self.tr("Chung"))

        self.org_fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        if organization_id is not None:
            org = services.organization(db, organization_id)
            org_page = QWidget()
            org_form = QFormLayout(org_page)
            labels = {"name": "Tên cơ quan:", "header_name": "Tên in ở tiêu đề (chữ hoa):",
                      "superior_line": "Cơ quan cấp trên (dòng trên):", "symbol_suffix": "Ký hiệu (TU, HU, ĐU…):",
                      "office_code": "Mã lưu văn bản (VPTU…):", "place": "Địa danh:",
                      "signer_authority": "Thẩm quyền ký mặc định:", "signer_position": "Chức vụ người ký:",
                      "signer_name": "Người ký:", "recipients": "Nơi nhận mặc định (mỗi dòng một nơi):"}
            for key, label in labels.items():
                if key == "recipients":
                    widget: QLineEdit | QPlainTextEdit = QPlainTextEdit("\n".join(org[key]))
                else:
                    widget = QLineEdit(org[key])
                self.org_fields[key] = widget
                org_form.addRow(self.tr(label), widget)
            tabs.addTab(org_page, self.tr("Cơ quan"))

            self.templates = services.templates_for(db, organization_id)
            template_page = QWidget()
            t_layout = QVBoxLayout(template_page)
            self.template_choice = QComboBox()
            names = {"opening": "Câu mở đầu", "closing": "Câu kết thúc", "title": "Trích yếu",
                     "part_focus": "Tên phần I", "part_tasks": "Tên phần II", "anniversaries": "Câu về ngày kỷ niệm",
                     "title_author": "Dòng tác giả (năm)"}
            for i, t in enumerate(self.templates):
                kind = "Chương trình quý" if t["program_kind"] == "quarterly" else "Chương trình năm"
                quarter = f" – quý {to_roman(t['quarter'])}" if t["quarter"] else ""
                self.template_choice.addItem(f"{kind}: {names.get(t['kind'], t['kind'])}{quarter}", i)
            self.template_body = QPlainTextEdit()
            hint = QLabel(self.tr("Có thể dùng: {year} năm, {Q} quý (số La Mã), {body} “Tỉnh ủy”, "
                                  "{organization} tên đầy đủ, {anniversaries} danh sách ngày kỷ niệm."))
            hint.setWordWrap(True)
            save = QPushButton(self.tr("Lưu mẫu này"))
            save.clicked.connect(self.save_template)
            self.template_choice.currentIndexChanged.connect(self._show_template)
            self.template_body.textChanged.connect(self._template_typed)
            self.template_fault = QLabel()
            self.template_fault.setWordWrap(True)
            self.template_fault.setStyleSheet("color:#a11;")
            t_layout.addWidget(self.template_choice)
            t_layout.addWidget(self.template_body, 1)
            t_layout.addWidget(self.template_fault)
            t_layout.addWidget(hint)
            t_layout.addWidget(save)
            self._show_template()
            tabs.addTab(template_page, self.tr("Mẫu văn bản"))

        self._shown_values = self._form_values()
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _template_key(self, index: int) -> str:
        t = self.templates[index]
        return f"template:{self.organization_id}:{t['program_kind']}:{t['kind']}:{t['quarter'] or ''}"

    def _show_template(self) -> None:
        if self._template_index is not None:
            self.autosave.flush()  # leaving a template saves it
        index = self.template_choice.currentData()
        self._template_index = index
        if index is not None:
            self.template_body.blockSignals(True)
            pending = self.autosave.pending(self._template_key(index))
            self.template_body.setPlainText(self.templates[index]["body"] if pending is None else pending)
            self.template_body.blockSignals(False)
            self.template_fault.clear()

    def _template_typed(self) -> None:
        if self._template_index is not None:
            self.autosave.changed(self._template_key(self._template_index), self.template_body.toPlainText())

    def _save_template_key(self, key: str, body: str, tell: bool = False) -> bool:
        from hgdesk.errors import InputError
        from ui import saving
        from ui.save_dialogs import ConflictDialog

        index = next(i for i in range(len(self.templates)) if self._template_key(i) == key)
        t = self.templates[index]
        body = body.strip()
        if body == t["body"].strip():
            return True
        try:
            services.validate_template(body, t["program_kind"], t["kind"])
        except InputError as exc:  # typing is not finished: say where, save nothing, keep the text
            self.template_fault.setText(self.tr("Chưa lưu mẫu: {e}").format(e=exc))
            if tell:
                runner.show_error(self, self.tr("Mẫu văn bản có lỗi"), str(exc))
            return False
        self.template_fault.clear()
        outcome = saving.attempt(self, services.save_template, self.db, self.organization_id, t["program_kind"],
                                 t["kind"], body, t["quarter"], expected_body=t["body"])
        if isinstance(outcome, saving.Conflict):
            theirs = next(x["body"] for x in services.templates_for(self.db, self.organization_id)
                          if (x["program_kind"], x["kind"], x["quarter"]) == (t["program_kind"], t["kind"], t["quarter"]))
            choice = ConflictDialog.ask(self, body, theirs)
            if choice == ConflictDialog.KEEP_MINE:
                t["body"] = theirs
                return self._save_template_key(key, body, tell)
            if choice == ConflictDialog.TAKE_THEIRS:
                t["body"] = theirs
                self.autosave.forget(key)
                if index == self._template_index:
                    self.template_body.blockSignals(True)
                    self.template_body.setPlainText(theirs)
                    self.template_body.blockSignals(False)
            return False
        if outcome is None:
            return False
        t["body"] = body
        return True

    def save_template(self) -> bool:
        """"Lưu mẫu này": save the template shown now (it also saves itself while typing)."""
        if self._template_index is None:
            return True
        key = self._template_key(self._template_index)
        self.autosave.flush()
        if self.autosave.pending(key) is None:
            return True
        return self._save_template_key(key, self.autosave.pending(key), tell=True) and self.autosave.flush()

    def _templates_saved(self) -> bool:
        """Before the dialog closes: every template typed is saved, or the user was told why not."""
        if not hasattr(self, "templates") or self.autosave.flush():
            return True
        for i in range(len(self.templates)):
            key = self._template_key(i)
            if self.autosave.pending(key) is not None and not self._save_template_key(
                    key, self.autosave.pending(key), tell=True):
                return False
        return self.autosave.flush()

    def _form_values(self) -> dict[str, object]:
        """What the general and organisation fields show now (to notice unsaved typing)."""
        values: dict[str, object] = {"secretary": self.secretary.text(), "profile": self.profile.currentData(),
                                     "tone": self.tone.currentData(), "duplex": self.duplex.isChecked()}
        for key, w in self.org_fields.items():
            values[key] = w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()
        return values

    def _may_close(self) -> bool:
        """Typed fields are never dropped silently: ask to save them, drop them, or go back."""
        if not self._templates_saved():
            return False
        if self.result() == QDialog.DialogCode.Accepted or self._form_values() == self._shown_values:
            return True
        answer = runner.choose(self, self.tr("Cài đặt"),
                               self.tr("Các thông tin vừa sửa trong Cài đặt chưa được lưu. Lưu lại không?"), [
                                   ("save", self.tr("Lưu"), QMessageBox.ButtonRole.AcceptRole),
                                   ("drop", self.tr("Không lưu"), QMessageBox.ButtonRole.DestructiveRole),
                                   ("back", self.tr("Quay lại"), QMessageBox.ButtonRole.RejectRole)], default="save")
        if answer == "save":
            self.save()
            return False  # save() closes the dialog when the values were stored
        return answer == "drop"  # "Quay lại" or the box closed: the dialog stays, typing kept

    def reject(self) -> None:
        if self._may_close():
            super().reject()

    def closeEvent(self, event) -> None:
        if self._may_close():
            super().closeEvent(event)
        else:
            event.ignore()

    def save(self) -> None:
        if not self._templates_saved():
            return
        settings = QSettings()
        settings.setValue("secretary", self.secretary.text().strip())
        settings.setValue("profile", self.profile.currentData())
        settings.setValue("tone", self.tone.currentData())
        settings.setValue("duplex", self.duplex.isChecked())
        services.set_secretary(self.secretary.text())
        if self.org_fields:
            values = {k: (w.toPlainText().splitlines() if isinstance(w, QPlainTextEdit) else w.text())
                      for k, w in self.org_fields.items()}
            done = runner.call(self, self.tr("Không lưu được thông tin cơ quan"), services.update_organization,
                               self.db, self.organization_id, **values)
            if done is runner.FAILED:
                return
        self.accept()

