"""The Excel tracking workbook: out to the units, back with their answers, nothing overwritten silently."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from hgdesk import services
from hgdesk.cli import main as cli
from hgdesk.errors import InputError
from tests.conftest import SEEDS, table_rows


@pytest.fixture
def quarter(db):
    annual = services.import_file(db, SEEDS / "seed000.txt")
    return services.derive_quarter(db, annual, 2)


@pytest.fixture
def exported(db, quarter, tmp_path):
    path = tmp_path / "q2.xlsx"
    services.export_tracking_workbook(db, quarter, path)
    return path


def edit(path, out, changes: dict[str, object]):
    wb = openpyxl.load_workbook(path)
    ws = wb["Nhiệm vụ"]
    for ref, value in changes.items():
        ws[ref] = value
    wb.save(out)
    return out


def test_the_workbook_is_ready_for_units(db, quarter, exported):
    wb = openpyxl.load_workbook(exported)
    assert wb.sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "Tổng hợp", "_hgdesk"]
    ws = wb["Nhiệm vụ"]
    tasks = services.program_tasks(db, quarter)
    assert ws.max_row == len(tasks) + 1
    assert [c.value for c in ws[1]][2:] == ["Mục", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Trạng thái",
                                            "Kết quả thực hiện", "Minh chứng (số, ký hiệu văn bản)",
                                            "Tệp minh chứng (lưu trong phần mềm)"]
    assert ws.column_dimensions["A"].hidden and ws.column_dimensions["B"].hidden
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref == f"A1:J{len(tasks) + 1}"
    assert ws.page_setup.orientation == "landscape" and str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert "quý II/2024" in ws.oddHeader.center.text
    validation = ws.data_validations.dataValidation[0]
    assert validation.type == "list" and "hoàn thành" in validation.formula1 and "G2" in str(validation.sqref)
    assert ws["G2"].value == "chưa thực hiện" and ws["A2"].value == tasks[0]["task_id"]
    assert wb["_hgdesk"].sheet_state == "veryHidden"
    indicators = wb["Chỉ tiêu"]
    assert indicators.max_row == 19 and indicators["C2"].value == 1150
    summary = wb["Tổng hợp"]
    assert (summary["A4"].value, summary["B4"].value) == ("Chưa thực hiện", len(tasks))
    assert summary["B6"].value == 0 and summary["B9"].value == len(tasks)


def test_text_that_looks_like_a_formula_stays_text(db, quarter, tmp_path):
    task = services.program_tasks(db, quarter)[0]
    services.update_task(db, task["task_id"], result_note="=HYPERLINK(\"http://x\")", lead_unit="+Ban Tổ chức")
    path = tmp_path / "f.xlsx"
    services.export_tracking_workbook(db, quarter, path)
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet
    ws = openpyxl.load_workbook(path)["Nhiệm vụ"]
    assert ws["H2"].data_type == "s" and ws["H2"].value.startswith("=HYPERLINK")
    assert ws["E2"].data_type == "s"


def test_round_trip_applies_exactly_what_the_unit_changed(db, quarter, exported, tmp_path):
    tasks = services.program_tasks(db, quarter)
    back = edit(exported, tmp_path / "back.xlsx", {"G2": "hoàn thành", "E2": "Ban Tổ chức Tỉnh ủy",
                                                   "H3": "Đã tổ chức 3 hội nghị", "G4": "đang thực hiện"})
    dry = services.import_tracking_workbook(db, quarter, back)
    assert dry["applied"] is False and dry["errors"] == [] and dry["conflicts"] == []
    assert sorted((c["task_id"], c["field"], c["new"]) for c in dry["changes"]) == sorted([
        (tasks[0]["task_id"], "status", "done"), (tasks[0]["task_id"], "lead_unit", "Ban Tổ chức Tỉnh ủy"),
        (tasks[1]["task_id"], "result_note", "Đã tổ chức 3 hội nghị"), (tasks[2]["task_id"], "status", "in_progress"),
    ])
    assert services.program_tasks(db, quarter) == tasks  # the dry run changed nothing
    services.import_tracking_workbook(db, quarter, back, apply=True)
    after = {t["task_id"]: t for t in services.program_tasks(db, quarter)}
    assert after[tasks[0]["task_id"]]["status"] == "done"
    assert after[tasks[0]["task_id"]]["lead_unit"] == "Ban Tổ chức Tỉnh ủy"
    assert after[tasks[1]["task_id"]]["result_note"] == "Đã tổ chức 3 hội nghị"
    assert after[tasks[2]["task_id"]]["status"] == "in_progress"
    untouched = [t for t in tasks if t["task_id"] not in {tasks[0]["task_id"], tasks[1]["task_id"], tasks[2]["task_id"]}]
    assert all(after[t["task_id"]] == t for t in untouched)


def test_a_task_changed_in_the_app_after_export_is_a_conflict(db, quarter, exported, tmp_path):
    task = services.program_tasks(db, quarter)[0]
    services.update_task(db, task["task_id"], result_note="Ghi trong phần mềm")
    back = edit(exported, tmp_path / "back.xlsx", {"H2": "Ghi trong sổ Excel", "H3": "Không xung đột"})
    report = services.import_tracking_workbook(db, quarter, back, apply=True)
    assert len(report["conflicts"]) == 1 and "Dòng 2" in report["conflicts"][0]
    assert [c["row"] for c in report["changes"]] == [3]
    assert services.program_tasks(db, quarter)[0]["result_note"] == "Ghi trong phần mềm"


BAD_EDITS = {
    "unknown id": ({"A2": 999999}, "không có nhiệm vụ mã 999999"),
    "duplicated id": ({"A3": "=A2"}, "mã nhiệm vụ"),
    "task text changed": ({"D2": "Nhiệm vụ đã bị đơn vị sửa"}, "nội dung nhiệm vụ đã bị sửa"),
    "invalid status": ({"G2": "xong rồi"}, "trạng thái “xong rồi” không hợp lệ"),
    "forbidden transition": ({"G2": "chuyển quý sau"}, "không chuyển được trạng thái"),
}


@pytest.mark.parametrize("case", list(BAD_EDITS))
def test_bad_rows_are_reported_and_nothing_is_applied(db, quarter, exported, tmp_path, case):
    changes, message = BAD_EDITS[case]
    back = edit(exported, tmp_path / "bad.xlsx", {**changes, "H5": "một thay đổi hợp lệ"})
    before = table_rows(db)
    report = services.import_tracking_workbook(db, quarter, back)
    assert any(message in e for e in report["errors"]), report["errors"]
    with pytest.raises(InputError, match="chưa cập nhật gì"):
        services.import_tracking_workbook(db, quarter, back, apply=True)
    assert table_rows(db) == before


def test_a_duplicated_row_is_an_error(db, quarter, exported, tmp_path):
    wb = openpyxl.load_workbook(exported)
    ws = wb["Nhiệm vụ"]
    ws.append([c.value for c in ws[2]])
    wb.save(tmp_path / "dup.xlsx")
    report = services.import_tracking_workbook(db, quarter, tmp_path / "dup.xlsx")
    assert any("lặp lại" in e for e in report["errors"])


def malformed_files(tmp_path, db, quarter, exported):
    files = {}
    (tmp_path / "rong.xlsx").write_bytes(b"")
    files["empty"] = (tmp_path / "rong.xlsx", "rỗng")
    (tmp_path / "text.xlsx").write_text("Mã,Nhiệm vụ\n1,abc\n", encoding="utf-8")
    files["text file"] = (tmp_path / "text.xlsx", "không phải sổ tính Excel")
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.save(tmp_path / "other.xlsx")
    files["someone's own workbook"] = (tmp_path / "other.xlsx", "không phải sổ theo dõi")
    wb = openpyxl.load_workbook(exported)
    wb["Nhiệm vụ"].delete_cols(5)
    wb.save(tmp_path / "cols.xlsx")
    files["missing column"] = (tmp_path / "cols.xlsx", "không đúng cột")
    wb = openpyxl.load_workbook(exported)
    wb["_hgdesk"]["B3"] = quarter + 1000
    wb.save(tmp_path / "another.xlsx")
    files["another program"] = (tmp_path / "another.xlsx", "chương trình khác")
    wb = openpyxl.load_workbook(exported)
    wb["_hgdesk"]["B2"] = 99
    wb.save(tmp_path / "newer.xlsx")
    files["newer version"] = (tmp_path / "newer.xlsx", "phiên bản phần mềm mới hơn")
    big = openpyxl.load_workbook(exported)
    ws = big["Nhiệm vụ"]
    row = [c.value for c in ws[2]]
    for _ in range(100_000):
        ws.append(row)
    big.save(tmp_path / "big.xlsx")
    files["100 000 rows"] = (tmp_path / "big.xlsx", "quá nhiều dòng")
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (300 * 1024 * 1024) + b"</a>")
    files["zip bomb"] = (tmp_path / "bomb.xlsx", "nén bất thường")
    return files


def test_malformed_workbooks_are_refused_and_the_database_is_unchanged(db, quarter, exported, tmp_path):
    files = malformed_files(tmp_path, db, quarter, exported)
    before = table_rows(db)
    for case, (path, message) in files.items():
        for apply in (False, True):
            with pytest.raises(InputError, match=message):
                services.import_tracking_workbook(db, quarter, path, apply=apply)
        assert table_rows(db) == before, case


def test_cli_export_and_import(db, quarter, tmp_path, capsys):
    database = db.url
    out = tmp_path / "cli.xlsx"
    assert cli(["--database", database, "export-xlsx", str(quarter), str(out)]) == 0
    back = edit(out, tmp_path / "cli-back.xlsx", {"G2": "hoàn thành"})
    capsys.readouterr()
    assert cli(["--database", database, "import-xlsx", str(quarter), str(back), "--dry-run"]) == 0
    assert "1 thay đổi, 0 xung đột, 0 lỗi (chạy thử, chưa cập nhật)" in capsys.readouterr().out
    assert cli(["--database", database, "import-xlsx", str(quarter), str(back)]) == 0
    assert "đã cập nhật" in capsys.readouterr().out
    bad = edit(out, tmp_path / "cli-bad.xlsx", {"G2": "???"})
    assert cli(["--database", database, "import-xlsx", str(quarter), str(bad)]) == 2
    assert "chưa cập nhật gì" in capsys.readouterr().err


def own_workbook(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Theo dõi"
    ws.append(["STT", "Nội dung nhiệm vụ", "Đơn vị chủ trì", "Tiến độ", "Ghi chú"])
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def test_tasks_from_a_users_own_workbook_with_a_column_mapping(db, quarter, tmp_path):
    path = own_workbook(tmp_path / "rieng.xlsx", [
        [1, "Tổ chức hội nghị sơ kết", "Ban Tuyên giáo", "đang thực hiện", "Đã chuẩn bị báo cáo"],
        [2, "Kiểm tra tổ chức đảng", "Ủy ban Kiểm tra", "", ""],
        [3, "", "", "", ""],
    ])
    preview = services.read_own_workbook(path)
    assert preview["sheet"] == "Theo dõi" and preview["headers"][1] == "Nội dung nhiệm vụ"
    assert preview["guess"] == {"text": 1, "lead_unit": 2, "cooperating_units": None, "status": 3, "result_note": 4}
    section = services.program_json(db, quarter)["nodes"][1]["children"][0]["children"][0]["id"]
    before = len(services.program_tasks(db, quarter))
    assert services.import_own_tasks(db, quarter, path, section, preview["guess"]) == 2
    tasks = services.program_tasks(db, quarter)
    assert len(tasks) == before + 2
    added = [t for t in tasks if t["text"] in ("Tổ chức hội nghị sơ kết", "Kiểm tra tổ chức đảng")]
    assert [(t["lead_unit"], t["status"], t["result_note"]) for t in added] == [
        ("Ban Tuyên giáo", "in_progress", "Đã chuẩn bị báo cáo"), ("Ủy ban Kiểm tra", "not_started", "")]


def test_own_workbook_with_bad_values_imports_nothing(db, quarter, tmp_path):
    path = own_workbook(tmp_path / "sai.xlsx", [[1, "Nhiệm vụ A", "Ban X", "xong rồi", ""]])
    section = services.program_json(db, quarter)["nodes"][1]["children"][0]["children"][0]["id"]
    before = table_rows(db)
    with pytest.raises(InputError, match="trạng thái “xong rồi” không hợp lệ"):
        services.import_own_tasks(db, quarter, path, section, services.read_own_workbook(path)["guess"])
    with pytest.raises(InputError, match="Cần chọn cột"):
        services.import_own_tasks(db, quarter, path, section, {"text": None})
    assert table_rows(db) == before


def test_the_export_never_writes_a_workbook_its_re_import_would_refuse(db, quarter, tmp_path, monkeypatch):
    """At the row limit the workbook goes out and comes back whole; one task over it, nothing is written."""
    from hgdesk import sheets

    tasks = len(services.program_tasks(db, quarter))
    monkeypatch.setattr(sheets, "MAX_ROWS", tasks)
    at_limit = tmp_path / "vua-du.xlsx"
    services.export_tracking_workbook(db, quarter, at_limit)
    back = services.import_tracking_workbook(db, quarter, at_limit)
    assert back["rows"] == tasks and not back["errors"]
    monkeypatch.setattr(sheets, "MAX_ROWS", tasks - 1)
    over = tmp_path / "qua-nhieu.xlsx"
    with pytest.raises(InputError, match="nhiều hơn"):
        services.export_tracking_workbook(db, quarter, over)
    assert not over.exists()
    with pytest.raises(InputError, match="quá nhiều dòng"):
        services.import_tracking_workbook(db, quarter, at_limit)  # the same limit, from the other side


def test_a_workbook_too_large_to_come_back_is_not_written(db, quarter, tmp_path, monkeypatch):
    from hgdesk import sheets

    monkeypatch.setattr(sheets, "MAX_FILE_BYTES", 1024)
    out = tmp_path / "lon.xlsx"
    with pytest.raises(InputError, match="quá lớn để nhận lại"):
        services.export_tracking_workbook(db, quarter, out)
    assert not out.exists()
