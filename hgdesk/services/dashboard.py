"""Tổng quan: what needs the secretary's attention today, from the tracking data.

Overdue tasks, tasks due in the next days, tasks carried two or more times (each grouped by lead
unit), and drafts waiting to be issued. Only programs in use count (not archived, not deleted), and of
a task carried on only its latest instance is open.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select

from hgdesk import tracking
from hgdesk.db import Database
from hgdesk.models import Node, Program, Task
from hgdesk.services.programs import describe
from hgdesk.vocab import UNFINISHED, ProgramStatus

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
class Dashboard:
    as_of: date
    overdue: dict[str, list[DueTask]] = field(default_factory=dict)
    due_soon: dict[str, list[DueTask]] = field(default_factory=dict)
    carried: dict[str, list[DueTask]] = field(default_factory=dict)
    drafts: list[Draft] = field(default_factory=list)

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
        conditions = [*tracking.in_use(), Task.status.in_([str(x) for x in UNFINISHED])]
        if organization_id is not None:
            conditions.append(Program.organization_id == organization_id)
        query = (select(Task, Node.heading, Node.text, Program).join(Node, Node.id == Task.node_id)
                 .join(Program, Program.id == Task.program_id).where(*conditions))
        counts = tracking.carry_counts(s, organization_id)
        overdue, soon, carried = [], [], []
        names: dict[int, str] = {}
        for task, heading, text, program in s.execute(query):
            name = names.setdefault(program.id, f"{program.organization.name} – {describe(program)}")
            row = DueTask(task.id, program.id, task.node_id, name, (heading or text).strip(), task.lead_unit,
                          task.status, task.due_date, counts.get(task.lineage_id or task.id, 0))
            if task.due_date is not None and task.due_date < as_of:
                overdue.append(row)
            elif task.due_date is not None and task.due_date <= horizon:
                soon.append(row)
            if row.carried >= CARRIED_AT_LEAST:
                carried.append(row)
        drafts_query = select(Program).where(*tracking.in_use(), Program.status == ProgramStatus.DRAFT)
        if organization_id is not None:
            drafts_query = drafts_query.where(Program.organization_id == organization_id)
        drafts = [Draft(p.id, describe(p), p.organization.name, p.year, p.quarter)
                  for p in s.scalars(drafts_query.order_by(Program.year.desc(), Program.quarter.desc(), Program.id))]
    return Dashboard(as_of, _grouped(overdue), _grouped(soon), _grouped(carried), drafts)

