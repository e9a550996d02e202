"""Is this SQLite file ours, current, writable and free? Answered before anything writes to it.

Read from the file header and through a read-only connection only, so a foreign file, a database
made by a newer version, a read-only file and a locked file all stay byte-identical. An hgdesk
database carries APPLICATION_ID in its header (older ones: our Alembic table and revision).
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import quote

from hgdesk.errors import DatabaseBusyError, DatabaseError, ForeignDatabaseError

APPLICATION_ID = 0x68674453  # "hgDS" in the SQLite header (offset 68)
MAGIC = b"SQLite format 3\x00"
VERSIONS = Path(__file__).with_name("migrations") / "versions"
NEWER = "Tệp dữ liệu “{name}” được tạo bởi phiên bản mới hơn — hãy cập nhật hgdesk. Tệp không bị thay đổi."
FOREIGN = ("Tệp “{name}” không phải tệp dữ liệu của hgdesk (của một phần mềm khác); "
           "phần mềm không mở và không sửa tệp này.")


@dataclass(frozen=True)
class FileState:
    new: bool  # nothing there yet (or an empty file): the schema will be created
    read_only: bool  # the file, its folder or its mount cannot be written
    immutable: bool  # read-only with no WAL beside it: opened without any lock or side file
    marked: bool  # APPLICATION_ID already in the header


@cache
def known_revisions() -> frozenset[str]:
    """Every Alembic revision this version knows (a database at any other one is from a newer version)."""
    found = set()
    for path in VERSIONS.glob("*.py"):
        m = re.search(r"^revision\s*(?::\s*str\s*)?=\s*[\"']([^\"']+)[\"']", path.read_text(encoding="utf-8"), re.M)
        if m:
            found.add(m.group(1))
    return frozenset(found)


def _read_only_mount(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):
        return False


def writable(path: Path) -> bool:
    """Can this file and its folder (for the -wal and -shm files) be written?"""
    folder = path.parent
    if _read_only_mount(folder):
        return False
    return os.access(folder, os.W_OK) and (not path.exists() or os.access(path, os.W_OK))


def readonly_uri(path: Path, immutable: bool) -> str:
    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")


def inspect_file(path: Path) -> FileState:
    """Identify the file at `path` without changing it; refuse what is not ours or not usable."""
    name = path.name
    if not path.exists() or path.stat().st_size == 0:
        if path.exists() and not writable(path):
            raise DatabaseError(f"Tệp dữ liệu “{name}” rỗng và không ghi được; không tạo được dữ liệu.")
        return FileState(new=True, read_only=False, immutable=False, marked=False)
    try:
        with open(path, "rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise DatabaseError(f"Không đọc được tệp dữ liệu “{name}”: {exc.strerror or exc}.") from None
    if len(header) < 100 or not header.startswith(MAGIC):
        raise ForeignDatabaseError(FOREIGN.format(name=name))
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise ForeignDatabaseError(FOREIGN.format(name=name))
    read_only = not writable(path)
    immutable = read_only and not Path(f"{path}-wal").exists() and _read_only_mount(path.parent)
    # Without a -wal beside it everything is in the file: read it as immutable (no lock, no side file).
    tables, revision = _schema(path, immutable or not Path(f"{path}-wal").exists())
    if not tables and app_id == 0:  # an empty SQLite file: nothing in it to damage
        return FileState(new=True, read_only=read_only, immutable=immutable, marked=False)
    if "alembic_version" not in tables or "program" not in tables or (app_id == 0 and revision is None):
        raise ForeignDatabaseError(FOREIGN.format(name=name))
    if revision is not None and revision not in known_revisions():
        raise ForeignDatabaseError(NEWER.format(name=name))
    if not read_only:
        _check_free(path)
    return FileState(new=False, read_only=read_only, immutable=immutable, marked=app_id == APPLICATION_ID)


def _schema(path: Path, immutable: bool) -> tuple[set[str], str | None]:
    """(table names, Alembic revision) read through a read-only connection."""
    try:
        conn = sqlite3.connect(readonly_uri(path, immutable), uri=True, timeout=2)
    except sqlite3.Error as exc:
        raise _problem(path, exc) from None
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = revision[0] if revision else None
        return tables, revision
    except sqlite3.Error as exc:
        raise _problem(path, exc) from None
    finally:
        conn.close()


def _check_free(path: Path) -> None:
    """Refuse, with the holder's name, a database another program is writing to."""
    conn = sqlite3.connect(path, timeout=1, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        raise _problem(path, exc) from None
    finally:
        conn.close()


def _problem(path: Path, exc: sqlite3.Error) -> DatabaseError:
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        held = holders(path)
        who = f" ({', '.join(held)})" if held else ""
        return DatabaseBusyError(
            f"Tệp dữ liệu “{path.name}” đang bị một chương trình khác khóa{who}. "
            "Hãy đóng chương trình đó (hoặc đợi một lát) rồi thử lại.", details=str(exc))
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return DatabaseError(f"Tệp dữ liệu “{path.name}” bị hỏng (không đọc được cấu trúc).", details=str(exc))
    return DatabaseError(f"Không mở được tệp dữ liệu “{path.name}”.", details=str(exc))


def holders(path: Path) -> list[str]:
    """Programs that have the file open ("name, PID n"), where the system tells (Linux /proc)."""
    target = os.path.realpath(path)
    found: list[str] = []
    proc = Path("/proc")
    if not proc.is_dir():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) == target:
                    comm = (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
                    found.append(f"{comm}, PID {entry.name}")
                    break
        except OSError:
            continue
    return found[:5]
