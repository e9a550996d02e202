"""Undo and redo of operations, by their id (the id of the operation's audit entry).

They need no GUI: the CLI and the tests call them as the window's undo stack does.
"""

from __future__ import annotations

from sqlalchemy import select

from hgdesk import operations
from hgdesk.db import Database
from hgdesk.models import AuditEntry
from hgdesk.operations import Changes, current_user
from hgdesk.vocab import AuditAction


def undo(db: Database, op_id: int) -> Changes:
    """Put every row the operation changed back as it was (same ids); refused if a later
    operation changed the same rows since, or the program has been issued."""
    with db.transaction() as s:
        operations.replay(s, op_id, backwards=True, user=current_user())
    return db.last_changes


def redo(db: Database, op_id: int) -> Changes:
    """Apply an undone operation again, to the same rows."""
    with db.transaction() as s:
        operations.replay(s, op_id, backwards=False, user=current_user())
    return db.last_changes


def last_changes(db: Database) -> Changes:
    """What the latest operation on this database changed (its op_id is what undo takes)."""
    return db.last_changes


def undoable(db: Database, program_id: int | None = None, limit: int = 50) -> list[int]:
    """The latest operations that can still be undone, newest first."""
    with db.transaction() as s:
        query = (select(AuditEntry.id).where(AuditEntry.rows.is_not(None),
                                             AuditEntry.action.not_in((AuditAction.UNDO, AuditAction.REDO)))
                 .order_by(AuditEntry.id.desc()).limit(limit))
        if program_id is not None:
            query = query.where(AuditEntry.program_id == program_id)
        return [op for op in s.scalars(query) if not operations.is_undone(s, op)]
