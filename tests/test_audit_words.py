"""The change log (Công cụ › Nhật ký thay đổi…, `hgdesk-cli audit`) reads as Vietnamese sentences: every
key an operation records has a Vietnamese name, lists are counted or joined, dates are dd/mm/yyyy, the
reason of an issue despite format errors is shown whole; no Python repr, no English key."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from hgdesk import audit_text, services
from hgdesk.cli import main as cli
from tests.conftest import SEEDS
from tests.modals import answer_modals

REASON = "Nơi nhận sẽ ghi tay theo chỉ đạo của đồng chí Bí thư, sau khi Thường trực Huyện ủy thống nhất danh sách " \
         "các chi bộ, đảng bộ cơ sở nhận văn bản này"
NOT_WORDS = ("{", "}", "[", "]", "'", "_", "None")


def _recorded_keys() -> set[str]:
    """Every keyword an operation passes to audit(...) in the core."""
    keys: set[str] = set()
    root = Path(audit_text.__file__).parent
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "audit":
                keys.update(k.arg for k in node.keywords if k.arg)
    return keys


def test_every_key_an_operation_records_has_a_vietnamese_name():
    from hgdesk.services.editing import HEADER_FIELDS
    from hgdesk.services.programs import ORGANIZATION_FIELDS
    from hgdesk.services.work import TRACKED_FIELDS

    named = set(audit_text.words()["keys"])
    recorded = _recorded_keys() - {"before", "after"}  # the shape of a change, not a value
    assert len(recorded) > 40
    changed = {*HEADER_FIELDS, *ORGANIZATION_FIELDS, *TRACKED_FIELDS, "cooperating_units", "heading", "text",
               "deadline"}  # what the before/after of a change hold
    assert (recorded | changed) - named == set()
    assert audit_text.label("something_new") == "chi tiết khác"  # a key from a later version: still Vietnamese


def test_entries_recorded_by_older_versions_read_as_words():
    old = {"before": {"recipients": "['Ban Bí thư Trung ương Đảng', 'Các đồng chí Tỉnh ủy viên', 'Lưu VPTU', 'X']",
                      "issue_date": "None"},
           "after": {"recipients": "[]", "issue_date": "2026-11-24"}}
    assert audit_text.describe(old) == "Nơi nhận: 4 nơi nhận → 0 nơi nhận; ngày ban hành: (trống) → 24/11/2026."
    issued = {"number": "05", "date": "2026-11-24", "check_override": {"reason": REASON, "errors": ["a.b", "c_d"]}}
    assert audit_text.describe(issued) == (f"Số: “05”; ngày: 24/11/2026; ban hành khi còn lỗi thể thức: lý do “{REASON}”; "
                                           "2 lỗi.")
    assert audit_text.describe({"kind": "quarterly.opening", "quarter": 3, "before": "a", "after": "b"}) == (
        "“a” → “b”; loại: Chương trình quý – phần mở đầu; quý: III.")


def _a_quarter_issued_despite_an_error(db) -> tuple[int, int]:
    """Quarter III drafted, its recipients cleared (the checker then finds errors), issued with a reason."""
    annual = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, annual, 3)
    recipients = services.program_json(db, quarter)["recipients"]
    services.update_program(db, quarter, recipients=recipients[:2])
    services.update_program(db, quarter, recipients=[])
    services.issue_checked(db, quarter, "05", date(2024, 6, 25), reason=REASON)
    return annual, quarter


def test_the_change_log_reads_as_vietnamese_sentences_with_the_whole_reason(window_on, qtbot, capsys):
    services.set_secretary("Nguyễn Thị Lan")
    try:
        holder: dict[str, int] = {}
        win = window_on(lambda db: holder.update(zip(("annual", "quarter"), _a_quarter_issued_despite_an_error(db),
                                                     strict=True)))
        quarter = holder["quarter"]
        win.refresh_programs(quarter)
        # the secretary then tracks: a status changed in the table, a task dropped with its reason
        win.tabs.setCurrentWidget(win.tracking)
        tab = win.tracking
        status = [c[0] for c in tab.model.COLUMNS].index("status")
        assert tab.proxy.setData(tab.proxy.index(0, status), "in_progress")
        services.drop_tasks(win.db, [tab.model.rows[1]["task_id"]], "Cấp trên chưa hướng dẫn")

        seen: dict[str, list] = {}

        def read_the_log(box) -> None:
            from ui.tools import AuditDialog

            if isinstance(box, AuditDialog) and "rows" not in seen:
                table = box.table
                seen["rows"] = [[table.item(r, c).text() for c in range(table.columnCount())]
                                for r in range(table.rowCount())]
                seen["heights"] = [table.rowHeight(r) for r in range(table.rowCount())]  # sized when shown
                box.filter.setText("ly do")  # the filter reads without marks
                seen["filtered"] = [table.item(r, 3).text() for r in range(table.rowCount())]
                box.accept()

        timer = answer_modals(read_the_log)
        win.audit_action.trigger()
        timer.stop()
        rows = seen["rows"]
        assert len(rows) >= 6
        for when, user, action, detail in rows:
            assert len(when) == 16 and when[2] == when[5] == "/" and when[13] == ":"  # dd/mm/yyyy HH:MM
            assert user.endswith("(Nguyễn Thị Lan)")
            assert not any(bad in f"{action} {detail}" for bad in NOT_WORDS), detail
            assert detail.endswith(".") and detail[:1].isupper()
        details = [r[3] for r in rows]
        issued = next(d for d in details if "ban hành khi còn lỗi thể thức" in d)
        assert f"lý do “{REASON}”" in issued and "Thiếu phần “Nơi nhận”" in issued and "ngày: 25/06/2024" in issued
        # its row is as tall as its wrapped text: read whole on screen, not cut at the cell's edge
        assert seen["heights"][details.index(issued)] >= 3 * min(seen["heights"])
        assert rows[-1][2] == "Soạn từ chương trình gốc"  # the quarter's first entry
        assert "Nơi nhận: 9 nơi nhận → 2 nơi nhận." in details
        assert any(d.startswith("Nơi nhận: 2 nơi nhận → 0 nơi nhận (bỏ “") for d in details)
        assert "Trạng thái: “chưa thực hiện” → “đang thực hiện”." in details
        dropped = "Áp dụng cho 1 nhiệm vụ; trạng thái: “không thực hiện”; lý do: “Cấp trên chưa hướng dẫn”."
        assert dropped in details and seen["filtered"] == [dropped, issued]

        # the command line says the same
        assert cli(["--database", str(win.db.engine.url.database), "audit", str(quarter)]) == 0
        out = capsys.readouterr().out
        assert f"lý do “{REASON}”" in out and dropped in out
        assert out.count("\n") == len(rows)
        for line in out.splitlines():
            assert not any(bad in line for bad in NOT_WORDS), line
    finally:
        services.set_secretary("")


def test_a_list_change_names_what_was_added():
    said = audit_text.describe({"before": {"recipients": ["Lưu VPTU"]},
                                "after": {"recipients": ["Lưu VPTU", "Các chi bộ trực thuộc"]}})
    assert said == "Nơi nhận: 1 nơi nhận → 2 nơi nhận (thêm “Các chi bộ trực thuộc”)."


def test_the_name_asked_at_first_start_signs_the_log_and_shows_in_the_settings(main_window, qtbot):
    from PySide6.QtCore import QSettings

    from ui.first_run import FirstRunWizard
    from ui.tools import SettingsDialog

    win = main_window
    wizard = FirstRunWizard(win.db, win)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.name.insert("Hòa An")
    wizard.superior.insert("Cần Thơ")
    wizard.next()
    wizard.next()
    assert wizard.user_name.isVisible() and wizard.user_name.text() == ""  # optional, asked on the last page
    wizard.user_name.insert("  Trần Thị   Bình ")
    try:
        wizard.accept()
        assert wizard.organization_id
        assert QSettings().value("secretary") == "Trần Thị Bình"
        created = services.audit_entries(win.db)[-1]
        assert created["action_vi"] == "thêm cơ quan" and created["user"].endswith("(Trần Thị Bình)")
        assert created["detail"] == "Tên: “Đảng uỷ xã Hòa An”; khi thiết lập lần đầu."
        settings = SettingsDialog(win.db, wizard.organization_id, win)
        assert settings.secretary.text() == "Trần Thị Bình"  # where Cài đặt › Chung keeps it
        settings.reject()
    finally:
        services.set_secretary("")


def test_a_paragraph_moved_in_the_editor_reads_where_it_went(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    section = services.program_json(db, annual)["nodes"][1]["children"][0]
    second = section["children"][1]
    services.move_node(db, second["id"], section["id"], 0)
    entry = services.audit_entries(db, annual)[0]
    assert entry["action_vi"] == "di chuyển mục"
    assert entry["detail"] == "Thứ tự: 2 → 1."  # the same section: only its place in it changed


def test_a_new_program_given_a_removed_programs_number_does_not_show_its_history(db):
    """"Bắt đầu trống" removes the sample data; SQLite gives its numbers to the next programs: the new
    program's change log starts with its own creation, not with the sample's edits."""
    from hgdesk.services import demo

    demo.load_demo(db)
    sample = [p.id for p in services.list_programs(db)]
    for program_id in sample:
        assert services.audit_entries(db, program_id)  # the sample's own history
    services.remove_demo(db)
    own = services.import_file(db, SEEDS / "seed001.txt")
    assert own in sample or not db.is_sqlite  # SQLite gives the number again (PostgreSQL's sequence does not)
    entries = services.audit_entries(db, own)
    assert entries and all("seed001" in str(e["summary"]) or e["action"] != "import" for e in entries)
    assert [e["action"] for e in entries][-1] == "import"  # the oldest entry is its own import
