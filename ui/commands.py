"""Undo commands hold operation ids only.

The first `redo` runs the operation through the runner and keeps the id of the operation it made;
undo and redo then ask the core to undo or redo that operation (`services.undo` / `services.redo`),
which brings back the same rows under the same ids. No command computes an inverse of its own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from hgdesk import services
from ui import runner


class EditContext:
    """What commands need: the database, the parent widget, a refresh callback."""

    def __init__(self, db: services.Database, parent,
                 on_change: Callable[[int | None, tuple[str, str, int | None] | None], None]) -> None:
        self.db = db
        self.parent = parent
        self.on_change = on_change

    def changed(self, focus: int | None, change: tuple[str, str, int | None] | None = None) -> None:
        """`change`: (field, new value, new version) of a text edit the editor updates in place."""
        self.on_change(focus, change)


class OpCommand(QUndoCommand):
    """One or more core operations (several when consecutive edits were merged into one step)."""

    def __init__(self, ctx: EditContext, title: str, fn: Callable[..., Any], *args: Any,
                 fields: dict[str, Any] | None = None) -> None:
        super().__init__(title)
        self.ctx = ctx
        self.call = (fn, args, fields or {})
        self.ops: list[int] = []
        self.result: Any = None
        self.focus: int | None = None  # the node to select after the command ran
        self.focus_done: int | None = None  # ... after it was done or redone (None: keep `focus`)
        self.focus_undone: int | None = None  # ... after it was undone (None: keep `focus`)
        self.replayed = False  # undone or redone at least once: views reload from the database

    def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        before = services.last_changes(self.ctx.db).op_id
        result = runner.call(self.ctx.parent, self.text(), fn, *args, **kwargs)
        if result is runner.FAILED:
            self.setObsolete(True)
            return result
        op = services.last_changes(self.ctx.db).op_id
        if fn is not services.undo and fn is not services.redo and op is not None and op != before:
            self.ops.append(op)
        return result

    def redo(self) -> None:
        self.focus = self.focus_done or self.focus
        if getattr(self, "_recorded", False):  # the editor's autosave already ran it: only record it
            self._recorded = False
            return
        if not self.ops and not self.replayed:
            fn, args, kwargs = self.call
            self.result = self._run(fn, self.ctx.db, *args, **kwargs)
            if self.result is not runner.FAILED:
                self.ran(self.result)
                self.focus = self.focus_done or self.focus
        else:
            self.replayed = True
            for op in self.ops:
                if self._run(services.redo, self.ctx.db, op) is runner.FAILED:
                    break
        self.ctx.changed(self.focus, self.change())

    def undo(self) -> None:
        self.focus = self.focus_undone or self.focus
        self.replayed = True
        for op in reversed(self.ops):
            if self._run(services.undo, self.ctx.db, op) is runner.FAILED:
                break
        self.ctx.changed(self.focus, self.change(undoing=True))

    def ran(self, result: Any) -> None:
        """Hook: the operation ran the first time and returned `result`."""

    def already_ran(self, op_id: int | None, result: Any) -> OpCommand:
        """The editor's autosave ran the operation itself (to handle a conflict without losing the
        text): the first redo, when pushed, only records it."""
        if op_id is not None:
            self.ops.append(op_id)
        self.result = result
        self.ran(result)
        self._recorded = True
        return self

    def change(self, undoing: bool = False) -> tuple[str, str, int | None] | None:
        """(field, value, version) when only the focused node's text changed; None: reload the tree."""
        return None


TYPING_PAUSE_S = 2.5  # saves further apart than this are separate undo steps


class EditText(OpCommand):
    ID = 1001

    def __init__(self, ctx: EditContext, node_id: int, field: str, old: str, new: str,
                 version: int | None = None) -> None:
        title = ctx.parent.tr("Sửa nội dung") if field == "text" else ctx.parent.tr("Sửa tiêu đề")
        # the version the editor read: someone else's save in between is a conflict
        super().__init__(ctx, title, services.edit_node, node_id, fields={"expected_version": version, field: new})
        self.node_id, self.field, self.old, self.new, self.version = node_id, field, old, new, version
        self.focus = node_id
        self.saved_at = time.monotonic()

    def ran(self, result: Any) -> None:
        self.version = result

    def change(self, undoing: bool = False) -> tuple[str, str, int | None] | None:
        if self.isObsolete() or self.replayed:
            return None
        return self.field, self.new, self.version

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Saves of the same field while typing on are one undo step; typing again after a pause is
        a step of its own (continuous typing saves at least every 2 s, see ui.autosave)."""
        if not isinstance(other, EditText) or (other.node_id, other.field) != (self.node_id, self.field):
            return False
        if self.replayed or other.replayed or other.saved_at - self.saved_at > TYPING_PAUSE_S:
            return False
        self.ops += other.ops
        self.new, self.version, self.saved_at = other.new, other.version, other.saved_at
        return True


class AddNode(OpCommand):
    def __init__(self, ctx: EditContext, program_id: int, parent_id: int | None, position: int | None,
                 kind: str, heading: str = "", text: str = "") -> None:
        super().__init__(ctx, ctx.parent.tr("Thêm mục"), services.add_node, program_id, parent_id, position, kind,
                         heading, text)
        self.focus_undone = parent_id

    def ran(self, result: Any) -> None:
        self.focus_done = result  # the new node


class DeleteNode(OpCommand):
    def __init__(self, ctx: EditContext, node_id: int) -> None:
        super().__init__(ctx, ctx.parent.tr("Xóa mục"), services.delete_node, node_id)
        self.focus_undone = node_id

    def ran(self, result: Any) -> None:
        self.focus_done = result  # the parent


class MoveNode(OpCommand):
    """Up, down, indent, outdent, or a drop at (parent, position)."""

    def __init__(self, ctx: EditContext, node_id: int, direction: str | None = None,
                 target: tuple[int | None, int] | None = None) -> None:
        names = {"up": ctx.parent.tr("Chuyển lên"), "down": ctx.parent.tr("Chuyển xuống"),
                 "indent": ctx.parent.tr("Thụt vào"), "outdent": ctx.parent.tr("Lùi ra")}
        text = names.get(direction or "", ctx.parent.tr("Di chuyển mục"))
        if direction:
            super().__init__(ctx, text, services.move_node_direction, node_id, direction)
        else:
            parent, position = target or (None, 0)
            super().__init__(ctx, text, services.move_node, node_id, parent, position)
        self.focus = node_id


class EditHeader(OpCommand):
    def __init__(self, ctx: EditContext, program_id: int, fields: dict[str, Any]) -> None:
        super().__init__(ctx, ctx.parent.tr("Sửa thông tin văn bản"), services.update_program, program_id,
                         fields=fields)


class SplitNode(OpCommand):
    """Split a paragraph at the cursor: one operation, undone in one step."""

    def __init__(self, ctx: EditContext, node_id: int, at: int, text: str) -> None:
        super().__init__(ctx, ctx.parent.tr("Tách đoạn"), services.split_node, node_id, at)
        self.focus = node_id


class MergeNode(OpCommand):
    """Join a paragraph with the next: one operation, undone in one step (the same ids come back)."""

    def __init__(self, ctx: EditContext, node_id: int) -> None:
        super().__init__(ctx, ctx.parent.tr("Gộp với đoạn sau"), services.merge_with_next, node_id)
        self.focus = node_id


class SetTracked(OpCommand):
    """Track a paragraph as a task, or stop tracking it."""

    def __init__(self, ctx: EditContext, node_id: int, tracked: bool) -> None:
        text = ctx.parent.tr("Theo dõi nhiệm vụ") if tracked else ctx.parent.tr("Bỏ theo dõi nhiệm vụ")
        super().__init__(ctx, text, services.set_tracked, node_id, tracked)
        self.focus = node_id
