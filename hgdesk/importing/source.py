"""What every reader gives the parser: a document's lines in reading order, and what its format knew."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Source:
    """Lines of text in reading order, plus what the format knew beyond them."""

    name: str
    lines: list[str]
    # True when each line is already a whole paragraph (Word); False for plain text,
    # which may carry hard line breaks inside paragraphs (text copied from a PDF).
    paragraphs: bool = False
    # Word keeps footnotes apart; in plain text a line "[1] …" is the footnote itself.
    word: bool = False
    footnotes: dict[int, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
