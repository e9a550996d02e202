"""Answering modal dialogs in GUI tests as a user would: a timer looks at the active modal widget."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def answer_modals(step: Callable[[QWidget], None], interval_ms: int = 40) -> QTimer:
    """Call `step` with each modal dialog that is showing, until the returned timer is stopped."""

    def look() -> None:
        box = QApplication.activeModalWidget()
        if box is not None:
            step(box)

    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(look)
    timer.start()
    return timer


def answer_done(note: str = "Đã hoàn thành theo kế hoạch", reference: str = "", file: str = "") -> QTimer:
    """Answer every "Đánh dấu hoàn thành" dialog with a result (and evidence), as the secretary does."""
    from PySide6.QtWidgets import QDialogButtonBox

    from ui.evidence import DoneDialog

    def step(box: QWidget) -> None:
        if isinstance(box, DoneDialog):
            box.note.setPlainText(note)
            box.reference.setText(reference)
            box.file.setText(file)
            box.findChild(QDialogButtonBox).buttons()[0].click()

    return answer_modals(step)
