"""Bold and italic inside paragraphs: stored as markers, printed as formatting."""

import io

import docx
import pypdf

from hgdesk.importing import parse_file
from hgdesk.inline import join, plain, raw_index, segments
from hgdesk.layout import build_document
from hgdesk.render.docx import render_docx_bytes
from hgdesk.render.pdf import render_pdf_bytes
from tests.conftest import SEEDS


def test_markers_become_segments_and_back():
    text = "Tập trung **tuyên truyền** các __ngày lễ__ lớn"
    assert segments(text) == [("Tập trung ", False, False), ("tuyên truyền", True, False), (" các ", False, False),
                              ("ngày lễ", False, True), (" lớn", False, False)]
    assert plain(text) == "Tập trung tuyên truyền các ngày lễ lớn"
    assert join(segments(text)) == text
    assert raw_index(text, len("Tập trung tuyên")) == text.index("tuyên") + len("tuyên")


def test_unbalanced_markers_are_kept_as_typed():
    assert plain("điểm a ** b") == "điểm a ** b"
    assert segments("x__y") == [("x__y", False, False)]


def emphasised():
    data = parse_file(SEEDS / "seed001.txt").to_json()
    first = data["nodes"][0]["children"][0]
    first["text"] = "Triển khai **đợt sinh hoạt chính trị** theo __Kế hoạch số 253__ của Ban Thường vụ."
    return build_document(data)


def test_pdf_prints_bold_and_italic_runs():
    reader = pypdf.PdfReader(io.BytesIO(render_pdf_bytes(emphasised())))
    fonts = {}

    def visit(text, _cm, _tm, font, _size):
        if font and text.strip():
            fonts.setdefault(text.strip(), font["/BaseFont"])

    reader.pages[0].extract_text(visitor_text=visit)
    page = reader.pages[0].extract_text()
    assert "đợt sinh hoạt chính trị" in page and "**" not in page and "__" not in page
    assert any("Bold" in str(f) for t, f in fonts.items() if "sinh hoạt" in t)
    assert any("Italic" in str(f) for t, f in fonts.items() if "253" in t)


def test_docx_carries_bold_and_italic_runs():
    document = docx.Document(io.BytesIO(render_docx_bytes(emphasised())))
    paragraph = next(p for p in document.paragraphs if "đợt sinh hoạt" in p.text)
    runs = {r.text: (bool(r.bold), bool(r.italic)) for r in paragraph.runs}
    assert runs["đợt sinh hoạt chính trị"] == (True, False)
    assert runs["Kế hoạch số 253"] == (False, True)
    assert "**" not in paragraph.text


def test_emphasis_survives_docx_and_back(tmp_path):
    path = tmp_path / "e.docx"
    path.write_bytes(render_docx_bytes(emphasised()))
    again = parse_file(path)
    assert again.nodes[0].children[0].text == (
        "Triển khai **đợt sinh hoạt chính trị** theo __Kế hoạch số 253__ của Ban Thường vụ.")
    assert again.nodes[0].heading == "Các nhiệm vụ trọng tâm"  # a bold heading is not "emphasis"
