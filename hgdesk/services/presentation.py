"""What the views need from the core besides operations, so that `ui/` imports only the services,
the errors and the vocabulary: display helpers for Vietnamese text and numbers, the inline
formatting marks, where the database lives, first-run demo data and the shipped translations."""

from __future__ import annotations

from pathlib import Path

from hgdesk import inline
from hgdesk.arguments import argument_parser
from hgdesk.dates import calendar_start, parse_day, period_label, plausible_range
from hgdesk.db import Database, default_database_path, network_location, sqlite_path
from hgdesk.inline import plain
from hgdesk.messages import install_log_redaction, redact
from hgdesk.resources import resource
from hgdesk.text import clip, fold, format_vn_number, parse_vn_number, safe_file_name, to_roman

__all__ = ["argument_parser", "calendar_start", "clip", "copy_to_this_machine", "default_database_path", "fold", "format_vn_number", "inline",
           "install_log_redaction", "network_location", "open_database", "parse_day", "parse_vn_number", "period_label", "plain", "plausible_range", "redact",
           "replace_with_backup", "resource", "safe_file_name", "sqlite_path", "to_roman"]


def open_database(url: str | None) -> Database:
    """Open (and on first run create and fill with the demo programs) the database asked for."""
    from hgdesk.services import demo

    db = Database(url)
    if db.created and demo.is_empty(db):
        demo.load_demo(db)
    return db


def replace_with_backup(database: str | Path, backup_file: str | Path) -> None:
    """Put a good backup in place of a damaged database file (the damaged one is kept aside)."""
    from hgdesk import backup

    backup.restore(Path(database), Path(backup_file))


def copy_to_this_machine(database: str | Path) -> str:
    """A database on a network share copied (backup API) into a new dated file beside the default
    database, never over earlier local work; the path of the copy."""
    from hgdesk import backup

    return str(backup.local_copy(Path(database), default_database_path().parent))
