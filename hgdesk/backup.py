"""Backups of the SQLite database: made with SQLite's online backup API, verified, rotated.

Kinds: "daily" (first start of a day), "pre-migration", "pre-issue" (before Ban hành),
"manual", "pre-restore" (the current database, before a restore replaces it).
Kept: the 7 newest daily ones, one per week for 8 more weeks, every pre-issue one, and the
10 newest of each other kind.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hgdesk.errors import DatabaseError, InputError
from hgdesk.vocab import BackupKind

KINDS = BackupKind.codes()
NAME = re.compile(r"^hgdesk-(\d{8}-\d{6}-\d{6})-(" + "|".join(KINDS) + r")\.sqlite3$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_OTHER = 7, 8, 10


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str
    created: datetime
    size: int


def folder_for(database: Path) -> Path:
    return database.parent / "backups"


def _copy(source: Path, target: Path, read_only: bool = False) -> None:
    """SQLite's online backup: a consistent copy even while others write (WAL included)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True) if read_only else sqlite3.connect(source)
    try:
        dest = sqlite3.connect(target)
        try:
            src.backup(dest)
            # A backup is one self-contained file: no WAL (the source's mode came along in the copy).
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()
    finally:
        src.close()


def integrity_ok(path: Path) -> bool:
    """PRAGMA integrity_check on a database file (read-only)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.DatabaseError:
        return False


def make(database: Path, kind: str, when: datetime | None = None) -> Backup:
    if kind not in KINDS:
        raise ValueError(kind)
    when = when or datetime.now()
    folder = folder_for(database)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"hgdesk-{when:%Y%m%d-%H%M%S-%f}-{kind}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        _copy(database, partial)
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"Không sao lưu được cơ sở dữ liệu: {exc}.") from exc
    if not integrity_ok(partial):
        partial.unlink(missing_ok=True)
        raise DatabaseError("Bản sao lưu vừa tạo không toàn vẹn; đã hủy bản đó. Cơ sở dữ liệu có thể đang bị hỏng.")
    partial.replace(target)
    rotate(folder)
    return Backup(target, kind, when, target.stat().st_size)


def list_backups(database: Path) -> list[Backup]:
    return _scan(folder_for(database))


def _scan(folder: Path) -> list[Backup]:
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            m = NAME.match(path.name)
            if m:
                created = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f")
                found.append(Backup(path, m.group(2), created, path.stat().st_size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def rotate(folder: Path) -> list[Path]:
    """Delete the backups the rotation no longer keeps; returns them."""
    backups = _scan(folder)
    keep: set[Path] = set()
    daily = [b for b in backups if b.kind == "daily"]
    keep.update(b.path for b in daily[:KEEP_DAILY])
    weeks: set[tuple[int, int]] = set()
    for b in daily[KEEP_DAILY:]:
        week = b.created.isocalendar()[:2]
        if week not in weeks and len(weeks) < KEEP_WEEKLY:
            weeks.add(week)
            keep.add(b.path)
    keep.update(b.path for b in backups if b.kind == BackupKind.PRE_ISSUE)
    for kind in (BackupKind.PRE_MIGRATION, BackupKind.MANUAL, BackupKind.PRE_RESTORE):
        keep.update(b.path for b in [b for b in backups if b.kind == kind][:KEEP_OTHER])
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def daily_if_due(database: Path, now: datetime | None = None) -> Backup | None:
    now = now or datetime.now()
    if not database.exists():
        return None
    if any(b.kind == "daily" and b.created.date() == now.date() for b in list_backups(database)):
        return None
    return make(database, "daily", now)


def restore(database: Path, backup: Path) -> Backup | None:
    """Replace the database with a backup; the current file is kept as a "pre-restore" backup.

    The caller must have closed every connection of its own to `database`.
    """
    if not backup.is_file() or not integrity_ok(backup):
        raise InputError(f"Bản sao lưu “{backup.name}” không đọc được hoặc không toàn vẹn; không khôi phục.")
    safety = None
    if database.exists():
        if integrity_ok(database):
            safety = make(database, "pre-restore")
        else:  # a damaged database is kept as it is, byte for byte, in case it is needed
            folder = folder_for(database)
            folder.mkdir(parents=True, exist_ok=True)
            when = datetime.now()
            target = folder / f"hgdesk-{when:%Y%m%d-%H%M%S-%f}-pre-restore.sqlite3"
            shutil.copy2(database, target)
            safety = Backup(target, "pre-restore", when, target.stat().st_size)
    staged = database.with_name(database.name + ".restoring")
    try:
        _copy(backup, staged, read_only=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        staged.replace(database)
    except (sqlite3.DatabaseError, OSError) as exc:
        staged.unlink(missing_ok=True)
        raise DatabaseError(f"Không khôi phục được: {exc}.") from exc
    return safety
