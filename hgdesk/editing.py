"""Editing a program's tree: add, delete, move, and the automatic renumbering after each change.

Labels follow from position: parts I., II.; sections 1., 1.1., 1.1.1.; focus items 1., 2.;
items inside sections (1), (2); bullets "-". Named parts ("Phần thứ nhất") keep their names.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from hgdesk.errors import InputError, LockedError
from hgdesk.models import Indicator, Node, Program, Task, utcnow
from hgdesk.text import clean, to_roman
from hgdesk.vocab import NodeKind

ORDINALS = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"]


def ensure_draft(program: Program) -> None:
    if program.status != "draft":
        raise LockedError(
            "Chương trình đã ban hành nên không sửa được nội dung và cấu trúc. "
            "Hãy dùng “Tạo phiên bản mới” để soạn tiếp từ văn bản này."
        )


def children_map(program: Program) -> dict[int | None, list[Node]]:
    out: dict[int | None, list[Node]] = defaultdict(list)
    for node in program.nodes:
        if node.deleted_at is None:  # soft-deleted nodes may still sit in a session's collection
            out[node.parent_id].append(node)
    for nodes in out.values():
        nodes.sort(key=lambda n: (n.position, n.id or 0))
    return out


def _program_of(session: Session, node: Node) -> Program:
    """The node's program from the session when loaded there: `node.program` is read again from the
    database every time (the soft-delete criteria make it no plain lookup), and its nodes with it."""
    program = session.get(Program, node.program_id)
    assert program is not None  # a node's program_id is a foreign key
    return program


def _put(node: Node, key: str, value: object) -> None:
    """Set a column only when it changes: a node left as it was stays clean, so renumbering a
    program after one edit flushes (and records for undo) only the labels that moved."""
    if getattr(node, key) != value:
        setattr(node, key, value)


def follow_text(node: Node) -> None:
    """An indicator's target, unit and direction are what its text writes: after the secretary
    changes "đạt 95%" to "đạt 90%", Chỉ tiêu, the dashboard and the report use 90, not the
    figure read at import."""
    from hgdesk.importing.meaning import extract_quantity

    if node.indicator is None:
        return
    quantity = extract_quantity(node.text or "")
    indicator = node.indicator
    for key, value in (("target_value", quantity.value), ("unit", quantity.unit or ""),
                       ("direction", quantity.direction)):
        if getattr(indicator, key) != value:
            setattr(indicator, key, value)


@event.listens_for(Session, "before_flush")
def _targets_follow_text(session: Session, _context: object, _instances: object) -> None:
    """Every write path that changes a stored node's text (an edit, a split, a merge, an autofix, a
    recovered journal entry) keeps its indicator's figure with it, as the search index is kept."""
    for node in list(session.dirty):
        if isinstance(node, Node) and inspect(node).attrs.text.history.has_changes():
            follow_text(node)


def renumber(program: Program) -> None:
    """Recompute every label and position from the tree's order."""
    children = children_map(program)

    def walk(parent: Node | None, prefix: str) -> None:
        siblings = children[parent.id if parent else None]
        counters: dict[str, int] = defaultdict(int)
        for position, node in enumerate(siblings):
            _put(node, "position", position)
            if node.kind == "part":
                counters["part"] += 1
                if node.label.lower().startswith("phần"):
                    n = counters["part"]
                    _put(node, "label", f"Phần thứ {ORDINALS[n - 1]}" if n <= len(ORDINALS) else f"Phần {n}")
                else:
                    _put(node, "label", f"{to_roman(counters['part'])}.")
                walk(node, "")
            elif node.kind == "section":
                counters["section"] += 1
                _put(node, "label", f"{prefix}{counters['section']}.")
                walk(node, node.label)
            elif node.kind in ("item", "indicator"):
                counters["item"] += 1
                numbered_paragraph = (parent is not None and parent.kind == "part") or node.label.endswith(".")
                _put(node, "label", f"{counters['item']}." if numbered_paragraph else f"({counters['item']})")
                walk(node, prefix)
            elif node.kind == "bullet":
                _put(node, "label", "-")
                walk(node, prefix)
            else:
                _put(node, "label", "")
                walk(node, prefix)

    walk(None, "")


def _node(session: Session, node_id: int) -> Node:
    node = session.get(Node, node_id)
    if node is None:
        raise InputError(f"Không có mục số {node_id} (có thể đã bị xóa).")
    return node


def _check_parent(program: Program, parent: Node | None, kind: str) -> None:
    if parent is not None and parent.program_id != program.id:
        raise InputError("Mục cha không thuộc chương trình này.")
    if parent is not None and parent.kind not in ("part", "section") and kind in ("part", "section"):
        raise InputError("Không đặt được phần hoặc mục vào bên trong một đoạn văn.")
    if kind == "part" and parent is not None:
        raise InputError("Phần (I., II.) chỉ nằm ở cấp ngoài cùng.")


def add_node(session: Session, program: Program, parent_id: int | None, position: int | None, kind: str,
             heading: str = "", text: str = "") -> Node:
    ensure_draft(program)
    if kind not in NodeKind.codes():
        raise InputError(f"Loại mục “{kind}” không hợp lệ.")
    parent = _node(session, parent_id) if parent_id is not None else None
    _check_parent(program, parent, kind)
    siblings = children_map(program)[parent_id]
    position = len(siblings) if position is None else max(0, min(position, len(siblings)))
    for sibling in siblings[position:]:
        sibling.position += 1
    node = Node(parent=parent, position=position, kind=kind, heading=clean(heading), text=clean(text))
    program.nodes.append(node)
    session.flush()
    if kind == "indicator":
        node.indicator = Indicator(node_id=node.id, program_id=program.id)
        follow_text(node)
    renumber(program)
    session.flush()
    return node


def move_node(session: Session, node: Node, parent_id: int | None, position: int) -> tuple[int | None, int]:
    """Move a node (with its subtree) under `parent_id` at `position`; returns where it was."""
    program = _program_of(session, node)
    ensure_draft(program)
    parent = _node(session, parent_id) if parent_id is not None else None
    _check_parent(program, parent, node.kind)
    ancestor = parent
    while ancestor is not None:
        if ancestor.id == node.id:
            raise InputError("Không chuyển được một mục vào bên trong chính nó.")
        ancestor = ancestor.parent
    was = (node.parent_id, node.position)
    children = children_map(program)
    old_siblings = [n for n in children[node.parent_id] if n.id != node.id]
    for i, sibling in enumerate(old_siblings):
        sibling.position = i
    new_siblings = [n for n in children[parent_id] if n.id != node.id]
    position = max(0, min(position, len(new_siblings)))
    new_siblings.insert(position, node)
    node.parent = parent
    node.parent_id = parent_id
    for i, sibling in enumerate(new_siblings):
        sibling.position = i
    renumber(program)
    session.flush()
    return was


def neighbour_move(session: Session, node: Node, direction: str) -> tuple[int | None, int]:
    """Target (parent, position) of up / down / indent / outdent for `node`."""
    program = _program_of(session, node)
    children = children_map(program)
    siblings = children[node.parent_id]
    index = next(i for i, n in enumerate(siblings) if n.id == node.id)
    if direction == "up":
        if index == 0:
            raise InputError("Mục đã ở vị trí đầu tiên.")
        return node.parent_id, index - 1
    if direction == "down":
        if index == len(siblings) - 1:
            raise InputError("Mục đã ở vị trí cuối cùng.")
        return node.parent_id, index + 1
    if direction == "indent":
        if index == 0:
            raise InputError("Không có mục phía trên cùng cấp để thụt vào.")
        new_parent = siblings[index - 1]
        return new_parent.id, len(children[new_parent.id])
    if direction == "outdent":
        if node.parent_id is None:
            raise InputError("Mục đã ở cấp ngoài cùng.")
        parent = node.parent
        assert parent is not None  # parent_id is set
        grand = children[parent.parent_id]
        return parent.parent_id, next(i for i, n in enumerate(grand) if n.id == parent.id) + 1
    raise InputError(f"Hướng di chuyển “{direction}” không hợp lệ.")


def delete_node(session: Session, node: Node) -> list[Node]:
    """Soft-delete a node and everything under it, with their tasks and indicators: the rows keep
    their ids and history (status events, carries), so undo or `restore_node` brings them back."""
    program = _program_of(session, node)
    ensure_draft(program)
    children = children_map(program)
    now = utcnow()
    removed: list[Node] = []

    def collect(n: Node) -> None:
        for child in children[n.id]:
            collect(child)
        removed.append(n)

    collect(node)
    ids = [n.id for n in removed]
    # the subtree's tasks and indicators in two queries (not one lazy load, and one flush, per node)
    extras = [*session.scalars(select(Task).where(Task.node_id.in_(ids))),
              *session.scalars(select(Indicator).where(Indicator.node_id.in_(ids)))]
    for row in (*removed, *extras):
        row.deleted_at = now
    session.flush()
    renumber(program)
    session.flush()
    return removed


def restore_node(session: Session, program: Program, node: Node) -> list[Node]:
    """Bring back a soft-deleted node and what was deleted with it, where it was."""
    ensure_draft(program)
    if node.deleted_at is None:
        raise InputError("Mục này chưa bị xóa.")
    when = node.deleted_at
    if node.parent is not None and node.parent.deleted_at is not None:
        raise InputError("Mục chứa nó cũng đã bị xóa; hãy khôi phục mục đó trước.")
    every = session.scalars(select(Node).where(Node.program_id == program.id, Node.deleted_at == when)
                            .execution_options(include_deleted=True)).all()
    tasks = session.scalars(select(Task).where(Task.node_id.in_([n.id for n in every]))
                            .execution_options(include_deleted=True)).all()
    indicators = session.scalars(select(Indicator).where(Indicator.node_id.in_([n.id for n in every]))
                                 .execution_options(include_deleted=True)).all()
    rows: list[Node | Task | Indicator] = [*every, *tasks, *indicators]
    for row in rows:
        if row.deleted_at == when:
            row.deleted_at = None
    for n in every:
        if n not in program.nodes:
            program.nodes.append(n)
    siblings = children_map(program)[node.parent_id]
    siblings.remove(node)
    siblings.insert(min(node.position, len(siblings)), node)
    for i, sibling in enumerate(siblings):
        sibling.position = i
    renumber(program)
    session.flush()
    return list(every)
