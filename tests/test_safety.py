"""Never losing work: crashes, backups, restore, locked issued programs, audit trail."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from hgdesk import backup, services
from hgdesk.cli import main as cli
from hgdesk.db import Database
from hgdesk.errors import DatabaseError, InputError, LockedError
from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parent.parent


def integrity(path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]


def first_node(db, program_id) -> int:
    return services.program_json(db, program_id)["nodes"][0]["children"][0]["id"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL exists on POSIX only")
def test_killed_at_random_moments_fifty_times_nothing_committed_is_lost(tmp_path):
    path = tmp_path / "crash.sqlite3"
    db = Database(str(path))
    program = services.import_file(db, SEEDS / "seed001.txt")
    nodes = [first_node(db, program), services.program_json(db, program)["nodes"][0]["children"][1]["id"]]
    for node in nodes:
        services.edit_node(db, node, text="0")
    db.dispose()
    rng = random.Random(20241123)
    last = {node: 0 for node in nodes}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _round in range(50):
        children = [subprocess.Popen([sys.executable, str(ROOT / "tests" / "crash_child.py"), str(path), str(node),
                                      str(last[node])], stdout=subprocess.PIPE, text=True, env=env)
                    for node in nodes]  # two writers on one database, as two app instances would be
        first = [child.stdout.readline() for child in children]  # both are editing
        time.sleep(rng.uniform(0.0, 0.25))
        for child in children:
            child.send_signal(signal.SIGKILL)
        for node, child, line in zip(nodes, children, first, strict=True):
            reported = [line, *child.stdout.read().split()]
            child.wait()
            numbers = [int(x) for x in reported if str(x).strip()]
            if numbers:
                last[node] = max(last[node], max(numbers))
        assert integrity(path) == "ok"
        with sqlite3.connect(path) as conn:
            for node in nodes:
                stored = int(conn.execute("select text from node where id = ?", (node,)).fetchone()[0])
                assert stored >= last[node]  # every edit the child reported as committed is there
                last[node] = stored
    assert all(v > 50 for v in last.values())


@pytest.mark.sqlite_only
def test_backup_and_restore_round_trip(db, seed):
    program = services.import_file(db, seed(1))
    node = first_node(db, program)
    made = services.backup_now(db)
    assert Path(made["path"]).is_file() and made["kind"] == "manual"
    services.edit_node(db, node, text="sửa sau khi sao lưu")
    listed = services.list_backups(db)
    assert [b["kind"] for b in listed] == ["manual"] and listed[0]["size"] > 0
    services.restore_backup(db, made["path"])
    reopened = Database(str(db.path))
    assert first_node(reopened, program) == node
    assert services.program_json(reopened, program)["nodes"][0]["children"][0]["text"] != "sửa sau khi sao lưu"
    kinds = sorted(b["kind"] for b in services.list_backups(reopened))
    assert kinds == ["manual", "pre-restore"]
    reopened.dispose()


def test_rotation_keeps_seven_daily_eight_weekly_and_the_ten_newest_pre_issue(tmp_path):
    database = tmp_path / "r.sqlite3"
    Database(str(database)).dispose()
    start = datetime(2024, 1, 1, 8, 0)
    for day in range(120):
        backup.make(database, "daily", start + timedelta(days=day))
    for i in range(13):
        backup.make(database, "pre-issue", start + timedelta(days=i, hours=2))
    for i in range(15):
        backup.make(database, "manual", start + timedelta(days=i, hours=3))
    kept = backup.list_backups(database)
    daily = [b for b in kept if b.kind == "daily"]
    assert len(daily) == 7 + 8
    assert daily[0].created.date() == date(2024, 4, 29)
    assert len({b.created.isocalendar()[:2] for b in daily[7:]}) == 8
    pre_issue = [b for b in kept if b.kind == "pre-issue"]
    assert [b.created.day for b in pre_issue] == list(range(13, 3, -1))
    assert len([b for b in kept if b.kind == "manual"]) == 10
    assert all(backup.integrity_ok(b.path) for b in kept)


@pytest.mark.sqlite_only
def test_the_daily_backup_is_made_once_a_day(db):
    assert services.backup_if_due(db)["kind"] == "daily"
    assert services.backup_if_due(db) is None


@pytest.mark.sqlite_only
def test_issuing_backs_up_first(db, seed):
    program = services.import_file(db, seed(1))
    services.issue_program(db, program, "12", date(2024, 4, 2))
    assert [b["kind"] for b in services.list_backups(db)] == ["pre-issue"]


@pytest.mark.sqlite_only
def test_the_pre_issue_backup_holds_the_program_as_it_was_before_the_issue(db, seed):
    """The copy is written in the background after the issue commits, from the moment before it."""
    program = services.import_file(db, seed(1))
    services.issue_program(db, program, "12", date(2024, 4, 2))
    made = services.list_backups(db)
    assert [b["kind"] for b in made] == ["pre-issue"]
    with backup.opened(Path(made[0]["path"])) as plain, sqlite3.connect(plain) as copy:
        assert copy.execute("SELECT status, number FROM program WHERE id = ?", (program,)).fetchone()[0] == "draft"
    assert services.program_json(db, program)["status"] == "issued"


@pytest.mark.sqlite_only
def test_an_issue_refused_for_its_number_or_its_state_makes_no_backup(db, seed):
    first = services.import_file(db, seed(1))
    second = services.import_file(db, seed(1))
    services.issue_program(db, first, "12", date(2024, 4, 2))
    with pytest.raises(InputError):  # the same number twice in a term
        services.issue_program(db, second, "12", date(2024, 4, 3))
    with pytest.raises(LockedError):
        services.issue_program(db, first, "13", date(2024, 4, 3))
    assert [b["kind"] for b in services.list_backups(db)] == ["pre-issue"]
    assert services.program_json(db, second)["status"] == "draft"


def test_a_damaged_database_is_detected_and_the_latest_good_backup_offered(tmp_path, seed, capsys):
    path = tmp_path / "hong.sqlite3"
    db = Database(str(path))
    program = services.import_file(db, seed(1))
    good = services.backup_now(db)["path"]
    db.dispose()
    data = bytearray(path.read_bytes())
    data[100:4096] = os.urandom(3996)  # the page header and schema are destroyed
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(DatabaseError):
        Database(str(path))
    assert services.latest_good_backup(path) == good
    assert cli(["--database", str(path), "restore", good]) == 0
    restored = Database(str(path))
    assert restored.healthy() and services.program_json(restored, program)["quarter"] == 2
    assert any(b["kind"] == "pre-restore" for b in services.list_backups(restored))
    restored.dispose()


def test_a_migration_backs_up_the_database_first(tmp_path):
    from alembic import command
    from alembic.config import Config

    path = tmp_path / "old.sqlite3"
    db = Database(str(path))
    config = Config()
    config.set_main_option("script_location", str(ROOT / "hgdesk" / "migrations"))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0003")
    db.dispose()
    Database(str(path)).dispose()
    assert [b.kind for b in backup.list_backups(path)] == ["pre-migration"]


def test_a_database_on_a_network_share_is_refused(tmp_path, monkeypatch):
    import hgdesk.db as dbmod

    share = tmp_path / "share"
    share.mkdir()
    monkeypatch.setattr(dbmod, "_mounts", lambda: [("/", "ext4"), (str(share.resolve()), "cifs")])
    with pytest.raises(DatabaseError, match=r"mạng.*PostgreSQL"):
        Database(str(share / "hgdesk.sqlite3"))
    assert not (share / "hgdesk.sqlite3").exists()
    monkeypatch.setattr(dbmod.sys, "platform", "win32")
    assert dbmod.network_location(Path(r"\\server\chung\hgdesk.sqlite3")) == "thư mục mạng (UNC)"


# --- issued programs ------------------------------------------------------------------------
@pytest.fixture
def issued(db, seed):
    program = services.import_file(db, seed(0))
    services.issue_program(db, program, "01", date(2024, 1, 5))
    return program


def test_every_change_to_an_issued_program_is_refused_by_the_services(db, issued):
    node = first_node(db, issued)
    for attempt in (
        lambda: services.edit_node(db, node, text="x"),
        lambda: services.add_node(db, issued, None, None, "part", heading="x"),
        lambda: services.delete_node(db, node),
        lambda: services.move_node(db, node, None, 0),
        lambda: services.update_program(db, issued, recipients=["x"]),
        lambda: services.issue_program(db, issued, "02", date(2024, 1, 6)),
    ):
        with pytest.raises(LockedError):
            attempt()


@pytest.mark.parametrize("statement", [
    "update node set text = 'x' where program_id = {p}",
    "delete from node where program_id = {p}",
    "insert into node (program_id, position, kind, label, heading, text, version) values ({p}, 99, 'paragraph', '', '', 'x', 1)",
    "update indicator set target_value = 1 where program_id = {p}",
    "update program set title_lines = '[\"x\"]' where id = {p}",
    "update program set number = '99' where id = {p}",
    "update program set status = 'draft' where id = {p}",
    "delete from program where id = {p}",
])
def test_the_database_itself_refuses_changes_to_an_issued_program(db, issued, statement):
    from sqlalchemy import exc, text

    before = services.program_json(db, issued)
    with pytest.raises(exc.DBAPIError, match="da ban hanh"), db.engine.begin() as conn:
        conn.execute(text(statement.format(p=issued)))
    assert services.program_json(db, issued) == before


def test_tracking_and_archiving_stay_open_on_an_issued_program(db, issued):
    from sqlalchemy import text

    with db.engine.begin() as conn:
        conn.execute(text("update program set closed_at = '2024-04-01' where id = :p"), {"p": issued})
        conn.execute(text("update program set status = 'archived' where id = :p"), {"p": issued})
    indicator = services.program_indicators(db, issued)[0]["indicator_id"]
    services.record_indicator(db, indicator, "2024-Q1", 300.0, "quý I")
    assert services.program_indicators(db, issued)[0]["actual"] == 300.0


# --- audit trail ------------------------------------------------------------------------------
def test_the_audit_trail_records_each_kind_of_change(db, seed, tmp_path, monkeypatch):
    monkeypatch.setenv("HGDESK_SECRETARY", "Nguyễn Thị Thư")
    annual = services.import_file(db, seed(0))
    q2 = services.derive_quarter(db, annual, 2)
    node = first_node(db, q2)
    task = services.program_tasks(db, q2)[0]["task_id"]
    services.edit_node(db, node, text="Sửa")
    added = services.add_node(db, q2, None, None, "part", heading="Phần mới")
    services.move_node_direction(db, added, "up")
    services.delete_node(db, added)
    services.update_task(db, task, status="in_progress")
    services.update_program(db, q2, signer_name="Trần Văn B")
    services.save_draft_version(db, q2)
    services.close_quarter(db, q2)
    services.export_package(db, q2, tmp_path / "p.hgdesk")
    services.issue_program(db, annual, "05", date(2024, 1, 10))
    actions = {(e["action"], e["entity"]) for e in services.audit_entries(db)}
    assert actions >= {("import", "program"), ("derive", "program"), ("update", "node"), ("create", "node"),
                       ("move", "node"), ("delete", "node"), ("update", "task"), ("update", "program"),
                       ("save_version", "program"), ("close_quarter", "program"), ("export_package", "program"),
                       ("issue", "program")}
    entry = next(e for e in services.audit_entries(db, q2) if e["action"] == "update" and e["entity"] == "node")
    assert entry["summary"]["after"]["text"] == "Sửa" and "before" in entry["summary"]
    assert entry["user"].endswith("(Nguyễn Thị Thư)")
    out = services.export_audit_csv(db, q2, tmp_path / "audit.csv")
    assert "Người thực hiện" in out.read_text(encoding="utf-8-sig")


@pytest.mark.sqlite_only
def test_cli_issue_node_audit_backups(db, seed, capsys):
    program = services.import_file(db, seed(1))
    node = first_node(db, program)
    database = str(db.path)
    assert cli(["--database", database, "node", "set", str(node), "--text", "Nội dung mới"]) == 0
    assert cli(["--database", database, "issue", str(program), "--number", "7", "--date", "2024-04-03"]) == 0
    assert cli(["--database", database, "node", "set", str(node), "--text", "bị từ chối"]) == 2
    assert "đã ban hành" in capsys.readouterr().err
    assert cli(["--database", database, "issue", str(program), "--number", "7", "--date", "3/4/2024"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert cli(["--database", database, "new-version", str(program)]) == 0
    new = int(capsys.readouterr().out.strip())
    assert services.program_json(db, new)["status"] == "draft"
    assert cli(["--database", database, "audit", str(program), "--json"]) == 0
    import json

    assert {e["action"] for e in json.loads(capsys.readouterr().out)} >= {"import", "update", "issue"}
    assert cli(["--database", database, "backup"]) == 0
    assert cli(["--database", database, "backups"]) == 0
    assert "người dùng tạo" in capsys.readouterr().out


@pytest.mark.sqlite_only
def test_a_backup_is_one_self_contained_compressed_file(db, seed):
    services.import_file(db, seed(1))
    made = Path(services.backup_now(db)["path"])
    assert sorted(p.name for p in made.parent.iterdir()) == [made.name]
    assert made.name.endswith(".sqlite3.gz")
    with backup.opened(made) as plain, sqlite3.connect(plain) as conn:
        assert made.stat().st_size < plain.stat().st_size / 2
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert conn.execute("SELECT count(*) FROM program").fetchone()[0] == 1


@pytest.mark.sqlite_only
def test_a_backup_made_before_compression_is_still_listed_checked_and_restored(db, seed):
    program = services.import_file(db, seed(1))
    folder = backup.folder_for(db.path)
    folder.mkdir(parents=True, exist_ok=True)
    old = folder / "hgdesk-20240101-080000-000000-manual.sqlite3"
    backup._copy(db.path, old)
    services.delete_node(db, services.program_json(db, program)["nodes"][0]["id"])
    assert [b["path"] for b in services.list_backups(db)] == [str(old)]
    assert backup.integrity_ok(old)
    services.restore_backup(db, old)
    reopened = Database(str(db.path))
    assert len(services.program_json(reopened, program)["nodes"]) == len(services.parse_only(seed(1)).nodes)
    reopened.dispose()


@pytest.mark.sqlite_only
def test_a_refused_issue_makes_no_backup(db, issued):
    before = services.list_backups(db)
    with pytest.raises(LockedError):
        services.issue_program(db, issued, "126", date(2024, 4, 2))
    assert services.list_backups(db) == before


def test_two_databases_in_one_folder_keep_their_own_backups(tmp_path):
    first, second = tmp_path / "hgdesk.sqlite3", tmp_path / "xa-phong-dien.sqlite3"
    for database in (first, second):
        Database(str(database)).dispose()
    start = datetime(2024, 1, 1, 8, 0)
    for day in range(12):
        backup.make(first, "manual", start + timedelta(days=day))
    backup.make(second, "manual", start)
    assert len(backup.list_backups(first)) == 10
    assert [b.created for b in backup.list_backups(second)] == [start]
