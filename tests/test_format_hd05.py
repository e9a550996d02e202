"""Today's Party format (HD 05-HD/VPTW, 27/5/2026) beside HD 36: the profile chosen by the
document's date, and every element of the HD 05 font table measured in the PDF and the DOCX."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm
from pypdf.generic import ContentStream

from hgdesk.formats import load_profile, profile_for
from hgdesk.importing import parse_file
from hgdesk.layout import build_document, choose_profile, date_line, signature_problems
from hgdesk.render.docx import render_docx_bytes
from hgdesk.render.fonts import text_width_pt
from hgdesk.render.pdf import render_pdf_bytes
from hgdesk.text import unify_tone_placement
from tests import stress_documents as S
from tests.conftest import SEEDS

MM = 72 / 25.4
HD05 = load_profile("party_hd05_2026")
HD36 = load_profile("party_hd36_2018")
TODAY = date(2026, 11, 23)


def seed(n: int) -> dict:
    return parse_file(SEEDS / f"seed{n:03d}.txt").to_json()


def pdf_of(data: dict, profile="party", **kw) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(render_pdf_bytes(build_document(data, profile, today=TODAY, **kw))))


def items(page) -> list[dict]:
    """Every text run: x, y (pt), text, size, bold, italic."""
    out = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            name = str(font.get("/BaseFont", "")) if font else ""
            out.append({"x": cm[4] + tm[4], "y": cm[5] + tm[5], "text": unicodedata.normalize("NFC", text.strip()),
                        "size": size * tm[0], "bold": "Bold" in name, "italic": "Italic" in name})

    page.extract_text(visitor_text=visit)
    return out


def find(page, start: str) -> dict:
    hits = [i for i in items(page) if i["text"].startswith(start)]
    assert hits, f"“{start}” not printed"
    return hits[0]


def strokes(page) -> list[tuple[float, float, float, float]]:
    """Straight lines drawn on the page (x1, y1, x2, y2 in page coordinates), from the content
    stream, following the transformation matrix (table cells draw in their own coordinates)."""
    lines, last, stack = [], None, []
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def apply(x, y):
        a, b, c, d, e, f = ctm
        return a * x + c * y + e, b * x + d * y + f

    stream = ContentStream(page.get_contents(), page.pdf)
    for operands, op in stream.operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q" and stack:
            ctm = stack.pop()
        elif op == b"cm":
            a, b, c, d, e, f = (float(v) for v in operands)
            A, B, C, D, E, F = ctm
            ctm = (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)
        elif op == b"m":
            last = apply(*(float(v) for v in operands))
        elif op == b"l" and last is not None:
            end = apply(*(float(v) for v in operands))
            lines.append((*last, *end))
            last = end
    return lines


# --- which profile applies ---------------------------------------------------------------------
def test_the_profile_follows_the_documents_date_and_the_user_can_override_it():
    assert profile_for("party", date(2026, 5, 26)).id == "party_hd36_2018"
    assert profile_for("party", date(2026, 5, 27)).id == "party_hd05_2026"
    assert choose_profile({"date": "2024-04-03"}, today=TODAY)[0].id == "party_hd36_2018"
    undated, why = choose_profile({"date": None, "date_year": None}, today=TODAY)
    assert undated.id == "party_hd05_2026" and "hôm nay" in why and "23/11/2026" in why
    assert choose_profile({"date_year": 2023}, today=TODAY)[0].id == "party_hd36_2018"  # a 2023 draft
    chosen, why = choose_profile({"date": "2026-09-01"}, "party_hd36_2018", today=TODAY)
    assert chosen.id == "party_hd36_2018" and why.startswith("Người dùng chọn")


# --- HD 05: the commune committee's quarterly draft, element by element -----------------------
@pytest.fixture(scope="module")
def commune():
    return pdf_of(S.recipients(6, two_lines=False))


def centred_in(item: dict, left_mm: float, width_mm: float, size: float, bold=False, italic=False) -> bool:
    width = text_width_pt(item["text"], size, bold, italic)
    centre = item["x"] + width / 2
    return abs(centre - (left_mm + width_mm / 2) * MM) < 1.5


def test_hd05_font_table_on_the_first_page(commune):
    page = commune.pages[0]
    left, h = HD05.page.margin_left_mm, HD05.header
    right = left + h.left_width_mm
    table = [  # (text starts with, size, bold, italic, column) — HD 05 Phụ lục 2
        ("ĐẢNG CỘNG SẢN VIỆT NAM", 15, True, False, "right"),
        ("ĐẢNG BỘ TỈNH CẦN THƠ", 14, False, False, "left"),
        ("ĐẢNG UỶ XÃ HOÀ AN", 14, True, False, "left"),
        ("Số", 14, False, False, "left"),
        ("Hoà An, ngày", 14, False, True, "right"),
        ("Dự thảo lần 2", 14, False, True, "left"),
        ("CHƯƠNG TRÌNH", 16, True, False, None),
        ("Công tác quý III năm 2026", 14, True, False, None),
        ("Thực hiện Chương trình", 14, False, False, None),
        ("Nơi nhận:", 14, False, False, None),
        ("- Chi bộ ấp số 1;", 12, False, False, None),
        ("T/M ĐẢNG UỶ", 14, True, False, None),
        ("PHÓ BÍ THƯ", 14, False, False, None),
        ("Nguyễn Văn An", 14, True, False, None),
    ]
    for text, size, bold, italic, column in table:
        item = find(page, text)
        assert (round(item["size"]), item["bold"], item["italic"]) == (size, bold, italic), text
        if column == "left":
            assert centred_in(item, left, h.left_width_mm, size, bold, italic), text
        if column == "right":
            assert centred_in(item, right, h.right_width_mm, size, bold, italic), text
    assert find(page, "Dự thảo lần 2")["y"] < find(page, "Số")["y"]  # under the number


def test_hd05_draft_mark_has_no_frame_and_hd36_keeps_its_box():
    for profile, boxed in (("party_hd05_2026", False), ("party_hd36_2018", True)):
        page = pdf_of(S.recipients(3, two_lines=False), profile).pages[0]
        mark = find(page, "Dự thảo")
        near = [s for s in strokes(page) if abs(s[1] - mark["y"]) < 14 and abs(s[3] - mark["y"]) < 14
                and s[0] < (HD05.page.margin_left_mm + HD05.header.left_width_mm) * MM]
        assert bool(near) == boxed, profile


def test_hd05_recipients_end_with_semicolons_and_the_storage_line_with_a_full_stop(commune):
    lines = [i["text"] for i in items(commune.pages[0]) if i["text"].startswith("- ")]
    assert lines[:-1] and all(line.endswith(";") for line in lines[:-1])
    assert lines[-1] == "- Lưu VPĐU."
    old = [i["text"] for i in items(pdf_of(seed(1)).pages[-1]) if i["text"].startswith("- ")]
    assert old[0].endswith(",") and old[-1] == "- Lưu VPTU."  # the 2024 draft keeps HD 36 punctuation


def test_page_numbers_are_14_pt_centred_10_mm_from_the_top_and_none_on_page_one():
    reader = pdf_of(S.long_program(3))
    assert len(reader.pages) >= 3
    height = HD05.page.height_mm * MM
    assert not [i for i in items(reader.pages[0]) if i["y"] > height - 15 * MM]
    for number, page in enumerate(reader.pages[1:], start=2):
        top = [i for i in items(page) if i["y"] > height - 15 * MM]
        assert [t["text"] for t in top] == [str(number)]
        assert abs(top[0]["y"] - (height - 10 * MM)) < 0.5 and round(top[0]["size"]) == 14
        assert centred_in(top[0], HD05.page.margin_left_mm, HD05.page.text_width_mm, 14)


def test_two_sided_printing_mirrors_the_margins_of_even_pages():
    reader = pdf_of(S.long_program(4), duplex=True)
    for number, page in enumerate(reader.pages, start=1):
        lefts = [i["x"] for i in items(page) if i["y"] < (HD05.page.height_mm - 25) * MM]
        expected = 15 if number % 2 == 0 else 30
        assert abs(min(lefts) - expected * MM) < 0.5, number
    single = pdf_of(S.long_program(2))
    assert abs(min(i["x"] for i in items(single.pages[1])) - 30 * MM) < 0.5


def test_rules_under_the_title_clear_the_dot_below_by_the_profiles_clearance(commune):
    page = commune.pages[0]
    title = find(page, "ĐẢNG CỘNG SẢN VIỆT NAM")
    rule = max((s for s in strokes(page) if s[1] < title["y"] and abs(s[1] - s[3]) < 0.01), key=lambda s: s[1])
    depth = 0.216 * 15  # descent of the 15 pt bold face: where the dot below of "Ộ" ends
    assert title["y"] - rule[1] >= depth + HD05.header.rule_clearance_mm * MM - 0.6
    width = text_width_pt("ĐẢNG CỘNG SẢN VIỆT NAM", 15, True)
    assert abs((rule[2] - rule[0]) - width) < 0.5  # as long as the title


def test_signature_rules_of_hd05():
    signer = {"authority": "T/M ĐẢNG UỶ", "position": "PHÓ BÍ THƯ ĐẢNG UỶ XÃ", "name": "A"}
    page = pdf_of(S.base(signer=signer)).pages[0]
    assert find(page, "PHÓ BÍ THƯ")["text"] == "PHÓ BÍ THƯ"  # never the committee's name
    assert signature_problems(HD05, {"authority": "T/UQ BAN THƯỜNG VỤ", "position": "CHÁNH VĂN PHÒNG"})
    assert signature_problems(HD05, {"authority": "T/M ĐẢNG UỶ", "position": "CHÁNH VĂN PHÒNG"})
    assert not signature_problems(HD05, {"authority": "T/L BAN THƯỜNG VỤ", "position": "CHÁNH VĂN PHÒNG"})
    assert not signature_problems(HD05, {"authority": "Q. TRƯỞNG BAN", "position": "PHÓ TRƯỞNG BAN"})


def test_tone_marks_follow_the_house_style_consistently():
    """No house style chosen: a mixed document prints in its own majority style (here "uỷ", as its header
    and most of its text are written); a style chosen in Cài đặt prints everything in that style."""
    data = S.base(opening=["Đảng ủy xã hòa giải, khỏe mạnh; Đảng uỷ xã hoà giải. Kết luận, quý."])
    default = " ".join(i["text"] for i in items(pdf_of(data).pages[0]))
    assert "Đảng uỷ xã hoà giải, khoẻ mạnh; Đảng uỷ xã hoà giải. Kết luận, quý." in default and "ủy" not in default
    old = " ".join(i["text"] for i in items(pdf_of(data, tone="ủy").pages[0]))
    assert "Đảng ủy xã hòa giải, khỏe mạnh; Đảng ủy xã hòa giải. Kết luận, quý." in old
    assert "ĐẢNG ỦY XÃ HÒA AN" in old


def test_a_document_written_one_way_prints_as_typed_whatever_the_profile_prefers():
    """HD 05 writes "uỷ", but no rule requires it (FORMAT-2026): a program typed "ủy, hòa" throughout is
    printed "ủy, hòa" — the printed page is what the editor shows."""
    import json

    typed = json.loads(unify_tone_placement(json.dumps(S.base(opening=["Đảng uỷ xã hoà giải, khoẻ mạnh."]),
                                                       ensure_ascii=False)))  # the whole document "ủy"-style
    printed = " ".join(i["text"] for i in items(pdf_of(typed).pages[0]))
    assert "Đảng ủy xã hòa giải, khỏe mạnh." in printed and "uỷ" not in printed and "hoà" not in printed


def test_numbers_have_two_digits_and_the_state_profile_prints_its_own_wording():
    data = {**S.base(draft=False, number="7", date="2026-06-05"), "signer": {
        "authority": "T/M TỈNH UỶ", "position": "PHÓ BÍ THƯ", "name": "A"}, "recipients": ["Sở Nội vụ", "Lưu VPTU"]}
    party = " ".join(i["text"] for i in items(pdf_of(data).pages[0]))
    assert "Số 07-CTr/ĐU" in party and "Hoà An, ngày 05 tháng 6 năm 2026" in party
    state = " ".join(i["text"] for i in items(pdf_of(data, "state").pages[0]))
    assert "Số: 07/CTr-ĐU" in state and "TM. TỈNH UỶ" in state and "T/M" not in state  # tone marks as typed
    assert "- Lưu: VT, VPTU." in state and "- Sở Nội vụ;" in state


def test_missing_header_data_is_never_printed_as_a_hole():
    district = " ".join(i["text"] for i in items(pdf_of(seed(3)).pages[0]))
    assert not re.search(r"HUYỆN [UỦ][YỶ]\s*\*", district)  # no bare level word
    assert not re.search(r"(^|\s),\s*ngày", district)
    summary = " ".join(i["text"] for i in items(pdf_of(seed(4)).pages[0]))
    assert "Số" not in summary.split("TÓM TẮT")[0]


def test_a_long_place_name_wraps_the_whole_date_phrase():
    line = date_line(HD05, "Thành phố Hồ Chí Minh", 5, 1, 2026)
    page = pdf_of(S.base(place="Thành phố Hồ Chí Minh", date="2026-06-05", draft=False, number="3")).pages[0]
    texts = [i["text"] for i in items(page)]
    assert "ngày 05 tháng 6 năm 2026" in [t.replace("\u00a0", " ") for t in texts]
    assert "\u00a0" in line or "ngày 05 tháng 01 năm 2026" in line


def test_seed_three_footnote_is_printed():
    reader = pdf_of(seed(3))
    text = unify_tone_placement(" ".join(i["text"] for p in reader.pages for i in items(p)))
    assert "Việc thực hiện Kết luận số" in text
    document = build_document(seed(3), today=TODAY)  # its mark was lost on import: it is anchored where
    marked = [p.text for p in document.body if hasattr(p, "runs") and any(r.superscript for r in p.runs)]
    assert len(marked) == 1 and "Kết luận số 01-KL/TW" in marked[0]  # the same document is cited


# --- long documents, appendices, footnotes everywhere -----------------------------------------
@pytest.mark.parametrize("count", [23, 26, 60])
def test_long_recipient_lists_flow_and_the_signature_keeps_the_last_body_lines(count):
    reader = pdf_of(S.recipients(count))
    pages = [" ".join(i["text"] for i in items(p)) for p in reader.pages]
    signed = [n for n, text in enumerate(pages) if "Nguyễn Văn An" in text]
    assert len(signed) == 1 and "Định kỳ hằng tháng" in pages[signed[0]]
    every = " ".join(pages)
    assert all(f"Chi bộ ấp số {i} " in every for i in range(1, count)) and "- Lưu VPĐU." in every


def test_a_footnote_in_every_part_is_printed_on_its_page():
    reader = pdf_of(S.footnote_in_every_part(6))
    for n in range(1, 7):
        pages = [p for p in reader.pages if f"Ghi chú số {n}:" in " ".join(i["text"] for i in items(p))]
        assert len(pages) == 1
        assert any(i["text"] == str(n) and i["size"] < 12 for i in items(pages[0]))  # the superscript mark


def test_appendix_prints_a_landscape_table_with_repeated_header_and_own_page_numbers():
    reader = pdf_of(S.with_landscape_appendix(40))
    first = reader.pages[0]
    body = [i["text"] for i in items(first)]
    assert "Thu ngân sách" in body and not any("|" in t for t in body)  # a real table
    annex = [p for p in reader.pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert len(annex) >= 2
    assert find(annex[0], "Phụ lục") and find(annex[0], "CÁC CHỈ TIÊU CHỦ YẾU")
    assert find(annex[0], "(Kèm theo Chương trình")
    for page in annex:
        assert find(page, "Kế hoạch năm")["bold"]  # header row on every page
    width = float(annex[1].mediabox.height)
    assert [i["text"] for i in items(annex[1]) if i["y"] > width - 15 * MM] == ["2"]  # its own numbering
    assert not [i for i in items(annex[0]) if i["y"] > width - 15 * MM]


@pytest.mark.slow
def test_a_300_page_program_renders_in_pdf_and_docx():
    data = S.long_program(380)
    document = build_document(data, today=TODAY)
    reader = pypdf.PdfReader(io.BytesIO(render_pdf_bytes(document)))
    assert len(reader.pages) >= 300
    assert len(docx.Document(io.BytesIO(render_docx_bytes(document))).paragraphs) > 1000


@pytest.mark.parametrize("make", [lambda: S.recipients(60), lambda: S.footnote_in_every_part(8),
                                  lambda: S.with_landscape_appendix(80), lambda: S.long_program(20)])
def test_stress_documents_render_as_docx(make):
    word = docx.Document(io.BytesIO(render_docx_bytes(build_document(make(), today=TODAY))))
    assert word.paragraphs


# --- DOCX ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def annex_docx():
    return docx.Document(io.BytesIO(render_docx_bytes(build_document(S.with_landscape_appendix(40), today=TODAY,
                                                                      duplex=True))))


def test_docx_is_tagged_vietnamese_with_the_programs_own_properties(annex_docx):
    lang = annex_docx.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")).find(
        qn("w:lang"))
    assert lang.get(qn("w:val")) == "vi-VN"
    assert annex_docx.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == "vi-VN"
    props = annex_docx.core_properties
    assert props.title == "CHƯƠNG TRÌNH Công tác quý III năm 2026" and props.author == "Đảng uỷ xã Hoà An"
    assert props.language == "vi-VN" and props.created.year >= 2026 and props.modified.year >= 2026
    assert props.comments.endswith("Hướng dẫn 05-HD/VPTW, 2026)")
    app = annex_docx.part.package.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties")
    assert b"<Application>hgdesk</Application>" in app.blob and b"Macintosh" not in app.blob


def test_docx_sections_tables_and_page_setup(annex_docx):
    main, annex = annex_docx.sections
    assert abs(main.left_margin - Mm(30)) < Mm(0.1) and abs(main.right_margin - Mm(15)) < Mm(0.1)
    assert annex_docx.settings.element.find(qn("w:mirrorMargins")) is not None  # duplex
    assert annex.page_width > annex.page_height  # landscape appendix
    assert annex._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    tables = [t for t in annex_docx.tables if "w:tblHeader" in t._tbl.xml]
    assert len(tables) == 2  # the body table and the appendix table
    assert tables[1].rows[0].cells[1].text == "Chỉ tiêu" and len(tables[1].rows) == 41
    draft = annex_docx.styles["HG draft_mark"]
    assert draft.font.italic and draft.font.size.pt == 14
    assert "w:pBdr" not in "".join(p._p.xml for p in annex_docx.tables[1].rows[0].cells[0].paragraphs)


def test_docx_recipients_beside_the_signature_and_the_rest_in_rows_of_their_own():
    word = docx.Document(io.BytesIO(render_docx_bytes(build_document(S.recipients(60), today=TODAY))))
    signature = word.tables[-1]
    assert "T/M ĐẢNG UỶ" in signature.cell(0, 1).text
    texts = [row.cells[0].text for row in signature.rows]
    assert texts[-1] == "- Lưu VPĐU." and len(signature.rows) > 40


def test_a_wide_table_in_the_body_gets_landscape_pages_in_pdf_and_docx():
    rows = [" | ".join(S.INDICATOR_HEADER)] + [" | ".join([str(i), f"Chỉ tiêu {i}", "%", "7,5", "1", "2", "3", "4",
                                                            "100"]) for i in range(1, 6)]
    data = S.base(closing=[*rows, "Định kỳ hằng tháng, các chi bộ báo cáo kết quả về Văn phòng Đảng uỷ."])
    reader = pdf_of(data)
    shapes = ["L" if float(p.mediabox.width) > float(p.mediabox.height) else "P" for p in reader.pages]
    assert shapes == ["P", "L", "P"]
    assert find(reader.pages[1], "% kế hoạch")["bold"] and find(reader.pages[2], "Định kỳ hằng tháng")
    assert [i["text"] for i in items(reader.pages[1]) if i["y"] > float(reader.pages[1].mediabox.height) - 15 * MM] \
        == ["2"]  # numbering continues on the landscape page
    word = docx.Document(io.BytesIO(render_docx_bytes(build_document(data, today=TODAY))))
    orientations = [s.page_width > s.page_height for s in word.sections]
    assert orientations == [False, True, False]
    assert [s.different_first_page_header_footer for s in word.sections] == [True, False, False]


def test_an_indicator_table_read_after_the_recipients_becomes_an_appendix():
    """The importer left a "Phụ lục" and its flattened table rows at the end of the list."""
    trailing = ["PHỤ LỤC", "Các chỉ tiêu chủ yếu", "TT | Chỉ tiêu | Đơn vị | Kế hoạch", "1 | Hộ nghèo | % | 7,5",
                "2 | Thu ngân sách | tỷ đồng | 12"]
    document = build_document(S.base(recipients=["Các chi bộ trực thuộc", "Lưu VPĐU", *trailing]), today=TODAY)
    left = [p.text for p in document.signature.left]
    assert left[-1] == "- Lưu VPĐU." and not any("|" in t for t in left)
    (appendix,) = document.appendices
    assert [p.text for p in appendix.heading][:2] == ["PHỤ LỤC", "CÁC CHỈ TIÊU CHỦ YẾU"]
    table = appendix.body[-1]
    assert [p.text for p in table.rows[0]] == ["TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch"] and len(table.rows) == 3
    reader = pypdf.PdfReader(io.BytesIO(render_pdf_bytes(document)))
    assert find(reader.pages[-1], "Thu ngân sách") and find(reader.pages[-1], "Kế hoạch")["bold"]
