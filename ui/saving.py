"""How a save from the editor or a dialog meets failure: a conflict is handed back to the caller
(who shows both versions), any other failure is told in Vietnamese with "Thử lại", and the text the
user typed is never dropped (it stays on screen, pending, and in the crash journal)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from hgdesk import services
from hgdesk.errors import ConflictError
from ui import runner


class Conflict:
    """Someone else saved the same thing since it was read."""


def ask_retry(parent: QWidget | None, message: str) -> bool:
    return runner.choose(parent, runner.tr("Chưa lưu được"), message, [
        ("retry", runner.tr("Thử lại"), QMessageBox.ButtonRole.AcceptRole),
        ("later", runner.tr("Để sau"), QMessageBox.ButtonRole.RejectRole)],
        default="retry", icon=QMessageBox.Icon.Warning) == "retry"


def attempt(parent: QWidget | None, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The result of `fn`, a `Conflict`, or None when it failed and the user chose to retry later."""
    while True:
        try:
            with runner.origin(parent):
                return fn(*args, **kwargs)
        except ConflictError:
            return Conflict()
        except Exception as exc:
            message = services.describe_failure(exc)
            if message is None:
                import logging

                logging.getLogger("hgdesk.ui").exception("save failed")
                message = runner.tr("Chưa lưu được vì một lỗi không mong muốn. Nội dung bạn gõ vẫn được giữ "
                                     "(và được ghi vào nhật ký khôi phục).")
            if not ask_retry(parent, message):
                return None
