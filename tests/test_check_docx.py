"""Word files made elsewhere: one that follows HD 05 exactly passes every rule; each variant that
breaks one layout rule is reported by exactly that rule."""

from __future__ import annotations

from datetime import date

import pytest

from hgdesk import services
from hgdesk.checks.engine import FAULT, UNKNOWN
from tests.docx_samples import build_docx

TODAY = date(2026, 11, 23)
BROKEN = {
    "wrong_margins": ({"margins": (25, 25, 35, 15)}, "docx.margins"),
    "motto_13pt": ({"motto_pt": 13}, "docx.motto"),
    "page_number_at_the_bottom": ({"page_number": "footer"}, "docx.page_number_top"),
    "numbered_first_page": ({"first_page_hidden": False}, "docx.first_page_number"),
    "arial_body": ({"body_font": "Arial"}, "docx.font"),
    "single_line_spacing": ({"exact_line": False}, "docx.line_spacing"),
    "landscape_page": ({"landscape": True}, "docx.page"),
    "issuer_not_bold": ({"issuer_bold": False}, "docx.header_elements"),
    "body_12pt": ({"body_pt": 12}, "docx.body_size"),
    "no_paragraph_spacing": ({"space_after_pt": 0}, "docx.paragraph_spacing"),
    "no_first_line_indent": ({"indent_mm": 0}, "docx.indent"),
}


def test_a_word_file_that_follows_hd05_exactly_has_no_finding(tmp_path, hd05_profile):
    report = services.check_file(build_docx(tmp_path / "dung.docx"), today=TODAY)
    assert report.profile_id == "party_hd05_2026"
    assert [f.message for f in report.findings] == []
    assert report.rules_run == 45  # every rule but number.unique, which needs the stored programs


@pytest.mark.parametrize("case", sorted(BROKEN), ids=lambda c: f"{c}-{BROKEN[c][1]}")
def test_a_word_file_breaking_one_rule_is_reported_by_that_rule_only(tmp_path, hd05_profile, case):
    options, rule_id = BROKEN[case]
    report = services.check_file(build_docx(tmp_path / f"{case}.docx", **options), today=TODAY)
    assert [f.rule_id for f in report.findings] == [rule_id], [f.message for f in report.findings]
    assert report.findings[0].status == FAULT and report.findings[0].clause.startswith("HD 05")


def test_the_messages_name_what_was_found_and_what_is_right(tmp_path, hd05_profile):
    margins = services.check_file(build_docx(tmp_path / "a.docx", margins=(25, 25, 35, 15)), today=TODAY)
    assert margins.findings[0].message == ("Phần 1 của tệp có lề trên/dưới/trái/phải 25/25/35/15 (mm); lề đúng là "
                                           "trên 20, dưới 20, trái 30, phải 15 mm.")
    spacing = services.check_file(build_docx(tmp_path / "b.docx", exact_line=False), today=TODAY)
    assert spacing.findings[0].message.startswith("8 đoạn nội dung giãn dòng 1 dòng; đúng là chính xác 18–22 pt")


def test_a_theme_font_that_cannot_be_resolved_is_not_checkable_never_passed(tmp_path, hd05_profile):
    import docx
    from docx.oxml.ns import qn

    path = build_docx(tmp_path / "theme.docx")
    d = docx.Document(str(path))
    for rel in list(d.part.rels.values()):
        if rel.reltype.endswith("/theme"):
            d.part.drop_rel(rel.rId)
    fonts = d.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi"):
        del fonts.attrib[qn(attr)]
    fonts.set(qn("w:asciiTheme"), "minorHAnsi")
    d.save(str(path))
    report = services.check_file(path, today=TODAY)
    font = [f for f in report.findings if f.rule_id == "docx.font"]
    assert [(f.status, f.message) for f in font] == [
        (UNKNOWN, "Không kiểm tra được: tệp dùng phông của chủ đề (theme) mà không khai báo tên phông.")]


def test_the_apps_own_word_export_passes_the_layout_rules(tmp_path):
    from tests.conftest import SEEDS

    out = services.export_docx(None, SEEDS / "seed001.txt", tmp_path / "quy2.docx")
    report = services.check_file(out, today=TODAY)
    assert [f.rule_id for f in report.findings if f.rule_id.startswith("docx.")] == []


def test_a_broken_word_file_is_refused_with_a_clear_message(tmp_path):
    from hgdesk.errors import InputError

    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(InputError, match=r"hong\.docx"):
        services.check_file(bad)


COMMUNE_RECIPIENTS = ["- Ban Thường vụ Tỉnh uỷ (để b/c);", "- Các đồng chí Đảng uỷ viên;", "- Các chi bộ trực thuộc;",
                      "- Uỷ ban nhân dân xã;", "- Uỷ ban Mặt trận Tổ quốc xã;", "- Các đoàn thể chính trị - xã hội xã;",
                      "- Các ban xây dựng Đảng;", "- Các huyện, thị, thành uỷ và tương đương;",
                      "- Lưu Văn phòng Đảng uỷ."]


def _stored_programs(db, tmp_path):
    """Every seed as imported and, for an annual one, its quarter III draft; and a commune office's
    quarter II of 2027 (nine default recipients, dated under HD 05)."""
    from tests.conftest import SEEDS
    from tests.test_quarter_from_commune_program import COMMUNE_2027

    for seed in sorted(SEEDS.glob("seed*.txt")):
        program = services.import_file(db, seed)
        yield seed.stem, program
        if services.program_json(db, program)["kind"] == "annual":
            yield f"{seed.stem} quý III", services.derive_quarter(db, program, 3)
    office = services.setup_office(db, kind="commune", unit="xã", name="Tân Phú", superior_kind="tỉnh",
                                   superior_name="Đồng Nai", signer_name="Nguyễn Văn An",
                                   recipients=COMMUNE_RECIPIENTS)
    (tmp_path / "ctr-nam-2027.txt").write_text(COMMUNE_2027, encoding="utf-8")
    annual = services.import_file(db, tmp_path / "ctr-nam-2027.txt", office)
    quarter = services.derive_quarter(db, annual, 2)
    services.update_program(db, quarter, issue_date=date(2027, 4, 5))
    yield "xã Tân Phú quý II-2027", quarter


def test_the_apps_own_word_export_has_no_finding_its_stored_program_does_not_have(db, tmp_path):
    """A program exported to Word by hgdesk and checked as a Word file is judged as the program itself:
    every recipient (the storage line sits in the table's second row) is read, nothing is added."""
    for name, program in _stored_programs(db, tmp_path):
        stored = services.check_program(db, program, today=TODAY)
        exported = services.check_file(services.export_docx(db, program, tmp_path / f"{name}.docx"), today=TODAY)
        assert exported.profile_id == stored.profile_id, name
        extra = [f.message for f in exported.findings if f.rule_id not in {g.rule_id for g in stored.findings}]
        assert extra == [], name
        if services.program_json(db, program)["recipients"]:
            assert [f.message for f in exported.findings if f.rule_id.startswith("recipients.")] == [], name


def test_a_header_element_that_only_lacks_bold_says_so(tmp_path, hd05_profile):
    """"cỡ 14; đúng là cỡ 14, đậm" read as a contradiction: the message names what differs."""
    report = services.check_file(build_docx(tmp_path / "a.docx", issuer_bold=False), today=TODAY)
    assert [f.message for f in report.findings] == ["Tên cơ quan ban hành “TỈNH UỶ HẬU GIANG” chưa in đậm."]
    motto = services.check_file(build_docx(tmp_path / "b.docx", motto_pt=13), today=TODAY)
    assert [f.message for f in motto.findings] == ["Tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM” trình bày cỡ 13, đúng là cỡ 15."]


@pytest.mark.parametrize("lines", [1, 400])
def test_a_text_file_renamed_docx_is_a_broken_word_file_whatever_its_length(tmp_path, lines):
    """Short or long, a ".docx" that is no zip gets the same message (not "no program structure")."""
    from hgdesk.errors import InputError

    fake = tmp_path / "fake.docx"
    fake.write_text("hello plain text\n" * lines, encoding="utf-8")
    for use in (services.check_file, services.parse_only):  # Kiểm tra tệp Word, and Nhập
        with pytest.raises(InputError, match=r"^Tệp “fake\.docx” bị hỏng: không mở được \(không phải tệp nén hợp lệ\)\.$"):
            use(fake)


def test_recipients_typed_with_line_breaks_in_one_paragraph_are_read_line_by_line(tmp_path, hd05_profile):
    """Many offices type Nơi nhận with Shift+Enter: each entry is still one line to the checker (as the
    importer reads it), so a correct list gets no finding."""
    report = services.check_file(build_docx(tmp_path / "ngat-dong.docx", recipients_one_paragraph=True), today=TODAY)
    assert [f.message for f in report.findings] == []
