"""Document -> PDF with reportlab: A4, embedded font subsets, page numbers from page 2,
footnotes at the foot of the page that refers to them."""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from hgdesk.document import Document, Para
from hgdesk.formats import FormatProfile, Style
from hgdesk.render import write_to
from hgdesk.render.fonts import font_name, font_set, register_reportlab_fonts, text_width_pt
from hgdesk.text import nfc

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "justify": TA_JUSTIFY}
MAX_PASSES = 4  # footnote placement converges in two passes in practice


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
                if isinstance(sub, tuple) and len(sub) == 2 and getattr(sub[0], "rise", 0) and sub[1].isdigit():
                    numbers.add(int(sub[1]))
    return numbers


class _Renderer:
    def __init__(self, document: Document) -> None:
        register_reportlab_fonts()
        self.doc = document
        self.profile: FormatProfile = document.profile
        self.styles = {name: paragraph_style(s) for name, s in self.profile.styles.items()}
        self.text_width = self.profile.page.text_width_mm * mm

    # flowables -------------------------------------------------------------------------
    def flow(self, para: Para, width: float) -> list[Flowable]:
        style = self.profile.style(para.style)
        footnotes = [int(r.text) for r in para.runs if r.superscript]
        pstyle = self.styles[para.style]
        if para.rule:  # the paragraph's space after goes below its rule
            pstyle = ParagraphStyle(f"{para.style}-ruled", parent=pstyle, spaceAfter=0)
        p = NotedParagraph(_markup(para, style), pstyle, footnotes=footnotes)
        if para.keep_with_next:
            p.keepWithNext = 1
        out: list[Flowable] = []
        if para.space_before_mm:
            out.append(Spacer(1, para.space_before_mm * mm))
        if para.boxed:
            h = self.profile.header
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
        else:
            out.append(p)
        if para.rule:
            h = self.profile.header
            length = text_width_pt(para.text, style.size, style.bold, style.italic) * para.rule
            out.append(HRFlowable(width=min(length, width), thickness=h.rule_weight_pt, color="black",
                                  hAlign="CENTER", spaceBefore=h.rule_gap_pt,
                                  spaceAfter=h.rule_gap_pt + style.space_after_pt))
        return out

    def columns(self, left: list[Para], right: list[Para], widths: tuple[float, float]) -> Table:
        cells = [[f for p in left for f in self.flow(p, widths[0])], [f for p in right for f in self.flow(p, widths[1])]]
        table = Table([cells], colWidths=list(widths), hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ("FONT", (0, 0), (-1, -1), font_name(False, False)),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]))
        return table

    def story(self) -> list[Flowable]:
        h = self.profile.header
        header_widths = (h.left_width_mm * mm, h.right_width_mm * mm)
        story: list[Flowable] = [self.columns(r.left, r.right, header_widths) for r in self.doc.header]
        body = [f for p in self.doc.body for f in self.flow(p, self.text_width)]
        sig = self.doc.signature
        if sig.left or sig.right:
            s = self.profile.signature
            table = self.columns(sig.left, sig.right, (s.left_width_mm * mm, s.right_width_mm * mm))
            # The signature never stands alone on a page: the last body paragraph goes with it.
            tail = body[-1:] if body else []
            body = [*body[:-1], KeepTogether([*tail, Spacer(1, s.space_before_pt), table])]
        return story + body

    # footnotes at the foot of the page ---------------------------------------------------
    def footnote_flowables(self, numbers: list[int]) -> list[Paragraph]:
        texts = dict(self.doc.footnotes)
        style = self.styles["footnote"]
        return [Paragraph(f"<super>{n}</super> {escape(texts[n])}", style) for n in numbers if n in texts]

    def footnote_height(self, numbers: list[int]) -> float:
        if not numbers:
            return 0.0
        gap = self.profile.footnotes.gap_pt
        height = 2 * gap  # the short rule above the notes and its gaps
        for p in self.footnote_flowables(numbers):
            _, h = p.wrap(self.text_width, 10_000)
            height += h + gap / 2
        return height

    def build(self, assigned: dict[int, list[int]]) -> tuple[bytes, dict[int, list[int]]]:
        page = self.profile.page
        found: dict[int, list[int]] = {}
        renderer = self
        buffer = io.BytesIO()
        frame = Frame(page.margin_left_mm * mm, page.margin_bottom_mm * mm, self.text_width,
                      (page.height_mm - page.margin_top_mm - page.margin_bottom_mm) * mm,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")

        class Template(BaseDocTemplate):
            def handle_pageBegin(self):
                number = self.page + 1
                reserve = renderer.footnote_height(assigned.get(number, []))
                full = (page.height_mm - page.margin_top_mm - page.margin_bottom_mm) * mm
                frame._y1 = page.margin_bottom_mm * mm + reserve
                frame._height = full - reserve
                frame._geom()
                super().handle_pageBegin()

            def afterFlowable(self, flowable):
                for n in getattr(flowable, "footnotes", []):
                    pages = found.setdefault(self.page, [])
                    if n not in pages and not any(n in v for v in found.values()):
                        pages.append(n)

        def on_page(canvas, doc) -> None:
            canvas.saveState()
            number = doc.page
            if number > 1 or self.profile.page_numbers.first_page:
                style = self.profile.style("page_number")
                canvas.setFont(font_name(style.bold, style.italic), style.size)
                x = page.margin_left_mm * mm + self.text_width / 2
                canvas.drawCentredString(x, (page.height_mm - self.profile.page_numbers.from_top_mm) * mm, str(number))
            notes = assigned.get(number, [])
            if notes:
                f = self.profile.footnotes
                y = page.margin_bottom_mm * mm + self.footnote_height(notes) - f.gap_pt
                canvas.setLineWidth(self.profile.header.rule_weight_pt)
                left = page.margin_left_mm * mm
                canvas.line(left, y, left + self.text_width * f.rule_fraction, y)
                y -= f.gap_pt * 3 / 4
                for p in self.footnote_flowables(notes):
                    _, h = p.wrap(self.text_width, 10_000)
                    p.drawOn(canvas, left, y - h)
                    y -= h + f.gap_pt / 2
            canvas.restoreState()

        template = Template(
            buffer, pagesize=(page.width_mm * mm, page.height_mm * mm),
            leftMargin=page.margin_left_mm * mm, rightMargin=page.margin_right_mm * mm,
            topMargin=page.margin_top_mm * mm, bottomMargin=page.margin_bottom_mm * mm,
            title=self.doc.title, author=self.doc.author, subject=self.doc.subject,
            creator="hgdesk", producer=f"hgdesk (font {font_set().name})", lang="vi-VN",
            initialFontName=font_name(False, False),
        )
        template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=on_page)])
        template.build(self.story())
        return buffer.getvalue(), found


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
