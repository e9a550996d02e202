"""One way for widgets to call the core: errors become Vietnamese message boxes, long work
runs off the GUI thread, a bug never shows the user a raw traceback, and what every operation
changed is broadcast (`bus().changed`) so each view decides itself whether to reload.

The broadcast comes from the database (`Database.listeners`), so no write path can forget it;
`origin` is the widget whose call made the change (None for a change from elsewhere).
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from hgdesk.errors import ConflictError, HgdeskError
from hgdesk.services import redact

log = logging.getLogger("hgdesk.ui")


def tr(text: str) -> str:
    """Translation of a message said outside any widget (the strings are Vietnamese already)."""
    return QCoreApplication.translate("hgdesk", text)


class Failed:
    """Returned instead of a result when the call failed (the user has been told)."""

    def __bool__(self) -> bool:
        return False


FAILED = Failed()


def choose(parent: QWidget | None, title: str, message: str, choices: list[tuple[str, str, QMessageBox.ButtonRole]],
           default: str, icon: QMessageBox.Icon = QMessageBox.Icon.Question) -> str | None:
    """Ask with named buttons (key, label, role); the key of the one clicked, None when the box is closed."""
    box = QMessageBox(icon, title, message, QMessageBox.StandardButton.NoButton, parent)
    buttons = [(box.addButton(label, role), key) for key, label, role in choices]
    box.setDefaultButton(next(button for button, key in buttons if key == default))
    box.exec()
    return next((key for button, key in buttons if button is box.clickedButton()), None)


def show_error(parent: QWidget | None, title: str, message: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Close, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


class Bus(QObject):
    """Where the Changes of every operation are announced: (Changes, origin widget or None)."""

    changed = Signal(object, object)


_BUS: list[Bus] = []
_ORIGIN: list[QWidget | None] = []  # the widgets whose calls are running (innermost last)


def bus() -> Bus:
    if not _BUS:
        _BUS.append(Bus())
    return _BUS[0]


def watch(db: Any) -> None:
    """Announce every operation on `db` on the bus (once per database)."""
    if _announce not in db.listeners:
        db.listeners.append(_announce)


def _announce(changes: Any) -> None:
    bus().changed.emit(changes, _ORIGIN[-1] if _ORIGIN else None)


@contextmanager
def origin(parent: QWidget | None) -> Iterator[None]:
    """Calls made inside are announced as coming from `parent` (the editor's own saves)."""
    _ORIGIN.append(parent)
    try:
        yield
    finally:
        _ORIGIN.pop()


def call(parent: QWidget | None, title: str, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a service call; on failure tell the user what happened and return FAILED."""
    _ORIGIN.append(parent)
    try:
        return fn(*args, **kwargs)
    except ConflictError as exc:
        show_error(parent, title, str(exc) + "\n\n" + tr("Dữ liệu sẽ được tải lại."))
        return FAILED
    except HgdeskError as exc:
        show_error(parent, title, str(exc), exc.details)
        return FAILED
    except Exception as exc:  # a bug: keep the window alive and keep the details
        log.exception("service call failed")
        show_error(
            parent, title,
            tr("Đã xảy ra lỗi không mong muốn; thao tác chưa được thực hiện và dữ liệu đã lưu "
               "không bị ảnh hưởng. Hãy gửi phần chi tiết cho người hỗ trợ."),
            redact("".join(traceback.format_exception(type(exc), exc, exc.__traceback__))),
        )
        return FAILED
    finally:
        _ORIGIN.pop()


def _outcome(fn: Callable[[], Any]) -> dict[str, Any]:
    """{"result": …} or {"error": (Vietnamese message, redacted details)}: what a background call gave."""
    try:
        return {"result": fn()}
    except HgdeskError as exc:
        return {"error": (str(exc), exc.details)}
    except Exception as exc:
        return {"error": (tr("Đã xảy ra lỗi không mong muốn."),
                          redact("".join(traceback.format_exception(type(exc), exc, exc.__traceback__))))}


class Reader(QObject):
    """Service calls for one view (or `long_call`'s dialog) off the GUI thread, their end polled from it:
    no queued signal to lose, no shared pool to wait for. Only the newest call's result is shown: one
    started earlier, or cancelled because the data changed meanwhile, is dropped when it ends."""

    def __init__(self, parent: QObject) -> None:
        from PySide6.QtCore import QTimer

        super().__init__(parent)
        self.generation = 0
        self._queued = 0  # the generation whose thread begins on the next turn of the event loop (0: none)
        self._running: list[tuple[int, threading.Thread, dict[str, Any], Callable[[Any], None],
                                  Callable[[str, str], None]]] = []
        self._poll = QTimer(self)
        self._poll.setInterval(10)
        self._poll.timeout.connect(self._check)

    @property
    def busy(self) -> bool:
        """Whether the newest read is still under way (or about to begin)."""
        return self._queued == self.generation != 0 or any(generation == self.generation
                                                      for generation, *_ in self._running)

    def start(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
              on_failed: Callable[[str, str], None]) -> None:
        """Read `fn()` off the GUI thread, from the next turn of the event loop: Python threads share one
        interpreter lock, so a read started at once would halve the speed of the GUI work still to do in
        this turn (opening a program, repainting); started later it overlaps only idle time."""
        from PySide6.QtCore import QTimer

        self.generation += 1
        generation = self._queued = self.generation
        QTimer.singleShot(0, self, lambda: self._launch(generation, fn, on_done, on_failed))

    def _launch(self, generation: int, fn: Callable[[], Any], on_done: Callable[[Any], None],
                on_failed: Callable[[str, str], None]) -> None:
        if self._queued == generation:
            self._queued = 0
        if generation != self.generation:  # replaced or cancelled before it began
            return
        outcome: dict[str, Any] = {}
        worker = threading.Thread(target=lambda: outcome.update(_outcome(fn)), name="hgdesk-read", daemon=True)
        self._running.append((generation, worker, outcome, on_done, on_failed))
        worker.start()
        self._poll.start()

    def cancel(self) -> None:
        """What is being read is out of date: its result will not be shown."""
        self.generation += 1

    def _check(self) -> None:
        ended = [job for job in self._running if not job[1].is_alive()]
        if ended:  # what a call broadcast from its thread (queued) reaches the views before its result
            QCoreApplication.sendPostedEvents()
        for job in ended:
            self._running.remove(job)
            generation, _worker, outcome, on_done, on_failed = job
            if generation != self.generation:
                continue
            if "result" in outcome:
                on_done(outcome["result"])
            else:
                on_failed(*outcome["error"])
        if not self._running:
            self._poll.stop()


class Cancelled(Failed):
    """The user cancelled a long read-only operation; nothing was changed."""


CANCELLED = Cancelled()


def long_call(parent: QWidget | None, title: str, label: str, fn: Callable[..., Any], *args: Any,
              cancellable: bool = True, **kwargs: Any) -> Any:
    """Run a service call off the GUI thread behind a progress dialog with "Hủy".

    Cancelling abandons the result (the call only reads, so nothing needs undoing). A call that
    writes is not `cancellable`: it runs to its end (one transaction) with no "Hủy"; its changes
    reach the window through the bus, queued to the GUI thread.
    """
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QProgressDialog

    loop = QEventLoop()
    dialog = QProgressDialog(label, tr("Hủy"), 0, 0, parent)
    dialog.setWindowTitle(title)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setMinimumDuration(300)  # quick calls never flash a dialog
    dialog.setValue(0)  # starts the clock after which the dialog shows itself
    if cancellable:  # a write is waited for to its end (Esc does not abandon it)
        dialog.canceled.connect(loop.quit)
    outcome: dict[str, Any] = {}

    def ended(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    reader = Reader(dialog)  # a thread of its own, its end polled: nothing else can keep the user waiting
    reader.start(lambda: fn(*args, **kwargs), lambda result: ended("result", result),
                 lambda message, details: ended("error", (message, details)))
    loop.exec()
    reader.cancel()  # "Hủy": the result of a read still under way is dropped
    dialog.reset()
    dialog.deleteLater()
    if "result" in outcome:
        return outcome["result"]
    if "error" in outcome:
        message, details = outcome["error"]
        show_error(parent, title, message, details)
        return FAILED
    return CANCELLED
