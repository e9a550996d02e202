"""The two dialogs of the save model: a conflict (both versions side by side, the user chooses) and
the recovery offer at start ("Khôi phục nội dung chưa lưu")."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hgdesk import services

HEADER_LABELS = {"number": "Số", "issue_date": "Ngày ban hành", "place": "Địa danh", "title_lines": "Trích yếu",
                 "signer_authority": "Thẩm quyền ký", "signer_position": "Chức vụ", "signer_name": "Người ký",
                 "recipients": "Nơi nhận", "opening": "Mở đầu", "closing": "Kết thúc"}


def header_text(values: dict[str, Any]) -> str:
    """The header form's fields as readable lines, to compare two versions."""
    lines = []
    for key, label in HEADER_LABELS.items():
        value = values.get(key)
        if isinstance(value, list):
            value = "; ".join(value)
        lines.append(f"{label}: {value or ''}")
    return "\n".join(lines)


class ConflictDialog(QDialog):
    """Someone else saved the same text meanwhile: show both, keep mine or take theirs, never lose."""

    KEEP_MINE, TAKE_THEIRS, LATER = 1, 2, 0

    def __init__(self, mine: str, theirs: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nội dung vừa được sửa ở nơi khác"))
        self.resize(860, 340)
        self.choice = self.LATER
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Trong lúc bạn gõ, nội dung này đã được lưu từ một cửa sổ hoặc máy khác. Bản của bạn chưa mất: "
            "nó vẫn ở đây và trong nhật ký khôi phục. Hãy chọn bản muốn giữ."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        for column, (title, text) in enumerate(((self.tr("Bản của bạn (chưa lưu)"), mine),
                                                (self.tr("Bản đã lưu ở nơi khác"), theirs))):
            label = QLabel(f"<b>{title}</b>")
            box = QPlainTextEdit(text)
            box.setReadOnly(True)
            grid.addWidget(label, 0, column)
            grid.addWidget(box, 1, column)
        self.mine_view = grid.itemAtPosition(1, 0).widget()
        self.theirs_view = grid.itemAtPosition(1, 1).widget()
        layout.addLayout(grid, 1)
        buttons = QDialogButtonBox()
        self.keep_button = buttons.addButton(self.tr("Giữ bản của tôi"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_button = buttons.addButton(self.tr("Dùng bản đã lưu ở nơi khác"),
                                             QDialogButtonBox.ButtonRole.DestructiveRole)
        self.later_button = buttons.addButton(self.tr("Để sau"), QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.clicked.connect(lambda: self._choose(self.KEEP_MINE))
        self.take_button.clicked.connect(lambda: self._choose(self.TAKE_THEIRS))
        self.later_button.clicked.connect(lambda: self._choose(self.LATER))
        self.keep_button.setDefault(True)
        layout.addWidget(buttons)

    def _choose(self, choice: int) -> None:
        self.choice = choice
        self.accept() if choice else self.reject()

    @classmethod
    def ask(cls, parent: QWidget | None, mine: str, theirs: str) -> int:
        dialog = cls(mine, theirs, parent)
        dialog.exec()
        return dialog.choice


class RecoveryDialog(QDialog):
    """At start: text typed before a crash that the database lacks, offered back item by item."""

    def __init__(self, items: list[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        """`items`: (where, typed text, stored text)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Khôi phục nội dung chưa lưu"))
        self.resize(860, 480)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Lần trước phần mềm đã đóng khi còn {n} nội dung bạn gõ chưa kịp lưu vào dữ liệu. Chọn những nội dung "
            "muốn khôi phục (mặc định: tất cả) rồi bấm “Khôi phục”.").format(n=len(items)))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setWordWrap(True)  # long paragraphs wrap instead of running off to the right
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for where, typed, _stored in items:
            item = QListWidgetItem(f"{where}: {services.clip(typed, 160)}")
            item.setCheckState(Qt.CheckState.Checked)
            item.setToolTip(typed)
            self.list.addItem(item)
        layout.addWidget(self.list, 1)
        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setMaximumHeight(150)
        layout.addWidget(self.detail)
        self.items = items
        self.list.currentRowChanged.connect(self._show)
        self.list.setCurrentRow(0)
        buttons = QDialogButtonBox()
        self.restore_button: QPushButton = buttons.addButton(self.tr("Khôi phục"),
                                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.discard_button = buttons.addButton(self.tr("Bỏ qua các nội dung này"),
                                                QDialogButtonBox.ButtonRole.DestructiveRole)
        self.restore_button.clicked.connect(self.accept)
        self.discard_button.clicked.connect(self.reject)
        layout.addWidget(buttons)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.items):
            _where, typed, stored = self.items[row]
            self.detail.setPlainText(self.tr("Bạn đã gõ:\n{typed}\n\nDữ liệu đang có:\n{stored}").format(
                typed=typed, stored=stored))

    def chosen(self) -> list[int]:
        return [i for i in range(self.list.count()) if self.list.item(i).checkState() == Qt.CheckState.Checked]
