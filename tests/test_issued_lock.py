"""Issued means issued, and the trail is complete: the header an issued program printed with is
frozen, the database refuses deleting it, audit rows are append-only, every change is recorded
with its real before and after, in Vietnamese, in the viewer."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.errors import LockedError
from tests.conftest import SEEDS


@pytest.fixture
def issued(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q2 = services.derive_quarter(db, annual, 2)
    services.issue_program(db, q2, "125", date(2024, 4, 3))
    return q2


def test_changing_the_organisation_never_reprints_an_issued_program(db, issued):
    before = services.program_json(db, issued)
    services.update_organization(db, before["organization_id"], header_name="TỈNH ỦY KHÁC", symbol_suffix="XX")
    after = services.program_json(db, issued)
    assert (after["issuing_body"], after["symbol"]) == (before["issuing_body"], before["symbol"]) == (
        "TỈNH ỦY HẬU GIANG", "CTr/TU")
    entry = services.audit_entries(db, entity="organization")[0]
    assert "TỈNH ỦY KHÁC" in entry["detail"] and "TỈNH ỦY HẬU GIANG" in entry["detail"]


def test_an_issued_program_keeps_its_parent_link_and_a_drafts_change_is_audited(db, issued):
    with pytest.raises(LockedError):
        services.set_program_parent(db, issued, None)
    draft = services.new_version(db, issued)
    services.set_program_parent(db, draft, None)
    assert services.audit_entries(db, draft)[0]["action"] == "set_parent"


def test_raw_sql_cannot_archive_then_delete_an_issued_program(db, issued):
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE program SET status = 'archived' WHERE id = :p"), {"p": issued})
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM program WHERE id = :p"), {"p": issued})
    assert services.program_json(db, issued)["number"] == "125"


def test_audit_rows_cannot_be_altered_or_deleted(db, issued):
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_entry SET action = 'sua'"))
    with pytest.raises(DBAPIError), db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_entry"))
    assert len(services.audit_entries(db)) >= 3


def test_a_change_of_cooperating_units_is_audited_with_what_it_was(db, issued):
    task = services.program_tasks(db, issued)[0]
    services.update_task(db, task["task_id"], cooperating_units="Ban Dân vận, Ủy ban MTTQ tỉnh")
    entry = services.audit_entries(db, issued)[0]
    assert entry["summary"]["before"] == {"cooperating_units": ""}
    assert entry["summary"]["after"] == {"cooperating_units": "Ban Dân vận, Ủy ban MTTQ tỉnh"}
    assert entry["detail"].startswith("Cơ quan phối hợp: (trống) → “Ban Dân vận")


def test_an_excel_import_is_audited_one_entry_per_changed_value(db, issued, tmp_path):
    import openpyxl

    out = services.export_tracking_workbook(db, issued, tmp_path / "so.xlsx")
    wb = openpyxl.load_workbook(out)
    wb["Nhiệm vụ"]["G2"] = "hoàn thành"
    wb["Nhiệm vụ"]["G3"] = "đang thực hiện"
    wb.save(tmp_path / "back.xlsx")
    services.import_tracking_workbook(db, issued, tmp_path / "back.xlsx", apply=True)
    entries = [e for e in services.audit_entries(db, issued) if e["entity"] == "task"]
    assert [e["summary"]["after"]["status"] for e in entries[:2]] == ["in_progress", "done"]
    assert all(e["summary"]["before"]["status"] == "not_started" for e in entries[:2])
    assert entries[1]["detail"] == "Trạng thái: “chưa thực hiện” → “hoàn thành”; nguồn: “back.xlsx”."


def test_the_trail_speaks_vietnamese_in_local_time(db, issued, capsys):
    entries = services.audit_entries(db, issued)
    assert entries[0]["action_vi"] == "ban hành chương trình"
    assert entries[0]["when"].count("/") == 2  # dd/mm/yyyy
    assert cli(["--database", str(db.engine.url), "audit", str(issued)]) == 0
    out = capsys.readouterr().out
    assert "ban hành chương trình" in out and "issue" not in out


def test_every_operation_writes_one_undo_record(db, issued):
    """No write goes unaudited: each operation's first entry carries the rows it changed."""
    with db.engine.connect() as conn:
        ops = conn.execute(text("SELECT action, rows FROM audit_entry WHERE op_id IS NULL ORDER BY id")).all()
    assert [a for a, _ in ops] == ["import", "derive", "issue"]
    assert all(rows is not None for _, rows in ops)


@pytest.mark.sqlite_only
def test_a_restore_is_audited_and_keeps_the_trail_of_the_replaced_file(db, issued):
    made = services.backup_now(db)
    task = services.program_tasks(db, issued)[0]
    services.update_task(db, task["task_id"], status="in_progress")  # after the backup
    trail = [(e["id"], e["action"]) for e in services.audit_entries(db)]
    services.restore_backup(db, made["path"])
    from hgdesk.db import Database

    reopened = Database(str(db.path))
    try:
        after = [(e["id"], e["action"]) for e in services.audit_entries(reopened)]
        assert after[1:] == trail  # nothing rewound, the later change's entry kept
        assert after[0][1] == "restore_backup"
        assert services.program_tasks(reopened, issued)[0]["status"] == "not_started"  # the data is the backup's
    finally:
        reopened.dispose()
