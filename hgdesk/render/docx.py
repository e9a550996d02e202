"""Document -> DOCX with python-docx: the same page, the same blocks, named styles, real
Word footnotes and a page-number field from page 2, in Times New Roman, tagged Vietnamese.
Real tables with repeated header rows, appendices as sections of their own (landscape when
the table is wide) with page numbers from 1, mirrored margins when printing two-sided.

Styles are set by id on the XML: python-docx's style setter looks up the default style on
every call, which was half of the render time."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from hgdesk.document import Appendix, Block, Document, Para
from hgdesk.document import Table as DocTable
from hgdesk.formats import FormatProfile, Style
from hgdesk.render import write_to
from hgdesk.render.fonts import text_width_pt
from hgdesk.render.pdf import recipients_beside, rule_space_pt
from hgdesk.text import nfc

WORD_FONT = "Times New Roman"  # what Word on the user's PC must use (FORMAT §2)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
PT_PER_MM = 72 / 25.4
LANGUAGE = "vi-VN"
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>hgdesk</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<Company>{company}</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
)
CELL_PAD_MM = 0.9
TOP_STRUT_PT = 1  # the empty line above the header table, as high as the PDF's (see write)


def style_name(name: str) -> str:
    return f"HG {name}"


def _set_font(rpr_owner, font: str = WORD_FONT) -> None:
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), font)


def _set_language(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), LANGUAGE)


def tag_vietnamese(document) -> None:
    """Every text is Vietnamese: the document defaults, Normal, and the theme language, so Word
    checks spelling in Vietnamese instead of underlining most words as wrong English."""
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_language(rpr)
    settings = document.settings.element
    theme = settings.find(qn("w:themeFontLang"))
    if theme is not None:
        theme.set(qn("w:val"), LANGUAGE)
        theme.set(qn("w:eastAsia"), LANGUAGE)


def define_styles(document, profile: FormatProfile) -> None:
    """Normal in Times New Roman, then one named paragraph style per profile style ("HG body"),
    written as XML in one go (python-docx's add_style scans every style on each call)."""
    styles = document.styles
    tag_vietnamese(document)
    normal = styles["Normal"]
    normal.font.name = WORD_FONT
    _set_font(normal.element)
    _set_language(normal.element.get_or_add_rPr())
    normal.font.size = Pt(profile.style("base").size)
    normal_id = normal.style_id
    xml = "".join(_style_xml(style_name(name), style, normal_id) for name, style in profile.styles.items())
    xml += ('<w:style w:type="character" w:customStyle="1" w:styleId="HGfootnotereference">'
            '<w:name w:val="HG footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr></w:style>')
    root = styles.element
    for element in parse_xml(f'<w:styles xmlns:w="{W_NS}">{xml}</w:styles>'):
        root.append(element)


JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}


def _style_xml(name: str, style: Style, based_on: str) -> str:
    """A paragraph style: font, size, bold/italic/underline, alignment, indents, spacing,
    exact or single line spacing, widow control (Word's 2-line rule, as the PDF)."""
    first = _twips(style.first_indent_mm)
    indent = f'w:left="{_twips(style.left_indent_mm)}" ' + (
        f'w:firstLine="{first}"' if first >= 0 else f'w:hanging="{-first}"')
    if style.leading_pt:
        line = f'w:line="{round(style.leading_pt * 20)}" w:lineRule="exact"'
    else:
        line = 'w:line="240" w:lineRule="auto"'
    spacing = f'<w:spacing w:before="{round(style.space_before_pt * 20)}" w:after="{round(style.space_after_pt * 20)}" {line}/>'
    fonts = f'<w:rFonts w:ascii="{WORD_FONT}" w:hAnsi="{WORD_FONT}" w:cs="{WORD_FONT}" w:eastAsia="{WORD_FONT}"/>'
    size = round(style.size * 2)
    rpr = (fonts + ("<w:b/><w:bCs/>" if style.bold else '<w:b w:val="0"/><w:bCs w:val="0"/>')
           + ("<w:i/><w:iCs/>" if style.italic else '<w:i w:val="0"/><w:iCs w:val="0"/>')
           + '<w:caps w:val="0"/>'  # case is applied to the text itself, so copy-paste keeps it
           + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
           + ('<w:u w:val="single"/>' if style.underline else '<w:u w:val="none"/>'))
    style_id = name.replace(" ", "")
    return (f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="{based_on}"/><w:qFormat/>'
            f'<w:pPr><w:widowControl/>{spacing}<w:ind {indent}/><w:jc w:val="{JC[style.align]}"/></w:pPr>'
            f"<w:rPr>{rpr}</w:rPr></w:style>")


def _border(paragraph, sides: tuple[str, ...], weight_pt: float, space_pt: float = 1) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(max(2, round(weight_pt * 8))))  # eighths of a point
        el.set(qn("w:space"), str(max(0, min(31, round(space_pt)))))  # points between text and line
        el.set(qn("w:color"), "000000")
        bdr.append(el)
    ppr.append(bdr)


class _Writer:
    def __init__(self, document: Document) -> None:
        self.doc = document
        self.profile = document.profile
        self.word = docx.Document()
        self.footnote_ids: dict[int, int] = {}
        self._sections_ended = 0

    def style_id(self, name: str) -> str:
        """Word style id of a profile style, as define_styles wrote it (no lookup)."""
        return style_name(name).replace(" ", "")

    def paragraph(self, container, para: Para, width_mm: float, first: bool = False, keep: bool = False,
                  space_before_pt: float | None = None):
        """One w:p, written as XML (python-docx's per-call lookups made this the slow part).

        `container` is the document or a table cell; `first` replaces the cell's empty paragraph;
        `keep` keeps it with the next and its lines together (the signature block)."""
        style = self.profile.style(para.style)
        ppr = [f'<w:pStyle w:val="{self.style_id(para.style)}"/>']
        if para.keep_with_next or keep:
            ppr.append("<w:keepNext/>")
        if keep:
            ppr.append("<w:keepLines/>")
        border = ""
        indent = ""
        before = space_before_pt
        if para.space_before_mm:
            before = para.space_before_mm * PT_PER_MM
        if para.rule or para.boxed:
            # Indent the paragraph so the border is as long as the text (× the rule fraction).
            text_mm = text_width_pt(para.text, style.size, style.bold, style.italic) / PT_PER_MM
            padding_mm = 2 * self.profile.header.box_padding_pt / PT_PER_MM if para.boxed else 0
            length = text_mm * (para.rule or 1.0) + padding_mm
            side = _twips(max(0.0, (width_mm - length) / 2))
            indent = f'<w:ind w:left="{side}" w:right="{side}" w:firstLine="0"/>'
            h = self.profile.header
            # Word draws a bottom border below the line's descent: the clearance is the gap.
            space = 1 if para.boxed else rule_space_pt(h.rule_clearance_mm)
            sides = ("top", "left", "bottom", "right") if para.boxed else ("bottom",)
            size = max(2, round(h.rule_weight_pt * 8))
            border = "<w:pBdr>" + "".join(
                f'<w:{side_name} w:val="single" w:sz="{size}" w:space="{max(0, min(31, round(space)))}" '
                'w:color="000000"/>' for side_name in sides) + "</w:pBdr>"
        elif para.style == "draft_mark":
            before = self.profile.header.box_space_before_pt
        ppr.append(border)
        if before is not None:
            ppr.append(f'<w:spacing w:before="{round(before * 20)}"/>')
        ppr.append(indent)
        runs = []
        for run in para.runs:
            if run.superscript and int(run.text) in self.footnote_ids:
                runs.append(f'<w:r><w:rPr><w:rStyle w:val="HGfootnotereference"/></w:rPr>'
                            f'<w:footnoteReference w:id="{self.footnote_ids[int(run.text)]}"/></w:r>')
                continue
            rpr = ("<w:b/>" if run.bold else "") + ("<w:i/>" if run.italic else "") + (
                '<w:vertAlign w:val="superscript"/>' if run.superscript else "")
            runs.append(f"<w:r>{f'<w:rPr>{rpr}</w:rPr>' if rpr else ''}"
                        f'<w:t xml:space="preserve">{_xml_escape(nfc(run.text))}</w:t></w:r>')
        element = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr>{"".join(ppr)}</w:pPr>{"".join(runs)}</w:p>')
        in_cell = isinstance(container, _Cell)
        target = container._tc if in_cell else container.element.body
        if first and in_cell:
            empty = target.find(qn("w:p"))
            if empty is not None and not len(empty.findall(qn("w:r"))):
                empty.addprevious(element)
                target.remove(empty)
                return element
        sect = target.find(qn("w:sectPr"))
        if sect is not None:
            sect.addprevious(element)
        else:
            target.append(element)
        return element

    def columns(self, left: list[Para], right: list[Para], widths_mm: tuple[float, float]):
        table = self._borderless_table(1, widths_mm)
        for cell, paras, width in zip(table.rows[0].cells, (left, right), widths_mm, strict=True):
            for i, para in enumerate(paras):
                self.paragraph(cell, para, width, first=i == 0)
            if not paras:  # an empty cell (nothing known to print) is as low as the PDF's: 1 pt
                cell.paragraphs[0]._p.insert(0, parse_xml(
                    f'<w:pPr xmlns:w="{W_NS}"><w:pStyle w:val="{self.style_id("base")}"/>'
                    f'<w:spacing w:before="0" w:after="0" w:line="{TOP_STRUT_PT * 20}" '
                    'w:lineRule="exact"/></w:pPr>'))
        return table

    def _borderless_table(self, rows: int, widths_mm: tuple[float, ...]):
        """A table without lines, its rows never split, written as XML (python-docx's add_table
        and width setters touch every cell one by one)."""
        widths = [_twips(w) for w in widths_mm]
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        cells = "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p/></w:tc>' for w in widths)
        row = f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>"
        nil = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        xml = (f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="left"/>'
               f'<w:tblBorders>{nil}</w:tblBorders><w:tblLayout w:type="fixed"/>'
               '<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>'
               f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{row * rows}</w:tbl>")
        element = parse_xml(xml)
        self.word.element.body.sectPr.addprevious(element)
        return Table(element, self.word._body)

    def signature(self) -> None:
        """Recipients beside the signature: the first row holds the signature and as many
        recipients as stand beside it (the PDF's split, so both break alike), kept with the
        end of the body; every further recipient is a row of its own that may flow on."""
        sig = self.doc.signature
        s = self.profile.signature
        widths = (s.left_width_mm, s.right_width_mm)
        beside = recipients_beside(self.doc)
        table = self._borderless_table(1 + len(sig.left) - beside, widths)
        first, *rest = table.rows
        for col, paras in ((0, sig.left[:beside]), (1, sig.right)):
            for i, para in enumerate(paras):
                # the same room above the signature block as in the PDF
                self.paragraph(first.cells[col], para, widths[col], first=i == 0, keep=True,
                               space_before_pt=s.space_before_pt if i == 0 else None)
        for row, para in zip(rest, sig.left[beside:], strict=True):
            self.paragraph(row.cells[0], para, widths[0], first=True)

    def table(self, block: DocTable, width_mm: float) -> None:
        """A real table: single lines, header rows repeated on each page (w:tblHeader)."""
        columns = len(block.widths)
        widths = tuple(w * width_mm for w in block.widths)
        table = self.word.add_table(rows=len(block.rows), cols=columns)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        _grid(table, self.profile.header.rule_weight_pt)
        _widths(table, widths)
        for r, (row, cells) in enumerate(zip(table.rows, block.rows, strict=True)):
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))
            if r < block.header_rows:
                tr_pr.append(OxmlElement("w:tblHeader"))
            for cell, para, w in zip(row.cells, cells, widths, strict=True):
                self.paragraph(cell, para, w - 2 * CELL_PAD_MM, first=True)

    def blocks(self, blocks: list[Block], width_mm: float) -> None:
        page = self.profile.page
        for block in blocks:
            if isinstance(block, DocTable) and block.landscape and width_mm <= page.text_width_mm:
                # A wide table in the body: a landscape section of its own, as in the PDF.
                self._section_break(landscape=False)
                self.table(block, page.height_mm - page.margin_left_mm - page.margin_right_mm)
                self._section_break(landscape=True)
            elif isinstance(block, DocTable):
                self.table(block, width_mm)
            else:
                self.paragraph(self.word, block, width_mm)

    def _section_break(self, landscape: bool) -> None:
        """End the current section here (its properties go on a paragraph, as Word stores them).
        Only the document's first section hides the number of its first page."""
        import copy

        body = self.word.element.body
        final = body.sectPr
        ended = copy.deepcopy(final)
        size = ended.find(qn("w:pgSz"))
        width, height = Mm(self.profile.page.width_mm), Mm(self.profile.page.height_mm)
        if landscape:
            size.set(qn("w:w"), str(round(height.twips)))
            size.set(qn("w:h"), str(round(width.twips)))
            size.set(qn("w:orient"), "landscape")
        if self._sections_ended:
            title = ended.find(qn("w:titlePg"))
            if title is not None:
                ended.remove(title)
        holder = parse_xml(f'<w:p xmlns:w="{W_NS}"><w:pPr/></w:p>')
        holder.find(qn("w:pPr")).append(ended)
        final.addprevious(holder)
        self._sections_ended += 1
        title = final.find(qn("w:titlePg"))
        if title is not None:  # what follows is no longer the first section
            final.remove(title)

    def appendix(self, appendix: Appendix) -> None:
        """A new section: its own orientation and page numbers from 1 (hidden on its first page)."""
        page = self.profile.page
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        if appendix.landscape:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = Mm(page.height_mm), Mm(page.width_mm)
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
        section.different_first_page_header_footer = not self.profile.page_numbers.first_page
        if self.profile.appendix.restart_page_numbers:
            number_type = OxmlElement("w:pgNumType")
            number_type.set(qn("w:start"), "1")
            section._sectPr.append(number_type)
        width = (page.height_mm if appendix.landscape else page.width_mm) - page.margin_left_mm - page.margin_right_mm
        self.blocks([*appendix.heading, *appendix.body], width)

    def write(self) -> bytes:
        page = self.profile.page
        define_styles(self.word, self.profile)
        section = self.word.sections[0]
        section.start_type = WD_SECTION.NEW_PAGE
        section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
        section.top_margin, section.bottom_margin = Mm(page.margin_top_mm), Mm(page.margin_bottom_mm)
        section.left_margin, section.right_margin = Mm(page.margin_left_mm), Mm(page.margin_right_mm)
        section.header_distance = Mm(self.profile.page_numbers.header_distance_mm)
        section.different_first_page_header_footer = not self.profile.page_numbers.first_page
        if self.doc.duplex:
            self._mirror_margins()
        self._page_number_field(section.header.paragraphs[0])
        self.footnote_ids = {n: i for i, (n, _) in enumerate(self.doc.footnotes, start=1)}

        # The default body holds one empty paragraph; the header table goes before it.
        h = self.profile.header
        for row in self.doc.header:
            self.columns(row.left, row.right, (h.left_width_mm, h.right_width_mm))
        body = self.doc.body
        sig = self.doc.signature
        self.blocks(body, page.text_width_mm)
        if sig.left or sig.right:
            last = self.word.element.body.findall(qn("w:p"))
            if last and body and isinstance(body[-1], Para):
                ppr = last[-1].get_or_add_pPr()  # never leave the signature alone
                if ppr.find(qn("w:keepNext")) is None:
                    ppr.insert(0, OxmlElement("w:keepNext"))
            self.signature()
        first = self.word.element.body[0]
        if first.tag == qn("w:p") and not "".join(first.itertext()).strip():
            self.word.element.body.remove(first)
        # A 1 pt paragraph before the header table (the PDF has the same 1 pt): LibreOffice starts a
        # document that opens with a table 10 mm lower when it has footnotes, and in Word one can
        # then type above the table.
        self.word.element.body.insert(0, parse_xml(
            f'<w:p xmlns:w="{W_NS}"><w:pPr><w:pStyle w:val="{self.style_id("base")}"/>'
            f'<w:spacing w:before="0" w:after="0" w:line="{TOP_STRUT_PT * 20}" '
            f'w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>'))
        for appendix in self.doc.appendices:
            self.appendix(appendix)
        if self.doc.footnotes:
            add_footnotes_part(self.word, [(self.footnote_ids[n], t) for n, t in self.doc.footnotes],
                               style_name("footnote"))
        self._properties()
        buffer = io.BytesIO()
        self.word.save(buffer)
        return buffer.getvalue()

    def _mirror_margins(self) -> None:
        """Two-sided printing: Word's mirrored margins (inside = left of page 1, 30 mm)."""
        settings = self.word.settings.element
        if settings.find(qn("w:mirrorMargins")) is None:
            mirror = OxmlElement("w:mirrorMargins")
            zoom = settings.find(qn("w:zoom"))
            (zoom.addnext if zoom is not None else settings.append)(mirror)

    def _properties(self) -> None:
        """The program's own title, author, dates and language, not the template's."""
        props = self.word.core_properties
        now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
        props.title, props.author, props.subject = self.doc.title, self.doc.author, self.doc.subject
        props.last_modified_by = self.doc.author
        props.comments = f"hgdesk – {self.profile.name}"
        props.keywords = self.profile.guideline or self.profile.id
        props.category = "Văn bản dự thảo" if self.doc.draft else "Văn bản"
        props.language = LANGUAGE
        props.revision = 1
        props.created = props.modified = now
        if self.doc.date:
            props.identifier = self.doc.date
        app = self.word.part.package.part_related_by(RT.EXTENDED_PROPERTIES)
        app._blob = APP_XML.format(company=_xml_escape(self.doc.author)).encode("utf-8")

    def _footnote_reference(self, paragraph, note_id: int) -> None:
        run = paragraph.add_run()
        run.style = self.word.styles["HG footnote reference"]
        ref = OxmlElement("w:footnoteReference")
        ref.set(qn("w:id"), str(note_id))
        run._r.append(ref)

    def _page_number_field(self, paragraph) -> None:
        """The header's PAGE field (shown from page 2: the first page has its own, empty header)."""
        p = paragraph._p
        p.get_or_add_pPr().get_or_add_pStyle().set(qn("w:val"), self.style_id("page_number"))  # one pPr: Word's rule
        runs = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
                '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
                '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
        for run in parse_xml(f'<w:p xmlns:w="{W_NS}">{runs}</w:p>'):
            p.append(run)


def _twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def _xml_escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def _widths(table, widths_mm: tuple[float, ...]) -> None:
    """Column widths on the grid and on every cell (Word reads the cells, LibreOffice the grid)."""
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
        col.set(qn("w:w"), str(round(width * 1440 / 25.4)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)


def _grid(table, weight_pt: float) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), str(max(2, round(weight_pt * 8))))
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(CELL_PAD_MM * 1440 / 25.4)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)


def add_footnotes_part(word_document, notes: list[tuple[int, str]], paragraph_style: str | None = None) -> None:
    """Word footnotes: python-docx has no API for them, so the part is written here."""
    from xml.sax.saxutils import escape

    style = ""
    if paragraph_style:
        style_id = word_document.styles[paragraph_style].style_id
        style = f'<w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>'
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p>{style}<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
        f'<w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> {escape(nfc(text))}</w:t></w:r></w:p></w:footnote>'
        for i, text in notes
    )
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        f"</w:footnote>{body}</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"),
                "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
                xml.encode("utf-8"), word_document.part.package)
    word_document.part.relate_to(part, RT.FOOTNOTES)
    parse_xml(xml.encode("utf-8"))  # fail here, not in Word, if the XML were malformed


def render_docx_bytes(document: Document) -> bytes:
    return _Writer(document).write()


def render_docx(document: Document, out: str | Path | BinaryIO) -> None:
    write_to(render_docx_bytes(document), out)
