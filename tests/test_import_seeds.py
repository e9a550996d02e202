"""The importer reads every real seed document into the tree a secretary would draw by hand."""

from __future__ import annotations

import pytest

from hgdesk.importing import ParsedNode, parse_file


def find(nodes: list[ParsedNode], label: str) -> ParsedNode:
    return next(n for n in nodes if n.label == label)


def labels(nodes: list[ParsedNode], kind: str | None = None) -> list[str]:
    return [n.label for n in nodes if kind is None or n.kind == kind]


def headings(nodes: list[ParsedNode]) -> list[tuple[str, str]]:
    return [(n.label, n.heading) for n in nodes if n.kind in ("part", "section")]


@pytest.fixture(scope="module")
def seeds():
    from tests.conftest import SEEDS

    return {n: parse_file(SEEDS / f"seed{n:03d}.txt") for n in range(5)}


# --- seed 000: provincial annual program 2024 -------------------------------------------------
def test_annual_program_header_is_recognised(seeds):
    p = seeds[0]
    assert (p.kind, p.year, p.quarter) == ("annual", 2024, None)
    assert p.organization == "Tỉnh ủy Hậu Giang"
    assert p.level == "province"
    assert p.draft is True
    assert p.number is None and p.symbol == "CTr/TU"
    assert p.place == "Hậu Giang" and p.issue_date is None and p.date_year == 2023
    assert p.document_type == "CHƯƠNG TRÌNH"
    assert p.title == ["CỦA BAN CHẤP HÀNH ĐẢNG BỘ TỈNH", "thực hiện nhiệm vụ công tác năm 2024"]
    assert len(p.opening) == 2 and p.opening[0].startswith("Năm 2024 là năm tập trung")


def test_annual_program_has_three_parts_with_their_sections(seeds):
    p = seeds[0]
    assert headings(p.nodes) == [
        ("I.", "MỤC TIÊU, NHIỆM VỤ TRỌNG TÂM VÀ CÁC CHỈ TIÊU"),
        ("II.", "NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU"),
        ("III.", "TỔ CHỨC THỰC HIỆN"),
    ]
    part1 = p.nodes[0]
    assert headings(part1.children) == [
        ("1.", "Mục tiêu"), ("2.", "Các nhiệm vụ trọng tâm"), ("3.", "Các chỉ tiêu chủ yếu")
    ]
    focus = part1.children[1]
    assert labels(focus.children) == [f"({i})" for i in range(1, 7)]
    assert all(n.kind == "item" for n in focus.children)
    assert focus.children[0].text.startswith("Tiếp tục quan tâm đến công tác xây dựng Đảng")


def test_annual_program_reads_eighteen_indicators_with_values(seeds):
    indicators = seeds[0].nodes[0].children[2].children
    assert [n.kind for n in indicators] == ["indicator"] * 18
    assert labels(indicators) == [f"({i})" for i in range(1, 19)]
    values = {n.label: (n.indicator.value, n.indicator.unit) for n in indicators}
    assert values["(1)"] == (1150, "đảng viên")
    assert values["(2)"] == (2, "cuộc kiểm tra")
    assert values["(3)"] == (82.6, "%")
    assert values["(4)"] == (None, None)
    assert values["(5)"] == (7.5, "%")
    assert values["(6)"] == (88.84, "triệu đồng/người")
    assert values["(8)"] == (24970, "tỷ đồng")
    assert values["(10)"] == (850, "triệu USD")
    assert values["(11)"] == (4763, "doanh nghiệp")
    assert values["(13)"] == (15000, "lao động")
    assert values["(15)"] == (10.42, "%")
    assert values["(16)"] == (2, "xã nông thôn mới")
    assert values["(18)"] == (100, "%")


def test_annual_program_part_two_sections(seeds):
    part2 = seeds[0].nodes[1]
    assert labels(part2.children) == ["1.", "2.", "3."]
    assert labels(part2.children[0].children, "section") == [f"1.{i}." for i in range(1, 8)]
    economy = part2.children[1]
    assert labels(economy.children, "section") == ["2.1.", "2.2."]
    assert labels(economy.children[0].children, "section") == ["2.1.1.", "2.1.2.", "2.1.3.", "2.1.4."]
    assert labels(part2.children[2].children, "section") == ["3.1.", "3.2."]
    assert headings(part2.children[0].children)[0] == (
        "1.1.", "Công tác chính trị, tư tưởng và đạo đức; công tác tuyên giáo"
    )
    assert [n.kind for n in find(part2.children[0].children, "1.1.").children] == ["paragraph"] * 5


def test_numbered_sentences_in_part_three_are_paragraphs_not_sections(seeds):
    part3 = seeds[0].nodes[2]
    assert [(n.kind, n.label) for n in part3.children] == [
        ("item", "1."), ("item", "2."), ("item", "3."), ("item", "4."), ("item", "5."), ("paragraph", "")
    ]
    assert part3.children[0].text.endswith("trong việc thực hiện Chương trình này.")


def test_annual_program_recipients_one_per_entry(seeds):
    p = seeds[0]
    assert p.recipients == [
        "Ban Bí thư Trung ương Đảng", "Văn phòng Trung ương Đảng", "Quân khu 9",
        "Các đồng chí Trung ương phụ trách địa bàn", "Các đồng chí Tỉnh ủy viên",
        "Ban cán sự đảng, đảng đoàn", "Các cơ quan tham mưu, giúp việc Tỉnh ủy",
        "Các huyện, thị, thành ủy và tương đương", "Lưu VPTU",
    ]
    assert p.warnings == [] and p.footnotes == []


# --- seed 001: quarterly program, quarter II 2024 ---------------------------------------------
def test_quarterly_program_is_recognised(seeds):
    p = seeds[1]
    assert (p.kind, p.year, p.quarter) == ("quarterly", 2024, 2)
    assert p.title == ["Công tác quý II năm 2024"]
    assert p.draft and p.symbol == "CTr/TU"
    assert p.opening == [
        "Thực hiện Chương trình công tác năm 2024, trong quý II, Tỉnh ủy đề ra một số công tác "
        "trọng tâm ưu tiên chỉ đạo như sau:"
    ]
    assert headings(p.nodes) == [("I.", "Các nhiệm vụ trọng tâm"), ("II.", "Những nhiệm vụ và giải pháp")]
    assert [(n.kind, n.label) for n in p.nodes[0].children] == [("item", f"{i}.") for i in range(1, 7)]
    part2 = p.nodes[1]
    assert [n.label for n in part2.children] == ["1.", "2.", "3."]
    sub = [n.label for s in part2.children for n in s.children if n.kind == "section"]
    assert sub == ["1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "1.6.", "1.7.", "2.1.", "2.2.", "3.1.", "3.2."]
    assert len(p.closing) == 1 and p.closing[0].startswith("Trên đây là một số mặt công tác trọng tâm")
    assert len(p.recipients) == 8 and p.recipients[-1] == "Lưu VPTU"
    assert p.recipients[6] == "Các huyện, thị, thành ủy và đảng ủy trực thuộc Tỉnh ủy"


# --- seed 002: quarter IV 2024, text copied out of a PDF --------------------------------------
def test_text_from_pdf_is_rejoined_into_paragraphs(seeds):
    p = seeds[2]
    assert (p.kind, p.year, p.quarter) == ("quarterly", 2024, 4)
    assert p.organization == "Tỉnh ủy Hậu Giang"
    assert len(p.opening) == 1
    assert p.opening[0].startswith("Căn cứ vào Chương trình công tác năm 2024 và kết quả 9 tháng, trong quý IV,")
    focus = p.nodes[0].children
    assert [(n.kind, n.label) for n in focus] == [("item", f"{i}.") for i in range(1, 8)]
    assert focus[0].text == (
        "Rà soát các chỉ tiêu, nhiệm vụ năm 2024 và các chỉ tiêu của cả nhiệm kỳ nhất là các chỉ tiêu "
        "đạt thấp, tập trung tối đa các nguồn lực, thực hiện đạt và vượt kế hoạch đề ra."
    )
    assert "(22/12/1944 - 22/12/2024)" in focus[4].text
    part2 = p.nodes[1]
    sub = [n.label for s in part2.children for n in s.children if n.kind == "section"]
    assert sub == ["1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "1.6.", "1.7.", "2.1.", "2.2.", "3.1.", "3.2."]
    assert p.warnings == []


def test_pdf_footnote_is_a_footnote_not_body_text(seeds):
    p = seeds[2]
    assert [(f.number, f.text) for f in p.footnotes] == [(1, "Với thanh niên hoàn thành nghĩa vụ quân sự.")]
    texts = " ".join(n.text for n in p.walk())
    assert "Với thanh niên hoàn thành" not in texts
    assert "Kế hoạch số 238-KH/TU ngày 17/01/2024[1]." in texts
    # the paragraph interrupted by the footnote at the page break is whole again
    assert "xây dựng Đảng, xây dựng chính quyền. đăng ký" in texts


def test_pdf_signature_and_wrapped_recipient(seeds):
    p = seeds[2]
    assert (p.signer.authority, p.signer.position, p.signer.name) == ("T/M TỈNH ỦY", "PHÓ BÍ THƯ", "")
    assert len(p.recipients) == 9
    assert p.recipients[7] == "Các huyện, thị, thành ủy và đảng ủy trực thuộc Tỉnh ủy"
    assert p.closing[0].startswith("Trên đây là một số mặt công tác trọng tâm Tỉnh ủy chỉ đạo thực hiện trong quý IV năm 2024.")


# --- seed 003: district annual program --------------------------------------------------------
def test_district_program_keeps_the_duplicate_section_number_and_warns(seeds):
    p = seeds[3]
    assert (p.kind, p.year, p.level, p.organization) == ("annual", 2024, "district", "Huyện ủy")
    assert headings(p.nodes) == [
        ("I.", "MỤC TIÊU, NHIỆM VỤ VÀ CÁC CHỈ TIÊU"),
        ("II.", "NHỮNG NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU"),
        ("III.", "TỔ CHỨC THỰC HIỆN"),
    ]
    part2 = p.nodes[1]
    assert labels(part2.children) == ["1.", "2.", "3.", "3."]
    assert labels(part2.children[0].children, "section") == [f"1.{i}." for i in range(1, 8)]
    assert labels(part2.children[1].children, "section") == [f"2.{i}." for i in range(1, 8)]
    assert [n.kind for n in part2.children[2].children] == ["bullet"] * 4
    assert p.warnings == ["Số thứ tự 3 lặp lại 2 lần (mục) trong “II. NHỮNG NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU”."]


def test_district_program_items_and_indicators(seeds):
    part1 = seeds[3].nodes[0]
    assert labels(part1.children[1].children) == [f"({i})" for i in range(1, 7)]
    indicators = part1.children[2].children
    assert len(indicators) == 17 and all(n.kind == "indicator" for n in indicators)
    values = {n.label: (n.indicator.value, n.indicator.unit) for n in indicators}
    assert values["(4)"] == (8846, "tỷ đồng")
    assert values["(6)"] == (3250, "tỷ đồng")
    assert values["(7)"] == (114.01, "tỷ đồng")
    assert values["(8)"] == (1.8, "%")
    assert values["(11)"] == (6.4, "‰")
    assert values["(13)"] == (94.81, "%")


def test_district_footnote_from_converter_artefact(seeds):
    p = seeds[3]
    assert len(p.footnotes) == 1
    assert p.footnotes[0].text.startswith("Việc thực hiện Kết luận số 01-KL/TW ngày 18/5/2021")
    assert labels(p.nodes[2].children) == ["1.", "2.", "3.", "4.", "5."]


# --- seed 004: term-level political report summary --------------------------------------------
def test_term_report_with_named_parts(seeds):
    p = seeds[4]
    assert (p.kind, p.year, p.term) == ("term", 2020, "2020 - 2025")
    assert p.document_type == "TÓM TẮT"
    assert len(p.title) == 3
    assert headings(p.nodes) == [
        ("Phần thứ nhất", "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ TỈNH LẦN THỨ XIII, NHIỆM KỲ 2015 - 2020"),
        ("Phần thứ hai", "PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NHIỆM KỲ 2020 - 2025"),
    ]
    first, second = p.nodes
    assert headings(first.children) == [("I.", "NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"), ("II.", "ĐÁNH GIÁ CHUNG")]
    assert labels(first.children[0].children, "section") == [f"{i}." for i in range(1, 7)]
    assert labels(second.children, "part") == ["I.", "II."]
    goals = second.children[2]
    assert labels(goals.children, "section") == ["1.", "2.", "3.", "4."]
    indicators = goals.children[3].children
    assert [n.kind for n in indicators if n.kind == "indicator"] == ["indicator"] * 11
    assert (indicators[1].indicator.value, indicators[1].indicator.unit) == (6.3, "%/năm")
    assert labels(second.children[3].children, "section") == [f"{i}." for i in range(1, 8)]
    assert len(p.opening) == 5
    assert p.warnings == []


def test_all_strings_are_nfc_without_artefacts(seeds):
    import json
    import unicodedata

    for parsed in seeds.values():
        text = json.dumps(parsed.to_json(), ensure_ascii=False)
        assert unicodedata.is_normalized("NFC", text)
        assert "[bookmark" not in text and "\ufffd" not in text and "\u00a0" not in text and "\t" not in text


def test_indicators_below_a_ceiling_count_lower_as_better(seeds):
    indicators = {n.label: n.indicator for n in seeds[0].nodes[0].children[2].children}
    assert indicators["(15)"].direction == "at_most"  # "suy dinh dưỡng dưới 10,42%"
    assert indicators["(1)"].direction == "at_least"
