"""Use cases that manage programs as documents: rename, delete a draft to the "Thùng rác"
(restorable for 30 days), archive an issued program, find a program already imported, and
remove the shipped sample data ("Dữ liệu mẫu") in one action."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from hgdesk.db import Database
from hgdesk.editing import children_map
from hgdesk.errors import InputError, LockedError
from hgdesk.importing import ParsedProgram
from hgdesk.models import Carry, Organization, Program, Task, utcnow
from hgdesk.names import describe
from hgdesk.services.programs import ProgramInfo, _load_program, audit, info_of
from hgdesk.text import clean, fold
from hgdesk.vocab import AuditAction, AuditEntity, ProgramKind, ProgramStatus

TRASH_DAYS = 30


def rename_program(db: Database, program_id: int, name: str) -> str:
    """The name lists show for the program ("" goes back to the automatic one); returns it."""
    with db.transaction() as s:
        program = _load_program(s, program_id)
        before, program.name = program.name, clean(name)[:200]
        audit(s, AuditAction.RENAME, AuditEntity.PROGRAM, program.id, program.id, before=before, after=program.name)
        return program.name


def delete_program(db: Database, program_id: int) -> None:
    """Put a draft in the "Thùng rác": hidden everywhere, restorable for 30 days. The carried
    tasks it had taken over wait again for the next draft of the quarter."""
    with db.transaction() as s:
        program = _load_program(s, program_id)
        if program.deleted_at is not None:
            return
        if program.status != ProgramStatus.DRAFT:
            raise LockedError("Chỉ xóa được dự thảo. Chương trình đã ban hành thì “Lưu trữ” để ẩn khỏi danh sách.")
        children = s.scalar(select(Program.id).where(Program.parent_id == program.id, Program.deleted_at.is_(None),
                                                     Program.organization_id == program.organization_id))
        if children is not None and program.kind == "annual":
            raise LockedError("Chương trình năm này đã có chương trình quý soạn từ nó; hãy xóa các chương trình quý "
                              "trước.")
        task_ids = select(Task.id).where(Task.program_id == program.id)
        s.execute(update(Carry).where(Carry.new_task_id.in_(task_ids)).values(new_task_id=None))
        program.deleted_at = utcnow()
        audit(s, AuditAction.DELETE, AuditEntity.PROGRAM, program.id, program.id, trash=True)


def restore_program(db: Database, program_id: int) -> None:
    """Take a draft back out of the "Thùng rác", with the carried tasks it had taken over
    (those no other draft has taken since)."""
    with db.transaction() as s:
        program = _load_program(s, program_id)
        if program.deleted_at is None:
            return
        if program.kind in (ProgramKind.ANNUAL, ProgramKind.QUARTERLY):
            other = s.scalars(select(Program).where(
                Program.organization_id == program.organization_id, Program.kind == program.kind,
                Program.year == program.year, Program.quarter.is_(program.quarter) if program.quarter is None
                else Program.quarter == program.quarter, Program.id != program.id, Program.deleted_at.is_(None),
                Program.status != ProgramStatus.ARCHIVED, Program.draft_version == program.draft_version,
                # "dự thảo lần 2" beside lần 1, or a new version beside the issued one it corrects, is the
                # same program's history, not a second program for the period
                Program.id != (program.supersedes_id or 0), Program.supersedes_id.is_distinct_from(program.id))).first()
            if other is not None:
                raise InputError(f"{program.organization.name} đã có {describe(other)} (số {other.id}) đang dùng; "
                                 "khôi phục bản này sẽ có hai chương trình cho cùng một kỳ. Hãy xóa chương trình "
                                 "đang dùng trước nếu muốn dùng lại bản này.")
        program.deleted_at = None
        for task in s.scalars(select(Task).where(Task.program_id == program.id, Task.carried_from_id.is_not(None))):
            s.execute(update(Carry).where(Carry.task_id == task.carried_from_id, Carry.new_task_id.is_(None))
                      .values(new_task_id=task.id))
        audit(s, AuditAction.RESTORE, AuditEntity.PROGRAM, program.id, program.id)


def trash(db: Database, now: datetime | None = None) -> list[dict[str, Any]]:
    """The deleted drafts still restorable, newest first, with the days they have left."""
    now = now or utcnow()
    with db.transaction() as s:
        rows = s.scalars(select(Program).where(Program.deleted_at.is_not(None)).order_by(Program.deleted_at.desc()))
        deleted = [(p, p.deleted_at) for p in rows if p.deleted_at is not None]
        return [{**info_of(p).__dict__, "deleted_at": when, "days_left": max(0, TRASH_DAYS - (now - when).days)}
                for p, when in deleted if now - when < timedelta(days=TRASH_DAYS)]


def purge_trash(db: Database, now: datetime | None = None) -> int:
    """Delete for good the drafts in the "Thùng rác" for more than 30 days; returns how many."""
    now = now or utcnow()
    with db.transaction() as s:
        old = s.scalars(select(Program).where(Program.deleted_at < now - timedelta(days=TRASH_DAYS),
                                              Program.status == ProgramStatus.DRAFT)).all()
        for program in old:
            audit(s, AuditAction.PURGE, AuditEntity.PROGRAM, program.id, program.id, name=info_of(program).title)
            s.delete(program)
        return len(old)


def archive_program(db: Database, program_id: int, archived: bool = True) -> None:
    """Hide an issued program from lists and reports (never deleted), or show it again."""
    with db.transaction() as s:
        program = _load_program(s, program_id)
        if archived:
            if program.status != ProgramStatus.ISSUED:
                raise LockedError("Chỉ lưu trữ được chương trình đã ban hành; dự thảo thì xóa (vào Thùng rác).")
            program.status = ProgramStatus.ARCHIVED
            audit(s, AuditAction.ARCHIVE, AuditEntity.PROGRAM, program.id, program.id)
        elif program.status == ProgramStatus.ARCHIVED:
            program.status = ProgramStatus.ISSUED
            audit(s, AuditAction.UNARCHIVE, AuditEntity.PROGRAM, program.id, program.id)


def archived_programs(db: Database) -> list[ProgramInfo]:
    with db.transaction() as s:
        return [info_of(p) for p in s.scalars(select(Program).where(
            Program.status == ProgramStatus.ARCHIVED, Program.deleted_at.is_(None)).order_by(Program.id))]


# --- the same program imported twice ---------------------------------------------------------
def _fingerprint(kind: str | None, year: int | None, quarter: int | None, texts: list[str]) -> tuple:
    return (kind or "annual", year, quarter, tuple(" ".join(fold(t).split()) for t in texts if t.strip()))


def find_duplicate(db: Database, parsed: ParsedProgram) -> ProgramInfo | None:
    """A stored program (not deleted) with the same kind, period and text as the parsed one."""
    wanted = _fingerprint(parsed.kind, parsed.year, parsed.quarter,
                          [f"{n.heading} {n.text}" for n in parsed.walk()])
    with db.transaction() as s:
        same_period = s.scalars(select(Program).where(
            Program.kind == (parsed.kind or "annual"), Program.deleted_at.is_(None),
            Program.year.is_(None) if parsed.year is None else Program.year == parsed.year))
        for program in same_period:
            if program.quarter != parsed.quarter:
                continue
            if _fingerprint(program.kind, program.year, program.quarter, _texts_in_order(program)) == wanted:
                return info_of(program)
    return None


def _texts_in_order(program: Program) -> list[str]:
    children = children_map(program)
    texts: list[str] = []

    def walk(parent: int | None) -> None:
        for node in children[parent]:
            texts.append(f"{node.heading} {node.text}")
            walk(node.id)

    walk(None)
    return texts


# --- the shipped sample data ------------------------------------------------------------------
def remove_demo(db: Database) -> int:
    """Delete the sample organisations and everything of theirs; returns how many programs went.
    The user's own data (other organisations) is not touched."""
    with db.transaction() as s:
        orgs = s.scalars(select(Organization).where(Organization.is_demo.is_(True))).all()
        if not orgs:
            raise InputError("Không còn dữ liệu mẫu nào để xóa.")
        ids = [o.id for o in orgs]
        programs = s.scalars(select(Program).where(Program.organization_id.in_(ids))
                             .order_by(Program.id.desc())).all()
        kept = [p for p in programs if p.status != ProgramStatus.DRAFT]
        for program in programs:
            if program.status == ProgramStatus.DRAFT:
                s.delete(program)
        for program in kept:  # issued text is locked in the database itself: hide it for good instead
            program.status, program.deleted_at = ProgramStatus.ARCHIVED, datetime(1970, 1, 1)
        s.flush()
        for org in orgs:
            if not any(p.organization_id == org.id for p in kept):
                s.execute(update(Organization).where(Organization.parent_id == org.id).values(parent_id=None))
                s.delete(org)
        audit(s, AuditAction.REMOVE_DEMO, AuditEntity.DATABASE, None, None, programs=len(programs),
              organizations=[o.name for o in orgs])
        return len(programs)
