"""What the Help menu and start-up need from the core: the log, the support report, the facts for
"Giới thiệu" (version, database, licences). Imports load on use: the log opens after the window
shows, and importlib.metadata/tomllib cost start-up time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hgdesk import __version__
from hgdesk.db import Database


def app_version() -> str:
    return __version__


def start_logging() -> str | None:
    """Open the rotating log in the user data folder; the log file's path, None if not writable."""
    from hgdesk import logs

    path = logs.setup()
    return None if path is None else str(path)


def about_info(db: Database) -> dict[str, Any]:
    import tomllib

    from hgdesk import logs
    from hgdesk.resources import resource

    licences = tomllib.loads(resource("licences.toml").read_text(encoding="utf-8"))["component"]
    return {"version": __version__, "database": db.where, "log_folder": str(logs.log_folder()),
            "licences": licences}


def write_support_report(db: Database, target: str | Path, extra: dict[str, str] | None = None) -> str:
    """A zip of the logs and the versions (app, Python, libraries, OS) for support."""
    from hgdesk import logs, support

    return str(support.write_report(Path(target), logs.log_folder(), db.where, extra))
