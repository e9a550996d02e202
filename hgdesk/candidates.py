"""Which annual paragraphs a quarter's draft offers (its candidates), and which it preselects.

A quarterly program is the annual skeleton with a few paragraphs per section (seeds 001, 002):
the secretary picks them. Each section of the quarter draft takes its candidates from the annual
section it came from (`Node.source_node_id`); a section without sub-sections folds the deeper
annual sections in, as the seeds do. A candidate is preselected only with a reason the
secretary can read: a focus task, a mention of the quarter or its months, an event or
anniversary in it, a deadline in it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from hgdesk import deadlines, shape
from hgdesk.anniversaries import Occurrence
from hgdesk.models import Node, Program
from hgdesk.resources import resource
from hgdesk.text import fold, from_roman, to_roman
from hgdesk.vocab import LEAF_KINDS, NodeKind, ProgramKind

FOCUS_REASON = "trọng tâm của năm"
LEAD_REASON = "đoạn chung đầu mục"


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    quarters: tuple[int, ...]
    reason: str


@dataclass(frozen=True)
class Cues:
    """quarter_cues.toml: time phrases (longest first), all-year words, events and seasons."""

    periods: tuple[Cue, ...]  # one phrase each
    ongoing: tuple[str, ...]
    events: tuple[Cue, ...]


@cache
def _cues() -> Cues:
    data = tomllib.loads(resource("calendar", "quarter_cues.toml").read_text(encoding="utf-8"))
    periods = sorted((Cue((w,), tuple(p["quarters"]), p["reason"]) for p in data["period"] for w in p["words"]),
                     key=lambda cue: -len(cue.words[0]))
    events = tuple(Cue(tuple(e["words"]), tuple(e["quarters"]), e["reason"]) for e in data["event"])
    return Cues(tuple(periods), tuple(data["ongoing"]["words"]), events)


_NUMERAL = r"(iv|i{1,3}|[1-4])\b"
# "quý II", "(quý II)", "(thời gian: quý II)", "Quý II/2027", "quý I và quý III", "quý II - IV", "quý 2"
_QUARTERS = re.compile(rf"\bquy\s+{_NUMERAL}((?:\s*(?:,|;|va|-|–|den|hoac)\s*(?:quy\s+)?{_NUMERAL})*)"
                       r"(?:\s*(?:/|-|nam)\s*(\d{4}))?")
_NUMERALS = re.compile(rf"(,|;|va|-|–|den|hoac)\s*(?:quy\s+)?{_NUMERAL}")
# "tháng 3", "(tháng 3)", "tháng 3/2027", "tháng 3 năm 2027", "tháng 3 và tháng 4", "tháng 3, 4"
_MONTHS = re.compile(r"\bthang\s+(\d{1,2})(?!\d)((?:\s*(?:,|va|-|–|den)\s*(?:thang\s+)?\d{1,2}(?![\d/]))*)"
                     r"(?:\s*(?:/|-|nam)\s*(\d{4}))?")
_MONTH_LIST = re.compile(r"(,|va|-|–|den)\s*(?:thang\s+)?(\d{1,2})")


def _numeral(text: str) -> int:
    return int(text) if text.isdigit() else from_roman(text)


def _series(first: int, rest: list[tuple[str, int]]) -> list[int]:
    """1 ", 3" -> [1, 3]; 2 "đến 4" -> [2, 3, 4]: a list or a range of quarters or months."""
    out = [first]
    for joint, number in rest:
        if joint in ("-", "–", "den") and number > out[-1]:
            out += range(out[-1] + 1, number + 1)
        else:
            out.append(number)
    return out


@dataclass(frozen=True)
class Tie:
    """What ties a paragraph to quarters of its year: the quarters its words name, each with the
    reason shown to the secretary; `ongoing` for a task of the whole year ("thường xuyên")."""

    quarters: dict[int, str]
    ongoing: bool = False

    def only_elsewhere(self, quarter: int) -> bool:
        """Tied by its words to other quarters only: never this quarter's task."""
        return bool(self.quarters) and quarter not in self.quarters and not self.ongoing


@lru_cache(maxsize=8192)
def tie_of(text: str, year: int) -> Tie:
    """The quarters a paragraph's own time phrases name (a quarter, a month, a deadline, a
    period of the year); events and seasons are read by `reason_for` only when none does."""
    folded = _folded(text)
    cues = _cues()
    found: dict[int, str] = {}
    for match in _QUARTERS.finditer(folded):
        if match.group(4) and int(match.group(4)) != year:
            continue
        rest = [(j, _numeral(n)) for j, n in _NUMERALS.findall(match.group(2))]
        for q in _series(_numeral(match.group(1)), rest):
            if 1 <= q <= 4:
                found.setdefault(q, f"nhắc đến quý {to_roman(q)}")
    for due in deadlines.dates_in(folded, year):
        if due.year == year:
            found.setdefault((due.month + 2) // 3, f"hạn {due.day}/{due.month} trong quý")
    for match in _MONTHS.finditer(folded):
        if match.group(3) and int(match.group(3)) != year:
            continue  # "ngày 26 tháng 11 năm 2021": the date of a document cited
        rest = [(j, int(n)) for j, n in _MONTH_LIST.findall(match.group(2))]
        for month in _series(int(match.group(1)), rest):
            if 1 <= month <= 12:
                found.setdefault((month + 2) // 3, f"nhắc đến tháng {month}")
    rest_of_text = folded
    for period in cues.periods:
        rest_of_text, hits = _phrase(period.words[0]).subn(" ", rest_of_text)
        for q in period.quarters if hits else ():
            found.setdefault(q, period.reason)
    ongoing = any(_phrase(w).search(rest_of_text) for w in cues.ongoing)
    return Tie(found, ongoing)


@cache
def _phrase(words: str) -> re.Pattern[str]:
    """The folded words as whole words ("đầu năm" is not inside "hàng đầu năm")."""
    return re.compile(rf"(?<![a-z0-9]){re.escape(words)}(?![a-z0-9])")


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """Folded once per text: the same annual paragraphs are read for every quarter and panel.
    Brackets and colons become spaces, so "(quý II)" and "thời gian: quý II" read as "quý II"."""
    return " " + re.sub(r"\s+", " ", re.sub(r"[()\[\]:]", " ", fold(text))) + " "


def reason_for(text: str, year: int, quarter: int, occurrences: Sequence[Occurrence]) -> str:
    """Why a paragraph belongs to this quarter, in Vietnamese; "" when nothing ties it to it.

    A time the paragraph writes ("(quý I)", "tháng 3", "trước ngày 15/3", "6 tháng đầu năm")
    decides; only a paragraph that writes none is placed by the anniversaries and events it names."""
    tie = tie_of(text, year)
    if tie.quarters:
        return tie.quarters.get(quarter, "")
    folded = _folded(text)
    for occurrence in occurrences:
        title = _folded(occurrence.commemoration.title).strip()
        if len(title) > 12 and title in folded:
            return f"kỷ niệm {occurrence.text}"
    for cue in _cues().events:
        if quarter in cue.quarters and any(w in folded for w in cue.words):
            return cue.reason
    return ""


def tied_elsewhere(text: str, year: int, quarter: int) -> bool:
    """Tied to other quarters only, by its time phrases or, writing none, by its events."""
    tie = tie_of(text, year)
    if tie.quarters or tie.ongoing:
        return tie.only_elsewhere(quarter)
    return not reason_for(text, year, quarter, ()) and any(
        reason_for(text, year, other, ()) for other in range(1, 5) if other != quarter)


def flatten_leaves(children: dict[int | None, list[Node]], section: Node, fold_deeper: bool) -> list[Node]:
    """A section's paragraphs in document order; items' bullets follow their item, and with
    `fold_deeper` the paragraphs of deeper sections are included (their headings dropped)."""
    found: list[Node] = []

    def walk(node: Node, deeper: bool) -> None:
        for child in children[node.id]:
            if child.kind in LEAF_KINDS:
                found.append(child)
                walk(child, True)
            elif child.kind == "section" and deeper:
                walk(child, True)

    walk(section, fold_deeper)
    return found


def text_of(node: Node) -> str:
    return node.heading or node.text


@dataclass(frozen=True)
class AnnualSection:
    """An annual section the quarter copies as a section (part I takes the focus section)."""

    source: Node
    depth: int  # 0: the focus section (part I of the quarter), 1: "1.", 2: "1.1."
    leaves: tuple[Node, ...]  # its candidates, in annual order


def annual_layout(annual: Program) -> list[AnnualSection]:
    """The annual sections a quarter keeps, in order, each with its candidate paragraphs."""
    found = shape.parts(annual, ProgramKind.ANNUAL)
    tasks = {n.id for n in shape.task_nodes(annual)}  # the same paragraphs the coverage report counts
    children = found.children
    by_id = {n.id: n for n in annual.nodes}

    def leaves(section: Node, fold_deeper: bool) -> tuple[Node, ...]:
        return tuple(n for n in flatten_leaves(children, section, fold_deeper) if n.id in tasks)

    out: list[AnnualSection] = []
    focus_parent = found.focus[0].parent_id if found.focus else None
    focus_section = by_id.get(focus_parent) if focus_parent is not None else None
    if focus_section is not None:
        out.append(AnnualSection(focus_section, 0, tuple(found.focus)))
    if found.tasks_part is None:
        return out
    for section in (n for n in children[found.tasks_part.id] if n.kind == NodeKind.SECTION):
        subs = [n for n in children[section.id] if n.kind == NodeKind.SECTION]
        out.append(AnnualSection(section, 1, leaves(section, not subs)))
        out += [AnnualSection(sub, 2, leaves(sub, True)) for sub in subs]
    return out


def section_of_leaf(layout: list[AnnualSection]) -> dict[int, int]:
    """annual paragraph id -> id of the annual section whose quarter section offers it."""
    return {leaf.id: part.source.id for part in layout for leaf in part.leaves}


SPREAD_REASON = "chưa quý nào có (chia đều)"


def preselect(section: AnnualSection, year: int, quarter: int, occurrences: list[Occurrence],
              scheduled: dict[int, list[int]], taken: set[int]) -> dict[int, str]:
    """annual paragraph id -> why it is preselected for this quarter.

    Part I's focus tasks always; elsewhere the ones tied to the quarter by their words, the
    section's first general paragraph when none is, and a fair share of the ones no quarter has
    scheduled yet, so that the year's program is covered by the fourth quarter. A paragraph
    tied to another quarter only (Tết, the year-end review) is left to that quarter."""
    if section.depth == 0:
        return {leaf.id: FOCUS_REASON for leaf in section.leaves if leaf.id not in taken}
    reasons: dict[int, str] = {}
    elsewhere: set[int] = set()  # tied by its words to another quarter only ("(quý II)" is not for quarter I)
    for leaf in section.leaves:
        reason = reason_for(text_of(leaf), year, quarter, occurrences)
        if reason and leaf.id not in taken:
            reasons[leaf.id] = reason
        elif not reason and tied_elsewhere(text_of(leaf), year, quarter):
            elsewhere.add(leaf.id)
    free = [leaf for leaf in section.leaves if leaf.id not in taken and leaf.id not in elsewhere]
    if free and not any(leaf.id in reasons for leaf in section.leaves):
        # the first general paragraph no earlier quarter has scheduled (a task dropped in quarter
        # II does not come back by itself as quarter III's general paragraph)
        fresh = [leaf for leaf in free if not any(q < quarter for q in scheduled.get(leaf.id, ()))]
        reasons[(fresh or free)[0].id] = LEAD_REASON
    later = range(quarter, 5)
    waiting = [leaf for leaf in free if leaf.id not in reasons
               and not any(q < quarter for q in scheduled.get(leaf.id, ()))]
    share = -(-len(waiting) // len(later))
    for leaf in waiting[:share]:
        reasons[leaf.id] = SPREAD_REASON
    return reasons


def scheduled_elsewhere(session, annual: Program, except_program_id: int | None) -> dict[int, list[int]]:
    """annual paragraph id -> the quarters (of the same organisation and year) that schedule it."""
    from sqlalchemy import select

    from hgdesk.models import Task
    from hgdesk.tracking import in_use

    rows = session.execute(
        select(Task.annual_node_id, Program.quarter).join(Program, Task.program_id == Program.id)
        .where(Program.organization_id == annual.organization_id, Program.year == annual.year,
               Program.kind == "quarterly", Program.id != (except_program_id or -1),
               Task.annual_node_id.is_not(None), *in_use())
    ).all()
    found: dict[int, list[int]] = {}
    for node_id, quarter in rows:
        found.setdefault(node_id, []).append(quarter)
    return found
