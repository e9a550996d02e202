"""The application's log: a small rotating file in the user data folder, so that when something
goes wrong at an office, support can see what happened. It records events and errors (what failed,
where), never the text of programs or tasks."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "hgdesk.log"
MAX_BYTES = 1_000_000
KEEP = 4


def log_folder() -> Path:
    from hgdesk.db import default_database_path

    return default_database_path().parent / "logs"


def setup(folder: Path | None = None) -> Path | None:
    """Send the `hgdesk` loggers to the rotating file; None (and no log) if the folder is not writable."""
    folder = folder or log_folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=KEEP,
                                                       encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("hgdesk")
    for old in [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        root.removeHandler(old)
        old.close()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return folder / LOG_NAME
