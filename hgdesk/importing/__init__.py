"""Files (.txt, .docx, text pasted from a PDF) -> a parsed program tree."""

from __future__ import annotations

from pathlib import Path

from hgdesk.importing.model import ParsedNode, ParsedProgram, to_text
from hgdesk.importing.parser import parse_source
from hgdesk.importing.readers import read_bytes, read_file
from hgdesk.importing.source import Source

__all__ = ["ParsedNode", "ParsedProgram", "parse_bytes", "parse_file", "parse_text", "to_text"]


def parse_file(path: str | Path) -> ParsedProgram:
    return parse_source(read_file(path))


def parse_bytes(data: bytes, name: str) -> ParsedProgram:
    return parse_source(read_bytes(data, name))


def parse_text(text: str, name: str = "văn bản dán vào", *, paragraphs: bool = False) -> ParsedProgram:
    """Parse pasted text. `paragraphs=True` says each line is a whole paragraph (as `to_text`
    writes them), so no hard line breaks are rejoined."""
    return parse_source(Source(name=name, lines=text.splitlines(), paragraphs=paragraphs))
