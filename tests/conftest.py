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


@pytest.fixture
def db(tmp_path):
    from hgdesk.db import Database

    database = Database(str(tmp_path / "test.sqlite3"))
    yield database
    database.dispose()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """QSettings and the default database live in the test's folder, never in the user's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.fixture(scope="session", autouse=True)
def vietnamese_qt(request):
    """Qt's own dialogs in Vietnamese, as the application installs them (GUI tests only)."""
    if not any("gui" in item.nodeid for item in request.session.items):
        return
    from PySide6.QtWidgets import QApplication

    from ui.app import install_vietnamese

    app = QApplication.instance() or QApplication([])
    install_vietnamese(app)
