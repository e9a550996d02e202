"""Opening the database: SQLite by default, PostgreSQL by URL; the schema kept current.

SQLite is opened in WAL mode with foreign keys on and a busy timeout, on every connection.
The schema is brought to the newest Alembic revision when the database is opened.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from hgdesk.errors import DatabaseError

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration: when the database is already there, opening it does not load Alembic
# at all (a test keeps this equal to Alembic's own head).
HEAD_REVISION = "0005_scale"


def default_database_path() -> Path:
    import platformdirs

    return platformdirs.user_data_path("hgdesk", appauthor=False) / "hgdesk.sqlite3"


def database_url(spec: str | None = None) -> str:
    """A file path or any SQLAlchemy URL; nothing given: HGDESK_DATABASE_URL, then the default file."""
    spec = spec or os.environ.get("HGDESK_DATABASE_URL") or ""
    if not spec:
        return f"sqlite:///{default_database_path()}"
    if "://" in spec:
        return spec
    return f"sqlite:///{Path(spec).expanduser().resolve()}"


def sqlite_path(url: str | None) -> Path | None:
    """The file behind a SQLite URL (or path), None for a server database."""
    parsed = make_url(database_url(url))
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return Path(parsed.database)
    return None


NETWORK_FS = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p", "afs", "glusterfs", "ceph",
              "fuse.glusterfs", "davfs", "fuse.davfs2", "ncpfs", "lustre"}


def _mounts() -> list[tuple[str, str]]:
    """(mount point, file-system type) of this Linux machine."""
    try:
        with open("/proc/mounts", encoding="utf-8") as f:
            return [(parts[1].replace("\\040", " "), parts[2]) for parts in (line.split() for line in f) if len(parts) > 2]
    except OSError:
        return []


def network_location(path: Path) -> str | None:
    """What kind of network location `path` is on, or None for a local disk.

    SQLite's locking and WAL do not work safely on network file systems.
    """
    text = str(path)
    if sys.platform.startswith("win"):
        if text.startswith(("\\\\", "//")):
            return "thư mục mạng (UNC)"
        drive = os.path.splitdrive(os.path.abspath(text))[0]
        if drive:
            import ctypes

            if ctypes.windll.kernel32.GetDriveTypeW(f"{drive}\\") == 4:  # type: ignore[attr-defined]  # DRIVE_REMOTE
                return f"ổ mạng {drive}"
        return None
    resolved = str(Path(text).resolve())
    best, fstype = "", ""
    for mount, kind in _mounts():
        if (resolved == mount or resolved.startswith(mount.rstrip("/") + "/")) and len(mount) > len(best):
            best, fstype = mount, kind
    return f"hệ thống tệp mạng ({fstype})" if fstype in NETWORK_FS else None


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


class Database:
    """One database: engine, session factory, and the unit of work used by every service."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True) -> None:
        self.url = database_url(url)
        parsed = make_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = None
        self.created = False
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            self.path = Path(parsed.database)
            where = network_location(self.path)
            if where:
                raise DatabaseError(
                    f"Tệp dữ liệu “{self.path}” nằm trên {where}. SQLite không an toàn khi dùng chung qua mạng "
                    "(có thể hỏng dữ liệu). Hãy chép tệp về ổ đĩa của máy này, hoặc dùng máy chủ PostgreSQL "
                    "của cơ quan (tùy chọn --database postgresql+psycopg://…)."
                )
            self.created = not self.path.exists() or self.path.stat().st_size == 0
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"Không tạo được thư mục dữ liệu “{self.path.parent}”: {exc}.") from exc
        from hgdesk import search  # noqa: F401  (keeps the search index current on every write)

        self.engine: Engine = create_engine(self.url)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        if upgrade:
            self.upgrade()

    def current_revision(self) -> str | None:
        from sqlalchemy import text

        try:
            with self.engine.connect() as connection:
                return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except Exception:  # no table yet (new database), or not a database at all: upgrade() tells
            return None

    def upgrade(self) -> None:
        """Bring the schema to the newest revision (creates it on an empty database)."""
        if not self.created and self.current_revision() == HEAD_REVISION:
            return
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(config).get_current_head()
        try:
            with self.engine.connect() as connection:
                current = MigrationContext.configure(connection).get_current_revision()
                if current == head:
                    return
                if current is None and inspect(connection).has_table("program"):
                    raise DatabaseError("Cơ sở dữ liệu không do phần mềm này tạo ra; không dùng được.")
            if current is not None and self.is_sqlite and self.path is not None:
                from hgdesk import backup

                backup.make(self.path, "pre-migration")
        except DatabaseError:
            raise
        except Exception as exc:
            raise DatabaseError(f"Không mở được cơ sở dữ liệu “{self.url}”: {exc}") from exc
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything inside commits together or not at all."""
        with self.Session() as session, session.begin():
            yield session

    def healthy(self) -> bool:
        """PRAGMA quick_check: False when the file is damaged (then offer a backup)."""
        if not self.is_sqlite:
            return True
        from sqlalchemy import text

        try:
            with self.engine.connect() as conn:
                return conn.execute(text("PRAGMA quick_check")).scalar() == "ok"
        except Exception:
            return False

    def dispose(self) -> None:
        self.engine.dispose()
