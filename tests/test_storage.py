"""Programs are stored whole, read back exactly, and never half-written or silently overwritten."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm.exc import StaleDataError

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.db import Database
from hgdesk.importing import parse_file
from hgdesk.models import AuditEntry, Indicator, Node, Program


def strip_ids(data):
    if isinstance(data, dict):
        return {k: strip_ids(v) for k, v in data.items() if k not in ("id", "task", "version")}
    if isinstance(data, list):
        return [strip_ids(v) for v in data]
    return data


@pytest.mark.parametrize("number", range(5))
def test_stored_tree_reads_back_equal_to_the_parse(db, seed, number):
    parsed = parse_file(seed(number)).to_json()
    program_id = services.import_file(db, seed(number))
    stored = services.program_json(db, program_id)
    assert strip_ids(stored["nodes"]) == parsed["nodes"]
    for key in ("kind", "year", "quarter", "title", "opening", "closing", "recipients", "signer", "warnings"):
        assert stored[key] == parsed[key], key
    assert stored["footnotes"] == parsed["footnotes"]


@pytest.mark.sqlite_only
def test_sqlite_is_opened_with_wal_foreign_keys_and_a_busy_timeout(db):
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() == 10000


def test_schema_is_created_by_alembic_and_reopening_is_a_no_op(tmp_path):
    path = tmp_path / "a.sqlite3"
    Database(str(path)).dispose()
    with sqlite3.connect(path) as conn:
        (revision,) = conn.execute("select version_num from alembic_version").fetchone()
    from hgdesk.db import HEAD_REVISION

    assert revision == HEAD_REVISION
    again = Database(str(path))
    assert not again.created
    again.dispose()


def test_a_failure_inside_a_service_leaves_nothing_half_written(db, seed, monkeypatch):
    parsed = parse_file(seed(0))
    from hgdesk.services import programs

    original = programs._add_nodes

    def explode(session, program, nodes, parent):
        original(session, program, nodes[:1], parent)
        raise RuntimeError("power cut in the middle of an import")

    monkeypatch.setattr(programs, "_add_nodes", explode)
    with pytest.raises(RuntimeError):
        services.save_parsed(db, parsed, "x.txt")
    with db.transaction() as s:
        assert s.scalars(select(Program)).all() == []
        assert s.scalars(select(Node)).all() == []
        assert s.scalars(select(AuditEntry)).all() == []


def test_concurrent_edit_of_the_same_node_is_detected_not_overwritten(db, seed):
    program_id = services.import_file(db, seed(1))
    first, second = db.Session(), db.Session()
    node_a = first.scalars(select(Node).where(Node.program_id == program_id).limit(1)).one()
    node_b = second.get(Node, node_a.id)
    node_a.text = "sửa lần 1"
    first.commit()
    node_b.text = "sửa lần 2, từ bản cũ"
    with pytest.raises(StaleDataError):
        second.commit()
    second.rollback()
    with db.transaction() as s:
        assert s.get(Node, node_a.id).text == "sửa lần 1"
    first.close()
    second.close()


def test_indicators_are_stored_with_target_and_unit(db, seed):
    program_id = services.import_file(db, seed(0))
    with db.transaction() as s:
        rows = s.scalars(select(Indicator).where(Indicator.program_id == program_id)).all()
        assert len(rows) == 18
        assert {(r.target_value, r.unit) for r in rows} >= {(1150, "đảng viên"), (24970, "tỷ đồng")}


def test_import_is_recorded_in_the_audit_trail(db, seed):
    program_id = services.import_file(db, seed(0))
    with db.transaction() as s:
        entry = s.scalars(select(AuditEntry)).one()
        assert (entry.action, entry.entity, entry.program_id) == ("import", "program", program_id)
        assert entry.summary["source"] == "seed000.txt"


def test_programs_of_the_same_organisation_share_it(db, seed):
    services.import_file(db, seed(0))
    services.import_file(db, seed(1))
    services.import_file(db, seed(2))
    organizations = services.list_organizations(db)
    assert [o["name"] for o in organizations] == ["Tỉnh ủy Hậu Giang"]


def test_cli_contract_parse_import_list_show(tmp_path, seed, capsys):
    database = str(tmp_path / "cli.sqlite3")
    assert cli(["parse", str(seed(1)), "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert set(parsed) >= {"kind", "year", "quarter", "organization", "number", "symbol", "draft", "place", "date",
                           "title", "opening", "nodes", "closing", "recipients", "signer", "footnotes", "warnings"}
    assert not (tmp_path / "cli.sqlite3").exists()
    assert cli(["--database", database, "import", str(seed(1))]) == 0
    program_id = int(capsys.readouterr().out.strip())
    assert cli(["--database", database, "list"]) == 0
    assert "Chương trình công tác quý II/2024" in capsys.readouterr().out
    assert cli(["--database", database, "show", str(program_id), "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["id"] == program_id and isinstance(shown["nodes"][0]["id"], int)
    assert strip_ids(shown["nodes"]) == parsed["nodes"]


def test_cli_show_of_a_missing_program_exits_2(db, capsys):
    assert cli(["--database", db.url, "show", "999"]) == 2
    assert "Không có chương trình số 999" in capsys.readouterr().err


def test_console_script_is_installed(tmp_path, seed):
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).with_name("hgdesk-cli")
    result = subprocess.run([str(script), "parse", str(seed(2)), "--json"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["quarter"] == 4


def test_the_head_revision_constant_matches_the_migrations():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from hgdesk.db import HEAD_REVISION, MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_current_head() == HEAD_REVISION


def test_percent_achieved_follows_the_indicators_direction(db, seed):
    annual = services.import_file(db, seed(0))
    rows = {r["label"]: r for r in services.program_indicators(db, annual)}
    services.record_indicator(db, rows["(15)"]["indicator_id"], "2024-Q4", 9.5)
    services.record_indicator(db, rows["(1)"]["indicator_id"], "2024-Q4", 1200)
    rows = {r["label"]: r for r in services.program_indicators(db, annual)}
    assert rows["(15)"]["direction"] == "at_most" and rows["(15)"]["percent"] == 109.7
    assert rows["(1)"]["percent"] == 104.3


def test_search_across_programs_ignores_diacritics_and_tone_placement(db, seed, capsys):
    annual = services.import_file(db, seed(0))
    quarter = services.import_file(db, seed(1))
    found = services.search(db, "49 nam ngay mien nam giai phong")
    assert {r["program_id"] for r in found} == {quarter}
    assert "49 năm ngày miền Nam giải phóng" in found[0]["snippet"]
    assert services.search(db, "van hoa xa hoi") and services.search(db, "văn hoá, xã hội")
    both = {r["program_id"] for r in services.search(db, "Công tác dân vận")}
    assert both == {annual, quarter}
    assert services.search(db, "   ") == []
    assert cli(["--database", db.url, "search", "tinh", "uy", "hau", "giang", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)
