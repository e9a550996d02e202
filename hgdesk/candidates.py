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

from hgdesk import shape
from hgdesk.anniversaries import Occurrence, quarter_months
from hgdesk.models import Node, Program
from hgdesk.resources import resource
from hgdesk.text import fold, to_roman
from hgdesk.vocab import LEAF_KINDS, NodeKind, ProgramKind

FOCUS_REASON = "trọng tâm của năm"
LEAD_REASON = "đoạn chung đầu mục"


@dataclass(frozen=True)
class Cue:
    words: tuple[str, ...]
    quarters: tuple[int, ...]
    reason: str


@cache
def _cues() -> tuple[dict[int, tuple[str, ...]], tuple[Cue, ...]]:
    data = tomllib.loads(resource("calendar", "quarter_cues.toml").read_text(encoding="utf-8"))
    quarter_words = {q["quarter"]: tuple(q["words"]) for q in data["quarter_words"]}
    events = tuple(Cue(tuple(e["words"]), tuple(e["quarters"]), e["reason"]) for e in data["event"])
    return quarter_words, events


_MONTH = re.compile(r"\bthang (\d{1,2})\b(?!\s*nam)")
_DEADLINE = re.compile(r"\b(?:truoc|den|han|cham nhat|trong) (?:ngay )?(\d{1,2})/(\d{1,2})(?:/(\d{4}))?")


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """Folded once per text: the same annual paragraphs are read for every quarter and panel."""
    return " " + fold(text) + " "


def reason_for(text: str, year: int, quarter: int, occurrences: Sequence[Occurrence]) -> str:
    """Why a paragraph belongs to this quarter, in Vietnamese; "" when nothing ties it to it."""
    folded = _folded(text)
    quarter_words, events = _cues()
    if any(w in folded for w in quarter_words.get(quarter, ())):
        return f"nhắc đến quý {to_roman(quarter)}"
    months = quarter_months(quarter)
    for match in _DEADLINE.finditer(folded):
        day, month, y = match.groups()
        if int(month) in months and (y is None or int(y) == year):
            return f"hạn {day}/{month} trong quý"
    for match in _MONTH.finditer(folded):
        if int(match.group(1)) in months:
            return f"nhắc đến tháng {int(match.group(1))}"
    for occurrence in occurrences:
        title = _folded(occurrence.commemoration.title).strip()
        if len(title) > 12 and title in folded:
            return f"kỷ niệm {occurrence.text}"
    for cue in events:
        if quarter in cue.quarters and any(w in folded for w in cue.words):
            return cue.reason
    return ""


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
    elsewhere: set[int] = set()  # tied by its words to another quarter only ("Tết" is not for quarter III)
    for leaf in section.leaves:
        reason = reason_for(text_of(leaf), year, quarter, occurrences)
        if reason and leaf.id not in taken:
            reasons[leaf.id] = reason
        elif not reason and any(reason_for(text_of(leaf), year, other, ()) for other in range(1, 5) if other != quarter):
            elsewhere.add(leaf.id)
    free = [leaf for leaf in section.leaves if leaf.id not in taken and leaf.id not in elsewhere]
    if free and not any(leaf.id in reasons for leaf in section.leaves):
        reasons[free[0].id] = LEAD_REASON
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
