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
    body: list[Para]
    signature: Row
    footnotes: list[tuple[int, str]]
    draft: bool

    def all_paragraphs(self) -> list[Para]:
        paras: list[Para] = []
        for row in self.header:
            paras += row.left + row.right
        return paras + self.body + self.signature.left + self.signature.right
