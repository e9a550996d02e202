"""Undo commands: each one is a services call and its inverse.

Deleting and restoring a node gives it a new id; IdMap lets older commands still find it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

from hgdesk import services
from hgdesk.db import Database
from ui import runner


class IdMap:
    """Old node ids -> the ids they got back after an undo re-created them."""

    def __init__(self) -> None:
        self._map: dict[int, int] = {}

    def resolve(self, node_id: int | None) -> int | None:
        seen = set()
        while node_id in self._map and node_id not in seen:
            seen.add(node_id)
            node_id = self._map[node_id]
        return node_id

    def moved(self, old: int, new: int) -> None:
        if old != new:
            self._map[old] = new


class ServiceCommand(QUndoCommand):
    """Base: runs `do` / `undo` through the runner; a failure marks the command obsolete."""

    structural = True  # False: only one node's text changed, the tree need not be rebuilt

    def __init__(self, ctx: EditContext, text: str) -> None:
        super().__init__(text)
        self.ctx = ctx
        self.focus: int | None = None  # the node to select after the command ran

    def _run(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        result = runner.call(self.ctx.parent, self.text(), fn, *args, **kwargs)
        if result is runner.FAILED:
            self.setObsolete(True)
        return result

    def redo(self) -> None:
        self.do()
        self.ctx.changed(self.focus, self.change())

    def undo(self) -> None:
        self.undo_it()
        self.ctx.changed(self.focus, self.change(undoing=True))

    def change(self, undoing: bool = False) -> tuple[str, str] | None:
        """(field, value) when only the focused node's text changed; None for a structural change."""
        return None

    def do(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def undo_it(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


class EditContext:
    """What commands need: the database, the id map, the parent widget, a refresh callback."""

    def __init__(self, db: Database, parent, on_change: Callable[[int | None, tuple[str, str] | None], None]) -> None:
        self.db = db
        self.parent = parent
        self.ids = IdMap()
        self.on_change = on_change
        # The version the editor holds for a node now (undo writes carry it, not a stale copy).
        self.known_version: Callable[[int | None], int | None] = lambda _node_id: None

    def changed(self, focus: int | None, change: tuple[str, str] | None = None) -> None:
        self.on_change(self.ids.resolve(focus), change)


class EditText(ServiceCommand):
    ID = 1001

    def __init__(self, ctx: EditContext, node_id: int, field: str, old: str, new: str,
                 version: int | None = None, done: bool = False) -> None:
        super().__init__(ctx, ctx.parent.tr("Sửa nội dung") if field == "text" else ctx.parent.tr("Sửa tiêu đề"))
        self.node_id, self.field, self.old, self.new = node_id, field, old, new
        self.version = version  # the version the editor read: someone else's save in between is a conflict
        self.focus = node_id
        self._done = done  # the editor's autosave already wrote it: the first redo only records it

    def _set(self, value: str) -> None:
        node = self.ctx.ids.resolve(self.node_id)
        expected = self.ctx.known_version(node) or self.version
        version = self._run(services.edit_node, self.ctx.db, node, expected_version=expected, **{self.field: value})
        if version:
            self.version = version

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        super().redo()

    def do(self) -> None:
        self._set(self.new)

    def undo_it(self) -> None:
        self._set(self.old)

    def change(self, undoing: bool = False) -> tuple[str, str, int | None] | None:
        if self.isObsolete():
            return None
        return self.field, self.old if undoing else self.new, self.version

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Consecutive saves of the same field while typing are one undo step."""
        if not isinstance(other, EditText) or (other.node_id, other.field) != (self.node_id, self.field):
            return False
        self.new, self.version = other.new, other.version
        return True


class AddNode(ServiceCommand):
    def __init__(self, ctx: EditContext, program_id: int, parent_id: int | None, position: int | None,
                 kind: str, heading: str = "", text: str = "") -> None:
        super().__init__(ctx, ctx.parent.tr("Thêm mục"))
        self.args = (program_id, parent_id, position, kind, heading, text)
        self.node_id: int | None = None
        self.saved: dict[str, Any] | None = None

    def do(self) -> None:
        program_id, parent_id, position, kind, heading, text = self.args
        if self.saved is None:
            node_id = self._run(services.add_node, self.ctx.db, program_id, self.ctx.ids.resolve(parent_id),
                                position, kind, heading, text)
            if node_id:
                self.node_id = self.focus = node_id
        else:
            new = self._run(services.restore_node, self.ctx.db, self.saved["program_id"],
                            self.ctx.ids.resolve(self.saved["parent_id"]), self.saved["position"], self.saved["subtree"])
            if new:
                self.ctx.ids.moved(self.node_id, new)

    def undo_it(self) -> None:
        saved = self._run(services.delete_node, self.ctx.db, self.ctx.ids.resolve(self.node_id))
        if saved:
            self.saved = saved
            self.focus = saved["parent_id"]


class DeleteNode(ServiceCommand):
    def __init__(self, ctx: EditContext, node_id: int) -> None:
        super().__init__(ctx, ctx.parent.tr("Xóa mục"))
        self.node_id = node_id
        self.saved: dict[str, Any] | None = None

    def do(self) -> None:
        saved = self._run(services.delete_node, self.ctx.db, self.ctx.ids.resolve(self.node_id))
        if saved:
            self.saved = saved
            self.focus = saved["parent_id"]

    def undo_it(self) -> None:
        if self.saved is None:
            return
        new = self._run(services.restore_node, self.ctx.db, self.saved["program_id"],
                        self.ctx.ids.resolve(self.saved["parent_id"]), self.saved["position"], self.saved["subtree"])
        if new:
            self.ctx.ids.moved(self.node_id, new)
            self.focus = new


class MoveNode(ServiceCommand):
    """Up, down, indent, outdent, or a drop at (parent, position)."""

    def __init__(self, ctx: EditContext, node_id: int, direction: str | None = None,
                 target: tuple[int | None, int] | None = None) -> None:
        names = {"up": ctx.parent.tr("Chuyển lên"), "down": ctx.parent.tr("Chuyển xuống"),
                 "indent": ctx.parent.tr("Thụt vào"), "outdent": ctx.parent.tr("Lùi ra")}
        super().__init__(ctx, names.get(direction or "", ctx.parent.tr("Di chuyển mục")))
        self.node_id, self.direction, self.target = node_id, direction, target
        self.was: tuple[int | None, int] | None = None
        self.focus = node_id

    def do(self) -> None:
        node = self.ctx.ids.resolve(self.node_id)
        if self.direction:
            result = self._run(services.move_node_direction, self.ctx.db, node, self.direction)
            if result:
                self.was = tuple(result["was"])
        else:
            parent, position = self.target
            result = self._run(services.move_node, self.ctx.db, node, self.ctx.ids.resolve(parent), position)
            if result is not runner.FAILED:
                self.was = result

    def undo_it(self) -> None:
        if self.was is not None:
            parent, position = self.was
            self._run(services.move_node, self.ctx.db, self.ctx.ids.resolve(self.node_id),
                      self.ctx.ids.resolve(parent), position)


class EditHeader(ServiceCommand):
    def __init__(self, ctx: EditContext, program_id: int, fields: dict[str, Any],
                 before: dict[str, Any] | None = None) -> None:
        super().__init__(ctx, ctx.parent.tr("Sửa thông tin văn bản"))
        self.program_id, self.fields = program_id, fields
        self.before: dict[str, Any] | None = before
        self._done = before is not None  # already saved by the header form's autosave

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        super().redo()

    def do(self) -> None:
        before = self._run(services.update_program, self.ctx.db, self.program_id, **self.fields)
        if before is not runner.FAILED:
            self.before = before

    def undo_it(self) -> None:
        if self.before is not None:
            self._run(services.update_program, self.ctx.db, self.program_id, **self.before)


class SplitNode(ServiceCommand):
    """Split a paragraph at the cursor; undo removes the second part and restores the text."""

    def __init__(self, ctx: EditContext, node_id: int, at: int, text: str) -> None:
        super().__init__(ctx, ctx.parent.tr("Tách đoạn"))
        self.node_id, self.at, self.text_before = node_id, at, text
        self.new_id: int | None = None
        self.focus = node_id

    def do(self) -> None:
        new = self._run(services.split_node, self.ctx.db, self.ctx.ids.resolve(self.node_id), self.at)
        if new:
            if self.new_id is not None:
                self.ctx.ids.moved(self.new_id, new)
            self.new_id = new

    def undo_it(self) -> None:
        if self.new_id is None:
            return
        if self._run(services.delete_node, self.ctx.db, self.ctx.ids.resolve(self.new_id)) is not runner.FAILED:
            self._run(services.edit_node, self.ctx.db, self.ctx.ids.resolve(self.node_id), text=self.text_before)


class MergeNode(ServiceCommand):
    """Join a paragraph with the next; undo restores the next one and the first one's text."""

    def __init__(self, ctx: EditContext, node_id: int) -> None:
        super().__init__(ctx, ctx.parent.tr("Gộp với đoạn sau"))
        self.node_id = node_id
        self.saved: dict[str, Any] | None = None
        self.focus = node_id

    def do(self) -> None:
        saved = self._run(services.merge_with_next, self.ctx.db, self.ctx.ids.resolve(self.node_id))
        if saved:
            self.saved = saved

    def undo_it(self) -> None:
        if self.saved is None:
            return
        s = self.saved
        self._run(services.edit_node, self.ctx.db, self.ctx.ids.resolve(self.node_id), text=s["old_text"])
        self._run(services.restore_node, self.ctx.db, s["program_id"], self.ctx.ids.resolve(s["parent_id"]),
                  s["position"], s["subtree"])
