"""Shapes of real Party documents the importer met only in the held-out round 4 (tests/corpus c53–c64):
each test names what the secretary gets when such a file is imported."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hgdesk.importing import parse_file, parse_text
from tests.corpus_score import CORPUS, _tree
from tests.docx_builder import DocxBuilder

HEADER = ("ĐẢNG BỘ TỈNH PHÚ THỌ\nĐẢNG ỦY XÃ HỘI THỊNH\n*\nSố 05-NQ/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
          "Hội Thịnh, ngày 07 tháng 01 năm 2026\n")


def test_a_numbered_sentence_announcing_a_list_stays_a_point_with_its_bullets():
    p = parse_text("QUYẾT NGHỊ\n1. Thống nhất cơ bản nội dung các văn kiện sau:\n- Phương hướng công tác nhân sự.\n"
                   "- Tiêu chuẩn, cơ cấu đại biểu.\n2. Cho ý kiến về nhân sự bổ sung quy hoạch.\n"
                   "3. Thông qua nội dung các dự thảo văn kiện sau:\n- Dự thảo Báo cáo chính trị.\n")
    assert [n.kind for n in p.nodes if n.kind != "bullet"] == ["item", "item", "item"]
    assert sum(n.kind == "bullet" for n in p.walk()) == 3
    assert not any("nhảy" in w for w in p.warnings)  # 1, 2, 3 read as one run


def test_a_numbered_heading_ending_in_a_colon_still_heads_its_bullets():
    p = parse_text(HEADER + "NGHỊ QUYẾT\n-----\n1. Mục tiêu cụ thể:\n- Kết nạp 60 đảng viên.\n2. Nhiệm vụ:\n- Làm tốt.\n")
    assert _tree(p.nodes) == [["1.", []], ["2.", []]]


def test_a_reprint_whose_operative_part_starts_with_quyet_nghi_imports_as_a_resolution():
    p = parse_text("Hội nghị Ban Chấp hành Trung ương họp từ ngày 18/7 đến ngày 19/7/2025,\nQUYẾT NGHỊ\n"
                   "1. Thống nhất cơ bản nội dung các văn kiện.\n2. Cho ý kiến về nhân sự.\n")
    assert p.document_kind == "resolution"


def test_page_table_cells_and_images_before_a_reprint_are_skipped_and_reported():
    p = parse_text("Bài liên quan: Thông báo Hội nghị lần thứ 12 |\n![]() |\nẢnh: Hội nghị lần thứ 12. |\n"
                   "Hội nghị lần thứ 12 Ban Chấp hành Trung ương Đảng họp tại Thủ đô Hà Nội,\nQUYẾT NGHỊ\n"
                   "1. Thống nhất cơ bản nội dung các văn kiện.\n2. Cho ý kiến về nhân sự.\n")
    assert p.opening[0].startswith("Hội nghị lần thứ 12 Ban Chấp hành")
    assert any("bỏ qua 3 dòng" in w for w in p.warnings)


def test_a_type_line_that_carries_its_quarter_gives_the_type_and_the_quarter():
    p = parse_text(HEADER.replace("NQ", "CTr") + "CHƯƠNG TRÌNH CÔNG TÁC QUÝ I NĂM 2026\n-----\n"
                   "I. CÔNG TÁC CHÍNH TRỊ\n1. Tổ chức học tập nghị quyết.\n")
    assert (p.document_type, p.title) == ("CHƯƠNG TRÌNH CÔNG TÁC", ["QUÝ I NĂM 2026"])
    assert (p.kind, p.year, p.quarter) == ("quarterly", 2026, 1)


def test_the_addressees_of_a_letter_are_not_read_as_its_points():
    p = parse_text(HEADER.replace("NQ", "CV") + "V/v tổ chức gặp mặt\nKính gửi:\n- Các chi, đảng bộ trực thuộc,\n"
                   "- Ủy ban nhân dân xã.\nBan Thường vụ đề nghị thực hiện một số nội dung sau:\n"
                   "- Chuẩn bị hội trường.\n- Lập danh sách mời.\n")
    assert p.opening[:3] == ["Kính gửi:", "- Các chi, đảng bộ trực thuộc,", "- Ủy ban nhân dân xã."]
    assert [n.text for n in p.walk() if n.kind == "bullet"] == ["Chuẩn bị hội trường.", "Lập danh sách mời."]


def test_a_signers_name_alone_under_the_right_column_of_layout_text_is_the_signers():
    tail = ("I. NHIỆM VỤ\n1. Lãnh đạo thực hiện nhiệm vụ chính trị.\n"
            "Nơi nhận:                                                              T/M BAN CHẤP HÀNH\n"
            "- Ban Thường vụ Tỉnh ủy,                                                    BÍ THƯ\n"
            "- Lưu Văn phòng Đảng ủy.\n\n"
            "                                                                          Hà Văn Quyết\n")
    p = parse_text(HEADER + "NGHỊ QUYẾT\n-----\n" + tail)
    assert (p.signer.authority, p.signer.position, p.signer.name) == ("T/M BAN CHẤP HÀNH", "BÍ THƯ", "Hà Văn Quyết")
    assert p.recipients == ["Ban Thường vụ Tỉnh ủy", "Lưu Văn phòng Đảng ủy"]


@pytest.mark.parametrize(("after", "label"), [("2. Nhiệm vụ thời gian tới\n", "1."),
                                              ("1. Mục tiêu\n2. Nhiệm vụ\nII. GIẢI PHÁP\n", "I.")])
def test_an_ocr_label_l_is_read_by_the_numbering_that_follows_it(after, label):
    p = parse_text(HEADER + "THÔNG BÁO\n-----\nl. Đánh giá chung\nCông tác chăm lo Tết được thực hiện tốt.\n" + after)
    assert p.nodes[0].label == label
    assert any(f"→ “{label} Đánh giá" in w for w in p.warnings)  # the correction is reported as made


def test_an_issuer_written_with_the_old_tone_mark_is_stored_under_the_usual_name():
    p = parse_text(HEADER.replace("ĐẢNG ỦY XÃ", "ĐẢNG UỶ XÃ") + "NGHỊ QUYẾT\n-----\nI. NHIỆM VỤ\n1. Làm tốt.\n")
    assert p.issuing_body == "ĐẢNG UỶ XÃ HỘI THỊNH"  # the header as printed
    assert p.organization == "Đảng ủy xã Hội Thịnh"


def test_a_term_named_late_in_a_news_lead_is_not_the_documents_period():
    lead = ("Ngày 17/10/2025, Thường trực Ban Bí thư ký ban hành Kết luận của Bộ Chính trị về kết quả công tác "
            "tổ chức đại hội đảng bộ các cấp tiến tới Đại hội đại biểu toàn quốc lần thứ XIV của Đảng. " * 3)
    p = parse_text(f"Kết luận của Bộ Chính trị\n{lead}\nTheo Báo cáo về kết quả đại hội nhiệm kỳ 2025-2030:\n"
                   "1. Cơ bản thống nhất với Báo cáo.\n2. Yêu cầu các cấp ủy khẩn trương kiện toàn.\n")
    assert p.kind is None


# --- properties over the corpus ----------------------------------------------------------------------
SETTINGS = settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
# What lands before a header in files offices really have: web menus and counters, an OCR banner,
# page markers, cells and images of a page's layout table, blank lines.
NOISE = ["Trang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản", "Lượt xem: 1.287", "Thứ Tư, 07/01/2026 | 15:42",
         "Tài liệu được quét bằng CamScanner", "[Scanned by CamScanner]", "- 1 -", "Trang 1/3", "", "![]() |",
         "Ảnh minh họa |", "Cập nhật: 20/08/2025 09:15", "Xây dựng Đảng", "Chia sẻ: Facebook | Zalo"]
HEADER_FIELDS = ("superior_body", "issuing_body", "number", "symbol", "place", "issue_date", "document_type",
                 "title", "kind", "year", "term", "quarter", "document_kind", "level", "organization")
_STANDARD_HEADER = re.compile(r"^ĐẢNG BỘ .+\nĐẢNG [ỦU][YỶ] .+\n\*\nSố .+\nĐẢNG CỘNG SẢN VIỆT NAM\n.+, ngày .+\n")


def documents_with_a_header() -> list[str]:
    """Corpus texts that start with their header block (the noise goes before it)."""
    names = []
    for path in sorted(CORPUS.glob("c*.txt")):
        p = parse_file(path)
        if p.document_type and p.symbol and not any("bỏ qua" in w for w in p.warnings):
            names.append(path.name)
    return names


HEADED = documents_with_a_header()


def header_of(program) -> dict:
    return {name: getattr(program, name) for name in HEADER_FIELDS}


def test_the_corpus_has_enough_headed_documents_for_the_noise_property():
    assert len(HEADED) >= 20


@SETTINGS
@given(st.sampled_from(HEADED), st.lists(st.sampled_from(NOISE), min_size=1, max_size=6).flatmap(st.permutations))
def test_noise_of_web_pages_scans_and_page_markers_before_the_header_leaves_its_fields_unchanged(name, noise):
    text = (CORPUS / name).read_text(encoding="utf-8")
    clean = parse_text(text)
    noisy = parse_text("\n".join([*noise, text]))
    assert header_of(noisy) == header_of(clean)
    assert _tree(noisy.nodes) == _tree(clean.nodes)
    if any(x.strip() for x in noise):
        assert any("bỏ qua" in w for w in noisy.warnings) or all(
            not x.strip() or x in ("- 1 -", "Trang 1/3") for x in noise)  # page markers are dropped silently


def documents_with_the_standard_header() -> list[str]:
    return [p.name for p in sorted(CORPUS.glob("c*.txt"))
            if _STANDARD_HEADER.match(p.read_text(encoding="utf-8"))]


def _same_document(word, name: str) -> None:
    """The Word copy reads as the corpus text does: header fields, tree, recipients, signer, opening."""
    from_text, from_word = parse_file(CORPUS / name), parse_file(word)
    assert header_of(from_word) == header_of(from_text), name
    for key in ("nodes", "recipients", "signer", "opening"):
        assert from_word.to_json()[key] == from_text.to_json()[key], (name, key)


def test_a_word_copy_with_its_header_in_a_two_cell_table_gives_the_same_document(tmp_path):
    """The usual Word file of a Party office: the header as a two-cell table, the body as paragraphs."""
    names = documents_with_the_standard_header()
    assert len(names) >= 8
    for name in names:
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        b = DocxBuilder()
        b.header_table(lines[0:4], lines[4:6])
        for line in lines[6:]:
            b.para(line)
        _same_document(b.save(tmp_path / f"{name}.docx"), name)


def test_a_word_copy_whose_header_columns_are_typed_with_tabs_gives_the_same_document(tmp_path):
    """The header typed without a table: the motto and the date pushed right with tabs."""
    for name in documents_with_the_standard_header():
        lines = (CORPUS / name).read_text(encoding="utf-8").splitlines()
        b = DocxBuilder()
        for line in [f"{lines[0]}\t\t{lines[4]}", lines[1], f"{lines[2]}\t\t\t{lines[5]}", lines[3], *lines[6:]]:
            b.para(line)
        _same_document(b.save(tmp_path / f"{name}.docx"), name)


# --- round 5 ------------------------------------------------------------------------------------------
def test_a_header_whose_columns_a_web_page_put_on_one_line_is_read_field_by_field():
    p = parse_text("ĐẢNG BỘ THÀNH PHỐ GIA NGHĨA ĐẢNG ỦY PHƯỜNG NGHĨA TRUNG * Số 01-NQ/ĐH ĐẢNG CỘNG SẢN VIỆT NAM "
                   "Gia Nghĩa, ngày 15 tháng 02 năm 2025\nNGHỊ QUYẾT\nĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ PHƯỜNG LẦN THỨ V\n"
                   "I. Thông qua Báo cáo chính trị.\nII. Giao Ban Chấp hành tổ chức thực hiện.\n")
    assert (p.superior_body, p.issuing_body, p.number, p.symbol, p.place, p.issue_date.isoformat()) == (
        "ĐẢNG BỘ THÀNH PHỐ GIA NGHĨA", "ĐẢNG ỦY PHƯỜNG NGHĨA TRUNG", "01", "NQ/ĐH", "Gia Nghĩa", "2025-02-15")


def test_an_ocr_header_with_both_columns_on_each_line_is_read_field_by_field():
    p = parse_text("ĐẢNG BỘ TỈNH THANH HÓA ĐẢNG CỘNG SẢN VIỆT NAM\nĐẢNG ỦY XÃ SAO VÀNG\n"
                   "* Sao Vàng, ngày 10 tháng 10 năm 2025\nSố 15-KH/ĐƯ\nKẾ HOẠCH\ntuyên truyền Đại hội\n-----\n"
                   "I. MỤC ĐÍCH\nTuyên truyền sâu rộng.\n")
    assert (p.superior_body, p.place, p.number, p.symbol, p.document_type) == (
        "ĐẢNG BỘ TỈNH THANH HÓA", "Sao Vàng", "15", "KH/ĐU", "KẾ HOẠCH")
    assert any("/ĐU" in w for w in p.warnings)  # the symbol's OCR damage is reported as corrected


def test_the_title_in_capitals_ends_where_the_opening_sentence_and_quyet_nghi_begin():
    p = parse_text(HEADER + "NGHỊ QUYẾT\nĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ LẦN THỨ I\n"
                   "Đại hội đại biểu Đảng bộ xã lần thứ I họp ngày 14/02/2025,\nQUYẾT NGHỊ:\n"
                   "I. Thông qua Báo cáo chính trị.\nII. Giao Ban Chấp hành tổ chức thực hiện.\n")
    assert p.title == ["ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ XÃ LẦN THỨ I"]
    assert p.opening == ["Đại hội đại biểu Đảng bộ xã lần thứ I họp ngày 14/02/2025,", "QUYẾT NGHỊ:"]


@pytest.mark.parametrize(("text", "value", "target"), [("Có 5/5 trường học đạt chuẩn quốc gia;", 5, 5),
                                                       ("Có 03/07 xã đạt chuẩn;", 3, 7)])
def test_an_achieved_over_target_target_with_nothing_before_it_is_read(text, value, target):
    from hgdesk.importing.meaning import extract_quantity

    q = extract_quantity(text)
    assert (q.value, q.target) == (value, target)


def test_a_deadline_written_as_day_and_month_is_not_an_achieved_over_target_pair():
    from hgdesk.importing.meaning import extract_quantity

    assert extract_quantity("Hoàn thành trước ngày 30/9;").value is None


# --- round 6 ------------------------------------------------------------------------------------------
def test_sub_points_lettered_with_a_dash_are_points_under_their_numbered_point():
    p = parse_text(HEADER.replace("NQ", "CT") + "CHỈ THỊ\n-----\n1. Các chi bộ tăng cường lãnh đạo.\n"
                   "a- Đưa nội dung vào sinh hoạt chi bộ.\nb- Phân công đảng viên theo dõi.\n2. Công an phường rà soát.\n")
    assert _tree(p.nodes) == [["1.", []]]
    assert [n.label for n in p.walk() if n.kind == "item"] == ["a-", "b-", "2."]


def test_a_copy_with_markdown_emphasis_reads_as_the_plain_document():
    marked = "\n".join(f"**{x}**" if x not in ("*", "-----") else x for x in HEADER.splitlines())
    p = parse_text(marked + "\n**NGHỊ QUYẾT**\n*về nhiệm vụ năm 2026*\n-----\n**I. NHIỆM VỤ**\n1. Làm tốt.\n")
    plain = parse_text(HEADER + "NGHỊ QUYẾT\nvề nhiệm vụ năm 2026\n-----\nI. NHIỆM VỤ\n1. Làm tốt.\n")
    assert header_of(p) == header_of(plain)
    assert _tree(p.nodes) == _tree(plain.nodes) == [["I.", []]]


# --- round 7 ------------------------------------------------------------------------------------------
def test_a_numbered_sentence_announcing_its_contents_keeps_its_bullets_as_a_point():
    p = parse_text(HEADER.replace("NQ", "KL") + "KẾT LUẬN\n-----\n1. Năm 2025, Đảng bộ xã kết nạp 59 đảng viên.\n"
                   "2. Năm 2026, tập trung thực hiện các nội dung:\n+ Duy trì chất lượng giáo dục;\n"
                   "+ Bảo đảm an sinh xã hội.\n3. Giao Ban Thường vụ cụ thể hóa Kết luận.\n")
    assert [n.kind for n in p.walk() if n.kind != "bullet"] == ["item", "item", "item"]


def test_the_last_article_of_a_decision_stays_an_article():
    p = parse_text(HEADER.replace("NQ", "QĐ") + "QUYẾT ĐỊNH\nthành lập Tổ công tác\n-----\n- Căn cứ Điều lệ Đảng;\n"
                   "BAN THƯỜNG VỤ ĐẢNG ỦY XÃ QUYẾT ĐỊNH\nĐiều 1. Thành lập Tổ công tác.\n"
                   "Điều 2. Tổ công tác rà soát dữ liệu đảng viên.\nĐiều 3. Văn phòng Đảng ủy thi hành.\n")
    assert _tree(p.nodes) == [["Điều 1.", []], ["Điều 2.", []], ["Điều 3.", []]]


# --- round 8 ------------------------------------------------------------------------------------------
def test_header_and_signature_tables_copied_as_markdown_rows_read_as_the_document():
    p = parse_text("| ĐẢNG BỘ TỈNH THANH HÓA ĐẢNG ỦY XÃ AN NÔNG ------- | ĐẢNG CỘNG SẢN VIỆT NAM --------------- |\n"
                   "|---|---|\n| Số: 14-KH/ĐU | An Nông, ngày 30 tháng 01 năm 2026 |\nKẾ HOẠCH\nPhát động thi đua năm 2026\n"
                   "I. NỘI DUNG\n1. Phát triển kinh tế.\n"
                   "| Nơi nhận: - Ban Thường vụ Tỉnh ủy; - Lưu VPĐU. | T/M BAN THƯỜNG VỤ BÍ THƯ Nguyễn Việt Ba |\n")
    assert (p.superior_body, p.issuing_body, p.number, p.symbol, p.place) == (
        "ĐẢNG BỘ TỈNH THANH HÓA", "ĐẢNG ỦY XÃ AN NÔNG", "14", "KH/ĐU", "An Nông")
    assert p.recipients == ["Ban Thường vụ Tỉnh ủy", "Lưu VPĐU"]
    assert (p.signer.authority, p.signer.position, p.signer.name) == ("T/M BAN THƯỜNG VỤ", "BÍ THƯ", "Nguyễn Việt Ba")


def test_a_markdown_data_row_keeps_its_cells_apart():
    from hgdesk.importing.lines import markdown_row

    assert markdown_row("| 1 | Tổng thu ngân sách | 126 tỷ đồng |") == ["1 | Tổng thu ngân sách | 126 tỷ đồng"]
    assert markdown_row("|---|:---:|---|") == []
    assert markdown_row("Ảnh minh họa |") == ["Ảnh minh họa |"]


def test_a_part_written_phan_thu_nhat_with_a_colon_is_labelled_without_it():
    p = parse_text(HEADER.replace("NQ", "CTr") + "CHƯƠNG TRÌNH\ncông tác năm 2026\n-----\n"
                   "PHẦN THỨ NHẤT: NHỮNG NHIỆM VỤ TRỌNG TÂM\n1. Lãnh đạo thực hiện Nghị quyết.\n"
                   "PHẦN THỨ HAI: CHƯƠNG TRÌNH CỤ THỂ\nTháng 1:\n- Hội nghị tổng kết.\n")
    assert [(n.label, n.heading) for n in p.nodes] == [("Phần thứ nhất", "NHỮNG NHIỆM VỤ TRỌNG TÂM"),
                                                       ("Phần thứ hai", "CHƯƠNG TRÌNH CỤ THỂ")]


def test_a_word_header_cell_typed_with_line_breaks_gives_one_field_per_line(tmp_path):
    b = DocxBuilder()
    table = b.doc.add_table(rows=1, cols=2)
    for cell, lines in zip(table.rows[0].cells, (HEADER.splitlines()[:4], HEADER.splitlines()[4:6]), strict=True):
        run = cell.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run = cell.paragraphs[0].add_run(line)
    for line in ("NGHỊ QUYẾT", "về nhiệm vụ năm 2026", "-----", "I. NHIỆM VỤ", "1. Làm tốt."):
        b.para(line)
    p = parse_file(b.save(tmp_path / "breaks.docx"))
    assert header_of(p) == header_of(parse_text(HEADER + "NGHỊ QUYẾT\nvề nhiệm vụ năm 2026\n-----\nI. NHIỆM VỤ\n1. Làm tốt.\n"))


# --- round 9 ------------------------------------------------------------------------------------------
def test_a_short_title_without_a_rule_under_it_ends_where_the_opening_sentence_begins():
    p = parse_text("ĐẢNG CỘNG SẢN VIỆT NAM\nVĩnh Lộc, ngày 05 tháng 01 năm 2026\nĐẢNG BỘ TỈNH THANH HÓA\n"
                   "ĐẢNG ỦY XÃ VĨNH LỘC\nSố 05 - NQ/ĐU\nNGHỊ QUYẾT\nvề nhiệm vụ năm 2026\n"
                   "Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 4 đã thảo luận và thống nhất\nQUYẾT NGHỊ:\n"
                   "I. MỤC TIÊU\n1. Kết nạp từ 25 đảng viên trở lên.\n")
    assert p.title == ["về nhiệm vụ năm 2026"]
    assert p.opening[0].startswith("Hội nghị Ban Chấp hành")
    assert (p.number, p.symbol, p.issuing_body) == ("05", "NQ/ĐU", "ĐẢNG ỦY XÃ VĨNH LỘC")


# --- round 10 -----------------------------------------------------------------------------------------
def test_points_wrapped_with_a_hanging_indent_in_layout_text_stay_whole():
    body = ("I.\nNHIỆM VỤ CỤ THỂ\n1. Tổ chức Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 5, triển khai nhiệm vụ năm 2026\n"
            "   và ban hành Chương trình công tác năm.\n2. Lãnh đạo tổ chức Tết Nguyên đán an toàn, tiết kiệm; chăm lo gia đình\n"
            "   chính sách, hộ nghèo.\n3. Quán triệt các văn bản mới.\n")
    header = ("    ĐẢNG BỘ TỈNH QUẢNG NGÃI                         ĐẢNG CỘNG SẢN VIỆT NAM\n  ĐẢNG ỦY XÃ SƠN TÂY HẠ\n"
              "             *                               Sơn Tây Hạ, ngày 02 tháng 01 năm 2026\n       Số 33-CTr/ĐU\n"
              "                          CHƯƠNG TRÌNH CÔNG TÁC\n                              QUÝ I NĂM 2026\n")
    p = parse_text(header + body)
    assert [n.text for n in p.walk() if n.kind == "item"] == [
        "Tổ chức Hội nghị Ban Chấp hành Đảng bộ xã lần thứ 5, triển khai nhiệm vụ năm 2026 và ban hành Chương trình "
        "công tác năm.", "Lãnh đạo tổ chức Tết Nguyên đán an toàn, tiết kiệm; chăm lo gia đình chính sách, hộ nghèo.",
        "Quán triệt các văn bản mới."]


# --- round 11 -----------------------------------------------------------------------------------------
def test_a_letters_subject_over_two_lines_is_its_title_and_gives_it_no_period_of_work():
    p = parse_text("ĐẢNG BỘ TỈNH PHÚ THỌ\nĐẢNG ỦY XÃ HỘI THỊNH\n*\nSố 230-CV/ĐU\nV/v báo cáo kết quả thực hiện nhiệm vụ\n"
                   "trọng tâm quý I năm 2026\nĐẢNG CỘNG SẢN VIỆT NAM\nHội Thịnh, ngày 10 tháng 3 năm 2026\n"
                   "Kính gửi: Các chi, đảng bộ trực thuộc.\nBan Thường vụ đề nghị:\n1- Báo cáo kết quả quý I.\n"
                   "2- Đề xuất nhiệm vụ quý II.\n")
    assert p.title == ["V/v báo cáo kết quả thực hiện nhiệm vụ", "trọng tâm quý I năm 2026"]
    assert (p.place, p.issue_date.isoformat(), p.document_kind) == ("Hội Thịnh", "2026-03-10", "letter")
    assert (p.kind, p.quarter, p.year) == (None, None, 2026)
