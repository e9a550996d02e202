"""Word documents import with the list numbers Word shows, their tables and footnotes."""

from __future__ import annotations

import pytest

from hgdesk.importing import parse_file
from tests.docx_builder import DocxBuilder


@pytest.fixture
def quarterly_docx(tmp_path):
    b = DocxBuilder()
    b.header_table(
        ["ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY PHỤNG HIỆP", "*", "Số 15-CTr/HU", "Dự thảo lần 2"],
        ["ĐẢNG CỘNG SẢN VIỆT NAM", "Phụng Hiệp, ngày 05 tháng 01 năm 2024"],
    )
    b.para("CHƯƠNG TRÌNH")
    b.para("Công tác quý I năm 2024")
    b.para("-----")
    b.para("Thực hiện Chương trình công tác năm 2024, trong quý I, Huyện ủy đề ra một số công tác trọng tâm như sau:")
    b.para("Các nhiệm vụ trọng tâm", b.outline, 0)
    b.para("Tổ chức tốt các hoạt động mừng Đảng, mừng Xuân Giáp Thìn.", b.items)
    b.para("Chuẩn bị Đại hội chi bộ trực thuộc nhiệm kỳ 2025 - 2027.", b.items,
           footnote="Theo Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị.")
    b.para("Những nhiệm vụ và giải pháp", b.outline, 0)
    b.para("Công tác xây dựng Đảng", b.outline, 1)
    b.para("Công tác chính trị, tư tưởng", b.outline, 2)
    b.para("Tuyên truyền kỷ niệm 94 năm Ngày thành lập Đảng.")
    b.para("Quán triệt nghị quyết mới của Trung ương", b.bullets)
    b.para("Công tác tổ chức, cán bộ", b.outline, 2)
    b.para("Kiện toàn cấp ủy cơ sở.")
    b.para("Phát triển kinh tế - xã hội", b.outline, 1)
    b.data_table([["Chỉ tiêu", "Kế hoạch"], ["Thu ngân sách", "120 tỷ đồng"]])
    b.para("Trên đây là một số mặt công tác trọng tâm Huyện ủy chỉ đạo thực hiện trong Quý I/2024.")
    b.header_table(
        ["Nơi nhận:", "- Ban Thường vụ Tỉnh ủy,", "- Các đảng bộ trực thuộc,", "- Lưu VPHU."],
        ["T/M HUYỆN ỦY", "BÍ THƯ", "", "Nguyễn Văn An"],
    )
    return b.save(tmp_path / "quy1.docx")


def test_word_numbering_labels_are_computed_from_the_definitions(quarterly_docx):
    p = parse_file(quarterly_docx)
    assert [(n.kind, n.label, n.heading) for n in p.nodes] == [
        ("part", "I.", "Các nhiệm vụ trọng tâm"),
        ("part", "II.", "Những nhiệm vụ và giải pháp"),
    ]
    assert [(n.kind, n.label) for n in p.nodes[0].children] == [("item", "(1)"), ("item", "(2)")]
    party, economy = p.nodes[1].children
    assert (party.label, party.heading, economy.label) == ("1.", "Công tác xây dựng Đảng", "2.")
    assert [(s.label, s.heading) for s in party.children] == [
        ("1.1.", "Công tác chính trị, tư tưởng"), ("1.2.", "Công tác tổ chức, cán bộ")
    ]
    assert [(n.kind, n.text) for n in party.children[0].children] == [
        ("paragraph", "Tuyên truyền kỷ niệm 94 năm Ngày thành lập Đảng."),
        ("bullet", "Quán triệt nghị quyết mới của Trung ương"),
    ]


def test_word_header_table_gives_issuing_body_number_draft_and_date(quarterly_docx):
    from datetime import date

    p = parse_file(quarterly_docx)
    assert p.superior_body == "ĐẢNG BỘ TỈNH HẬU GIANG"
    assert p.issuing_body == "HUYỆN ỦY PHỤNG HIỆP"
    assert p.organization == "Huyện ủy Phụng Hiệp" and p.level == "district"
    assert (p.number, p.symbol, p.draft, p.draft_version) == ("15", "CTr/HU", True, 2)
    assert (p.place, p.issue_date) == ("Phụng Hiệp", date(2024, 1, 5))
    assert (p.kind, p.year, p.quarter) == ("quarterly", 2024, 1)


def test_word_footnotes_and_tables_are_read(quarterly_docx):
    p = parse_file(quarterly_docx)
    assert [(f.number, f.text) for f in p.footnotes] == [(1, "Theo Chỉ thị số 35-CT/TW ngày 14/6/2024 của Bộ Chính trị.")]
    assert p.nodes[0].children[1].text.endswith("2025 - 2027.[1]")
    economy = p.nodes[1].children[1]
    assert [n.text for n in economy.children] == ["Chỉ tiêu | Kế hoạch", "Thu ngân sách | 120 tỷ đồng"]


def test_word_closing_recipients_and_signature(quarterly_docx):
    p = parse_file(quarterly_docx)
    assert p.closing == ["Trên đây là một số mặt công tác trọng tâm Huyện ủy chỉ đạo thực hiện trong Quý I/2024."]
    assert p.recipients == ["Ban Thường vụ Tỉnh ủy", "Các đảng bộ trực thuộc", "Lưu VPHU"]
    assert (p.signer.authority, p.signer.position, p.signer.name) == ("T/M HUYỆN ỦY", "BÍ THƯ", "Nguyễn Văn An")


def test_seed_text_pasted_into_word_imports_like_the_text_file(tmp_path, seed):
    b = DocxBuilder()
    for line in seed(0).read_text(encoding="utf-8").splitlines():
        b.para(line)
    from_docx = parse_file(b.save(tmp_path / "nam2024.docx")).to_json()
    from_txt = parse_file(seed(0)).to_json()
    assert from_docx == from_txt


def test_empty_word_document_is_refused(tmp_path):
    from hgdesk.errors import InputError

    b = DocxBuilder()
    with pytest.raises(InputError, match="không có đoạn văn bản"):
        parse_file(b.save(tmp_path / "rong.docx"))


def test_header_and_signature_tables_with_one_line_per_cell_are_read_column_by_column(tmp_path):
    import docx

    d = docx.Document()
    header = d.add_table(rows=4, cols=2)
    for r, (left, right) in enumerate([("ĐẢNG BỘ TỈNH HẬU GIANG", "ĐẢNG CỘNG SẢN VIỆT NAM"),
                                       ("HUYỆN ỦY PHỤNG HIỆP", "Phụng Hiệp, ngày 05 tháng 01 năm 2024"),
                                       ("*", ""), ("Số 15-CTr/HU", "")]):
        header.cell(r, 0).text, header.cell(r, 1).text = left, right
    for line in ["CHƯƠNG TRÌNH", "Công tác quý I năm 2024", "-----", "I. Nhiệm vụ trọng tâm",
                 "1. Tổ chức tốt các hoạt động mừng Đảng."]:
        d.add_paragraph(line)
    tail = d.add_table(rows=3, cols=2)
    for r, (left, right) in enumerate([("Nơi nhận:", "T/M HUYỆN ỦY"), ("- Ban Thường vụ Tỉnh ủy,", "BÍ THƯ"),
                                       ("- Lưu VPHU.", "Nguyễn Văn An")]):
        tail.cell(r, 0).text, tail.cell(r, 1).text = left, right
    d.save(str(tmp_path / "bang.docx"))
    p = parse_file(tmp_path / "bang.docx")
    assert (p.superior_body, p.issuing_body, p.symbol) == ("ĐẢNG BỘ TỈNH HẬU GIANG", "HUYỆN ỦY PHỤNG HIỆP", "CTr/HU")
    assert (p.place, p.kind, p.quarter, p.year) == ("Phụng Hiệp", "quarterly", 1, 2024)
    assert p.recipients == ["Ban Thường vụ Tỉnh ủy", "Lưu VPHU"]
    assert (p.signer.authority, p.signer.position, p.signer.name) == ("T/M HUYỆN ỦY", "BÍ THƯ", "Nguyễn Văn An")
