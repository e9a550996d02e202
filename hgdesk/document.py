"""The render-neutral description of a printed program.

Built once by hgdesk.layout from a program, drawn by both the PDF and the DOCX renderer,
so the two outputs cannot drift apart. Style names refer to the FormatProfile's styles.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hgdesk.formats import FormatProfile


@dataclass(frozen=True)
class Run:
    text: str
    superscript: bool = False  # a footnote reference
    bold: bool = False  # emphasis inside a paragraph (on top of the paragraph's style)
    italic: bool = False


@dataclass
class Para:
    style: str
    runs: list[Run]
    rule: float = 0.0  # a solid line under the text, as a fraction of the text's width
    boxed: bool = False  # framed, as the draft mark
    keep_with_next: bool = False  # headings stay with what follows them
    space_before_mm: float = 0.0  # extra room above, e.g. for the signature and seal

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Table:
    """A real table (indicator tables, appendices): cells are paragraphs; the first
    `header_rows` rows repeat at the top of every page the table runs onto."""

    rows: list[list[Para]]
    widths: list[float]  # fractions of the text width, summing to 1
    header_rows: int = 1
    landscape: bool = False  # too wide for a portrait page: printed on landscape pages

    @property
    def text(self) -> str:
        return " ".join(p.text for row in self.rows for p in row)


Block = Para | Table


@dataclass
class Appendix:
    """A "Phụ lục" after the signature: its own pages, title, reference line and page numbers."""

    heading: list[Para]  # "Phụ lục 1", the title, "(Kèm theo …)", "-----"
    body: list[Block]
    landscape: bool = False


@dataclass
class Row:
    """Two columns side by side: header block rows, and recipients beside the signature."""

    left: list[Para] = field(default_factory=list)
    right: list[Para] = field(default_factory=list)


@dataclass
class Document:
    profile: FormatProfile
    title: str
    author: str
    subject: str
    header: list[Row]
    body: list[Block]
    signature: Row
    footnotes: list[tuple[int, str]]
    draft: bool
    appendices: list[Appendix] = field(default_factory=list)
    duplex: bool = False  # two-sided: even pages mirror the margins
    date: str = ""  # the document's date (ISO) or "" for an undated draft; core properties
    profile_reason: str = ""  # why this profile applies, shown to the user

    def all_paragraphs(self) -> list[Para]:
        paras: list[Para] = []
        for row in self.header:
            paras += row.left + row.right
        blocks = [*self.body, *(b for a in self.appendices for b in [*a.heading, *a.body])]
        for block in blocks:
            paras += [p for row in block.rows for p in row] if isinstance(block, Table) else [block]
        return paras + self.signature.left + self.signature.right
