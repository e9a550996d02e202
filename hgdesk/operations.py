"""Operations: every write is one transaction that changes rows by stable id, records each row it
changed (values before and after) in its audit entry, and tells the caller what changed.

Why this shape (Anki's operations): the audit entry *is* the undo record, so undo and redo are
core services that work from the CLI and tests as well as the GUI, keep every id (a deleted node
is soft-deleted, never re-created under a new id), and are themselves audited operations.

The rows are captured by an ORM flush hook, so no service can forget to record a change;
`finish` runs at the end of every `Database.transaction()`.
"""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, event, inspect, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from hgdesk.errors import ConflictError, InputError, LockedError, NotFoundError
from hgdesk.models import (
    Anniversary,
    AuditEntry,
    Base,
    Carry,
    Indicator,
    IndicatorResult,
    Node,
    Organization,
    Program,
    Revision,
    Task,
    TaskEvent,
    Template,
    utcnow,
)
from hgdesk.vocab import AuditAction, AuditEntity

TRACKED: dict[str, type[Base]] = {m.__tablename__: m for m in (
    Program, Node, Task, TaskEvent, Carry, Indicator, IndicatorResult, Organization, Template, Anniversary, Revision)}
SOFT_DELETED = (Node, Task, Indicator)  # these keep their id and history when deleted
IGNORED = ("version",)  # optimistic-lock counters: they move forward on undo too
SETTINGS = (AuditEntity.ORGANIZATION, AuditEntity.TEMPLATE, AuditEntity.ANNIVERSARY)


SECRETARY = {"name": ""}  # the configured secretary's name, set by the GUI from its settings


def set_secretary(name: str) -> None:
    SECRETARY["name"] = name.strip()


def current_user() -> str:
    """Who makes a change: the OS login, with the secretary's configured name if there is one."""
    try:
        login = getpass.getuser()
    except Exception:  # no login name (service accounts, some containers)
        login = ""
    name = SECRETARY["name"] or os.environ.get("HGDESK_SECRETARY", "").strip()
    return f"{login} ({name})" if name else login


# --- soft delete: deleted rows are invisible unless asked for --------------------------------
@event.listens_for(Session, "do_orm_execute")
def _hide_deleted(state: ORMExecuteState) -> None:
    if state.is_select and not state.execution_options.get("include_deleted", False):
        state.statement = state.statement.options(*(
            with_loader_criteria(model, lambda cls: cls.deleted_at.is_(None), include_aliases=True)
            for model in SOFT_DELETED))


WITH_DELETED = {"include_deleted": True}


# --- what changed ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Changes:
    """What an operation touched, for the views to decide whether to reload."""

    op_id: int | None = None
    programs: frozenset[int] = frozenset()  # program rows themselves (created, header, status)
    tree: frozenset[int] = frozenset()  # programs whose nodes changed
    tasks: frozenset[int] = frozenset()  # task ids whose status, units, notes or history changed
    indicators: frozenset[int] = frozenset()
    settings: bool = False  # organisation, templates, anniversaries
    touched: frozenset[int] = frozenset()  # every program any changed row belongs to

    def __bool__(self) -> bool:
        return bool(self.touched or self.tasks or self.indicators or self.settings)


def changes_of(op_id: int | None, rows: list[dict[str, Any]]) -> Changes:
    sets: dict[str, set[int]] = {"programs": set(), "tree": set(), "tasks": set(), "indicators": set(),
                                 "touched": set()}
    settings = False
    for row in rows:
        table, values = row["t"], row["after"] or row["before"] or {}
        program_id = row["id"] if table == "program" else values.get("program_id") or values.get("from_program_id")
        if program_id:
            sets["touched"].add(program_id)
        if table == "program":
            sets["programs"].add(row["id"])
        elif table == "node":
            sets["tree"].add(values["program_id"])
        elif table == "task":
            sets["tasks"].add(row["id"])
        elif table in ("task_event", "carry"):
            sets["tasks"].add(values["task_id"])
        elif table == "indicator":
            sets["indicators"].add(row["id"])
        elif table == "indicator_result":
            sets["indicators"].add(values["indicator_id"])
        elif table in SETTINGS:
            settings = True
    return Changes(op_id, settings=settings, **{k: frozenset(v) for k, v in sets.items()})


# --- capturing the rows ------------------------------------------------------------------------
def _encode(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _snapshot(obj: Base) -> dict[str, Any]:
    mapper = inspect(type(obj))
    return {c.key: _encode(getattr(obj, c.key)) for c in mapper.column_attrs if c.key not in IGNORED}


def _before(obj: Base, after: dict[str, Any]) -> dict[str, Any]:
    before = dict(after)
    state = inspect(obj)
    for attr in state.mapper.column_attrs:
        if attr.key in IGNORED:
            continue
        history = state.attrs[attr.key].history
        if history.deleted:
            before[attr.key] = _encode(history.deleted[0])
    return before


@event.listens_for(Session, "after_flush")
def _capture(session: Session, _context: Any) -> None:
    log: dict[tuple[str, int], list[Any]] = session.info.setdefault("rows", {})
    for obj in session.new:
        if type(obj).__tablename__ in TRACKED:
            key = (obj.__tablename__, obj.id)
            before = log[key][0] if key in log else None
            log[key] = [before, _snapshot(obj)]
    for obj in session.dirty:
        if type(obj).__tablename__ in TRACKED and obj not in session.deleted and session.is_modified(obj):
            after = _snapshot(obj)
            key = (obj.__tablename__, obj.id)
            if key in log:
                log[key][1] = after
            else:
                log[key] = [_before(obj, after), after]
    for obj in session.deleted:
        if type(obj).__tablename__ in TRACKED:
            key = (obj.__tablename__, obj.id)
            if key in log and log[key][0] is None:
                del log[key]  # created and removed in the same operation
            elif key in log:
                log[key][1] = None
            else:
                log[key] = [_before(obj, _snapshot(obj)), None]


def record(session: Session, action: str, entity: str, entity_id: int | None, program_id: int | None,
           user: str, summary: dict[str, Any]) -> None:
    """An audit entry of the running operation, written with its rows when the operation ends."""
    session.info.setdefault("audit", []).append(
        {"action": str(action), "entity": str(entity), "entity_id": entity_id, "program_id": program_id,
         "user": user, "summary": summary})


# what a row belongs to: kept in every record, changed or not (changes_of tells the screens from it)
OWNERS = ("program_id", "task_id", "indicator_id", "from_program_id")


def _changed_only(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[Any, Any]:
    """An update is recorded by its changed columns (and its owners) only: undo and redo check and
    set just those. A created or deleted row keeps all its columns, to bring it back. Deleting a
    section recorded each paragraph's whole text twice (77 kB for 20 paragraphs); now its flags."""
    if before is None or after is None:
        return before, after
    keys = [k for k in after if before.get(k) != after[k] or k in OWNERS]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def finish(session: Session) -> Changes:
    """Write the operation's audit entries, the first with every changed row (the undo record)."""
    session.flush()
    log = session.info.pop("rows", {})
    pending = session.info.pop("audit", [])
    rows = [{"t": t, "id": i, "before": b, "after": a} for (t, i), (b, a) in
            (((t, i), _changed_only(b, a)) for (t, i), (b, a) in log.items() if b != a)]
    if not rows and not pending:
        return Changes()
    if not pending:  # a change no service described: audited all the same
        first = rows[0]
        values = first["after"] or first["before"] or {}
        pending = [{"action": AuditAction.UPDATE, "entity": first["t"], "entity_id": first["id"],
                    "program_id": values.get("program_id"), "user": current_user(), "summary": {}}]
    head, *rest = pending
    # no row changed (e.g. an export, or a value set to what it was): recorded, but nothing to undo
    entry = AuditEntry(**head, rows=rows or None, op_id=head["summary"].pop("_op", None))
    session.add(entry)
    session.flush()
    session.add_all(AuditEntry(**p, op_id=entry.id) for p in rest)
    session.flush()
    session.info.pop("rows", None)
    if not rows:
        return Changes()
    changes = changes_of(entry.id, rows)
    owners: set[int] = set()  # history rows name their task or indicator only: add the programs they belong to
    if changes.tasks:
        owners.update(session.scalars(select(Task.program_id).where(Task.id.in_(changes.tasks))
                                      .execution_options(include_deleted=True)))
    if changes.indicators:
        owners.update(session.scalars(select(Indicator.program_id).where(Indicator.id.in_(changes.indicators))
                                      .execution_options(include_deleted=True)))
    return replace(changes, touched=changes.touched | owners) if owners - changes.touched else changes


# --- undo and redo -------------------------------------------------------------------------------
def _decode(model: type[Base], values: dict[str, Any]) -> dict[str, Any]:
    columns = inspect(model).columns
    out = {}
    for key, value in values.items():
        kind = columns[key].type
        if value is not None and isinstance(kind, DateTime):
            value = datetime.fromisoformat(value)
        elif value is not None and isinstance(kind, Date):
            value = date.fromisoformat(value)
        out[key] = value
    return out


UNDO_CONFLICT = ("Không hoàn tác (hoặc làm lại) được: nội dung đã được sửa tiếp sau thao tác này. "
                 "Hãy hoàn tác các thao tác sau trước.")


def _current(session: Session, rows: list[dict[str, Any]]) -> dict[tuple[str, int], Base]:
    """The rows an operation recorded as they are stored now: one query per table (not one per row),
    read again from the database (not the session's copies)."""
    ids: dict[str, list[int]] = {}
    for row in rows:
        ids.setdefault(row["t"], []).append(row["id"])
    found: dict[tuple[str, int], Base] = {}
    for table, keys in ids.items():
        model = TRACKED[table]
        key = inspect(model).primary_key[0]
        name = key.key or "id"
        for start in range(0, len(keys), 500):  # within every database's limit of bound parameters
            query = (select(model).where(key.in_(keys[start:start + 500]))
                     .execution_options(populate_existing=True, **WITH_DELETED))
            found.update(((table, getattr(obj, name)), obj) for obj in session.scalars(query))
    return found


def _apply(session: Session, row: dict[str, Any], backwards: bool, stored: dict[tuple[str, int], Base]) -> bool:
    """Move one row from its recorded state to the other, checking it is where the record left it.
    True when a row was inserted or removed (flushed at once, in the recorded order)."""
    model = TRACKED[row["t"]]
    now, then = (row["after"], row["before"]) if backwards else (row["before"], row["after"])
    obj = stored.get((row["t"], row["id"]))
    current = _snapshot(obj) if obj is not None else None
    soft = model in SOFT_DELETED
    if soft and current is not None and current.get("deleted_at") is not None and now is None:
        current = None  # a soft-deleted row reads as absent
    if now is None:
        if current is not None:
            raise ConflictError(UNDO_CONFLICT)
    elif current is None or any(current.get(k) != v for k, v in now.items()
                                if then is None or then.get(k) != v):
        raise ConflictError(UNDO_CONFLICT)
    if then is None:  # the row goes away
        assert obj is not None  # checked above: it is where the record left it
        if isinstance(obj, Node | Task | Indicator):
            obj.deleted_at = utcnow()
            return False
        session.delete(obj)
        return True
    values = _decode(model, then)
    if obj is None:
        session.add(model(**values))
        return True
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
    return False


def _state(session: Session, op_id: int) -> AuditEntry:
    entry = session.get(AuditEntry, op_id)
    if entry is None or entry.rows is None or entry.action in (AuditAction.UNDO, AuditAction.REDO):
        raise NotFoundError(f"Không có thao tác số {op_id} để hoàn tác hoặc làm lại.")
    return entry


def is_undone(session: Session, op_id: int) -> bool:
    last = session.scalars(
        select(AuditEntry.action).where(AuditEntry.op_id == op_id,
                                        AuditEntry.action.in_((AuditAction.UNDO, AuditAction.REDO)))
        .order_by(AuditEntry.id.desc()).limit(1)).first()
    return last == AuditAction.UNDO


def replay(session: Session, op_id: int, backwards: bool, user: str) -> None:
    """Undo (backwards) or redo an operation; itself recorded as an operation naming `op_id`."""
    entry = _state(session, op_id)
    if is_undone(session, op_id) == backwards:
        raise InputError("Thao tác này đã được hoàn tác." if backwards else "Thao tác này chưa được hoàn tác.")
    rows = entry.rows or []
    stored = _current(session, rows)
    try:
        for row in (reversed(rows) if backwards else rows):
            if _apply(session, row, backwards, stored):
                session.flush()
        session.flush()  # the updates in one flush: the nodes brought back are indexed in one statement
    except DBAPIError as exc:
        if "da ban hanh" in str(exc.orig):
            raise LockedError("Chương trình đã ban hành nên không hoàn tác được thao tác này.") from exc
        raise
    action = AuditAction.UNDO if backwards else AuditAction.REDO
    record(session, action, entry.entity, entry.entity_id, entry.program_id, user,
           {"_op": op_id, "action": entry.action})
