"""Dates the secretary types (dd/mm/yyyy): read, checked for being real and plausible, and the
month a calendar should open on. Core, no Qt: the header form and the CLI share the messages.

A date before the Party's founding year or many years ahead is a slip of the keyboard (an
↑ pressed in a date box gave 15/09/1752), never an issue date: it is refused, not stored.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from hgdesk.errors import InputError
from hgdesk.text import to_roman

EARLIEST_YEAR = 1930  # the Party was founded on 3/2/1930: no Party document is older
YEARS_AHEAD = 5  # a program is issued at most a few years before its period (a term's plan)
FORMAT_HINT = "Gõ ngày theo dạng ngày/tháng/năm, ví dụ 05/01/2027; để trống khi chưa có ngày."

_PARTS = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")


def latest_year(today: date | None = None) -> int:
    return (today or date.today()).year + YEARS_AHEAD


def check_plausible(day: date, today: date | None = None, what: str = "Ngày ban hành") -> date:
    """`day`, or InputError when it lies before 1930 or more than a few years ahead."""
    last = latest_year(today)
    if day.year < EARLIEST_YEAR or day.year > last:
        raise InputError(f"{what} {day:%d/%m/%Y} không hợp lệ: chỉ nhận ngày từ năm {EARLIEST_YEAR} "
                         f"đến năm {last}.")
    return day


def parse_day(text: str | None, today: date | None = None, what: str = "Ngày ban hành") -> date | None:
    """The date typed as dd/mm/yyyy (also d/m/yyyy, with - or ., or 8 digits); None when empty.

    InputError in Vietnamese for text that is not a date, a day that does not exist (31/02)
    or an implausible year."""
    text = (text or "").strip()
    if not text:
        return None
    match = _PARTS.match(text) or _DIGITS.match(text)
    if match is None:
        raise InputError(f"“{text}” chưa phải là ngày. {FORMAT_HINT}")
    day, month, year = (int(x) for x in match.groups())
    if not 1 <= month <= 12:
        raise InputError(f"Ngày {text} không có thật: tháng phải từ 1 đến 12.")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise InputError(f"Ngày {text} không có thật: tháng {month}/{year} chỉ có {days} ngày.")
    return check_plausible(date(year, month, day), today, what)


def period_label(year: int, quarter: int | None = None) -> str:
    """"quý II/2027" or "năm 2027": the one way a period is named in messages."""
    return f"quý {to_roman(quarter)}/{year}" if quarter else f"năm {year}"


def quarter_span(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of a quarter."""
    first = date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    return first, date(year, last_month, calendar.monthrange(year, last_month)[1])


def calendar_start(year: int | None, quarter: int | None, current: date | None,
                   today: date | None = None) -> date:
    """The day a date picker opens on: the date already set, else today when it falls in the
    program's period, else the period's first day (a quarter's, or January of the year)."""
    if current is not None:
        return current
    today = today or date.today()
    if not year or not EARLIEST_YEAR <= year <= latest_year(today):
        return today
    first, last = quarter_span(year, quarter) if quarter else (date(year, 1, 1), date(year, 12, 31))
    return today if first <= today <= last else first


def plausible_range(today: date | None = None) -> tuple[date, date]:
    """The first and last day a date box accepts (its calendar's bounds)."""
    return date(EARLIEST_YEAR, 1, 1), date(latest_year(today), 12, 31)
