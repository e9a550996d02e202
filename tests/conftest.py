"""Shared fixtures. Qt runs offscreen; every test gets its own database file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("HGDESK_DATABASE_URL", None)

DATA = Path(__file__).parent / "data"
SEEDS = DATA / "seeds"


@pytest.fixture
def seed():
    def path(number: int) -> Path:
        return SEEDS / f"seed{number:03d}.txt"

    return path


BACKEND = os.environ.get("HGDESK_TEST_BACKEND", "sqlite")


def pytest_collection_modifyitems(config, items):
    """On the PostgreSQL pass, run the tests that work on the `db` fixture (the others do not
    touch a server database and already ran on the SQLite pass)."""
    if BACKEND != "postgresql":
        return
    keep = [i for i in items if "db" in getattr(i, "fixturenames", ()) and not i.get_closest_marker("sqlite_only")]
    dropped = [i for i in items if i not in keep]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


@pytest.fixture(scope="session")
def pg_cluster():
    from tests.postgres import Cluster

    try:
        cluster = Cluster()
    except RuntimeError as exc:
        pytest.skip(f"PostgreSQL pass skipped: {exc}")
    yield cluster
    cluster.stop()


@pytest.fixture
def db(tmp_path, request):
    """A fresh database: a SQLite file, or (HGDESK_TEST_BACKEND=postgresql) a PostgreSQL database."""
    from hgdesk.db import Database

    if BACKEND == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        name = cluster.create()
        database = Database(cluster.url(name))
        yield database
        database.dispose()
        cluster.drop(name)
        return
    database = Database(str(tmp_path / "test.sqlite3"))
    yield database
    database.dispose()


def table_rows(db) -> dict[str, list[tuple]]:
    """Every row of every table, in key order: compared before and after to prove nothing changed."""
    from sqlalchemy import select

    from hgdesk.models import Base

    out = {}
    with db.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            key = list(table.primary_key.columns)
            out[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*key))]
    return out


def read_done(tab, timeout: float = 20.0):
    """Wait, as a person looking at the screen would, until a tab that reads off the GUI thread shows
    what it read; returns the tab."""
    import time

    from PySide6.QtWidgets import QApplication

    deadline = time.monotonic() + timeout
    while (tab.loading or tab.stale) and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.005)
    assert not tab.loading, "the tab's read did not end"
    return tab


def reopened_after_downgrade(db, revision: str):
    """The SQLite file of `db` taken back to an older schema `revision` (as the previous version left
    it), closed, and opened again: the Database upgrades it, as a user's file is on the first start."""
    from alembic import command
    from alembic.config import Config

    from hgdesk.db import MIGRATIONS, Database

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    path = db.path
    db.dispose()
    return Database(str(path))


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings and the default database live in the test's folder, never in the user's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    from PySide6.QtCore import QSettings

    # Qt resolves where settings live once per process: point it at this test's folder.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))


@pytest.fixture(autouse=True)
def no_forgotten_modal(request):
    """A modal dialog no test answers would hang the whole run: after 60 s it is closed and the test
    fails, naming the dialog and its text."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QDialog

    request.getfixturevalue("qapp")
    since: dict[int, float] = {}
    forgotten: list[str] = []

    def look() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            since.clear()
            return
        if time.monotonic() - since.setdefault(id(modal), time.monotonic()) > 60:
            text = modal.text() if hasattr(modal, "text") else ""
            forgotten.append(f"{type(modal).__name__} “{modal.windowTitle()}”: {text}")
            modal.done(0) if isinstance(modal, QDialog) else modal.close()

    timer = QTimer()
    timer.timeout.connect(look)
    timer.start(1000)
    yield
    timer.stop()
    if forgotten:
        pytest.fail("a modal dialog was left open, unanswered: " + " | ".join(forgotten))


@pytest.fixture(scope="session", autouse=True)
def vietnamese_qt(request):
    """Qt's own dialogs in Vietnamese, as the application installs them (GUI tests only)."""
    if not any("gui" in item.nodeid for item in request.session.items):
        return
    from PySide6.QtWidgets import QApplication

    from ui.app import install_vietnamese

    app = QApplication.instance() or QApplication([])
    install_vietnamese(app)


@pytest.fixture
def window_on(qtbot, tmp_path):
    """Opens the main window, shown offscreen, on a database file prepared first by the test
    (`window_on(prepare)`, prepare(db) imports what the user has); closes it at the end."""
    from hgdesk.db import Database
    from ui.main_window import MainWindow

    opened = []

    def open_window(prepare=None, name: str = "window.sqlite3"):
        db = Database(str(tmp_path / name))
        if prepare is not None:
            prepare(db)
        win = MainWindow(db)
        qtbot.addWidget(win)
        win.show()
        opened.append(win)
        return win

    yield open_window
    for win in opened:
        win.close()
        win.db.dispose()


@pytest.fixture
def quarter_window(window_on):
    """The window on a quarter drafted from seed 000's annual program: `quarter_window(3)` -> (window, id)."""
    def open_quarter(quarter: int):
        from hgdesk import services

        made = {}

        def prepare(db):
            annual = services.import_file(db, SEEDS / "seed000.txt")
            made["quarter"] = services.derive_quarter(db, annual, quarter)

        win = window_on(prepare)
        win.refresh_programs(made["quarter"])
        return win, made["quarter"]

    return open_quarter


@pytest.fixture
def main_window(window_on):
    """The main window on a fresh database file, shown offscreen."""
    return window_on()

@pytest.fixture
def hd05_profile():
    """The HD 05 (2026) format profile is shipped (branch format); tests that need it say so."""
    from hgdesk.resources import resource

    assert resource("formats", "party_hd05_2026.toml").is_file()
