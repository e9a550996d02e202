"""Trust an office seen for the first time: its name and key fingerprint, compared on the phone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class TrustSenderDialog(QDialog):
    """Shows who signed a package; accepting records the office as trusted for later packages."""

    def __init__(self, sender: str, fingerprint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Cơ quan gửi chưa được tin cậy"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Gói này được ký bởi một cơ quan máy này chưa nhận gói lần nào:"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.sender_label = QLabel(sender)
        self.sender_label.setTextFormat(Qt.TextFormat.PlainText)  # a name from a file is never markup
        bold = self.sender_label.font()
        bold.setBold(True)
        self.sender_label.setFont(bold)
        layout.addWidget(self.sender_label)
        self.fingerprint_label = QLabel(self.tr("Dấu khóa: {fp}").format(fp=fingerprint))
        font = self.fingerprint_label.font()
        font.setPointSize(font.pointSize() + 3)
        font.setBold(True)
        self.fingerprint_label.setFont(font)
        layout.addWidget(self.fingerprint_label)
        advice = QLabel(self.tr("Hãy gọi điện cho văn phòng nơi gửi và đọc đối chiếu dấu khóa. Chỉ tin cậy khi "
                                "dấu khóa trùng khớp; các gói sau của cơ quan này sẽ được kiểm tra tự động."))
        advice.setWordWrap(True)
        layout.addWidget(advice)
        buttons = QDialogButtonBox()
        self.trust_button = buttons.addButton(self.tr("Tin cậy và nhập"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("Không nhập"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
