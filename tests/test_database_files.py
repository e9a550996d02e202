"""Database files are changed only when they are ours: foreign, newer, read-only and locked files
are refused (or opened read-only) with a Vietnamese message and stay byte-identical."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import text

from hgdesk import backup, services
from hgdesk.cli import main as cli
from hgdesk.db import Database
from hgdesk.dbfile import APPLICATION_ID
from hgdesk.errors import DatabaseBusyError, DatabaseError, ForeignDatabaseError
from tests.conftest import SEEDS
from tests.dbstate import file_digest, snapshot


def _other_programs_file(path: Path, with_program_table: bool) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Lan', '0909')")
    if with_program_table:
        conn.execute("CREATE TABLE program (id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("with_program_table", [False, True])
def test_another_programs_sqlite_file_is_refused_and_left_byte_identical(tmp_path, with_program_table, capsys):
    path = _other_programs_file(tmp_path / "khac.sqlite3", with_program_table)
    before = path.read_bytes()
    with pytest.raises(ForeignDatabaseError, match="không phải tệp dữ liệu của hgdesk"):
        Database(str(path))
    assert cli(["--database", str(path), "list"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "không phải tệp dữ liệu của hgdesk" in err[0]
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["khac.sqlite3"]  # no WAL, no backups folder


def test_a_text_file_given_as_database_is_refused_untouched(tmp_path):
    path = tmp_path / "ghichu.sqlite3"
    path.write_text("Ghi chú cuộc họp\n", encoding="utf-8")
    with pytest.raises(ForeignDatabaseError):
        Database(str(path))
    assert path.read_text(encoding="utf-8") == "Ghi chú cuộc họp\n"


def test_a_new_database_is_marked_as_hgdesk_and_an_older_one_is_marked_when_opened(tmp_path):
    path = tmp_path / "moi.sqlite3"
    Database(str(path)).dispose()
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID
    with sqlite3.connect(path) as conn:  # as databases made before the mark existed
        conn.execute("PRAGMA application_id=0")
    Database(str(path)).dispose()
    assert int.from_bytes(path.read_bytes()[68:72], "big") == APPLICATION_ID


def test_a_database_from_a_newer_version_asks_for_an_update_and_is_left_as_it_was(db, capsys):
    """On SQLite and PostgreSQL: the refusal happens before anything is written, no backup is made."""
    services.import_file(db, SEEDS / "seed001.txt")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0042_from_the_future'"))
    url = db.url
    before = snapshot(db)
    with pytest.raises(ForeignDatabaseError, match="tạo bởi phiên bản mới hơn — hãy cập nhật hgdesk"):
        Database(url)
    assert cli(["--database", url, "list"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "phiên bản mới hơn" in err[0]
    assert snapshot(db) == before
    if db.is_sqlite:
        assert backup.list_backups(db.path) == []


def test_tables_without_our_schema_record_are_refused_untouched(db):
    """A database (server or file) holding tables but not our schema record is never migrated into."""
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    before = snapshot(db)
    with pytest.raises(ForeignDatabaseError):
        Database(db.url)
    assert snapshot(db) == before


def test_no_backup_is_made_when_no_migration_runs(tmp_path):
    path = tmp_path / "hgdesk.sqlite3"
    Database(str(path)).dispose()
    for _ in range(3):
        Database(str(path)).dispose()
    assert backup.list_backups(path) == []


@contextlib.contextmanager
def read_only_folder(folder: Path):
    """The folder made read-only as a user meets it: a read-only bind mount when running as root
    (root ignores file modes), the file modes otherwise."""
    if os.geteuid() == 0:
        view = folder.with_name(folder.name + "-ro")
        view.mkdir()
        done = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(view)], capture_output=True)
        if done.returncode:
            pytest.skip("cannot make a read-only mount here")
        try:
            yield view
        finally:
            subprocess.run(["umount", "-l", str(view)], check=True)
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
    for p in modes:
        p.chmod(0o555 if p.is_dir() else 0o444)
    try:
        yield folder
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


def test_a_read_only_database_opens_for_reading_and_exporting_and_refuses_changes_in_vietnamese(tmp_path, capsys):
    folder = tmp_path / "chia-se"
    folder.mkdir()
    db = Database(str(folder / "hgdesk.sqlite3"))
    program = services.import_file(db, SEEDS / "seed001.txt")
    db.dispose()
    with read_only_folder(folder) as view:
        path = view / "hgdesk.sqlite3"
        before = file_digest(path)
        db = Database(str(path))
        assert db.read_only and db.healthy()
        assert [p.id for p in services.list_programs(db)] == [program]
        assert services.export_docx(db, program, tmp_path / "ra.docx").stat().st_size > 0
        with pytest.raises(DatabaseError, match="chỉ đọc") as refused:
            services.update_program(db, program, title_lines=["Sửa"])
        assert "sqlalche" not in str(refused.value) and "readonly" in refused.value.details
        db.dispose()
        assert cli(["--database", str(path), "list"]) == 0
        capsys.readouterr()
        assert file_digest(path) == before
        assert sorted(p.name for p in view.iterdir()) == ["hgdesk.sqlite3"]


def test_a_locked_database_names_the_program_holding_it_and_opens_once_it_lets_go(tmp_path, capsys):
    path = tmp_path / "hgdesk.sqlite3"
    Database(str(path)).dispose()
    before = path.read_bytes()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(DatabaseBusyError, match=r"đang bị một chương trình khác khóa \(.*PID") as busy:
            Database(str(path))
        assert "thử lại" in str(busy.value)
        assert cli(["--database", str(path), "list"]) == 2
        assert "khóa" in capsys.readouterr().err
        assert path.read_bytes() == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    Database(str(path)).dispose()  # retry works


def test_the_network_copy_goes_to_a_new_dated_file_and_never_replays_a_stale_wal(tmp_path):
    share = tmp_path / "share"
    share.mkdir()
    source = Database(str(share / "hgdesk.sqlite3"))
    first_program = services.import_file(source, SEEDS / "seed001.txt")
    source.dispose()
    local = tmp_path / "local"
    first = backup.local_copy(share / "hgdesk.sqlite3", local)
    work = Database(str(first))
    services.update_program(work, first_program, title_lines=["Việc làm trên máy này"])
    # a crash: the local copy's WAL is left behind; it must never land on another file
    stale_wal = Path(f"{first}-wal").read_bytes() if Path(f"{first}-wal").exists() else b""
    work.dispose()
    second = backup.local_copy(share / "hgdesk.sqlite3", local)
    Path(f"{second}-wal").write_bytes(stale_wal or b"garbage")  # as if left under the new name
    third = backup.local_copy(share / "hgdesk.sqlite3", local)
    assert len({first, second, third}) == 3
    assert not Path(f"{third}-wal").exists()
    kept = Database(str(first))
    assert services.program_json(kept, first_program)["title"] == ["Việc làm trên máy này"]
    kept.dispose()
    fresh = Database(str(third))
    assert fresh.healthy()
    assert services.program_json(fresh, first_program)["title"] != ["Việc làm trên máy này"]
    fresh.dispose()


def test_the_cli_refuses_a_damaged_database_in_one_line_and_names_the_way_back(tmp_path, capsys):
    path = tmp_path / "hgdesk.sqlite3"
    db = Database(str(path))
    services.import_file(db, SEEDS / "seed001.txt")
    db.dispose()
    with sqlite3.connect(path) as conn:  # a page of the node table's index overwritten
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[page_size * 5: page_size * 6] = bytes(page_size)
    path.write_bytes(bytes(data))
    code = cli(["--database", str(path), "list"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1 and ("bị hỏng" in err[0])


def test_a_read_only_database_that_needs_an_upgrade_is_refused_without_touching_it(tmp_path):
    folder = tmp_path / "cu"
    folder.mkdir()
    path = folder / "hgdesk.sqlite3"
    Database(str(path)).dispose()
    conn = sqlite3.connect(path)  # as left by an older version of hgdesk
    conn.execute("UPDATE alembic_version SET version_num = '0004'")
    conn.commit()
    conn.close()
    with read_only_folder(folder) as view:
        before = file_digest(view / "hgdesk.sqlite3")
        with pytest.raises(DatabaseError, match="chỉ đọc được và cần nâng cấp"):
            Database(str(view / "hgdesk.sqlite3"))
        assert file_digest(view / "hgdesk.sqlite3") == before
        assert sorted(p.name for p in view.iterdir()) == ["hgdesk.sqlite3"]
