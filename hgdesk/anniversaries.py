"""Commemorations that fall in a period, with their year counts, written as the seeds write them.

"kỷ niệm 49 năm ngày miền Nam giải phóng, thống nhất đất nước (30/4/1975 - 30/4/2024)"
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from hgdesk.resources import resource


@dataclass(frozen=True)
class Commemoration:
    origin: date
    title: str
    major: bool = False
    local: bool = False


@dataclass(frozen=True)
class Occurrence:
    commemoration: Commemoration
    on: date
    years: int

    @property
    def round(self) -> bool:
        """A round anniversary (every 5 and 10 years) is marked with more ceremony."""
        return self.years % 5 == 0

    @property
    def text(self) -> str:
        c = self.commemoration
        return f"{self.years} năm {c.title} ({short_date(c.origin)} - {short_date(self.on)})"


def short_date(d: date) -> str:
    """Leading zero for days below 10 and for months 1 and 2: 01/5/1886, 22/12/1944, 01/01/2004."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{d.day:02d}/{month}/{d.year}"


@cache
def national_calendar() -> tuple[Commemoration, ...]:
    data = tomllib.loads(resource("anniversaries", "national.toml").read_text(encoding="utf-8"))
    return tuple(
        Commemoration(date.fromisoformat(d["date"]), d["title"], bool(d.get("major", False)))
        for d in data["day"]
    )


def quarter_months(quarter: int) -> range:
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"no quarter {quarter}")
    return range(3 * quarter - 2, 3 * quarter + 1)


def _on(c: Commemoration, year: int) -> date:
    if c.origin.month == 2 and c.origin.day == 29:  # celebrated on 28/2 in common years
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return c.origin.replace(year=year)


def in_quarter(year: int, quarter: int, local: Sequence[Commemoration] = (), everything: bool = False) -> list[Occurrence]:
    """The quarter's commemorations in date order: the major ones, local ones, and round years.

    With `everything`, every commemoration of the calendar that falls in the quarter.
    """
    months = quarter_months(quarter)
    found = []
    for c in (*national_calendar(), *local):
        if c.origin.month not in months or c.origin.year >= year:
            continue
        occurrence = Occurrence(c, _on(c, year), year - c.origin.year)
        if everything or c.major or c.local or occurrence.round:
            found.append(occurrence)
    return sorted(found, key=lambda o: (o.on, o.commemoration.title))


def sentence_list(occurrences: list[Occurrence]) -> str:
    return ", ".join(o.text for o in occurrences)
