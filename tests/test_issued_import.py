"""An office imports a program it already issued (number set, no "Dự thảo"): it is stored
complete and locked, through the CLI and the window alike."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import text

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.errors import LockedError
from tests.conftest import SEEDS


def issued_copy(tmp_path, number: int = 0, symbol_number: str = "125") -> str:
    """A seed as the office issued it: the number filled in, the draft mark gone."""
    source = (SEEDS / f"seed{number:03d}.txt").read_text(encoding="utf-8")
    lines = [line for line in source.splitlines() if line.strip() != "Dự thảo"]
    issued = "\n".join(lines).replace("Số         -CTr/TU", f"Số {symbol_number}-CTr/TU", 1)
    assert issued != source
    path = tmp_path / f"ban_hanh_{number:03d}.txt"
    path.write_text(issued, encoding="utf-8")
    return str(path)


def test_an_issued_annual_program_imports_complete_and_locked(db, tmp_path):
    program_id = services.import_file(db, issued_copy(tmp_path))
    program = services.program_json(db, program_id)
    assert program["status"] == "issued" and program["number"] == "125"
    draft = services.program_json(db, services.import_file(db, SEEDS / "seed000.txt"))
    assert len(program["nodes"]) == len(draft["nodes"]) == 3
    with pytest.raises(LockedError):
        services.edit_node(db, program["nodes"][0]["id"], heading="Sửa")
    with db.engine.connect() as conn:  # the database lock holds too
        nodes = conn.execute(text("SELECT count(*) FROM node WHERE program_id = :p"), {"p": program_id}).scalar()
    assert nodes > 50


def test_the_cli_imports_an_issued_program_and_exits_zero(db, tmp_path, capsys):
    url = str(db.engine.url)
    code = cli(["--database", url, "import", issued_copy(tmp_path), "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    data = json.loads(out)
    assert data["status"] == "issued" and data["draft"] is False and data["number"] == "125"


def test_the_window_imports_an_issued_program_and_shows_it_locked(qtbot, tmp_path):
    from hgdesk.db import Database
    from ui.main_window import MainWindow

    database = Database(str(tmp_path / "gui.sqlite3"))
    win = MainWindow(database)
    qtbot.addWidget(win)
    win.show()
    try:
        program_id = win.import_path(issued_copy(tmp_path), confirm=False)
        assert program_id
        assert win.program["id"] == program_id and win.program["status"] == "issued"
        info = next(p for p in services.list_programs(database) if p.id == program_id)
        assert info.status == "issued"
    finally:
        win.close()
        database.dispose()
