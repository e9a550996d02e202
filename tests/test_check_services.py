"""The checker's use cases on a stored draft: check, safe autofixes as one operation and their undo,
issuing with errors only with an audited reason, and the CLI's exit codes."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hgdesk import services
from hgdesk.errors import InputError
from tests.check_samples import GOOD_HD36
from tests.conftest import table_rows

FAULTY_DRAFT = (
    GOOD_HD36.replace("Số 12-CTr/TU", "Số 7-CTr/TU\nDự thảo")
    .replace("- Ban Bí thư Trung ương Đảng,\n", "- Lưu VPTU,\n- Ban Bí thư Trung ương Đảng,\n")
    .replace("- Các đồng chí Tỉnh ủy viên,\n- Lưu VPTU.\n", "- Các đồng chí Tỉnh ủy viên.\n")
    .replace("cụ thể hóa", "cụ thể hoá")
    .replace("2. Triển khai", "1. Triển khai")
    .replace("Nguyễn Văn An\n", "")
)


@pytest.fixture
def draft(db, tmp_path):
    path = tmp_path / "du_thao.txt"
    path.write_text(FAULTY_DRAFT, encoding="utf-8")
    return services.import_file(db, path)


def _without_versions(value):
    """The program as the user sees it: the optimistic-lock counters move on every save."""
    if isinstance(value, dict):
        return {k: _without_versions(v) for k, v in value.items() if k != "version"}
    if isinstance(value, list):
        return [_without_versions(v) for v in value]
    return value


def _rules(report) -> list[str]:
    return sorted(f.rule_id for f in report.findings)


def test_a_faulty_draft_shows_each_fault_with_its_clause(db, draft):
    report = services.check_program(db, draft, today=date(2026, 11, 23))
    assert _rules(report) == ["number.form", "numbering.duplicate", "recipients.storage_last", "tone.consistent"]
    assert all(f.clause.startswith(("HD 36", "TCVN")) for f in report.findings)
    duplicate = next(f for f in report.findings if f.rule_id == "numbering.duplicate")
    assert duplicate.where.startswith("node:") and duplicate.autofix == "ask"


def test_safe_fixes_apply_as_one_operation_and_undo_puts_everything_back(db, draft):
    before = services.program_json(db, draft)
    report = services.check_program(db, draft, today=date(2026, 11, 23))
    fixes = services.fixes_of(report)
    assert sorted(f.summary.split()[0] for f in fixes) == ["Chuyển", "Số", "Thống"]
    inverse = services.apply_fixes(db, draft, fixes)
    after = services.check_program(db, draft, today=date(2026, 11, 23))
    assert _rules(after) == ["numbering.duplicate"]  # the one that asks first is left
    data = services.program_json(db, draft)
    assert data["number"] == "07" and data["recipients"][-1] == "Lưu VPTU"
    assert "cụ thể hóa" in json.dumps(data, ensure_ascii=False)
    services.undo_fixes(db, draft, inverse)
    restored = services.program_json(db, draft)
    assert _without_versions(restored) == _without_versions(before)


def test_the_fix_that_asks_renumbers_the_duplicate(db, draft):
    report = services.check_program(db, draft, today=date(2026, 11, 23))
    services.apply_fixes(db, draft, services.fixes_of(report, include_ask=True))
    assert _rules(services.check_program(db, draft, today=date(2026, 11, 23))) == []


def test_issuing_with_errors_is_refused_without_a_reason_and_changes_nothing(db, draft):
    rows = table_rows(db)
    with pytest.raises(InputError, match="cần ghi lý do"):
        services.issue_checked(db, draft, "15", date(2024, 4, 3))
    assert table_rows(db) == rows


def test_issuing_with_errors_and_a_reason_is_audited(db, draft):
    services.issue_checked(db, draft, "15", date(2024, 4, 3), reason="Lãnh đạo duyệt, ký ngay")
    entry = next(e for e in services.audit_entries(db, draft) if e["action"] == "issue")
    override = entry["summary"]["check_override"]
    assert override["reason"] == "Lãnh đạo duyệt, ký ngay"
    assert "signature.name" in override["errors"] and "numbering.duplicate" in override["errors"]


def test_cli_check_exit_codes_and_json(db, draft, tmp_path, capsys):
    from hgdesk.cli import main

    url = db.url  # a file path on SQLite, a server URL on PostgreSQL
    assert main(["--database", url, "check", str(draft), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 2 and data["profile"] == "party_hd36_2018"
    good = tmp_path / "tot.txt"
    good.write_text(GOOD_HD36, encoding="utf-8")
    assert main(["check", str(good)]) == 0
    assert "0 lỗi" in capsys.readouterr().out
    assert main(["check", str(tmp_path / "khong_co.docx")]) == 2
    assert main(["check", str(good), "--profile", "khong_co"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_the_report_exports_as_a_short_note(tmp_path, suffix):
    from tests.conftest import SEEDS

    report = services.check_file(SEEDS / "seed003.txt", today=date(2026, 11, 23))
    out = services.export_check_note(report, tmp_path / f"phieu{suffix}")
    text = _docx_text(out) if suffix == ".docx" else _pdf_text(out)
    assert "PHIẾU KIỂM TRA THỂ THỨC" in text
    assert "Số thứ tự “3.” lặp lại" in text and "(HD 36 Phụ lục 3 (bố cục))" in text


def _docx_text(path) -> str:
    import docx

    return " ".join(" ".join(p.text for p in docx.Document(str(path)).paragraphs).split())


def _pdf_text(path) -> str:
    import subprocess

    return " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())


def test_a_note_to_an_unknown_format_is_refused(tmp_path):
    from tests.conftest import SEEDS

    report = services.check_file(SEEDS / "seed003.txt")
    with pytest.raises(InputError, match=r"chỉ xuất được ra \.pdf hoặc \.docx"):
        services.export_check_note(report, tmp_path / "phieu.odt")


def test_cli_lists_a_rule_it_could_not_check_apart_and_never_counts_it_as_an_error(tmp_path, capsys):
    from hgdesk.cli import main

    text = tmp_path / "khong_dau_chu_thich.txt"  # a plain text file keeps no footnote marks
    text.write_text(GOOD_HD36.replace("[1].", "."), encoding="utf-8")
    assert main(["check", str(text)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert not [line for line in lines if line.startswith("LỖI")]
    assert any(line.strip().startswith("Không kiểm tra được: tệp văn bản thuần") for line in lines)
    assert lines[-1].startswith("0 lỗi, 0 cảnh báo và gợi ý, 1 không kiểm tra được; ")
    assert main(["check", str(text), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["errors"], data["warnings"], data["unknown"]) == (0, 0, 1)


@pytest.mark.parametrize(("text", "code"), [(GOOD_HD36, 0), (FAULTY_DRAFT, 1)])
def test_cli_check_piped_into_a_reader_that_stops_early_exits_quietly_with_its_result(tmp_path, text, code):
    """`hgdesk-cli check FILE | head -1`: no traceback when the reader has gone; the exit code is the result."""
    import os
    import subprocess
    import sys

    path = tmp_path / "vb.txt"
    path.write_text(text, encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has already gone
    try:
        done = subprocess.run([sys.executable, "-m", "hgdesk.cli", "check", str(path)], stdout=write_end,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (code, "")


def test_cli_note_into_a_missing_folder_is_one_vietnamese_line(tmp_path, capsys):
    from hgdesk.cli import main

    good = tmp_path / "tot.txt"
    good.write_text(GOOD_HD36, encoding="utf-8")
    note = tmp_path / "khong_co" / "n.pdf"
    assert main(["check", str(good), "--note", str(note)]) == 2
    assert capsys.readouterr().err == f"hgdesk-cli: Không ghi được phiếu vào “{note}”: thư mục không tồn tại.\n"


def test_a_quarter_the_app_drafts_for_a_commune_office_does_not_mix_tone_placements(db, tmp_path):
    """The office list says "Đảng uỷ", the templates and the imported program write "cấp ủy": the app's own
    sentences take the template's placement, so a fresh draft gets no tone warning of the app's making."""
    from tests.conftest import SEEDS

    office = services.setup_office(db, kind="commune", unit="xã", name="Tân Phú", superior_kind="tỉnh",
                                   superior_name="Đồng Nai", signer_name="Nguyễn Văn An")
    annual = services.import_file(db, SEEDS / "seed000.txt", office)
    quarter = services.derive_quarter(db, annual, 3)
    data = services.program_json(db, quarter)
    assert "Đảng ủy xã Tân Phú" in " ".join(data["opening"] + data["closing"])
    assert "tone.consistent" not in {f.rule_id for f in services.check_program(db, quarter).findings}
