"""Printed output follows the format profile: checked on the PDF and DOCX files themselves."""

from __future__ import annotations

import io
import json
import re
import unicodedata

import docx
import pypdf
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm

from hgdesk.formats import load_profile
from hgdesk.importing import parse_file
from hgdesk.layout import build_document
from hgdesk.render.docx import render_docx_bytes
from hgdesk.render.pdf import render_pdf_bytes
from hgdesk.text import unify_tone_placement
from tests.conftest import SEEDS

MM = 72 / 25.4
PARTY = load_profile("party_hd36_2018")


def seed_data(n: int) -> dict:
    return parse_file(SEEDS / f"seed{n:03d}.txt").to_json()


def with_signer(data: dict) -> dict:
    return {**data, "signer": {"authority": "T/M TỈNH ỦY", "position": "PHÓ BÍ THƯ", "name": "Nguyễn Văn An"}}


@pytest.fixture(scope="module")
def pdfs():
    return {
        n: pypdf.PdfReader(io.BytesIO(render_pdf_bytes(build_document(with_signer(seed_data(n))))))
        for n in range(5)
    }


def text_items(page) -> list[tuple[float, float, str]]:
    """(x, y, text) of every text run on the page, in page coordinates."""
    items = []

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            items.append((x, y, text))

    page.extract_text(visitor_text=visit)
    return items


def flat(text: str) -> str:
    """Comparable text: NFC, single spaces, and one tone placement (the house style may move it)."""
    return unify_tone_placement(re.sub(r"\s+", " ", unicodedata.normalize("NFC", text.replace("\u00a0", " "))).strip())


def all_text(reader) -> str:
    return flat(" ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("n", [0, 1, 2])
def test_every_page_is_a4(pdfs, n):
    for page in pdfs[n].pages:
        assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == (595.3, 841.9)


@pytest.mark.parametrize("n", range(5))
def test_text_stays_inside_the_margins(pdfs, n):
    page_cfg = PARTY.page
    left, right = page_cfg.margin_left_mm * MM, (page_cfg.width_mm - page_cfg.margin_right_mm) * MM
    bottom = page_cfg.margin_bottom_mm * MM
    for number, page in enumerate(pdfs[n].pages, start=1):
        for x, y, text in text_items(page):
            assert x >= left - 0.5, (number, text)
            assert x <= right, (number, text)
            assert y >= bottom - 0.5, (number, text)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_fonts_are_embedded(pdfs, n):
    for page in pdfs[n].pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, font["/BaseFont"]


@pytest.mark.parametrize("n", range(5))
def test_every_paragraph_of_the_seed_is_printed_in_order(pdfs, n):
    data = seed_data(n)
    printed = all_text(pdfs[n])
    expected = list(data["opening"])

    def walk(nodes):
        for node in nodes:
            expected.append(f"{node['label']} {node['heading'] or node['text']}".strip())
            walk(node["children"])

    walk(data["nodes"])
    expected += data["closing"] + data["recipients"]
    position = 0
    for paragraph in expected:
        snippet = flat(re.sub(r"\[\d+\]", "", paragraph))[:60]
        found = printed.find(snippet, position)
        assert found >= 0, snippet
        position = found


def top_margin_texts(page) -> list[str]:
    limit = (PARTY.page.height_mm - PARTY.page.margin_top_mm) * MM
    return [text.strip() for _, y, text in text_items(page) if y > limit + 1]


@pytest.mark.parametrize("n", [0, 2])
def test_page_numbers_from_page_two_in_the_top_margin(pdfs, n):
    pages = pdfs[n].pages
    assert len(pages) > 2
    assert top_margin_texts(pages[0]) == []
    for number, page in enumerate(pages[1:], start=2):
        assert top_margin_texts(page) == [str(number)]


def test_draft_mark_only_on_drafts():
    draft = seed_data(1)
    issued = {**draft, "draft": False, "number": "125", "date": "2024-04-03"}
    draft_text = flat(pypdf.PdfReader(io.BytesIO(render_pdf_bytes(build_document(draft)))).pages[0].extract_text())
    issued_text = flat(pypdf.PdfReader(io.BytesIO(render_pdf_bytes(build_document(issued)))).pages[0].extract_text())
    assert "Dự thảo" in draft_text and "Số -CTr/TU" in draft_text
    assert "Hậu Giang, ngày tháng năm 2024" in draft_text
    assert "Dự thảo" not in issued_text
    assert "Số 125-CTr/TU" in issued_text and "Hậu Giang, ngày 03 tháng 4 năm 2024" in issued_text


def test_later_draft_versions_are_numbered():
    data = {**seed_data(1), "draft_version": 2}
    text = flat(pypdf.PdfReader(io.BytesIO(render_pdf_bytes(build_document(data)))).pages[0].extract_text())
    assert "Dự thảo lần 2" in text


@pytest.mark.parametrize("n", [0, 1, 2])
def test_signature_block_shares_a_page_with_the_last_body_paragraph(pdfs, n):
    reader = pdfs[n]
    last_body = flat((seed_data(n)["closing"] or [""])[-1])[-40:] or "tiến độ thực hiện."
    pages_with_signature = [i for i, p in enumerate(reader.pages) if "T/M TỈNH ỦY" in flat(p.extract_text())]
    assert pages_with_signature == [len(reader.pages) - 1]
    last_page = flat(reader.pages[-1].extract_text())
    assert last_body in last_page
    assert last_page.index(last_body) < last_page.index("T/M TỈNH ỦY")
    assert "Nguyễn Văn An" in last_page and "Nơi nhận:" in last_page


def test_footnote_is_printed_at_the_foot_of_the_page_that_refers_to_it(pdfs):
    reader = pdfs[2]
    for page in reader.pages:
        items = text_items(page)
        note = [y for _, y, t in items if "Với thanh niên hoàn thành nghĩa vụ quân sự" in t]
        if note:
            body_ys = [y for _, y, t in items if "238-KH/TU" in t]
            assert body_ys and min(body_ys) > note[0]
            assert note[0] < 60 * MM  # in the lower part of the page
            break
    else:
        pytest.fail("footnote not printed")


def test_pdf_metadata():
    reader = pypdf.PdfReader(io.BytesIO(render_pdf_bytes(build_document(seed_data(1)))))
    meta = reader.metadata
    assert meta.title == "CHƯƠNG TRÌNH Công tác quý II năm 2024"
    assert meta.author == "Tỉnh ủy Hậu Giang"
    assert meta.creator == "hgdesk"


def test_state_profile_uses_the_national_title_and_its_number_form():
    data = {**seed_data(1), "number": "15"}
    text = flat(pypdf.PdfReader(io.BytesIO(render_pdf_bytes(build_document(data, "state")))).pages[0].extract_text())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Số: 15/CTr-TU" in text and "ĐẢNG CỘNG SẢN VIỆT NAM" not in text


# --- DOCX -----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def word():
    # seed 2, a draft of quý IV/2024 with no day, printed in the format in force now
    return docx.Document(io.BytesIO(render_docx_bytes(build_document(with_signer(seed_data(2)), "party_hd05_2026"))))


def test_docx_page_set_up_equals_the_profile(word):
    section = word.sections[0]
    page = PARTY.page
    for value, expected in [
        (section.page_width, page.width_mm), (section.page_height, page.height_mm),
        (section.top_margin, page.margin_top_mm), (section.bottom_margin, page.margin_bottom_mm),
        (section.left_margin, page.margin_left_mm), (section.right_margin, page.margin_right_mm),
    ]:
        assert abs(value - Mm(expected)) < Mm(0.1)


def test_docx_styles_are_named_and_match_the_profile(word):
    hd05 = load_profile("party_hd05_2026")
    for name, style in hd05.styles.items():
        word_style = word.styles[f"HG {name}"]
        assert word_style.font.name == "Times New Roman"
        assert word_style.font.size.pt == style.size
        assert bool(word_style.font.bold) == style.bold
        assert bool(word_style.font.italic) == style.italic
    body = word.styles["HG body"].paragraph_format
    assert abs(body.first_line_indent - Mm(10)) < Mm(0.1)
    assert body.line_spacing.pt == 20 and body.space_after.pt == 6
    used = {p.style.name for p in word.paragraphs}
    assert used <= {f"HG {n}" for n in hd05.styles}


def test_docx_has_a_page_number_field_from_page_two(word):
    section = word.sections[0]
    assert section.different_first_page_header_footer
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml and 'w:fldCharType="begin"' in header_xml
    assert "PAGE" not in section.first_page_header._element.xml
    # valid WordprocessingML: at most one paragraph-properties element per paragraph (Word repairs or refuses
    # a file with two), and the page number takes the centred page-number style
    for paragraph in section.header.paragraphs:
        assert len(paragraph._p.findall(qn("w:pPr"))) <= 1
    number = next(p for p in section.header.paragraphs if "PAGE" in p._p.xml)
    assert number.style.name == "HG page_number"


def test_docx_header_block_is_a_borderless_table_and_text_is_complete(word):
    first = word.tables[0]
    # printed as the program is written ("ủy": no house style chosen); the place name never breaks
    assert first.cell(0, 0).text.strip().startswith("TỈNH ỦY HẬU\u00a0GIANG")
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in first.cell(0, 1).text
    assert 'w:val="nil"' in first._tbl.xml
    text = flat(" ".join(p.text for p in word.paragraphs))
    assert "Công tác quý IV năm 2024" in text and "I. Các nhiệm vụ trọng tâm" in text
    signature = word.tables[-1]
    assert "T/M TỈNH ỦY" in signature.cell(0, 1).text and "Nơi nhận:" in signature.cell(0, 0).text


def test_docx_footnotes_are_real_word_footnotes(tmp_path, word):
    path = tmp_path / "q4.docx"
    word.save(str(path))
    reparsed = parse_file(path)
    assert [(f.number, f.text) for f in reparsed.footnotes] == [(1, "Với thanh niên hoàn thành nghĩa vụ quân sự.")]


def test_docx_round_trips_through_the_importer(tmp_path):
    data = with_signer(seed_data(0))
    path = tmp_path / "nam.docx"
    path.write_bytes(render_docx_bytes(build_document(data)))
    again = parse_file(path).to_json()

    def same(value):  # the house style may move tone marks; nothing else changes
        return json.loads(flat(json.dumps(value, ensure_ascii=False)))

    assert same(again["nodes"]) == same(data["nodes"])
    assert same(again["recipients"]) == same(data["recipients"])
    assert same(again["signer"]) == same(data["signer"])
    assert (again["kind"], again["year"], again["draft"]) == ("annual", 2024, True)


def test_all_text_reaching_the_renderers_is_nfc():
    decomposed = {**seed_data(1), "opening": [unicodedata.normalize("NFD", "Thực hiện Chương trình công tác")]}
    document = build_document(decomposed)
    assert all(unicodedata.is_normalized("NFC", p.text) for p in document.all_paragraphs())


# --- CLI ------------------------------------------------------------------------------------
def test_cli_renders_a_file_without_saving_anything(tmp_path, capsys):
    from hgdesk.cli import main as cli

    pdf, out_docx = tmp_path / "q2.pdf", tmp_path / "q2.docx"
    assert cli(["--database", str(tmp_path / "db.sqlite3"), "render", str(SEEDS / "seed001.txt"),
                "--pdf", str(pdf), "--docx", str(out_docx)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF-") and out_docx.stat().st_size > 5000
    assert not (tmp_path / "db.sqlite3").exists()


def test_cli_renders_a_stored_program_by_id_with_the_organisations_signer(db, tmp_path, capsys):
    from hgdesk.cli import main as cli
    from hgdesk.services import demo

    _annual, quarter, _district = demo.load_demo(db)
    pdf = tmp_path / "q2.pdf"
    assert cli(["--database", db.url, "render", str(quarter), "--pdf", str(pdf), "--profile", "party"]) == 0
    text = flat(" ".join(p.extract_text() for p in pypdf.PdfReader(pdf).pages))
    assert "T/M TỈNH ỦY" in text and "PHÓ BÍ THƯ" in text and "Công tác quý II năm 2024" in text


def test_cli_render_errors_exit_2_and_write_nothing(tmp_path, capsys):
    from hgdesk.cli import main as cli

    pdf = tmp_path / "x.pdf"
    assert cli(["render", str(SEEDS / "seed001.txt"), "--pdf", str(pdf), "--profile", "khong-co"]) == 2
    assert "Không có mẫu định dạng" in capsys.readouterr().err
    assert cli(["render", str(SEEDS / "seed001.txt")]) == 2
    assert "--pdf" in capsys.readouterr().err
    assert not pdf.exists()


def test_a_header_line_breaks_before_the_place_name_never_inside_it():
    from hgdesk.formats import load_profile
    from hgdesk.layout import keep_name_together

    for profile in (load_profile("party_hd05_2026"), load_profile("party_hd36_2018")):
        seen = {line: keep_name_together(profile, line).replace("\u00a0", "~") for line in (
            "ĐẢNG BỘ THÀNH PHỐ CẦN THƠ", "TỈNH ỦY HẬU GIANG", "ĐẢNG ỦY XÃ TÂN PHÚ", "BAN TUYÊN GIÁO TỈNH ỦY")}
        assert seen == {"ĐẢNG BỘ THÀNH PHỐ CẦN THƠ": "ĐẢNG BỘ THÀNH~PHỐ~CẦN~THƠ",
                        "TỈNH ỦY HẬU GIANG": "TỈNH ỦY HẬU~GIANG", "ĐẢNG ỦY XÃ TÂN PHÚ": "ĐẢNG ỦY XÃ~TÂN~PHÚ",
                        "BAN TUYÊN GIÁO TỈNH ỦY": "BAN TUYÊN GIÁO TỈNH ỦY"}
