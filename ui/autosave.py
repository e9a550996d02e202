"""One save model for every field the user types into.

Each field has its own pending value (a heading and a paragraph typed one after the other are both
kept). A pending value is saved after a short pause, and never later than `bound` ms after the first
unsaved change even while typing goes on; `flush()` saves everything at once (focus, tab, program or
node change, dialog or window close, Ctrl+S). Within `journal_delay` ms every pending value is also in
the crash journal, so a kill loses at most about a second of typing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from hgdesk import services

PAUSE_MS = 700
BOUND_MS = 2000
JOURNAL_MS = 300


class Autosave(QObject):
    """Pending values by key; `save(key, value)` writes one and says whether it reached the database."""

    saved = Signal()

    def __init__(self, save: Callable[[str, Any], bool], journal: services.Journal | None = None,
                 parent: QObject | None = None, pause: int = PAUSE_MS, bound: int = BOUND_MS,
                 journal_delay: int = JOURNAL_MS) -> None:
        super().__init__(parent)
        self.save = save
        self.journal = journal
        self._pending: dict[str, tuple[Any, int | None]] = {}
        self._unjournaled: set[str] = set()
        self._flushing = False
        self.pause_timer = self._timer(pause, self.flush)
        self.bound_timer = self._timer(bound, self.flush)
        self.journal_timer = self._timer(journal_delay, self.write_journal)

    def _timer(self, ms: int, slot: Callable[[], Any]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(ms)
        timer.timeout.connect(slot)
        return timer

    def changed(self, key: str, value: Any, program_id: int | None = None) -> None:
        """The user changed a field: remember it, save after a pause, but within the bound."""
        self._pending[key] = (value, program_id)
        self._unjournaled.add(key)
        self.pause_timer.start()  # restarts at every key
        if not self.bound_timer.isActive():
            self.bound_timer.start()  # does not: the upper bound
        if self.journal is not None and not self.journal_timer.isActive():
            self.journal_timer.start()

    def pending(self, key: str) -> Any | None:
        item = self._pending.get(key)
        return None if item is None else item[0]

    def has_pending(self, prefix: str = "") -> bool:
        return any(k.startswith(prefix) for k in self._pending)

    def forget(self, key: str) -> None:
        """The value was dealt with another way (the user chose the stored version)."""
        self._pending.pop(key, None)
        self._unjournaled.discard(key)
        if self.journal is not None:
            self.journal.done([key])

    def abandon(self) -> None:
        """Stop trying to save here (the database was replaced): the journal keeps every value."""
        self.write_journal()
        self.pause_timer.stop()
        self.bound_timer.stop()
        self._pending.clear()

    def write_journal(self) -> None:
        if self.journal is None or not self._unjournaled:
            return
        now = time.time()
        entries = [services.JournalEntry(k, self._pending[k][0], self._pending[k][1], now) for k in self._unjournaled
                   if k in self._pending]
        self._unjournaled.clear()
        with suppress(OSError):  # the journal is a second copy: a full disk is reported by the save itself
            self.journal.record(entries)

    def flush(self, prefix: str = "") -> bool:
        """Save every pending value (or those whose key starts with `prefix`) now; True if all reached
        the database. A value that could not be saved stays pending (and in the journal)."""
        self.pause_timer.stop()
        self.bound_timer.stop()
        if self._flushing:
            return not self.has_pending(prefix)
        self.write_journal()  # a save may block or fail: the journal has the text first
        self._flushing = True
        done: list[str] = []
        try:
            for key in [k for k in self._pending if k.startswith(prefix)]:
                value = self._pending[key][0]
                if not self.save(key, value):
                    continue
                if self._pending.get(key, (None,))[0] == value:  # unchanged while it was being saved
                    del self._pending[key]
                    done.append(key)
        finally:
            self._flushing = False
        if done and self.journal is not None:
            with suppress(OSError):
                self.journal.done(done)
        if done:
            self.saved.emit()
        return not self.has_pending(prefix)
