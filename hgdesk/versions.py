"""Version series: "Tạo phiên bản mới" of an issued program makes a draft that supersedes it.

The new version carries every task forward by lineage, with its status, units, notes, dates and
status history, so tracking continues where it was. Reports, chains and coverage count only the
current version of each program (one no other program supersedes); a superseded one stays
readable as it was issued.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session, aliased

from hgdesk.editing import children_map
from hgdesk.errors import InputError
from hgdesk.models import Indicator, Node, Program, Task, TaskEvent
from hgdesk.vocab import ProgramStatus

_Newer = aliased(Program)


def is_current() -> ColumnElement[bool]:
    """SQL: the program in the query is the current version of its series: no program supersedes it,
    and, a draft, no later draft of the same period replaces it ("dự thảo lần 2" beside lần 1)."""
    later_draft = select(_Newer.id).where(
        Program.status == ProgramStatus.DRAFT, _Newer.status == ProgramStatus.DRAFT,
        _Newer.organization_id == Program.organization_id, _Newer.kind == Program.kind, _Newer.year == Program.year,
        _Newer.quarter.is_not_distinct_from(Program.quarter), _Newer.draft_version > Program.draft_version,
        _Newer.deleted_at.is_(None))
    return ~exists(select(_Newer.id).where(_Newer.supersedes_id == Program.id)) & ~exists(later_draft)


def in_force() -> ColumnElement[bool]:
    """SQL: the program's tasks bind the units: it was issued, or it is the correction (new version) of one
    that was. A first draft's tasks are not assigned yet: nothing of it is overdue."""
    return (Program.status != ProgramStatus.DRAFT) | Program.supersedes_id.is_not(None)


def new_version(session: Session, source: Program) -> Program:
    if source.status == ProgramStatus.DRAFT:
        raise InputError("Chương trình còn là dự thảo: hãy sửa trực tiếp, không cần tạo phiên bản mới.")
    newer = session.scalars(select(Program.id).where(Program.supersedes_id == source.id)).first()
    if newer is not None:
        raise InputError(f"Chương trình này đã có phiên bản mới (số {newer}); hãy tạo tiếp từ phiên bản đó.")
    copy = Program(
        organization_id=source.organization_id, parent_id=source.parent_id, supersedes_id=source.id,
        kind=source.kind, year=source.year, quarter=source.quarter, term=source.term, doc_code=source.doc_code,
        number="", issue_date=None, date_year=source.date_year, place=source.place,
        document_type=source.document_type, title_lines=list(source.title_lines), status=ProgramStatus.DRAFT,
        draft_version=1, signer_authority=source.signer_authority, signer_position=source.signer_position,
        signer_name=source.signer_name, recipients=list(source.recipients), opening=list(source.opening),
        closing=list(source.closing), footnotes=list(source.footnotes), source_name=source.source_name,
        closed_at=source.closed_at, document_kind=source.document_kind,
    )
    session.add(copy)
    children = children_map(source)
    pairs: list[tuple[Node, Node]] = []

    def clone(parent_old: Node | None, parent_new: Node | None) -> None:
        for node in children[parent_old.id if parent_old else None]:
            new = Node(parent=parent_new, position=node.position, kind=node.kind, label=node.label,
                       heading=node.heading, text=node.text, source_node_id=node.source_node_id)
            copy.nodes.append(new)
            if node.indicator is not None:
                new.indicator = Indicator(program=copy, target_value=node.indicator.target_value,
                                          unit=node.indicator.unit, direction=node.indicator.direction)
            pairs.append((node, new))
            clone(node, new)

    clone(None, None)
    session.flush()
    for old, new in pairs:
        task = old.task
        if task is None:
            continue
        carried = Task(node_id=new.id, program_id=copy.id, status=task.status, lead_unit=task.lead_unit,
                       cooperating_units=task.cooperating_units, due_date=task.due_date,
                       completed_date=task.completed_date, result_note=task.result_note,
                       annual_node_id=task.annual_node_id, carried_from_id=task.carried_from_id,
                       lineage_id=task.lineage_id)
        session.add(carried)
        session.flush()
        for event in session.scalars(select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.id)):
            session.add(TaskEvent(task_id=carried.id, at=event.at, user=event.user, from_status=event.from_status,
                                  to_status=event.to_status, note=event.note))
    session.flush()
    return copy
