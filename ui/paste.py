"""Dán văn bản: import a program from text copied out of a PDF viewer, a web page or an e-mail
(the PDF refusal points here), through the same preview as a file."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class PasteDialog(QDialog):
    """A box to paste the text into, and a name for it (shown in the program's origin)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dán văn bản để nhập"))
        self.resize(760, 560)
        hint = QLabel(self.tr("Mở văn bản (PDF, trang web, thư điện tử…), chọn toàn bộ (Ctrl+A), chép (Ctrl+C) "
                              "rồi dán vào ô dưới đây (Ctrl+V). Các dòng bị ngắt giữa câu sẽ được nối lại."))
        hint.setWordWrap(True)
        self.text = QPlainTextEdit()
        self.text.setPlaceholderText(self.tr("Dán nội dung văn bản vào đây…"))
        self.text.setAccessibleName(self.tr("Nội dung văn bản dán vào"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Tên gọi (không bắt buộc), ví dụ: Chương trình công tác năm 2027"))
        from_clipboard = QPushButton(self.tr("Dán từ bộ nhớ tạm"))
        from_clipboard.clicked.connect(self.paste_clipboard)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Đọc văn bản"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.addButton(from_clipboard, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        for w in (hint, self.text, self.name, self.buttons):
            layout.addWidget(w, 1 if w is self.text else 0)
        self._enable()

    def paste_clipboard(self) -> None:
        self.text.setPlainText(QGuiApplication.clipboard().text())

    def _enable(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.text.toPlainText().strip()))

    def pasted(self) -> tuple[str, str]:
        """(text, name): the name defaults to "văn bản dán vào"."""
        return self.text.toPlainText(), self.name.text().strip() or self.tr("văn bản dán vào")
