"""Backups of the SQLite database: made with SQLite's online backup API, verified, rotated.

Kinds: "daily" (first start of a day), "pre-migration", "pre-issue" (before Ban hành),
"manual", "pre-restore" (the current database, before a restore replaces it).
Kept: the 7 newest daily ones, one per week for 8 more weeks, the 10 newest pre-issue ones, and
the 10 newest of each other kind. Each is gzip-compressed (a database of Vietnamese text shrinks
about fourfold), so the folder stays within a few times the database after years of daily use.
Older uncompressed backups (`.sqlite3`) are still listed, checked and restored.
"""

from __future__ import annotations

import gzip
import logging
import re
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from hgdesk.errors import DatabaseError, InputError
from hgdesk.vocab import BackupKind

KINDS = BackupKind.codes()
NAME = re.compile(r"^hgdesk-(\d{8}-\d{6}-\d{6})-(" + "|".join(KINDS) + r")\.sqlite3(\.gz)?$")
KEEP_DAILY, KEEP_WEEKLY, KEEP_PRE_ISSUE, KEEP_OTHER = 7, 8, 10, 10
CHUNK = 1 << 20


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: str
    created: datetime
    size: int


def folder_for(database: Path) -> Path:
    """The backups of `database`: "backups" beside the default file, "backups-NAME" beside any other,
    so two databases in one folder never rotate away each other's backups."""
    return database.parent / ("backups" if database.stem == "hgdesk" else f"backups-{database.stem}")


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


@contextmanager
def opened(path: Path) -> Iterator[Path]:
    """A backup as a plain database file: a compressed one is unpacked into a temporary file."""
    if path.suffix != ".gz":
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="hgdesk-restore-") as folder:
        plain = Path(folder) / path.stem
        try:
            with gzip.open(path, "rb") as src, open(plain, "wb") as dest:
                shutil.copyfileobj(src, dest, CHUNK)
        except (OSError, EOFError, gzip.BadGzipFile):
            plain.write_bytes(b"")  # unreadable: integrity_ok says so
        yield plain


def integrity_ok(path: Path) -> bool:
    """PRAGMA integrity_check on a database file or a compressed backup (read-only)."""
    with opened(path) as plain:
        try:
            with sqlite3.connect(f"file:{plain}?mode=ro", uri=True) as conn:
                return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            return False


def make(database: Path, kind: str, when: datetime | None = None) -> Backup:
    return _make(database, kind, lambda target: _copy(database, target), when)


def _make(database: Path, kind: str, copy_into: Callable[[Path], None], when: datetime | None = None) -> Backup:
    """A verified, compressed backup of `database` written by `copy_into(file)`, then the rotation."""
    if kind not in KINDS:
        raise ValueError(kind)
    when = when or datetime.now()
    folder = folder_for(database)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"hgdesk-{when:%Y%m%d-%H%M%S-%f}-{kind}.sqlite3.gz"
    partial = folder / f"{target.name}.partial"
    packed = folder / f"{target.name}.packing"
    try:
        copy_into(partial)
        if not integrity_ok(partial):
            raise DatabaseError("Bản sao lưu vừa tạo không toàn vẹn; đã hủy bản đó. Cơ sở dữ liệu có thể đang bị hỏng.")
        with open(partial, "rb") as src, gzip.open(packed, "wb", compresslevel=1) as dest:
            shutil.copyfileobj(src, dest, CHUNK)
        packed.replace(target)
    except (sqlite3.DatabaseError, OSError) as exc:
        packed.unlink(missing_ok=True)
        raise DatabaseError("Không sao lưu được cơ sở dữ liệu.", details=str(exc)) from None
    finally:
        partial.unlink(missing_ok=True)
    rotate(folder)
    return Backup(target, kind, when, target.stat().st_size)


# --- a backup of the moment, written in the background -----------------------------------------
# Why: a whole-database copy, verified and compressed, takes seconds on a province's ten years; an
# issue must not wait for it. A read transaction opened before the issue's write keeps that moment's
# database readable (WAL mode) while the write commits beside it; the copy is then made from it on
# a background thread. The backup holds exactly the database before the issue, as before.
_pending: dict[Path, list[threading.Thread]] = {}
_lock = threading.Lock()
log = logging.getLogger(__name__)


class Snapshot:
    """The database as it is now, held by a read transaction until it is copied or released."""

    def __init__(self, database: Path, connection: sqlite3.Connection) -> None:
        self.database, self.connection = database, connection

    def release(self) -> None:
        """No backup after all (the issue was refused): the moment is let go."""
        self.connection.close()

    def keep(self, kind: str) -> threading.Thread:
        """Write the backup of this moment on a background thread; `wait` or `list_backups` sees it."""
        when = datetime.now()
        thread = threading.Thread(target=self._write, args=(kind, when), name=f"hgdesk-backup-{kind}")
        with _lock:
            _pending.setdefault(self.database.resolve(), []).append(thread)
        thread.start()
        return thread

    def _write(self, kind: str, when: datetime) -> None:
        try:
            _make(self.database, kind, self._copy_into, when)
        except DatabaseError as exc:  # the issue is done; the log says which backup is missing
            log.error("Không tạo được bản sao lưu %s: %s %s", kind, exc, exc.details)
        finally:
            self.connection.close()
            with _lock:
                _pending.get(self.database.resolve(), []).remove(threading.current_thread())

    def _copy_into(self, target: Path) -> None:
        dest = sqlite3.connect(target)
        try:
            self.connection.backup(dest)  # from the read transaction: the database of that moment
            dest.execute("PRAGMA journal_mode=DELETE")
        finally:
            dest.close()


def snapshot(database: Path) -> Snapshot | None:
    """The database at this moment, to back up after the next write commits; None when the file is
    not in WAL mode (a reader would then block the write: back up before writing instead)."""
    connection = sqlite3.connect(database, check_same_thread=False, isolation_level=None)
    try:
        if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            connection.close()
            return None
        connection.execute("BEGIN")
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read transaction starts here
    except sqlite3.DatabaseError:
        connection.close()
        return None
    return Snapshot(database, connection)


def wait(database: Path | None = None) -> None:
    """Until the background backups (of `database`, or all) are written."""
    with _lock:
        threads = [t for key, ts in _pending.items() if database is None or key == database.resolve() for t in ts]
    for thread in threads:
        thread.join()


def list_backups(database: Path) -> list[Backup]:
    wait(database)  # a backup being written in the background is listed once it is complete
    return _scan(folder_for(database))


def _scan(folder: Path) -> list[Backup]:
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            m = NAME.match(path.name)
            if m:
                created = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f")
                try:
                    found.append(Backup(path, m.group(2), created, path.stat().st_size))
                except FileNotFoundError:  # rotated away by another instance meanwhile
                    continue
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
    keep.update(b.path for b in [b for b in backups if b.kind == BackupKind.PRE_ISSUE][:KEEP_PRE_ISSUE])
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
    wait(database)
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
            target = folder / f"hgdesk-{when:%Y%m%d-%H%M%S-%f}-pre-restore.sqlite3.gz"
            with open(database, "rb") as src, gzip.open(target, "wb", compresslevel=1) as dest:
                shutil.copyfileobj(src, dest, CHUNK)
            safety = Backup(target, "pre-restore", when, target.stat().st_size)
    staged = database.with_name(database.name + ".restoring")
    try:
        with opened(backup) as plain:
            _copy(plain, staged, read_only=True)
        for suffix in ("-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        staged.replace(database)
    except (sqlite3.DatabaseError, OSError) as exc:
        staged.unlink(missing_ok=True)
        raise DatabaseError("Không khôi phục được từ bản sao lưu.", details=str(exc)) from None
    return safety


def local_copy(source: Path, folder: Path, when: datetime | None = None) -> Path:
    """A copy of a database on a network share, made with the backup API into a new dated file in
    `folder` (never over earlier local work), verified; no -wal/-shm left from anything else beside it."""
    when = when or datetime.now()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source.stem}-ban-sao-{when:%Y%m%d-%H%M%S-%f}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        _copy(source, partial, read_only=True)
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"Không chép được tệp dữ liệu “{source.name}” về máy này.", details=str(exc)) from None
    if not integrity_ok(partial):
        partial.unlink(missing_ok=True)
        raise DatabaseError(f"Bản chép của “{source.name}” không toàn vẹn; đã hủy bản chép. Tệp gốc có thể bị hỏng.")
    for suffix in ("-wal", "-shm", "-journal"):  # a side file under this name belongs to no one: never replay it
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    partial.replace(target)
    return target
