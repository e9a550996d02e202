"""Programs as documents the secretary manages: rename, delete a draft to the Thùng rác and
restore it, archive an issued program, the same file imported twice, the sample data removed."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from hgdesk import services
from hgdesk.errors import InputError, LockedError
from hgdesk.importing import parse_file
from hgdesk.models import AuditEntry, utcnow
from hgdesk.services import demo
from tests.conftest import SEEDS, table_rows


def listed(db) -> list[int]:
    return [p.id for p in services.list_programs(db)]


def test_a_deleted_draft_waits_in_the_trash_and_comes_back_with_its_carried_tasks(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(db, annual, 1)
    open_task = services.program_tasks(db, q1)[0]["task_id"]
    services.update_task(db, open_task, status="in_progress")
    services.close_quarter(db, q1, {open_task})
    q2 = services.derive_quarter(db, annual, 2)
    assert services.carried_into(db, annual, 2) == []
    services.delete_program(db, q2)
    assert q2 not in listed(db)
    assert [t["id"] for t in services.trash(db)] == [q2] and services.trash(db)[0]["days_left"] == 30
    assert [c["task_id"] for c in services.carried_into(db, annual, 2)] == [open_task]  # waits again
    assert services.next_quarter_for(db, annual)["quarter"] == 2
    services.restore_program(db, q2)
    assert q2 in listed(db) and services.trash(db) == []
    assert services.carried_into(db, annual, 2) == []
    with db.transaction() as s:
        actions = [e.action for e in s.query(AuditEntry).filter(AuditEntry.entity_id == q2)]
    assert "delete" in actions and "restore" in actions


def test_the_trash_keeps_a_draft_thirty_days(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(db, annual, 1)
    services.delete_program(db, q1)
    assert services.purge_trash(db, utcnow() + timedelta(days=29)) == 0
    assert services.trash(db, utcnow() + timedelta(days=31)) == []
    assert services.purge_trash(db, utcnow() + timedelta(days=31)) == 1
    assert listed(db) == [annual]


def test_an_issued_program_is_archived_not_deleted(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    q1 = services.derive_quarter(db, annual, 1)
    services.issue_program(db, q1, "12", date(2024, 4, 2))
    with pytest.raises(LockedError, match="Chỉ xóa được dự thảo"):
        services.delete_program(db, q1)
    before = services.report_status(db, annual)
    services.archive_program(db, q1)
    assert q1 not in listed(db) and [p.id for p in services.archived_programs(db)] == [q1]
    assert services.report_status(db, annual) == [] != before
    services.archive_program(db, q1, archived=False)
    assert q1 in listed(db)


def test_rename_changes_the_name_in_lists_only(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    services.rename_program(db, annual, "  CTr năm 2024 (bản gửi Văn phòng)  ")
    assert services.list_programs(db)[0].title == "CTr năm 2024 (bản gửi Văn phòng)"
    assert services.program_json(db, annual)["title"] == parse_file(SEEDS / "seed000.txt").title
    services.rename_program(db, annual, "")
    assert services.list_programs(db)[0].title == "Chương trình công tác năm 2024"


def test_the_same_program_imported_again_is_recognised(db, tmp_path):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    copy = tmp_path / "copy.txt"
    copy.write_text((SEEDS / "seed000.txt").read_text(encoding="utf-8") + "\n\n", encoding="utf-8")
    found = services.find_duplicate(db, parse_file(copy))
    assert found is not None and found.id == annual
    assert services.find_duplicate(db, parse_file(SEEDS / "seed001.txt")) is None


def test_the_sample_data_is_labelled_and_removed_in_one_action_leaving_own_data(db):
    demo.load_demo(db)
    assert all(p.demo for p in services.list_programs(db))
    own = services.import_file(db, SEEDS / "seed000.txt")  # the user's own Tỉnh ủy Hậu Giang
    own_info = next(p for p in services.list_programs(db) if p.id == own)
    assert not own_info.demo  # not attached to the sample organisation of the same name
    services.derive_quarter(db, own, 2)  # the sample quarter II does not block the user's own
    before = table_rows(db)["program"]
    removed = services.remove_demo(db)
    assert removed == 3
    assert all(not p.demo for p in services.list_programs(db)) and len(services.list_programs(db)) == 2
    assert all(not o["demo"] for o in services.list_organizations(db))
    assert len(table_rows(db)["program"]) == len(before) - 3
    with pytest.raises(InputError, match="Không còn dữ liệu mẫu"):
        services.remove_demo(db)


def test_cli_manages_programs_and_derives_a_new_draft_version(tmp_path, capsys):
    from hgdesk.cli import main as cli

    database = str(tmp_path / "cli.sqlite3")
    assert cli(["--database", database, "import", str(SEEDS / "seed000.txt")]) == 0
    annual = capsys.readouterr().out.strip()
    assert cli(["--database", database, "derive", annual, "--quarter", "2"]) == 0
    q2 = capsys.readouterr().out.strip()
    assert cli(["--database", database, "derive", annual, "--quarter", "2"]) == 2
    err = capsys.readouterr().err
    assert "đã có chương trình quý II/2024" in err and "Traceback" not in err
    assert cli(["--database", database, "derive", annual, "--quarter", "2", "--new-version", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["draft_version"] == 2
    assert cli(["--database", database, "program", "rename", q2, "--name", "Quý II (bản cũ)"]) == 0
    assert capsys.readouterr().out.strip() == "Quý II (bản cũ)"
    assert cli(["--database", database, "program", "delete", q2]) == 0
    assert cli(["--database", database, "program", "trash"]) == 0
    assert "Quý II (bản cũ)" in capsys.readouterr().out
    assert cli(["--database", database, "program", "restore", q2]) == 0
    assert cli(["--database", database, "program", "archive", annual]) == 2
    assert "Chỉ lưu trữ được chương trình đã ban hành" in capsys.readouterr().err
    assert cli(["--database", database, "program", "remove-demo"]) == 2
    assert "Không còn dữ liệu mẫu" in capsys.readouterr().err


def test_the_program_list_says_which_documents_hold_tasks(db, tmp_path):
    guidance = tmp_path / "huong-dan.txt"
    guidance.write_text("ĐẢNG ỦY XÃ TÂN PHÚ\n*\nSố 03-HD/ĐU\nTân Phú, ngày 05 tháng 01 năm 2027\nHƯỚNG DẪN\n"
                        "tuyên truyền kỷ niệm 97 năm Ngày thành lập Đảng\n-----\n"
                        "1. Mục đích, yêu cầu\n- Tuyên truyền sâu rộng trong cán bộ, đảng viên.\n"
                        "2. Nội dung tuyên truyền\n- Lịch sử vẻ vang của Đảng.\n", encoding="utf-8")
    g = services.import_file(db, guidance)
    a = services.import_file(db, SEEDS / "seed000.txt")
    listed = {p.id: p.has_tasks for p in services.list_programs(db)}
    assert listed[g] is False and listed[a] is True


def test_restoring_a_deleted_quarter_when_the_quarter_was_drafted_again_is_refused_with_the_reason(db):
    """Deleted Q3, drafted Q3 anew, then Khôi phục on the old one: two Q3 drafts would double every count
    of Tổng quan. The restore is refused, saying which program is in use; nothing changes."""
    annual = services.import_file(db, SEEDS / "seed000.txt")
    old = services.derive_quarter(db, annual, 3)
    services.delete_program(db, old)
    again = services.derive_quarter(db, annual, 3)
    before = services.list_programs(db)
    with pytest.raises(InputError, match=r"đã có Chương trình công tác quý III/2024 \(số \d+\) đang dùng"):
        services.restore_program(db, old)
    assert services.list_programs(db) == before
    assert old in {t["id"] for t in services.trash(db)}
    services.delete_program(db, again)  # the new one goes: now the old one comes back
    services.restore_program(db, old)
    assert old in {p.id for p in services.list_programs(db)}


def test_soan_quy_moi_proposes_the_quarter_we_are_in_for_this_years_program(db):
    """In November, a 2024 program with no quarter drafted yet proposes quarter IV, not quarter I; an old
    year's program still starts at quarter I, and after a quarter exists the one after it."""
    annual = services.import_file(db, SEEDS / "seed000.txt")  # the 2024 annual program
    assert services.next_quarter_for(db, annual, today=date(2024, 11, 24))["quarter"] == 4
    assert services.next_quarter_for(db, annual, today=date(2024, 2, 1))["quarter"] == 1
    assert services.next_quarter_for(db, annual, today=date(2026, 11, 24))["quarter"] == 1
    services.derive_quarter(db, annual, 2)
    assert services.next_quarter_for(db, annual, today=date(2024, 11, 24))["quarter"] == 3
