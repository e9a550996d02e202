"""What a database holds, compared before and after a refused input: the SQLite file's bytes
(sha256, with its -wal) and a dump of every row, on SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_digest(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes())
    wal = Path(f"{path}-wal")
    if wal.exists():
        digest.update(wal.read_bytes())
    return digest.hexdigest()


def snapshot(db) -> tuple[str, dict]:
    """(sha256 of the file, or "" on a server; every row of every table)."""
    from tests.conftest import table_rows

    rows = table_rows(db)
    if db.is_sqlite and db.path is not None:
        db.dispose()  # no connection of ours keeps pages in memory or the WAL open
        return file_digest(db.path), rows
    return "", rows


def province_package(folder: Path):
    """The sending office (a SQLite database) and one annual program it exported as a signed package."""
    from hgdesk import services
    from hgdesk.db import Database
    from tests.conftest import SEEDS

    db = Database(str(folder / "province.sqlite3"))
    annual = services.import_file(db, SEEDS / "seed000.txt")
    return db, services.export_package(db, annual, folder / "nam2024.hgdesk")
