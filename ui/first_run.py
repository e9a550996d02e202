"""First start: "Cơ quan của anh/chị". A short wizard sets up the user's own committee (kind,
name, superior province or city, symbol, place, signer, recipients) with a live preview of the
header it prints, then the user's name (optional, for the change log) and "Bắt đầu trống" or "Xem
dữ liệu mẫu". Everything stays editable later in Cài đặt and with `hgdesk-cli org edit`."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from hgdesk import services
from hgdesk.errors import HgdeskError
from ui import runner
from ui.dialogs import wizard_page
from ui.tools import remember_user


class FirstRunWizard(QWizard):
    def __init__(self, db: services.Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.organization_id: int | None = None
        self.setWindowTitle(self.tr("Thiết lập cơ quan của anh/chị"))
        self.resize(820, 560)

        who = wizard_page(
            self.tr("Cơ quan ban hành văn bản"),
            self.tr("Từ 01/7/2025 phần lớn các văn phòng là đảng uỷ xã, phường, đặc khu trực thuộc tỉnh "
                    "hoặc thành phố. Chọn loại cơ quan và nhập tên; phần đầu văn bản được lập theo "
                    "Hướng dẫn 05-HD/VPTW."))
        form = QFormLayout(who)
        self.kind = QComboBox()
        for key, label in services.office_kinds().items():
            self.kind.addItem(self.tr(label), key)
        self.kind.setCurrentIndex(self.kind.findData("commune"))
        self.unit = QComboBox()
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("ví dụ: Hòa An"))
        self.superior_kind = QComboBox()
        for word in ("tỉnh", "thành phố"):
            self.superior_kind.addItem(self.tr(word), word)
        self.superior = QLineEdit()
        self.superior.setPlaceholderText(self.tr("ví dụ: Cần Thơ"))
        self.preview = QLabel()
        self.preview.setStyleSheet("QLabel{background:#ffffff;border:1px solid #c8c8c8;padding:8px;}")
        self.preview.setMinimumHeight(96)
        form.addRow(self.tr("Loại cơ quan:"), self.kind)
        form.addRow(self.tr("Cấp hành chính:"), self.unit)
        form.addRow(self.tr("Tên:"), self.name)
        form.addRow(self.tr("Đảng bộ cấp trên:"), self.superior_kind)
        form.addRow(self.tr("Tên tỉnh/thành phố:"), self.superior)
        form.addRow(self.tr("Phần đầu văn bản:"), self.preview)

        details = wizard_page(
            self.tr("Ký hiệu, địa danh, người ký, nơi nhận"),
            self.tr("Các giá trị đề xuất theo quy định; sửa nếu văn phòng dùng khác. Địa danh thêm cấp "
                    "(“Phường Ngô Quyền”) khi tên là tên người, có một âm tiết, hoặc trùng tên tỉnh."))
        form2 = QFormLayout(details)
        self.suffix = QLineEdit()
        self.place = QLineEdit()
        self.signer_position = QLineEdit("BÍ THƯ")
        self.signer_name = QLineEdit()
        self.recipients = QPlainTextEdit()
        self.recipients.setPlaceholderText(self.tr("Mỗi nơi nhận một dòng, ví dụ: - Ban Thường vụ Thành uỷ;"))
        form2.addRow(self.tr("Ký hiệu cơ quan (Số …-CTr/…):"), self.suffix)
        form2.addRow(self.tr("Địa danh:"), self.place)
        form2.addRow(self.tr("Chức vụ người ký:"), self.signer_position)
        form2.addRow(self.tr("Họ tên người ký:"), self.signer_name)
        form2.addRow(self.tr("Nơi nhận mặc định:"), self.recipients)
        details.initializePage = self._fill_details  # type: ignore[method-assign]

        start = wizard_page(
            self.tr("Bắt đầu"),
            self.tr("Dữ liệu mẫu (chương trình năm 2024 và quý II/2024 của một tỉnh uỷ) được ghi rõ "
                    "“Dữ liệu mẫu” và xóa được bằng một thao tác (Chương trình → Xóa dữ liệu mẫu)."))
        box = QVBoxLayout(start)
        who_uses = QFormLayout()
        self.user_name = QLineEdit()
        self.user_name.setPlaceholderText(self.tr("Không bắt buộc; ghi vào nhật ký thay đổi, ví dụ: Nguyễn Thị Lan"))
        who_uses.addRow(self.tr("Họ tên người dùng:"), self.user_name)
        box.addLayout(who_uses)
        box.addSpacing(12)
        self.start_empty = QRadioButton(self.tr("Bắt đầu trống: nhập chương trình công tác năm của cơ quan"))
        self.show_demo = QRadioButton(self.tr("Xem dữ liệu mẫu trước"))
        self.start_empty.setChecked(True)
        box.addWidget(self.start_empty)
        box.addWidget(self.show_demo)
        box.addStretch(1)

        for page in (who, details, start):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed())
        for w in (self.name, self.superior):
            w.textChanged.connect(lambda _t: self._update_preview())
        self.unit.currentIndexChanged.connect(lambda _i: self._update_preview())
        self.superior_kind.currentIndexChanged.connect(lambda _i: self._update_preview())
        self._kind_changed()

    def answers(self) -> dict[str, Any]:
        return {"kind": self.kind.currentData(), "name": self.name.text(), "unit": self.unit.currentData() or "",
                "superior_kind": self.superior_kind.currentData(), "superior_name": self.superior.text(),
                "place": self.place.text(), "suffix": self.suffix.text(),
                "signer_position": self.signer_position.text(), "signer_name": self.signer_name.text(),
                "recipients": self.recipients.toPlainText().splitlines()}

    def _kind_changed(self) -> None:
        self.unit.clear()
        for word in services.office_units(self.kind.currentData()):
            self.unit.addItem(self.tr(word), word)
        self.unit.setEnabled(self.unit.count() > 0)
        self._update_preview()

    def _preview(self) -> dict[str, Any] | None:
        answers = {**self.answers(), "place": "", "suffix": "", "recipients": []}
        try:
            return services.preview_office(**answers)
        except HgdeskError:
            return None

    def _update_preview(self) -> None:
        values = self._preview()
        if values is None:
            self.preview.setText(self.tr("(nhập đủ tên và đảng bộ cấp trên để xem phần đầu văn bản)"))
            return
        lines = [values["superior_line"], f"<b>{values['header_name']}</b>", "*",
                 self.tr("Số …-CTr/{s}").format(s=values["symbol_suffix"])]
        self.preview.setText("<div align='center'>" + "<br>".join(x for x in lines if x) + "</div>")

    def _fill_details(self) -> None:
        values = self._preview()
        if values is not None:
            self.suffix.setText(values["symbol_suffix"])
            self.place.setText(values["place"])
            if not self.recipients.toPlainText().strip():
                self.recipients.setPlainText("\n".join(values["recipients"]))

    def validateCurrentPage(self) -> bool:
        if self.currentId() == 0 and self._preview() is None:
            try:
                services.preview_office(**{**self.answers(), "place": "", "suffix": "", "recipients": []})
            except HgdeskError as exc:
                runner.show_error(self, self.tr("Thiếu thông tin"), str(exc))
            return False
        return super().validateCurrentPage()

    def accept(self) -> None:
        if self.user_name.text().strip():  # before the set-up, so its own entry in the log names the user
            remember_user(self.user_name.text())
        created = runner.call(self, self.tr("Không lưu được thông tin cơ quan"), services.setup_office, self.db,
                              **self.answers())
        if created is runner.FAILED:
            return
        self.organization_id = created
        if self.show_demo.isChecked():
            runner.call(self, self.tr("Không tải được dữ liệu mẫu"), services.load_demo, self.db)
        elif any(o["demo"] for o in services.list_organizations(self.db)):
            runner.call(self, self.tr("Không xóa được dữ liệu mẫu"), services.remove_demo, self.db)
        super().accept()
