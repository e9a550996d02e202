"""Word files built by hand with python-docx for the checker's tests: one that follows HD 05
exactly, and variants that each break one layout rule."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from hgdesk.render.docx import _set_font
from tests.check_samples import GOOD_HD05

FONT = "Times New Roman"


def _page_field(paragraph) -> None:
    """A simple PAGE field (w:fldSimple), as other editors write it; the app writes complex fields."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _line(container, text: str, size: float = 14, bold: bool = False, italic: bool = False,
          underline: bool = False, center: bool = True):
    p = container.add_paragraph()
    run = p.add_run(text)
    run.font.size, run.font.bold, run.font.italic, run.font.underline = Pt(size), bold, italic, underline
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
    return p


def build_docx(path: Path, *, margins=(20, 20, 30, 15), motto_pt: float = 15, page_number: str = "header",
               first_page_hidden: bool = True, body_font: str = FONT, exact_line: bool = True,
               landscape: bool = False, issuer_bold: bool = True, body_pt: float = 14, space_after_pt: float = 6,
               indent_mm: float = 10, recipients_one_paragraph: bool = False) -> Path:
    """The HD 05 sample program (tests/check_samples.py) as a Word file; each keyword breaks one rule."""
    d = docx.Document()
    normal = d.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(14)
    _set_font(normal.element, FONT)
    section = d.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = (Mm(m) for m in margins)
    section.different_first_page_header_footer = first_page_hidden
    target = section.header if page_number == "header" else section.footer
    target.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(target.paragraphs[0])

    lines = [x for x in GOOD_HD05.replace("[1]", "").splitlines() if x and not x.startswith("[1]")]
    d.element.body.remove(d.paragraphs[0]._p) if d.paragraphs else None
    header = d.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    _line(left, lines[0], bold=issuer_bold)
    _line(left, lines[1])
    _line(left, lines[2])
    _line(right, lines[3], size=motto_pt, bold=True)
    _line(right, lines[4], italic=True)
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    _line(d, lines[5], size=16, bold=True)
    _line(d, lines[6], bold=True)
    _line(d, lines[7])
    at = lines.index("Nơi nhận:")
    for text in lines[8:at]:
        heading = text.startswith(("I.", "II."))
        p = d.add_paragraph()
        run = p.add_run(text)
        run.font.size, run.font.bold = Pt(body_pt), heading
        if body_font != FONT:
            run.font.name = body_font
            _set_font(run._r, body_font)
        fmt = p.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = Mm(0 if heading else indent_mm)
        fmt.space_before, fmt.space_after = Pt(0), Pt(space_after_pt)
        if exact_line:
            fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(20)
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    signature = d.add_table(rows=1, cols=2)
    left, right = signature.rows[0].cells
    _line(left, lines[at], underline=True, center=False)
    if recipients_one_paragraph:  # typed with Shift+Enter between the entries
        run = _line(left, lines[at + 1], size=12, center=False).runs[0]
        for text in lines[at + 2:at + 4]:
            run.add_break()
            run.add_text(text)
    else:
        for text in lines[at + 1:at + 4]:
            _line(left, text, size=12, center=False)
    _line(right, lines[at + 4], bold=True)
    _line(right, lines[at + 5])
    _line(right, lines[at + 6], bold=True)
    for cell in (left, right):
        cell._tc.remove(cell.paragraphs[0]._p)
    d.save(str(path))
    return path
