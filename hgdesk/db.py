"""Opening the database: SQLite by default, PostgreSQL by URL; the schema kept current.

SQLite is opened in WAL mode with foreign keys on and a busy timeout, on every connection.
The schema is brought to the newest Alembic revision when the database is opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker

from hgdesk.errors import DatabaseError

MIGRATIONS = Path(__file__).with_name("migrations")


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
            self.created = not self.path.exists() or self.path.stat().st_size == 0
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"Không tạo được thư mục dữ liệu “{self.path.parent}”: {exc}.") from exc
        self.engine: Engine = create_engine(self.url)
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.Session = sessionmaker(self.engine, expire_on_commit=False)
        if upgrade:
            self.upgrade()

    def upgrade(self) -> None:
        """Bring the schema to the newest revision (creates it on an empty database)."""
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

    def dispose(self) -> None:
        self.engine.dispose()
