"""Deadlines as offices write them in a task's text, read into a typed value.

A Party program gives a task's time in words: a date ("trước ngày 15/6/2024"), a month ("trong tháng
6/2024"), a quarter ("hoàn thành trong quý III"), "thường xuyên" (ongoing, assessed per quarter), a
time after an event ("20 ngày sau khi Tỉnh ủy ban hành") or "theo đề nghị/yêu cầu của cấp trên" (on
request, no date). Dates that only cite another document ("Nghị quyết số 04-NQ/TU ngày 26/11/2021")
are not deadlines: a date counts only after a word that sets a time limit.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from hgdesk.text import fold, from_roman


class DeadlineKind(StrEnum):
    DATE = "date"
    MONTH = "month"
    QUARTER = "quarter"
    ONGOING = "ongoing"
    RELATIVE = "relative"
    ON_REQUEST = "on_request"


KIND_VI = {DeadlineKind.DATE: "ngày", DeadlineKind.MONTH: "tháng", DeadlineKind.QUARTER: "quý",
           DeadlineKind.ONGOING: "thường xuyên", DeadlineKind.RELATIVE: "sau một sự kiện",
           DeadlineKind.ON_REQUEST: "theo yêu cầu"}


@dataclass(frozen=True)
class Deadline:
    kind: DeadlineKind
    phrase: str  # as written in the task
    due: date | None  # the last day it may be done, when known
    days: int | None = None  # RELATIVE: how many days after the event
    event: str = ""  # RELATIVE: the event, as written

    @property
    def label(self) -> str:
        if self.due is not None and self.kind is not DeadlineKind.ONGOING:
            return f"{self.due:%d/%m/%Y}"
        return KIND_VI[self.kind]


_CUE = r"(?:truoc|cham nhat|den het|den|xong truoc|han chot|thoi han|han|thoi gian(?: thuc hien| hoan thanh)?:?|hoan thanh(?: truoc| trong)?|trong|cuoi|ket thuc(?: truoc)?)"
_YEAR = r"(?:\s*[/-]\s*|\s+nam\s+)(\d{4})"
_DATE = re.compile(rf"\b({_CUE})\s+(?:ngay\s+)?(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})(?:\s*[/.-]\s*(\d{{4}}))?")
_MONTH = re.compile(rf"\b({_CUE})\s+(?:thang\s+)(\d{{1,2}})(?:{_YEAR})?\b")
_QUARTER = re.compile(rf"(?:\b({_CUE}|va|hoac)\s+|\(\s*|,\s*)quy\s+(iv|i{{1,3}}|[1-4])\b(?:{_YEAR})?")
_RELATIVE = re.compile(r"\b(\d{1,3})\s+ngay(?: lam viec)?\s+(?:ke tu(?: ngay)?|sau(?: khi)?)\s+([^.;,()]+)")
_REQUEST = re.compile(r"\btheo (?:de nghi|yeu cau|chi dao|ke hoach) cua (?:cap tren|trung uong|tinh uy|thanh uy|"
                      r"ban thuong vu|ban chap hanh|cap uy cap tren|[^.;,()]{0,40}cap tren)")
_ONGOING = re.compile(r"\bthuong xuyen\b")


def _last_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> date:
    return _last_of_month(year, 3 * quarter)


def _quarter_number(text: str) -> int:
    return int(text) if text.isdigit() else from_roman(text.upper())


def _dates(folded: str, year: int) -> list[tuple[int, int, date]]:
    """Each real date written after a word that sets a time limit, with where it is written."""
    found = []
    for m in _DATE.finditer(folded):
        try:
            due = date(int(m.group(4)) if m.group(4) else year, int(m.group(3)), int(m.group(2)))
        except ValueError:
            continue
        found.append((m.start(), m.end(), due))
    return found


def dates_in(text: str, year: int) -> list[date]:
    """The time-limit dates a text writes ("trước ngày 15/3", "hạn chót 30/6/2024"), not cited ones."""
    return [due for _start, _end, due in _dates(fold(text), year)]


def parse(text: str, year: int, quarter: int | None = None, anchor: date | None = None) -> Deadline | None:
    """The deadline written in `text` (a task of a program of `year`, `quarter`), or None.

    `anchor` dates the event of a relative deadline when it is this program's issue. Of several
    phrases, the most precise wins (a date, then a month, a quarter, a relative time, on request,
    ongoing)."""
    folded = fold(text)
    if len(folded) != len(text):  # positions in `folded` are positions in `text` only when lengths match
        text = folded
    found = [Deadline(DeadlineKind.DATE, text[start:end], due) for start, end, due in _dates(folded, year)]
    for m in _MONTH.finditer(folded):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            continue
        when_year = int(m.group(3)) if m.group(3) else year
        if m.group(1).endswith("truoc"):  # "trước tháng 6": by the end of May
            due = date(when_year, month, 1) - timedelta(days=1)
        else:
            due = _last_of_month(when_year, month)
        found.append(Deadline(DeadlineKind.MONTH, text[m.start(): m.end()], due))
    for m in _QUARTER.finditer(folded):
        number = _quarter_number(m.group(2))
        if not 1 <= number <= 4:
            continue
        when_year = int(m.group(3)) if m.group(3) else year
        found.append(Deadline(DeadlineKind.QUARTER, text[m.start(): m.end()].lstrip("( "),
                              quarter_end(when_year, number)))
    for m in _RELATIVE.finditer(folded):
        days = int(m.group(1))
        event = text[m.start(2): m.end(2)].strip()
        after = anchor + timedelta(days=days) if anchor is not None and "ban hanh" in m.group(2) else None
        found.append(Deadline(DeadlineKind.RELATIVE, text[m.start(): m.end()].strip(), after, days, event))
    for m in _REQUEST.finditer(folded):
        found.append(Deadline(DeadlineKind.ON_REQUEST, text[m.start(): m.end()], None))
    for m in _ONGOING.finditer(folded):
        due = quarter_end(year, quarter) if quarter else date(year, 12, 31)
        found.append(Deadline(DeadlineKind.ONGOING, text[m.start(): m.end()], due))
    if not found:
        return None
    order = list(DeadlineKind)
    # "quý I và quý III" in the program of quarter III: the phrase for this quarter, not the one past
    start = date(year, 3 * quarter - 2, 1) if quarter else date.min
    return min(found, key=lambda d: (order.index(d.kind), d.due is not None and d.due < start, d.due or date.max))


def due_date(text: str, year: int, quarter: int | None, anchor: date | None = None) -> date | None:
    """The date a task of a quarterly program is judged against: what its text says, else the
    quarter's end (an ongoing task is assessed each quarter; one on request has none)."""
    deadline = parse(text, year, quarter, anchor)
    if deadline is None:
        return quarter_end(year, quarter) if quarter else None
    if deadline.kind is DeadlineKind.ON_REQUEST:
        return None
    if deadline.kind is DeadlineKind.RELATIVE and deadline.due is None:
        return None
    return deadline.due


def typed(text: str, year: int, quarter: int | None, anchor: date | None = None) -> Deadline | None:
    """A deadline typed on its own in the tracking table ("15/6/2024", "tháng 6", "quý III",
    "thường xuyên", "trong quý II"): read as if written after "đến hết" when it has no cue word."""
    text = " ".join(text.split())
    return parse(text, year, quarter, anchor) or parse(f"đến hết {text}", year, quarter, anchor)
