"""Use cases on tracked tasks beyond the plain cell edits: marking done with its evidence or "không
thực hiện" with its reason, the evidence file back out, and a deadline typed in the tracking table.
Each is one operation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hgdesk import deadlines, evidence
from hgdesk.db import Database
from hgdesk.errors import ConflictError, InputError
from hgdesk.services.programs import audit, current_user
from hgdesk.services.work import _state, _task
from hgdesk.vocab import AuditAction, TaskStatus

REF_LIMIT = 200
NOTE_MISSING = "Hãy ghi kết quả thực hiện (nhiệm vụ chỉ được tính là hoàn thành khi có kết quả)."
REASON_MISSING = "Hãy ghi lý do không thực hiện (báo cáo kết quả nêu lý do của từng nhiệm vụ không thực hiện)."
DEADLINE_EXAMPLES = "15/6/2024, tháng 6/2024, quý III, thường xuyên, 20 ngày sau khi Tỉnh ủy ban hành"


def complete_tasks(db: Database, task_ids: list[int], note: str, reference: str = "",
                   file: str | Path | None = None, when=None) -> dict[str, list[dict[str, Any]]]:
    """Mark tasks done with their result note and, optionally, evidence: the number and symbol of
    the document that shows it and/or a file kept in the database. One operation (undo takes it all
    back); returns the tasks' states before and after."""
    reference = " ".join(reference.split())
    if len(reference) > REF_LIMIT:
        raise InputError(f"Số, ký hiệu văn bản minh chứng dài quá {REF_LIMIT} ký tự.")
    attached = evidence.read_file(file) if file and note.strip() else None  # refused before anything is written
    return _conclude(db, task_ids, TaskStatus.DONE, note, NOTE_MISSING, when=when, reference=reference,
                     attached=attached)


def drop_tasks(db: Database, task_ids: list[int], reason: str) -> dict[str, list[dict[str, Any]]]:
    """Record tasks as "không thực hiện" with the reason why (required: the results report prints
    "Lý do: …" from it), kept as their result note and in their history. One operation."""
    return _conclude(db, task_ids, TaskStatus.DROPPED, reason, REASON_MISSING)


def _conclude(db: Database, task_ids: list[int], status: TaskStatus, note: str, missing: str, when=None,
              reference: str = "", attached: tuple[str, bytes] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Set a status that needs its words (done: the result; dropped: the reason) on tasks, the words
    kept as their result note, as one operation."""
    note = note.strip()
    if not task_ids:
        raise InputError("Hãy chọn ít nhất một nhiệm vụ.")
    if not note:
        raise InputError(missing)
    from hgdesk import tracking

    with db.transaction() as s:
        tasks = [_task(s, i) for i in dict.fromkeys(task_ids)]
        before = [_state(t) for t in tasks]
        user = current_user()
        for task in tasks:
            tracking.set_status(s, task, status, user, note="" if status is TaskStatus.DONE else note, when=when)
            task.result_note = note
            if reference:
                task.evidence_ref = reference
            if attached is not None:
                evidence.attach(s, task, *attached, user)
        s.flush()
        extra = {"evidence_ref": reference, "evidence_file": attached[0] if attached else ""} \
            if status is TaskStatus.DONE else {}
        words = {"result_note": note, **extra} if status is TaskStatus.DONE else {"reason": note}
        audit(s, AuditAction.UPDATE, "task", tasks[0].id if len(tasks) == 1 else None, tasks[0].program_id,
              bulk=[t.id for t in tasks], status=str(status), **words)
        return {"before": before, "after": [_state(t) for t in tasks]}


def status_refusal(statuses: list[str], status: str) -> str | None:
    """Why tasks now in `statuses` cannot be set to `status` (None: they can): asked before a dialog
    asks for a result or a reason the change could not use."""
    from hgdesk import tracking

    return next(filter(None, (tracking.refusal(s, status) for s in dict.fromkeys(statuses))), None)


def evidence_file(db: Database, task_id: int) -> tuple[str, bytes]:
    """The file kept as a task's evidence: its name and bytes."""
    with db.transaction() as s:
        return evidence.file_of(s, _task(s, task_id))


def save_evidence_file(db: Database, task_id: int, out: str | Path) -> Path:
    """Write a task's evidence file back out (to open it or send it on)."""
    from hgdesk.printing import write_atomically

    _name, data = evidence_file(db, task_id)
    write_atomically(Path(out), data)
    return Path(out)


def set_deadline(db: Database, task_id: int, text: str, expected_version: int | None = None) -> dict[str, Any]:
    """The deadline typed in the tracking table ("tháng 6/2024", "quý III", "thường xuyên"…); empty
    text goes back to what the task's own text says. Unreadable text is refused, nothing changed."""
    text = " ".join(text.split())
    with db.transaction() as s:
        task = _task(s, task_id)
        if expected_version is not None and task.version != expected_version:
            raise ConflictError("Nội dung này vừa được người khác sửa. Hãy tải lại rồi thử lại.")
        program, node = task.program, task.node
        if not program.year:
            raise InputError("Chương trình không có năm; không đặt được hạn.")
        if not text:
            from hgdesk import tracking

            due = tracking.task_due(program, node)
        else:
            if len(text) > REF_LIMIT:
                raise InputError(f"Hạn dài quá {REF_LIMIT} ký tự.")
            deadline = deadlines.typed(text, program.year, program.quarter, program.issue_date)
            if deadline is None:
                raise InputError(f"Không hiểu hạn “{text}”. Hãy ghi như: {DEADLINE_EXAMPLES}.")
            due = deadline.due
        before = (task.deadline_text, task.due_date)
        task.deadline_text, task.due_date = text, due
        if before != (text, due):
            audit(s, AuditAction.UPDATE, "task", task.id, task.program_id,
                  before={"deadline": before[0], "due_date": before[1].isoformat() if before[1] else None},
                  after={"deadline": text, "due_date": due.isoformat() if due else None})
        s.flush()
        return _state(task)
