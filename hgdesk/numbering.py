"""Document numbers: counted per document type per committee term (Party, HD 05 3.1.1b) or per
calendar year (state, NĐ 30), padded to the profile's digits, never used twice in one period.

Core functions with no transaction of their own: the issue use case calls `check_issue`
inside its transaction, the GUI asks `date_questions` before issuing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from hgdesk.dates import period_label
from hgdesk.errors import InputError
from hgdesk.formats import FormatProfile
from hgdesk.layout import padded_number

TERM_YEARS = 5  # a Party congress every five years (2020, 2025, 2030 …)
TERM_START_FALLBACK = (7, 1)  # month, day: used only when the committee's own start date is unknown


@dataclass(frozen=True)
class Period:
    """The span one counter covers: [start, end)."""

    start: date
    end: date
    label: str


def term_period(day: date, term_start: date | None = None) -> Period:
    """The committee term containing `day`. `term_start` is the day the current committee's
    term began: the close of its congress, or the appointment decision for a committee
    appointed before its congress (HD 05 3.1.1b; the communes set up in 2025). Without it,
    terms are taken to turn over on 1 July of each congress year (2020, 2025, …)."""
    if term_start is not None and term_start <= day:
        start = term_start
        end = date(term_start.year + TERM_YEARS, term_start.month, min(term_start.day, 28))
        while end <= day:  # a later term than the one recorded
            start, end = end, date(end.year + TERM_YEARS, end.month, end.day)
    else:
        month, dom = TERM_START_FALLBACK
        year = day.year - day.year % TERM_YEARS
        if day < date(year, month, dom):
            year -= TERM_YEARS
        start, end = date(year, month, dom), date(year + TERM_YEARS, month, dom)
    return Period(start, end, f"nhiệm kỳ {start.year} - {end.year}")


def counter_period(profile: FormatProfile, day: date, term_start: date | None = None) -> Period:
    if profile.numbering.counter_scope == "year":
        return Period(date(day.year, 1, 1), date(day.year + 1, 1, 1), f"năm {day.year}")
    return term_period(day, term_start)


def check_issue(session: Session, program, number: str, issue_date: date, profile: FormatProfile,
                term_start: date | None = None) -> str:
    """Refuse a number already given to a document of the same type, by the same committee, in
    the same counting period; return the number padded to the profile's digits ("7" -> "07")."""
    from hgdesk.models import Program

    text = (number or "").strip()
    if not text.isdigit() or int(text) == 0:
        raise InputError("Số văn bản chỉ gồm chữ số, từ 01 trở lên (ví dụ 07).")
    padded = padded_number(profile, text)
    period = counter_period(profile, issue_date, term_start)
    others = session.scalars(
        select(Program).where(
            Program.organization_id == program.organization_id,
            Program.doc_code == program.doc_code,
            Program.status != "draft",
            Program.id != program.id,
            Program.issue_date >= period.start,
            Program.issue_date < period.end,
        )
    ).all()
    for other in others:
        if other.number.strip().isdigit() and int(other.number) == int(text):
            symbol = f"{padded}-{program.symbol}" if getattr(program, "symbol", "") else padded
            free = next_number(session, program, issue_date, profile, term_start)
            raise InputError(
                f"Số {symbol} đã dùng cho “{_name(other)}” ban hành ngày {other.issue_date:%d/%m/%Y} "
                f"trong {period.label}. Mỗi loại văn bản đánh số một lần trong {period.label}; "
                f"hãy chọn số khác (số tiếp theo chưa dùng: {free})."
            )
    return padded


def _name(program) -> str:
    """How the secretary knows the program that holds a number (as in the program list)."""
    from hgdesk.names import describe  # the one naming of programs

    return describe(program)


def next_number(session: Session, program, issue_date: date, profile: FormatProfile,
                term_start: date | None = None) -> str:
    """The next free number of this type in the period, padded ("08")."""
    from hgdesk.models import Program

    period = counter_period(profile, issue_date, term_start)
    numbers = session.scalars(
        select(Program.number).where(
            Program.organization_id == program.organization_id,
            Program.doc_code == program.doc_code,
            Program.status != "draft",
            Program.issue_date >= period.start,
            Program.issue_date < period.end,
        )
    ).all()
    used = [int(n) for n in numbers if (n or "").strip().isdigit()]
    return padded_number(profile, str(max(used, default=0) + 1))


def date_questions(kind: str, year: int | None, quarter: int | None, issue_date: date, late: bool = True) -> list[str]:
    """Questions (never errors) about an issue date outside the program's period: a quarterly
    program issued after its quarter ended (unless `late` is False: the format checker already
    asks about it, with a reason), or more than one quarter before it starts."""
    if not year:
        return []
    if kind == "quarterly" and quarter:
        start = date(year, 3 * quarter - 2, 1)
        end = date(year + (quarter == 4), 1 if quarter == 4 else 3 * quarter + 1, 1)
        label = period_label(year, quarter)
    elif kind == "annual":
        start, end, label = date(year, 1, 1), date(year + 1, 1, 1), period_label(year)
    else:
        return []
    earliest = date(start.year - (start.month <= 3), (start.month - 4) % 12 + 1, 1)
    if issue_date >= end:
        return [f"Ngày ban hành {issue_date:%d/%m/%Y} sau khi {label} đã kết thúc. Vẫn ban hành?"] if late else []
    if issue_date < earliest:
        return [f"Ngày ban hành {issue_date:%d/%m/%Y} sớm hơn {label} quá một quý. Vẫn ban hành?"]
    return []
