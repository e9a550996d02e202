"""Tasks of quarterly programs: statuses and their history, closing a quarter, carry-over
chains and the reports built on them.

A carried task is the same task continued: every quarterly instance shares the lineage id
of the first one, so a chain and its number of carries are one query.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hgdesk import deadlines, shape, versions
from hgdesk.dates import period_label, quarter_span
from hgdesk.errors import InputError, LockedError
from hgdesk.models import Carry, Node, Program, Task, TaskEvent, utcnow
from hgdesk.text import to_roman
from hgdesk.vocab import UNFINISHED, ProgramStatus, TaskStatus, Timeliness

STATUS_VI = TaskStatus.labels()
# Which status may follow which: a finished task can be reopened, a carried one is final
# (it lives on in the next quarter).
_S = TaskStatus
TRANSITIONS: dict[str, set[str]] = {
    _S.NOT_STARTED: {_S.IN_PROGRESS, _S.DONE, _S.DROPPED, _S.CARRIED},
    _S.IN_PROGRESS: {_S.NOT_STARTED, _S.DONE, _S.DROPPED, _S.CARRIED},
    _S.DONE: {_S.IN_PROGRESS},
    _S.DROPPED: {_S.NOT_STARTED, _S.IN_PROGRESS},
    _S.CARRIED: set(),
}
TIMELINESS_VI = Timeliness.labels()


def parse_status(text: str) -> str:
    """A status from its code ("done") or its Vietnamese name ("hoàn thành", "hoan thanh")."""
    found = TaskStatus.parse(text)
    if found is not None:
        return found.value
    choices = ", ".join(f"{code} ({name})" for code, name in STATUS_VI.items())
    raise InputError(f"Trạng thái “{text}” không hợp lệ. Chọn một trong: {choices}.")


def in_use() -> tuple:
    """The conditions of a program that counts in lists and reports: not archived, not deleted."""
    return (Program.status != ProgramStatus.ARCHIVED, Program.deleted_at.is_(None))


quarter_end = deadlines.quarter_end


def next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year + 1, 1) if quarter == 4 else (year, quarter + 1)


# --- which nodes are tasks (decided once, when nodes are created) --------------------------
def task_due(program: Program, node: Node) -> date | None:
    """When a task is due: the deadline its text writes (a date, month, quarter, "thường xuyên"…),
    else the end of the program's quarter."""
    if not program.year:
        return None
    return deadlines.due_date(f"{node.heading} {node.text}", program.year, program.quarter, program.issue_date)


def create_task(session: Session, program: Program, node: Node) -> Task:
    """The task of a node, a lineage of its own; due as its text says, else at the quarter's end."""
    task = Task(node_id=node.id, program_id=program.id, due_date=task_due(program, node),
                annual_node_id=node.source_node_id)
    session.add(task)
    session.flush()
    task.lineage_id = task.id
    return task


def mark_tasks(session: Session, program: Program, nodes: list[Node] | None = None) -> list[Task]:
    """Give the task nodes of a new quarterly program their tasks (by the shape rules, or the
    `nodes` its maker says are tasks: a derived quarter's picks, not its framing paragraph).

    Called only when the program is created (import, derive, package): afterwards tasks change
    only by the user's track/untrack, never by recomputation. A document without tasks (a report,
    a guidance …) gets none."""
    if not shape.has_tasks(program):
        return []
    nodes = shape.task_nodes(program) if nodes is None else nodes
    tasks = [Task(node_id=n.id, program_id=program.id, due_date=task_due(program, n), annual_node_id=n.source_node_id)
             for n in nodes]
    session.add_all(tasks)
    session.flush()
    for task in tasks:
        task.lineage_id = task.id
    return tasks


def resume_dropped(session: Session, program: Program, tasks: list[Task]) -> None:
    """A task an earlier quarter of the year dropped ("không thực hiện"), taken up again in this
    quarter, continues that task's lineage: its history and its count of carries go on, so a
    task carried in quarter I, dropped in II and picked in III shows "chuyển 1 lần", not 0."""
    fresh: dict[int | None, Task] = {t.annual_node_id: t for t in tasks
                                     if t.annual_node_id is not None and t.carried_from_id is None}
    if not fresh or not program.quarter:
        return
    earlier = session.scalars(
        select(Task).join(Program, Task.program_id == Program.id)
        .where(Task.annual_node_id.in_(fresh), Program.organization_id == program.organization_id,
               Program.year == program.year, Program.kind == "quarterly", Program.quarter < program.quarter,
               *in_use(), versions.is_current())
        .order_by(Program.quarter, Task.id)
    ).all()
    latest = {t.annual_node_id: t for t in earlier}  # the last instance before this quarter
    for annual_id, old in latest.items():
        if old.status == TaskStatus.DROPPED and old.lineage_id is not None:
            fresh[annual_id].lineage_id = old.lineage_id


# --- status changes ------------------------------------------------------------------------
def refusal(current: str, status: str) -> str | None:
    """Why a task in status `current` cannot be set to `status` (None: it can)."""
    if status == current or status in TRANSITIONS.get(current, set()):
        return None
    return f"Không thể chuyển nhiệm vụ từ “{STATUS_VI[current]}” sang “{STATUS_VI[status]}”."


def set_status(session: Session, task: Task, status: str, user: str, note: str = "",
               when: date | None = None) -> None:
    if status == task.status:
        return
    refused = refusal(task.status, status)
    if refused:
        raise InputError(refused)
    program = task.program
    if status == "carried" and program.closed_at is None and note != "close_quarter":
        raise InputError("Nhiệm vụ chỉ được chuyển sang quý sau khi kết thúc quý (Kết thúc quý).")
    session.add(TaskEvent(task_id=task.id, user=user, from_status=task.status, to_status=status,
                          note="" if note == "close_quarter" else note))
    task.status = status
    if status == "done":
        task.completed_date = when or date.today()
    elif task.completed_date is not None:
        task.completed_date = None


# --- closing a quarter ---------------------------------------------------------------------
@dataclass(frozen=True)
class Proposal:
    task_id: int
    label: str
    text: str
    status: str
    lead_unit: str
    note: str = ""
    carry: bool = True  # the default decision: every unfinished task is carried (PRODUCT: closing proposes them)


def unfinished(session: Session, program: Program) -> list[Proposal]:
    rows = session.execute(
        select(Task, Node).join(Node, Task.node_id == Node.id)
        .where(Task.program_id == program.id, Task.status.in_(UNFINISHED))
        .order_by(Node.id)
    ).all()
    parents = {n.id: n for n in session.scalars(select(Node).where(Node.id.in_({n.parent_id for _t, n in rows})))}

    def place(node: Node) -> str:  # "1.1." for a paragraph without a number of its own
        parent = parents.get(node.parent_id) if node.parent_id is not None else None
        return node.label if node.label not in ("", "-") or parent is None else parent.label

    return [Proposal(t.id, place(n), n.heading or n.text, t.status, t.lead_unit, t.result_note) for t, n in rows]


def close_quarter(session: Session, program: Program, user: str, carry_ids: set[int] | None = None,
                  reason: str = "") -> list[int]:
    """Carry the unfinished tasks (all, or those chosen) to the next quarter; the others the
    user chose not to carry are marked "không thực hiện", with `reason` (if given) as their result
    note, which the results report prints as their reason. Returns the carried task ids."""
    if program.kind != "quarterly" or not program.quarter or not program.year:
        raise InputError("Chỉ kết thúc quý được với chương trình công tác quý.")
    if program.closed_at is not None:
        raise LockedError(f"Quý {to_roman(program.quarter)}/{program.year} đã được kết thúc trước đó.")
    open_tasks = session.scalars(
        select(Task).where(Task.program_id == program.id, Task.status.in_(UNFINISHED))
    ).all()
    chosen = {t.id for t in open_tasks} if carry_ids is None else set(carry_ids)
    unknown = chosen - {t.id for t in open_tasks}
    if unknown:
        raise InputError(f"Nhiệm vụ {sorted(unknown)} không thuộc chương trình này hoặc đã hoàn thành.")
    to_year, to_quarter = next_quarter(program.year, program.quarter)
    program.closed_at = utcnow()
    carried = []
    for task in open_tasks:
        if task.id in chosen:
            set_status(session, task, "carried", user, "close_quarter")
            session.add(Carry(task_id=task.id, organization_id=program.organization_id, from_program_id=program.id,
                              to_year=to_year, to_quarter=to_quarter, user=user))
            carried.append(task.id)
        else:
            set_status(session, task, "dropped", user, reason or "Không chuyển sang quý sau khi kết thúc quý.")
            if reason:
                task.result_note = reason
    return carried


def continue_carried(session: Session, task: Task, old: Task, year: int, quarter: int) -> None:
    """The next quarter's task takes over where the carried one stopped: its lineage, units and note
    (the progress written so far), "đang thực hiện" if it was under way when the quarter closed, and a
    deadline set past its own quarter's end (a real date, e.g. 15/12); else due at the new quarter's end."""
    task.carried_from_id, task.lineage_id, task.annual_node_id = old.id, old.lineage_id, old.annual_node_id
    task.lead_unit, task.cooperating_units, task.result_note = old.lead_unit, old.cooperating_units, old.result_note
    program = old.program
    own_end = quarter_end(program.year, program.quarter) if program.year and program.quarter else None
    if old.due_date is not None and own_end is not None and old.due_date > own_end:
        task.due_date, task.deadline_text = old.due_date, old.deadline_text
    else:
        task.due_date = quarter_end(year, quarter)
    if status_when_carried(session, old) == TaskStatus.IN_PROGRESS:
        set_status(session, task, TaskStatus.IN_PROGRESS, "", "Đang thực hiện từ quý trước.")


def status_when_carried(session: Session, task: Task) -> str | None:
    """What a carried task was when its quarter closed ("in_progress", "not_started")."""
    return statuses_when_carried(session, [task.id]).get(task.id)


def statuses_when_carried(session: Session, task_ids: list[int]) -> dict[int, str]:
    """Each carried task's status when its quarter closed: the status the close recorded it leaving
    (the report says how many of the carried were under way)."""
    found: dict[int, str] = {}
    for task_id, before in session.execute(select(TaskEvent.task_id, TaskEvent.from_status).where(
            TaskEvent.task_id.in_(task_ids), TaskEvent.to_status == TaskStatus.CARRIED).order_by(TaskEvent.id)):
        found[task_id] = before
    return found


def pending_carries(session: Session, organization_id: int, year: int, quarter: int) -> list[Carry]:
    return list(session.scalars(
        select(Carry).where(Carry.organization_id == organization_id, Carry.to_year == year,
                            Carry.to_quarter == quarter, Carry.new_task_id.is_(None))
        .order_by(Carry.id)
    ))


# --- queries -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChainLink:
    task_id: int
    program_id: int
    period: str  # "Q2/2024" or "năm 2024" for the annual task
    status: str
    text: str
    restated: bool = False  # the same annual task set again in a quarter as a task of its own (not carried)


def chain(session: Session, task: Task) -> list[ChainLink]:
    """The annual task, then every quarterly instance of the same lineage, in order — with the quarters
    of the year that set the same annual task again on their own (a focus task restated each quarter,
    done in quarter I: its chain shows quarter I too), marked `restated`."""
    base = (select(Task, Program, Node).join(Program, Task.program_id == Program.id).join(Node, Task.node_id == Node.id)
            .where(versions.is_current(), Task.deleted_at.is_(None)))
    rows = session.execute(base.where(Task.lineage_id == task.lineage_id)
                           .order_by(Program.year, Program.quarter, Task.id)).all()
    links: list[ChainLink] = []
    first = rows[0][0] if rows else task
    restated: list[Any] = []
    if first.annual_node_id:
        annual = session.get(Node, first.annual_node_id)
        if annual is not None:
            program = annual.program
            links.append(ChainLink(0, program.id, f"năm {program.year}", "", annual.heading or annual.text))
            restated = list(session.execute(base.where(
                Task.annual_node_id == first.annual_node_id, Task.lineage_id != task.lineage_id,
                Program.organization_id == program.organization_id, Program.kind == "quarterly",
                *in_use())).all())
    in_order = sorted([(r, False) for r in rows] + [(r, True) for r in restated],
                      key=lambda pair: (pair[0][1].year or 0, pair[0][1].quarter or 0, pair[0][0].id))
    for (t, p, n), again in in_order:
        links.append(ChainLink(t.id, p.id, f"Q{to_roman(p.quarter or 0) if p.quarter else '?'}/{p.year}",
                               t.status, n.heading or n.text, again))
    return links


def carry_counts(session: Session, organization_id: int | None = None) -> dict[int, int]:
    """Number of carries per lineage."""
    query = select(Task.lineage_id, func.count(Carry.id)).join(Carry, Carry.task_id == Task.id)
    if organization_id is not None:
        query = query.where(Carry.organization_id == organization_id)
    return {lineage: count for lineage, count in session.execute(query.group_by(Task.lineage_id))
            if lineage is not None}


def carried_report(session: Session, organization_id: int | None, minimum: int = 2) -> dict[str, list[dict]]:
    """Tasks carried `minimum` times or more, grouped by the lead unit of their latest instance."""
    query = (
        select(Task.lineage_id, func.count(Carry.id).label("carries"), func.max(Task.id).label("latest"))
        .join(Carry, Carry.task_id == Task.id)
        .group_by(Task.lineage_id)
        .having(func.count(Carry.id) >= minimum)
    )
    if organization_id is not None:
        query = query.where(Carry.organization_id == organization_id)
    rows = session.execute(query).all()
    if not rows:
        return {}
    latest_ids = {r.lineage_id: r.latest for r in rows}
    # the newest instance of each lineage (the one carried into, if it exists)
    newest = dict(session.execute(
        select(Task.lineage_id, func.max(Task.id)).where(Task.lineage_id.in_(latest_ids)).group_by(Task.lineage_id)
    ).all())
    tasks = {t.id: t for t in session.scalars(select(Task).where(Task.id.in_(newest.values())))}
    nodes = {n.id: n for n in session.scalars(select(Node).where(Node.id.in_([t.node_id for t in tasks.values()])))}
    report: dict[str, list[dict]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: (-r.carries, r.lineage_id)):
        task = tasks[newest[r.lineage_id]]
        node = nodes[task.node_id]
        report[task.lead_unit or "(chưa giao)"].append(
            {"lineage": r.lineage_id, "task_id": task.id, "carries": r.carries, "text": node.heading or node.text,
             "status": task.status}
        )
    return dict(sorted(report.items()))


def coverage(session: Session, annual: Program) -> list[Node]:
    """Annual tasks that no quarterly program of the same organisation and year schedules."""
    scheduled = set(session.scalars(
        select(Task.annual_node_id).join(Program, Task.program_id == Program.id)
        .where(Program.organization_id == annual.organization_id, Program.year == annual.year,
               Program.kind == "quarterly", Task.annual_node_id.is_not(None), *in_use())
    ))
    return [n for n in annual_task_nodes(annual) if n.id not in scheduled]


def annual_task_nodes(annual: Program) -> list[Node]:
    """The annual program's schedulable tasks: focus items and part II paragraphs."""
    return shape.task_nodes(annual)


def timeliness(task: Task, as_of: date) -> str:
    if task.status in ("carried", "dropped"):
        return task.status
    if task.status == "done":
        late = task.due_date and task.completed_date and task.completed_date > task.due_date
        return "done_late" if late else "done_on_time"
    return "open_late" if task.due_date and as_of > task.due_date else "open_on_time"


def status_report(session: Session, organization_id: int, year: int, as_of: date | None = None) -> list[dict]:
    """Per quarter of the year: counts by status and by timeliness as of a date."""
    as_of = as_of or date.today()
    rows = session.execute(
        select(Task, Program.quarter).join(Program, Task.program_id == Program.id)
        .where(Program.organization_id == organization_id, Program.year == year, Program.kind == "quarterly",
               *in_use(), versions.is_current())
    ).all()
    per_quarter: dict[int, tuple[Counter, Counter]] = {}
    for task, quarter in rows:
        statuses, times = per_quarter.setdefault(quarter or 0, (Counter(), Counter()))
        statuses[task.status] += 1
        times[timeliness(task, as_of)] += 1
    return [
        {"quarter": q, "total": sum(s.values()), "status": {k: s.get(k, 0) for k in STATUS_VI},
         "timeliness": {k: t.get(k, 0) for k in TIMELINESS_VI}}
        for q, (s, t) in sorted(per_quarter.items())
    ]



def closing_warnings(program: Program, today: date) -> list[str]:
    """What makes closing this quarter on `today` unusual: the quarter has not begun or not
    ended yet, or its program was never issued. Questions for the user, never refusals."""
    if program.kind != "quarterly" or not program.quarter or not program.year:
        return []
    first, last = quarter_span(program.year, program.quarter)
    name = period_label(program.year, program.quarter)
    warnings = []
    if today < first:
        warnings.append(f"Hôm nay là {today:%d/%m/%Y}: {name} chưa bắt đầu (bắt đầu ngày {first:%d/%m/%Y}).")
    elif today < last:
        warnings.append(f"Hôm nay là {today:%d/%m/%Y}: {name} chưa hết (đến hết ngày {last:%d/%m/%Y}).")
    if program.status == "draft":
        warnings.append(f"Chương trình {name} vẫn là dự thảo, chưa ban hành.")
    return warnings
