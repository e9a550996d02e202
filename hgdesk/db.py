"""Opening the database: SQLite by default, PostgreSQL by URL; the schema kept current.

SQLite is opened in WAL mode with foreign keys on and a busy timeout, on every connection.
The schema is brought to the newest Alembic revision when the database is opened.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from hgdesk import operations
from hgdesk.errors import DatabaseError, ForeignDatabaseError

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration: when the database is already there, opening it does not load Alembic
# at all (a test keeps this equal to Alembic's own head).
HEAD_REVISION = "0007_report2"


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


def _sqlite_read_only_pragmas(dbapi_connection, _record) -> None:
    """A read-only file: no journal mode change (that would be a write)."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def _parsed_url(url: str):
    """The URL understood, or a Vietnamese refusal (never the library's text with a password in it)."""
    from sqlalchemy.exc import ArgumentError

    try:
        return make_url(url)
    except (ArgumentError, ValueError):
        from hgdesk.messages import redact

        raise DatabaseError(f"Địa chỉ cơ sở dữ liệu “{redact(url)}” không hợp lệ.") from None


def _engine(url: str) -> Engine:
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        return create_engine(url)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        from hgdesk.messages import details, redact

        raise DatabaseError(f"Không dùng được cơ sở dữ liệu “{redact(url)}”: loại máy chủ hoặc trình kết nối "
                            "không được hỗ trợ trên máy này.", details=details(exc)) from None


class Database:
    """One database: engine, session factory, and the unit of work used by every service."""

    def __init__(self, url: str | None = None, *, upgrade: bool = True) -> None:
        self.url = database_url(url)
        parsed = _parsed_url(self.url)
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        self.path: Path | None = None
        self.created = False
        self.read_only = False  # the file, folder or mount cannot be written: reading and exporting only
        self.engine_url = self.url  # a read-only file is opened through a read-only SQLite URI
        self._marked = True
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            self.path = Path(parsed.database)
            where = network_location(self.path)
            if where:
                raise DatabaseError(
                    f"Tệp dữ liệu “{self.path}” nằm trên {where}. SQLite không an toàn khi dùng chung qua mạng "
                    "(có thể hỏng dữ liệu). Hãy chép tệp về ổ đĩa của máy này, hoặc dùng máy chủ PostgreSQL "
                    "của cơ quan (tùy chọn --database postgresql+psycopg://…)."
                )
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"Không tạo được thư mục dữ liệu “{self.path.parent}”: {exc}.") from exc
            self._identify_file(damaged_ok=not upgrade)
        from hgdesk import search  # noqa: F401  (keeps the search index current on every write)

        self.last_changes = operations.Changes()
        self.listeners: list[Callable[[operations.Changes], None]] = []  # told after every operation

        self.engine: Engine = _engine(self.engine_url)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_read_only_pragmas if self.read_only else _sqlite_pragmas)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        if not self.is_sqlite:
            self._identify_server()
        if upgrade:
            self.upgrade()
            self._mark_ours()
        self.identity = self._file_identity()  # which file this is, to notice it being replaced

    def _identify_file(self, damaged_ok: bool) -> None:
        """Refuse a file that is not ours, from a newer version or locked; open a read-only one read-only.

        `damaged_ok`: opened only to be replaced by a backup, an unreadable file is accepted."""
        from hgdesk import dbfile
        from hgdesk.errors import DatabaseBusyError

        assert self.path is not None
        try:
            state = dbfile.inspect_file(self.path)
        except (ForeignDatabaseError, DatabaseBusyError):
            raise
        except DatabaseError:
            if not damaged_ok:
                raise
            return
        self.created = state.new
        self.read_only = state.read_only
        self._marked = state.marked
        if state.read_only:
            self.engine_url = f"sqlite:///{dbfile.readonly_uri(self.path, state.immutable)}&uri=true"

    @property
    def where(self) -> str:
        """Where the data lives, to show the user: the file, or the server URL without its password."""
        from hgdesk.messages import redact

        return str(self.path) if self.path is not None else redact(self.url)

    def _identify_server(self) -> None:
        """On a server: tables without our Alembic table are someone else's; an unknown revision is newer."""
        from sqlalchemy import text

        from hgdesk import dbfile

        try:
            with self.engine.connect() as connection:
                tables = set(inspect(connection).get_table_names())
                revision = (connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
                            if "alembic_version" in tables else None)
        except DatabaseError:
            raise
        except Exception as exc:
            raise self.problem(exc) from None
        name = make_url(self.url).database or ""
        if tables and "alembic_version" not in tables:
            raise ForeignDatabaseError(dbfile.FOREIGN.format(name=name))
        if revision is not None and revision not in dbfile.known_revisions():
            raise ForeignDatabaseError(dbfile.NEWER.format(name=name))

    def _mark_ours(self) -> None:
        """Write our application id into the SQLite header (new and older hgdesk databases)."""
        if not self.is_sqlite or self.path is None or self.read_only or self._marked:
            return
        from hgdesk.dbfile import APPLICATION_ID

        with self.engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        self._marked = True

    def problem(self, exc: BaseException) -> DatabaseError:
        """A library error as a Vietnamese DatabaseError (the redacted original in its details)."""
        from hgdesk.messages import database_problem, details

        return DatabaseError(database_problem(exc), details=details(exc))

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
        if self.read_only:
            raise DatabaseError("Tệp dữ liệu chỉ đọc được và cần nâng cấp lên phiên bản này; hãy chép tệp vào "
                                "một thư mục ghi được rồi mở lại.")
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
            raise self.problem(exc) from None
        try:
            with self.engine.begin() as connection:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
        except Exception as exc:
            raise self.problem(exc) from None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: everything inside commits together or not at all. A unit that wrote
        anything is an operation: its audit entries (with the undo record) are written before the
        commit, and its `Changes` reach `last_changes` and the listeners after it. A database library
        error becomes a Vietnamese DatabaseError (the redacted original in its details)."""
        from sqlalchemy.exc import DBAPIError

        try:
            with self.Session() as session, session.begin():
                yield session
                changes = operations.finish(session)
        except DBAPIError as exc:
            raise self.problem(exc) from None
        if changes:
            self.last_changes = changes
            for listener in list(self.listeners):
                listener(changes)

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

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat() if self.path is not None else None
        except OSError:
            return None
        return None if st is None else (st.st_dev, st.st_ino)

    def replaced(self) -> bool:
        """True when the file was replaced under this connection (a restore from another window):
        writing on would go into a deleted file; reopen instead."""
        if self.path is None:
            return False
        if self.identity is None:  # the file did not exist yet when opened
            self.identity = self._file_identity()
            return False
        return self._file_identity() != self.identity

    def checkpoint(self) -> None:
        """Move everything from the -wal file into the main file (SQLite), so the main file alone
        holds all the data: after a quit, after idle periods, before someone copies it."""
        if not self.is_sqlite or self.path is None:
            return
        from sqlalchemy import text

        with self.engine.connect() as conn:
            conn.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))

    def close(self) -> None:
        """Normal exit: checkpoint, then close every connection (journal_mode stays WAL)."""
        try:
            self.checkpoint()
        finally:
            self.engine.dispose()

    def dispose(self) -> None:
        if self.is_sqlite and self.path is not None:  # a backup still being written: finish it first
            from hgdesk import backup

            backup.wait(self.path)
        self.engine.dispose()
