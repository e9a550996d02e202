"""Document -> PDF with reportlab: A4, embedded font subsets, page numbers from page 2,
footnotes at the foot of the page that refers to them, real tables, appendices on their own
(landscape where the table is wide) pages with their own page numbers, mirrored margins on
back pages when printing two-sided.

Pagination follows Word's rules, so the DOCX the user finishes in Word breaks where the PDF
does: a heading keeps only the first two lines of what follows it, paragraphs keep at least
two lines on each page, and the last two lines of the body go with the signature block."""

from __future__ import annotations

import io
import math
import re
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

import reportlab.platypus.paragraph as rl_paragraph
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getDescent
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import FrameBreak

from hgdesk.document import Appendix, Block, Document, Para
from hgdesk.document import Table as DocTable
from hgdesk.formats import FormatProfile, Style
from hgdesk.render import write_to
from hgdesk.render.fonts import font_name, font_set, register_reportlab_fonts, text_width_pt
from hgdesk.text import nfc

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
MAX_PASSES = 4  # footnote placement converges in two passes in practice
KEEP_LINES = 2  # Word's widow/orphan control: at least two lines of a paragraph on a page
CELL_PAD_PT = 2.5
TOP_STRUT_PT = 1


# Word and LibreOffice may break a line after a hyphen inside a word ("137-" / "QĐ/TW"), not
# before a digit ("2021-2025", Unicode line-breaking rule HY × NU). Reportlab only tries its
# hyphenator on words of letters, so the pattern is widened to the words of document symbols.
rl_paragraph._hy_shy_letters_pat = re.compile(r"^[\w\-\xad/.,:;()%]+$")


def rule_space_pt(clearance_mm: float) -> int:
    """The gap between text and its rule in whole points (Word's border spacing unit), rounded up."""
    return min(31, math.ceil(clearance_mm * mm - 1e-6))


def break_after_hyphens(word: str):
    """The places a word may break, latest first: after a hyphen followed by a non-digit."""
    for i in range(len(word) - 2, 0, -1):
        if word[i] == "-" and not word[i + 1].isdigit() and word[i + 1] != "-":
            yield word[: i + 1], word[i + 1:]


def paragraph_style(style: Style) -> ParagraphStyle:
    return ParagraphStyle(
        style.name,
        fontName=font_name(style.bold, style.italic),
        fontSize=style.size,
        leading=style.leading,
        alignment=ALIGN[style.align],
        firstLineIndent=style.first_indent_mm * mm,
        leftIndent=style.left_indent_mm * mm,
        spaceBefore=style.space_before_pt,
        spaceAfter=style.space_after_pt,
        allowWidows=0,
        allowOrphans=0,
        splitLongWords=1,
        spaceShrinkage=0,
        hyphenationLang=break_after_hyphens,  # Word and LibreOffice never squeeze spaces: lines must break where theirs do
    )


def _markup(para: Para, style: Style) -> str:
    parts = []
    for run in para.runs:
        text = escape(nfc(run.text))
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(f"<super>{text}</super>" if run.superscript else text)
    markup = "".join(parts)
    return f"<u>{markup}</u>" if style.underline else markup


class NotedParagraph(Paragraph):
    """A paragraph that knows which footnotes it refers to, also after a page split."""

    def __init__(self, text, style, *args, footnotes: list[int] | None = None, **kwargs) -> None:
        super().__init__(text, style, *args, **kwargs)
        self.footnotes = list(footnotes or [])

    def split(self, availWidth, availHeight):
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.footnotes = [n for n in self.footnotes if n in _superscripts(part)]
        return parts


def _superscripts(paragraph: Paragraph) -> set[int]:
    numbers = set()
    for frag in getattr(paragraph, "frags", None) or []:
        text = getattr(frag, "text", "")
        if getattr(frag, "rise", 0) and text.strip().isdigit():
            numbers.add(int(text))
        for word in getattr(frag, "words", None) or []:
            for sub in word[1:] if isinstance(word, list | tuple) else []:
                if isinstance(sub, tuple) and len(sub) == 2 and getattr(sub[0], "rise", None) and sub[1].isdigit():
                    numbers.add(int(sub[1]))
    return numbers


class KeepTail(Flowable):
    """The last paragraph of the body followed by the signature block: when they do not fit,
    only the paragraph's last two lines move to the next page with the block (as Word's
    "keep with next" on a paragraph with widow control), never the block alone."""

    def __init__(self, para: Flowable, follower: list[Flowable]) -> None:
        super().__init__()
        self.para, self.follower = para, follower

    def wrap(self, aW, aH):
        self._sizes = (aW, aH)
        return aW, 0xFFFFFF  # always split: the frame asks what goes where

    def _height(self, flowables: list[Flowable], aW: float, aH: float) -> float:
        total = 0.0
        for f in flowables:
            total += f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        return total

    def split(self, aW, aH):
        frame = getattr(self, "_frame", None)
        at_top = bool(frame and getattr(frame, "_atTop", False))
        para_h = self._height([self.para], aW, 10_000_000)
        follow_h = self._height(self.follower, aW, 10_000_000)
        if para_h + follow_h <= aH:
            return [self.para, *self.follower]
        if isinstance(self.para, Paragraph):
            leading = self.para.style.leading
            lines = len(self.para.blPara.lines) if hasattr(self.para, "blPara") else 0
            if lines >= 2 * KEEP_LINES:
                limit = min(aH, (lines - KEEP_LINES) * leading + self.para.getSpaceBefore() + 0.01)
                parts = self.para.split(aW, limit)
                if len(parts) == 2:
                    return [parts[0], KeepTogether([parts[1], *self.follower])]
        if at_top:  # nothing to move: flow as it comes rather than loop
            return [self.para, *self.follower]
        return [FrameBreak, self.para, *self.follower]


class PageCounter(Flowable):
    """Zero-size marker: the page it lands on is page 1 of an appendix (own page numbers)."""

    def __init__(self, renderer: _Renderer) -> None:
        super().__init__()
        self.renderer = renderer

    def wrap(self, aW, aH):
        return 0, 0

    def draw(self):
        self.renderer.restarts.add(self.canv.getPageNumber())


class _Renderer:
    def __init__(self, document: Document) -> None:
        register_reportlab_fonts()
        self.doc = document
        self.profile: FormatProfile = document.profile
        self.styles = {name: paragraph_style(s) for name, s in self.profile.styles.items()}
        self.text_width = self.profile.page.text_width_mm * mm
        self.restarts: set[int] = set()

    # flowables -------------------------------------------------------------------------
    def paragraph(self, para: Para, style_override: ParagraphStyle | None = None) -> NotedParagraph:
        style = self.profile.style(para.style)
        footnotes = [int(r.text) for r in para.runs if r.superscript]
        pstyle = style_override or self.styles[para.style]
        if para.rule:  # the paragraph's space after goes below its rule
            pstyle = ParagraphStyle(f"{para.style}-ruled", parent=pstyle, spaceAfter=0)
        return NotedParagraph(_markup(para, style), pstyle, footnotes=footnotes)

    def flow(self, para: Para, width: float) -> list[Flowable]:
        style = self.profile.style(para.style)
        p = self.paragraph(para)
        out: list[Flowable] = []
        if para.space_before_mm:
            out.append(Spacer(1, para.space_before_mm * mm))
        h = self.profile.header
        if para.boxed:
            pad = h.box_padding_pt
            inner = text_width_pt(para.text, style.size, style.bold, style.italic) + 2 * pad
            box = Table([[p]], colWidths=[inner], hAlign="CENTER")
            box.setStyle(TableStyle([
                ("BOX", (0, 0), (-1, -1), h.rule_weight_pt, "black"),
                ("FONT", (0, 0), (-1, -1), font_name(False, False)),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad / 4), ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 3 / 4),
            ]))
            out.append(Spacer(1, h.box_space_before_pt))
            out.append(box)
        elif para.style == "draft_mark":
            out.append(Spacer(1, h.box_space_before_pt))
            out.append(p)
        else:
            out.append(p)
        if para.rule:
            out.append(self.rule(para, style, width))
        return out

    def rule(self, para: Para, style: Style, width: float) -> HRFlowable:
        """A solid line under the text, clear of its lowest marks (the dot below of "Ộ") by the
        profile's clearance: the font's descent below the baseline, then the clearance."""
        h = self.profile.header
        length = text_width_pt(para.text, style.size, style.bold, style.italic) * para.rule
        below_baseline = style.leading - style.size  # reportlab: baseline at fontSize below the top
        depth = -getDescent(font_name(style.bold, style.italic), style.size)
        # Where Word draws a bottom border: below the descent, by a whole number of points.
        gap = max(0.0, depth + rule_space_pt(h.rule_clearance_mm) - below_baseline)
        return HRFlowable(width=min(length, width), thickness=h.rule_weight_pt, color="black", hAlign="CENTER",
                          spaceBefore=gap, spaceAfter=style.space_after_pt)

    def columns(self, left: list[Para], right: list[Para], widths: tuple[float, float]) -> Table:
        cells = [[f for p in left for f in self.flow(p, widths[0])], [f for p in right for f in self.flow(p, widths[1])]]
        return self._borderless([cells], widths)

    def _borderless(self, rows, widths) -> Table:
        table = Table(rows, colWidths=list(widths), hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("FONT", (0, 0), (-1, -1), font_name(False, False)),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        return table

    def table(self, block: DocTable, width: float) -> Table:
        """A real table: grid lines, header rows repeated on every page it runs onto."""
        rows = [[self.paragraph(p) for p in row] for row in block.rows]
        widths = [w * width for w in block.widths]
        table = Table(rows, colWidths=widths, repeatRows=block.header_rows, hAlign="CENTER", splitByRow=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), self.profile.header.rule_weight_pt, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("FONT", (0, 0), (-1, -1), font_name(False, False)),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD_PT), ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD_PT),
            ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD_PT), ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD_PT),
        ]))
        return table

    def blocks(self, blocks: list[Block], width: float) -> list[Flowable]:
        """Body blocks, with each run of headings kept with the first two lines after it."""
        out: list[Flowable] = []
        pending: list[Flowable] = []  # a run of headings waiting for what follows them
        for block in blocks:
            if isinstance(block, DocTable) and block.landscape and width <= self.text_width:
                # A wide table in the body: landscape pages of its own, then portrait again.
                out += [*pending, NextPageTemplate("landscape"), PageBreak(),
                        self.table(block, self.landscape_width), NextPageTemplate("portrait"), PageBreak()]
                pending = []
                continue
            flowables = ([self.table(block, width)] if isinstance(block, DocTable)
                         else self.flow(block, width))
            if isinstance(block, Para) and block.keep_with_next:
                pending += flowables
                continue
            if pending:
                need = sum(self._full_height(f, width) for f in pending) + self._head_height(flowables, width)
                out.append(CondPageBreak(need))
                out += pending
                pending = []
            out += flowables
        if pending:
            out += pending
        return out

    @staticmethod
    def _full_height(f: Flowable, width: float) -> float:
        return f.wrap(width, 10_000_000)[1] + f.getSpaceBefore() + f.getSpaceAfter()

    def _head_height(self, flowables: list[Flowable], width: float) -> float:
        """Height of the first two lines (or first two table rows) of what follows a heading."""
        total = 0.0
        for f in flowables:
            if isinstance(f, Paragraph):
                _, h = f.wrap(width, 10_000_000)
                lines = len(f.blPara.lines)
                return total + f.getSpaceBefore() + min(h, KEEP_LINES * f.style.leading) + (
                    f.getSpaceAfter() if lines <= KEEP_LINES else 0)
            if isinstance(f, Table):
                f.wrap(width, 10_000_000)
                return total + sum(f._rowHeights[: f.repeatRows + 1])
            total += self._full_height(f, width)
        return total

    def recipients_beside(self) -> int:
        """How many left-column paragraphs (label and recipients) stand beside the signature:
        those that start above its foot (so the list runs on without a gap), at least the
        label and one recipient."""
        sig = self.doc.signature
        s = self.profile.signature
        widths = (s.left_width_mm * mm, s.right_width_mm * mm)
        right_h = sum(self._full_height(f, widths[1]) for p in sig.right for f in self.flow(p, widths[1]))
        used, i = 0.0, 0
        for para in sig.left:
            h = sum(self._full_height(f, widths[0]) for f in self.flow(para, widths[0]))
            if i > 1 and used >= right_h:
                break
            used += h
            i += 1
        return i

    def signature(self) -> tuple[list[Flowable], list[Flowable]]:
        """(the block kept with the last lines of the body, the rest of a long recipient list).

        The first row holds the signature and the recipients that stand beside it; every
        further recipient is a row of its own, so a list of any length flows onto the next page."""
        sig = self.doc.signature
        s = self.profile.signature
        widths = (s.left_width_mm * mm, s.right_width_mm * mm)
        beside = self.recipients_beside()
        right = [f for p in sig.right for f in self.flow(p, widths[1])]
        first = [f for p in sig.left[:beside] for f in self.flow(p, widths[0])]
        head = self._borderless([[first, right]], widths)
        rest = [[self.flow(p, widths[0]), []] for p in sig.left[beside:]]
        tail = [self._borderless(rest, widths)] if rest else []
        return [Spacer(1, s.space_before_pt), head], tail

    def appendix(self, appendix: Appendix, index: int) -> list[Flowable]:
        template = "landscape" if appendix.landscape else "portrait"
        width = self.landscape_width if appendix.landscape else self.text_width
        out: list[Flowable] = [NextPageTemplate(template), PageBreak(), PageCounter(self)]
        out += self.blocks([*appendix.heading, *appendix.body], width)
        return out

    @property
    def landscape_width(self) -> float:
        page = self.profile.page
        return (page.height_mm - page.margin_left_mm - page.margin_right_mm) * mm

    def story(self) -> list[Flowable]:
        h = self.profile.header
        header_widths = (h.left_width_mm * mm, h.right_width_mm * mm)
        story: list[Flowable] = [Spacer(1, TOP_STRUT_PT)]  # the DOCX's 1 pt line above the header table
        story += [self.columns(r.left, r.right, header_widths) for r in self.doc.header]
        body = self.blocks(self.doc.body, self.text_width)
        sig = self.doc.signature
        if sig.left or sig.right:
            kept, rest = self.signature()
            # The signature never stands alone on a page: the end of the body goes with it.
            tail = body.pop() if body else None
            body.append(KeepTail(tail, kept) if tail is not None else KeepTogether(kept))
            body += rest
        story += body
        for i, appendix in enumerate(self.doc.appendices, start=1):
            story += self.appendix(appendix, i)
        return story

    # footnotes at the foot of the page ---------------------------------------------------
    def footnote_flowables(self, numbers: list[int]) -> list[Paragraph]:
        texts = dict(self.doc.footnotes)
        style = self.styles["footnote"]
        return [Paragraph(f"<super>{n}</super> {escape(texts[n])}", style) for n in numbers if n in texts]

    def footnote_height(self, numbers: list[int], width: float) -> float:
        if not numbers:
            return 0.0
        gap = self.profile.footnotes.gap_pt
        height = 2 * gap  # the short rule above the notes and its gaps
        for p in self.footnote_flowables(numbers):
            _, h = p.wrap(width, 10_000)
            height += h + gap / 2
        return height

    def page_label(self, physical: int) -> int | None:
        """The printed page number (restarting in each appendix), None where it is hidden."""
        start = max((p for p in self.restarts if p <= physical), default=1)
        number = physical - start + 1
        return None if number == 1 and not self.profile.page_numbers.first_page else number

    def build(self, assigned: dict[int, list[int]]) -> tuple[bytes, dict[int, list[int]]]:
        page = self.profile.page
        found: dict[int, list[int]] = {}
        renderer = self
        buffer = io.BytesIO()
        self.restarts = set()
        portrait = (page.width_mm * mm, page.height_mm * mm)
        landscape = (page.height_mm * mm, page.width_mm * mm)
        frames = {name: Frame(0, 0, 10, 10, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=name)
                  for name in ("portrait", "landscape")}

        def geometry(name: str, number: int) -> tuple[float, float, float]:
            """(left x, text width, page height) of physical page `number`."""
            width_pt, height_pt = landscape if name == "landscape" else portrait
            left, right = page.margins(number, renderer.doc.duplex)
            return left * mm, width_pt - (left + right) * mm, height_pt

        class Template(BaseDocTemplate):
            def handle_pageBegin(self):
                number = self.page + 1
                name = self.pageTemplate.id
                left, width, height = geometry(name, number)
                reserve = renderer.footnote_height(assigned.get(number, []), width)
                full = height - (page.margin_top_mm + page.margin_bottom_mm) * mm
                frame = frames[name]
                frame._x1, frame._width = left, width
                frame._y1 = page.margin_bottom_mm * mm + reserve
                frame._height = full - reserve
                frame._geom()
                super().handle_pageBegin()

            def afterFlowable(self, flowable):
                for n in getattr(flowable, "footnotes", []):
                    pages = found.setdefault(self.page, [])
                    if n not in pages and not any(n in v for v in found.values()):
                        pages.append(n)

        def on_page_end(canvas, doc) -> None:
            canvas.saveState()
            number = doc.page
            left, width, height = geometry(doc.pageTemplate.id, number)
            label = self.page_label(number)
            if label is not None:
                style = self.profile.style("page_number")
                canvas.setFont(font_name(style.bold, style.italic), style.size)
                canvas.drawCentredString(left + width / 2, height - self.profile.page_numbers.from_top_mm * mm,
                                         str(label))
            notes = assigned.get(number, [])
            if notes:
                f = self.profile.footnotes
                y = page.margin_bottom_mm * mm + self.footnote_height(notes, width) - f.gap_pt
                canvas.setLineWidth(self.profile.header.rule_weight_pt)
                canvas.line(left, y, left + width * f.rule_fraction, y)
                y -= f.gap_pt * 3 / 4
                for p in self.footnote_flowables(notes):
                    _, h = p.wrap(width, 10_000)
                    p.drawOn(canvas, left, y - h)
                    y -= h + f.gap_pt / 2
            canvas.restoreState()

        template = Template(
            buffer, pagesize=portrait,
            leftMargin=page.margin_left_mm * mm, rightMargin=page.margin_right_mm * mm,
            topMargin=page.margin_top_mm * mm, bottomMargin=page.margin_bottom_mm * mm,
            title=self.doc.title, author=self.doc.author, subject=self.doc.subject,
            creator="hgdesk", producer=f"hgdesk (font {font_set().name})", lang="vi-VN",
            initialFontName=font_name(False, False),
        )
        template.addPageTemplates([
            PageTemplate(id="portrait", frames=[frames["portrait"]], onPageEnd=on_page_end, pagesize=portrait),
            PageTemplate(id="landscape", frames=[frames["landscape"]], onPageEnd=on_page_end, pagesize=landscape),
        ])
        template.build(self.story())
        return buffer.getvalue(), found


def recipients_beside(document: Document) -> int:
    """The PDF's split of the recipient list beside the signature, for the DOCX to follow."""
    return _Renderer(document).recipients_beside()


def render_pdf_bytes(document: Document) -> bytes:
    renderer = _Renderer(document)
    assigned: dict[int, list[int]] = {}
    data = b""
    for _ in range(MAX_PASSES):
        data, found = renderer.build(assigned)
        if found == assigned:
            break
        assigned = found
    return data


def render_pdf(document: Document, out: str | Path | BinaryIO) -> None:
    write_to(render_pdf_bytes(document), out)
