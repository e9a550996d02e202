"""How a program is named to the secretary in lists, messages and the dashboard (one naming)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from hgdesk.text import to_roman

if TYPE_CHECKING:
    from hgdesk.models import Program


class Described(NamedTuple):
    """The columns `describe` reads, for a column query that loads no Program."""

    name: str | None
    kind: str
    quarter: int | None
    year: int | None
    term: str
    document_type: str


def describe(program: Program | Described) -> str:
    """A short Vietnamese name for lists: the secretary's own name, or "Chương trình công tác quý II/2024"."""
    if program.name:
        return program.name
    if program.kind == "quarterly" and program.quarter:
        return f"Chương trình công tác quý {to_roman(program.quarter)}/{program.year}"
    if program.kind == "annual":
        return f"Chương trình công tác năm {program.year}"
    if program.kind == "half_year":
        return f"Chương trình công tác 6 tháng năm {program.year}"
    if program.kind == "term":
        return f"Văn bản nhiệm kỳ {program.term or program.year}"
    return program.document_type.capitalize() or "Văn bản"
