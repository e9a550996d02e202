"""How a program is named to the secretary in lists, messages and the dashboard (one naming)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, NamedTuple

from hgdesk.dates import period_label
from hgdesk.text import to_roman
from hgdesk.vocab import ProgramStatus

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


_REPORT_PERIOD = re.compile(r"(6 tháng [^,]+|năm \d{4})$")  # how the results report's name ends (results.toml)


def list_caption(p: Any) -> str:
    """A program as the program list names it, short enough for a narrow panel and telling a quarter from
    its report: "Quý III/2024 (dự thảo)", "Báo cáo quý III/2024 (dự thảo lần 2)", "Chương trình năm 2024 (đã
    ban hành)". `p` has kind, year, quarter, title, status and draft_version (a ProgramInfo)."""
    if p.kind == "quarterly" and p.quarter:
        name = f"Quý {to_roman(p.quarter)}/{p.year}"
    elif p.kind == "annual":
        name = f"Chương trình năm {p.year}"
    elif p.kind == "report" and p.quarter and p.year:
        name = f"Báo cáo {period_label(p.year, p.quarter)}"
    elif p.kind == "report" and (period := _REPORT_PERIOD.search(p.title)):
        name = f"Báo cáo {period.group(1)}"
    else:
        name = p.title
    state = ProgramStatus.label_of(p.status)
    if p.status == ProgramStatus.DRAFT and p.draft_version > 1:
        state = f"dự thảo lần {p.draft_version}"
    return f"{name} ({state})"
