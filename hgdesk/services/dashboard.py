"""Tổng quan: what needs the secretary's attention today, from the tracking data.

Overdue tasks, tasks due in the next days, tasks carried two or more times (each grouped by lead
unit), indicators behind their expected progress, and drafts waiting to be issued; and for one unit
the one-page reminder ("nhắc việc") of what it has overdue or due soon. Only programs in use count (not archived,
not deleted), and of a task carried on only its latest instance is open. A first draft's tasks are not overdue
or due (they are not assigned until it is issued): they are counted apart, so the secretary knows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import selectinload

from hgdesk import tracking, versions
from hgdesk.db import Database
from hgdesk.models import Carry, Indicator, Node, Program, Task
from hgdesk.services.programs import describe
from hgdesk.vocab import UNFINISHED, ProgramStatus, TaskStatus

NO_UNIT = "(chưa giao cơ quan chủ trì)"
DUE_SOON_DAYS = 14
CARRIED_AT_LEAST = 2


@dataclass(frozen=True)
class DueTask:
    task_id: int
    program_id: int
    node_id: int
    program: str
    text: str
    lead_unit: str
    status: str
    due_date: date | None
    carried: int


@dataclass(frozen=True)
class Draft:
    program_id: int
    program: str
    organization: str
    year: int | None
    quarter: int | None


@dataclass(frozen=True)
class BehindIndicator:
    """An indicator whose latest result is below what the year's progress expects by then."""

    program_id: int
    node_id: int
    program: str
    text: str
    period: str  # of the latest result, "2024-Q2"
    percent: float  # achieved of the year's target
    expected: float  # expected by the end of that period (a quarter a quarter of the target)


@dataclass(frozen=True)
class Dashboard:
    as_of: date
    overdue: dict[str, list[DueTask]] = field(default_factory=dict)
    due_soon: dict[str, list[DueTask]] = field(default_factory=dict)
    carried: dict[str, list[DueTask]] = field(default_factory=dict)
    drafts: list[Draft] = field(default_factory=list)
    behind: list[BehindIndicator] = field(default_factory=list)
    in_drafts: int = 0  # tasks of drafts never issued that would be overdue or due soon: not counted, said

    def count(self, group: dict[str, list[DueTask]]) -> int:
        return sum(len(rows) for rows in group.values())


def _grouped(rows: list[DueTask]) -> dict[str, list[DueTask]]:
    """By lead unit, the units with most tasks first; within a unit, the earliest deadline first."""
    groups: dict[str, list[DueTask]] = defaultdict(list)
    for row in rows:
        groups[row.lead_unit or NO_UNIT].append(row)
    for tasks in groups.values():
        tasks.sort(key=lambda t: (t.due_date or date.max, t.task_id))
    return dict(sorted(groups.items(), key=lambda item: (-len(item[1]), item[0])))


def dashboard(db: Database, as_of: date | None = None, organization_id: int | None = None,
              days: int = DUE_SOON_DAYS) -> Dashboard:
    as_of = as_of or date.today()
    horizon = as_of + timedelta(days=days)
    with db.transaction() as s:
        # the current version of each program only: a correction being drafted replaces the issued one
        # carried: a task waiting for the next quarter's draft still counts among those carried 2+ times
        waiting = [*UNFINISHED, TaskStatus.CARRIED]
        pending = exists(select(Carry.id).where(Carry.task_id == Task.id, Carry.new_task_id.is_(None)))
        conditions = [*tracking.in_use(), versions.is_current(), Task.status.in_([str(x) for x in waiting]),
                      or_(Task.status != TaskStatus.CARRIED, pending)]
        if organization_id is not None:
            conditions.append(Program.organization_id == organization_id)
        query = (select(Task.id, Task.program_id, Task.node_id, Task.lead_unit, Task.status, Task.due_date,
                        Task.lineage_id, Node.heading, Node.text, versions.in_force().label("in_force"))
                 .join(Node, Node.id == Task.node_id)
                 .join(Program, Program.id == Task.program_id).where(*conditions))
        counts = tracking.carry_counts(s, organization_id)
        found = s.execute(query).all()  # columns only: the programs are named once each below
        names = {p.id: f"{p.organization.name} – {describe(p)}" for p in s.scalars(
            select(Program).where(Program.id.in_({r.program_id for r in found}))
            .options(selectinload(Program.organization)))} if found else {}
        overdue, soon = [], []
        in_drafts = 0
        carried: dict[int, DueTask] = {}  # by lineage: the instance still open, else the one waiting
        for r in found:
            row = DueTask(r.id, r.program_id, r.node_id, names[r.program_id], (r.heading or r.text).strip(), r.lead_unit,
                          r.status, r.due_date, counts.get(r.lineage_id or r.id, 0))
            if r.status == TaskStatus.CARRIED:
                if row.carried >= CARRIED_AT_LEAST:
                    carried.setdefault(r.lineage_id or r.id, row)
                continue
            due = r.due_date is not None and r.due_date <= horizon
            if due and not r.in_force:  # a first draft: its tasks are not assigned until it is issued
                in_drafts += 1
            elif due and r.due_date < as_of:
                overdue.append(row)
            elif due:
                soon.append(row)
            if row.carried >= CARRIED_AT_LEAST:
                carried[r.lineage_id or r.id] = row
        drafts_query = select(Program).where(*tracking.in_use(), Program.status == ProgramStatus.DRAFT)
        if organization_id is not None:
            drafts_query = drafts_query.where(Program.organization_id == organization_id)
        drafts = [Draft(p.id, describe(p), p.organization.name, p.year, p.quarter)
                  for p in s.scalars(drafts_query.order_by(Program.year.desc(), Program.quarter.desc(), Program.id))]
        behind = _behind(s, organization_id)
    return Dashboard(as_of, _grouped(overdue), _grouped(soon), _grouped(list(carried.values())), drafts, behind,
                     in_drafts)


def _behind(session, organization_id: int | None) -> list[BehindIndicator]:
    """Indicators of annual programs in use whose latest result is behind: for an "at least"
    indicator, less of the target than the share of the year gone by the end of that result's
    quarter; for an "at most" one, over its limit. Worst first. One column query (the latest result
    of each indicator found in SQL); the programs named only for the indicators found."""
    from sqlalchemy import and_, func

    from hgdesk.models import IndicatorResult
    from hgdesk.services.work import achieved_percent

    latest = (select(IndicatorResult.indicator_id, func.max(IndicatorResult.period).label("period"))
              .where(IndicatorResult.actual_value.is_not(None)).group_by(IndicatorResult.indicator_id).subquery())
    query = (select(Indicator.node_id, Indicator.target_value, Indicator.direction, Node.text, Program.id,
                    IndicatorResult.period, IndicatorResult.actual_value)
             .join(Node, Node.id == Indicator.node_id).join(Program, Program.id == Indicator.program_id)
             .join(latest, latest.c.indicator_id == Indicator.id)
             .join(IndicatorResult, and_(IndicatorResult.indicator_id == Indicator.id,
                                         IndicatorResult.period == latest.c.period))
             .where(*tracking.in_use(), versions.is_current(), Program.kind == "annual", Indicator.deleted_at.is_(None),
                    Indicator.target_value.is_not(None)))
    if organization_id is not None:
        query = query.where(Program.organization_id == organization_id)
    found = []
    for node_id, target, direction, text, program_id, period, actual in session.execute(query):
        percent = achieved_percent(target, actual, direction)
        if percent is None:
            continue
        quarter = int(period[-1]) if period[-2:-1] == "Q" and period[-1].isdigit() else 4
        expected = 100.0 if direction == "at_most" else 25.0 * quarter
        if percent < expected:
            found.append((program_id, node_id, text.strip(), period, percent, expected))
    names = {p.id: f"{p.organization.name} – {describe(p)}" for p in session.scalars(
        select(Program).where(Program.id.in_({f[0] for f in found})))} if found else {}
    return sorted((BehindIndicator(pid, nid, names[pid], text, period, percent, expected)
                   for pid, nid, text, period, percent, expected in found),
                  key=lambda b: (b.percent - b.expected, b.program_id, b.node_id))


def reminder_units(board: Dashboard) -> list[str]:
    """The lead units that have something overdue or due soon, most first."""
    counts: dict[str, int] = defaultdict(int)
    for group in (board.overdue, board.due_soon):
        for unit, rows in group.items():
            counts[unit] += len(rows)
    return sorted(counts, key=lambda u: (-counts[u], u))


def unit_reminder_pdf(db: Database, unit: str, out: str | Path, as_of: date | None = None,
                      organization_id: int | None = None) -> Path:
    """Nhắc việc: the one-page list of what `unit` has overdue or due in the next 14 days, to send to it."""
    from hgdesk.errors import InputError
    from hgdesk.printing import write_atomically
    from hgdesk.reminders import reminder_pdf

    board = dashboard(db, as_of, organization_id)
    overdue, soon = board.overdue.get(unit, []), board.due_soon.get(unit, [])
    if not overdue and not soon:
        raise InputError(f"“{unit}” không có nhiệm vụ quá hạn hay đến hạn trong {DUE_SOON_DAYS} ngày; không cần nhắc việc.")
    office = ""
    with db.transaction() as s:
        first = (overdue or soon)[0]
        program = s.get(Program, first.program_id)
        if program is not None:
            office = program.organization.name
    return write_atomically(Path(out), reminder_pdf(unit, office, board.as_of, overdue, soon, DUE_SOON_DAYS))

