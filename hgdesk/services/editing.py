"""Use cases of the editor: tree changes, header fields, issuing a program.

Each returns what is needed to undo it, so the GUI's undo stack only calls services.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy.orm.exc import StaleDataError

from hgdesk import editing, shape, tracking, versions
from hgdesk.dates import check_plausible
from hgdesk.db import Database
from hgdesk.errors import ConflictError, InputError, LockedError, NotFoundError
from hgdesk.models import Node
from hgdesk.operations import WITH_DELETED
from hgdesk.services.programs import _load_program, _load_tree, audit
from hgdesk.text import clean
from hgdesk.vocab import TEXT_KINDS, AuditAction, ProgramKind

HEADER_FIELDS: dict[str, Any] = {
    "number": str, "issue_date": (date, type(None)), "place": str, "signer_authority": str,
    "signer_position": str, "signer_name": str, "recipients": list, "title_lines": list, "opening": list,
    "closing": list, "document_type": str,
}
CONFLICT = "Nội dung này vừa được người khác sửa. Hãy tải lại rồi thử lại."


def _node(s, node_id: int) -> Node:
    node = s.get(Node, node_id)
    if node is None:
        raise NotFoundError(f"Không có mục số {node_id} (có thể đã bị xóa).")
    return node


def _flush(s) -> None:
    try:
        s.flush()
    except StaleDataError as exc:
        raise ConflictError(CONFLICT) from exc


def edit_node(db: Database, node_id: int, *, heading: str | None = None, text: str | None = None,
              expected_version: int | None = None) -> int:
    """Change a node's heading or text; returns its new version. `expected_version` is the
    version the editor read: if someone else saved in between, the change is refused."""
    with db.transaction() as s:
        node = _node(s, node_id)
        editing.ensure_draft(node.program)
        if expected_version is not None and node.version != expected_version:
            raise ConflictError(CONFLICT)
        before = {"heading": node.heading, "text": node.text}
        after = {"heading": before["heading"] if heading is None else clean(heading),
                 "text": before["text"] if text is None else clean(text)}
        if after == before:  # e.g. only spaces typed at the end: nothing to store, nothing to audit or undo
            return node.version
        node.heading, node.text = after["heading"], after["text"]
        _flush(s)
        audit(s, "update", "node", node.id, node.program_id, before=before, after=after)
        return node.version


def add_node(db: Database, program_id: int, parent_id: int | None, position: int | None, kind: str,
             heading: str = "", text: str = "") -> int:
    with db.transaction() as s:
        program = _load_program(s, program_id)
        node = editing.add_node(s, program, parent_id, position, kind, heading, text)
        if program.kind == ProgramKind.QUARTERLY and shape.has_tasks(program) and shape.holds_task(program, node):
            tracking.create_task(s, program, node)  # this node only: the others keep what the user chose
        audit(s, "create", "node", node.id, program.id, kind=kind, text=(heading or text)[:200])
        _flush(s)
        return node.id


def delete_node(db: Database, node_id: int) -> int | None:
    """Delete a node and everything under it (soft: the same ids and task history come back with
    undo or `restore_node`). Returns the id of the node to show next (its parent)."""
    with db.transaction() as s:
        node = _node(s, node_id)
        program = _load_tree(s, node.program_id)  # kept: the session holds only what is referenced
        label, text = node.label, (node.heading or node.text)[:200]
        removed = editing.delete_node(s, node)
        audit(s, AuditAction.DELETE, "node", node_id, program.id, label=label, text=text, nodes=len(removed))
        _flush(s)
        return node.parent_id


def restore_node(db: Database, node_id: int) -> int:
    """Bring back a deleted node, with what was deleted with it, under the same ids."""
    with db.transaction() as s:
        node = s.get(Node, node_id, execution_options=WITH_DELETED)
        if node is None:
            raise NotFoundError(f"Không có mục số {node_id}.")
        program = _load_program(s, node.program_id)
        editing.restore_node(s, program, node)
        audit(s, AuditAction.RESTORE, "node", node.id, program.id, label=node.label)
        _flush(s)
        return node.id


def move_node(db: Database, node_id: int, parent_id: int | None, position: int) -> tuple[int | None, int]:
    """Move a node; returns its former (parent id, position) for undo."""
    with db.transaction() as s:
        node = _node(s, node_id)
        program = _load_tree(s, node.program_id)  # kept: the session holds only what is referenced
        was = editing.move_node(s, node, parent_id, position)
        audit(s, "move", "node", node.id, program.id, before={"under": was[0], "position": was[1] + 1},
              after={"under": parent_id, "position": position + 1})  # as the log says it: "thứ 1" is the first
        _flush(s)
        return was


def move_node_direction(db: Database, node_id: int, direction: str) -> dict[str, Any]:
    """Up, down, indent (under the previous sibling) or outdent; returns where it was and went."""
    with db.transaction() as s:
        node = _node(s, node_id)
        program = _load_tree(s, node.program_id)  # kept: the session holds only what is referenced
        editing.ensure_draft(program)
        target = editing.neighbour_move(s, node, direction)
        was = editing.move_node(s, node, *target)
        audit(s, "move", "node", node.id, node.program_id, direction=direction)
        _flush(s)
        return {"was": list(was), "now": [node.parent_id, node.position]}


def update_program(db: Database, program_id: int, **fields: Any) -> dict[str, Any]:
    """Change header fields (number, date, signer, recipients, title, opening, closing).

    Returns the previous values, for undo."""
    unknown = set(fields) - set(HEADER_FIELDS)
    if unknown:
        raise InputError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    with db.transaction() as s:
        program = _load_program(s, program_id)
        editing.ensure_draft(program)
        before = {k: getattr(program, k) for k in fields}
        for key, value in fields.items():
            if not isinstance(value, HEADER_FIELDS[key]):
                raise InputError(f"Giá trị của “{key}” không hợp lệ.")
            if isinstance(value, str):
                value = clean(value)
            elif isinstance(value, list):
                value = [clean(v) for v in value if clean(v)]
            setattr(program, key, value)
        if "number" in fields and program.number and not program.number.isdigit():
            raise InputError("Số văn bản chỉ gồm chữ số (ví dụ 125).")
        if fields.get("issue_date") is not None:
            check_plausible(fields["issue_date"])  # 15/09/1752 from a stray ↑ is never stored
        _flush(s)
        audit(s, "update", "program", program.id, program.id, before={k: str(v) for k, v in before.items()},
              after={k: str(getattr(program, k)) for k in fields})
        return before


def issue_program(db: Database, program_id: int, number: str, issue_date: date,
                  override: dict[str, Any] | None = None) -> None:
    """Ban hành: give the program its number and date and lock its text. `override` records why it
    was issued although the format check found errors (reason and rule ids), in the same audit entry."""
    number = number.strip()
    if not number.isdigit():
        raise InputError("Số văn bản chỉ gồm chữ số (ví dụ 125).")
    # Numbering rules (padding, one number per type per term) are the format's: hgdesk.numbering.
    from hgdesk import backup, numbering
    from hgdesk.formats import profile_for

    check_plausible(issue_date)
    profile = profile_for("party", issue_date)
    # The database before the issue, backed up on a background thread once the issue has committed
    # (a whole copy takes seconds at scale); a refused issue lets it go: no backup.
    moment = backup.snapshot(db.path) if db.is_sqlite and db.path is not None and not db.read_only else None
    if moment is None and db.is_sqlite and db.path is not None:  # not WAL: copy first, as before
        with db.transaction() as s:  # a refused issue makes no backup
            program = _load_program(s, program_id)
            if program.status != "draft":
                raise LockedError("Chương trình này đã được ban hành.")
            numbering.check_issue(s, program, number, issue_date, profile)
        backup.make(db.path, "pre-issue")
    try:
        _issue(db, program_id, number, issue_date, profile, override)
    except BaseException:
        if moment is not None:
            moment.release()
        raise
    if moment is not None:
        moment.keep("pre-issue")


def _issue(db: Database, program_id: int, number: str, issue_date: date, profile: Any,
           override: dict[str, Any] | None) -> None:
    from hgdesk import numbering

    with db.transaction() as s:
        program = _load_program(s, program_id)
        if program.status != "draft":
            raise LockedError("Chương trình này đã được ban hành.")
        program.number = numbering.check_issue(s, program, number, issue_date, profile)
        program.issue_date = issue_date
        program.date_year = issue_date.year
        program.issued_header = program.header()  # the names it prints with, frozen with it
        program.status = "issued"
        _flush(s)
        extra = {"check_override": override} if override else {}
        audit(s, "issue", "program", program.id, program.id, number=number, date=issue_date.isoformat(), **extra)


def new_version(db: Database, program_id: int) -> int:
    """Tạo phiên bản mới: a draft that supersedes an issued program, its tasks carried forward
    with their status, units, notes and history (the issued one stays locked and readable)."""
    with db.transaction() as s:
        copy = versions.new_version(s, _load_program(s, program_id))
        audit(s, AuditAction.NEW_VERSION, "program", copy.id, copy.id, source=program_id)
        return copy.id


def split_node(db: Database, node_id: int, at: int) -> int:
    """Split a paragraph in two at character `at`; the second part follows it (a task of its own
    in a quarterly program). Returns the new node's id."""
    with db.transaction() as s:
        node = _node(s, node_id)
        program = _load_program(s, node.program_id)
        editing.ensure_draft(program)
        if node.kind not in TEXT_KINDS:
            raise InputError("Chỉ tách được một đoạn văn, điểm hoặc gạch đầu dòng.")
        first, second = clean(node.text[:at]), clean(node.text[at:])
        if not first or not second:
            raise InputError("Hãy đặt con trỏ ở giữa đoạn văn (hai phần đều phải có chữ) rồi tách.")
        node.text = first
        new = editing.add_node(s, program, node.parent_id, node.position + 1, node.kind, text=second)
        if program.kind == "quarterly" and node.task is not None:
            from hgdesk.models import Task

            task = Task(node_id=new.id, program_id=program.id, due_date=node.task.due_date,
                        lead_unit=node.task.lead_unit, cooperating_units=node.task.cooperating_units,
                        annual_node_id=node.task.annual_node_id)
            s.add(task)
            s.flush()
            task.lineage_id = task.id
        _flush(s)
        audit(s, "split", "node", node.id, program.id, new=new.id)
        return new.id


def merge_with_next(db: Database, node_id: int) -> int:
    """Join a paragraph with the one after it; returns the id of the (soft-deleted) following one.
    A following task with a history (status changes, carries) is not merged away."""
    from sqlalchemy import func, select

    from hgdesk.models import Carry, TaskEvent

    with db.transaction() as s:
        node = _node(s, node_id)
        program = _load_tree(s, node.program_id)
        editing.ensure_draft(program)
        siblings = editing.children_map(program)[node.parent_id]
        index = next(i for i, n in enumerate(siblings) if n.id == node.id)
        if node.kind not in TEXT_KINDS or index + 1 >= len(siblings) or siblings[index + 1].kind not in TEXT_KINDS:
            raise InputError("Chỉ gộp được hai đoạn văn liền nhau.")
        following = siblings[index + 1]
        if following.task is not None:
            history = s.scalar(select(func.count()).select_from(TaskEvent).where(TaskEvent.task_id == following.task.id))
            carried = s.scalar(select(func.count()).select_from(Carry).where(Carry.task_id == following.task.id))
            if history or carried or following.task.carried_from_id:
                raise InputError("Đoạn sau là nhiệm vụ đã có lịch sử theo dõi; không gộp được để khỏi mất lịch sử.")
        node.text = clean(f"{node.text} {following.text}")
        editing.delete_node(s, following)
        _flush(s)
        audit(s, AuditAction.MERGE, "node", node.id, program.id, removed=following.id)
        return following.id


def set_tracked(db: Database, node_id: int, tracked: bool) -> None:
    """Mark a paragraph of a quarterly program as a task to track, or no longer one."""
    from sqlalchemy import func, select

    from hgdesk.models import Carry, TaskEvent

    with db.transaction() as s:
        node = _node(s, node_id)
        program = _load_program(s, node.program_id)
        if program.kind != "quarterly":
            raise InputError("Chỉ chương trình quý mới có nhiệm vụ để theo dõi.")
        if tracked:
            shape.require_tasks(program, "theo dõi")
        if tracked and node.task is None:
            if node.kind not in TEXT_KINDS:
                raise InputError("Chỉ một đoạn văn, điểm hoặc gạch đầu dòng mới là nhiệm vụ được.")
            tracking.create_task(s, program, node)
        elif not tracked and node.task is not None:
            task = node.task
            history = s.scalar(select(func.count()).select_from(TaskEvent).where(TaskEvent.task_id == task.id))
            carried = s.scalar(select(func.count()).select_from(Carry).where(Carry.task_id == task.id))
            if history or carried or task.carried_from_id:
                raise InputError("Nhiệm vụ đã có lịch sử theo dõi (trạng thái, chuyển quý) nên không bỏ theo dõi được.")
            s.delete(task)
        audit(s, "track" if tracked else "untrack", "node", node.id, program.id)
