"""Which sections of a program hold tasks: the shape rules, as data, in this one module.

They are consulted only when nodes are created (import, derive, a paragraph the user adds);
whether a node is a task is then stored (its Task row) and changed only by the user
(track/untrack). Nothing recomputes "which nodes are tasks" over a whole tree again.

The headings are matched folded (no marks, lower case), as the seeds spell them:
"II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", "2. Các nhiệm vụ trọng tâm".
"""

from __future__ import annotations

from dataclasses import dataclass

from hgdesk.editing import children_map
from hgdesk.errors import InputError
from hgdesk.importing.meaning import TASK_KINDS
from hgdesk.models import Node, Program
from hgdesk.text import fold
from hgdesk.vocab import LEAF_KINDS, TEXT_KINDS, DocumentKind, NodeKind, ProgramKind


def has_tasks(program: Program) -> bool:
    """Programs, plans, resolutions, conclusions and directives hold tasks to carry out; a report,
    a guidance, a notice or a letter does not (importing.meaning.TASK_KINDS). Not known: as a program."""
    return kind_has_tasks(program.document_kind)


def kind_has_tasks(document_kind: str | None) -> bool:
    """has_tasks from the stored column alone (list queries load no Program)."""
    return document_kind in TASK_KINDS


def require_tasks(program: Program, action: str) -> None:
    """Refuse, in the user's words, an action on tasks (`action`: "soạn chương trình quý", …) for a
    document without any."""
    if not has_tasks(program):
        kind = DocumentKind.label_of(program.document_kind or "").lower()
        raise InputError(f"Văn bản này là {kind}, không phải chương trình công tác: không có nhiệm vụ để {action}. "
                         "Chỉ chương trình, kế hoạch, nghị quyết, kết luận và chỉ thị mới có nhiệm vụ.")


@dataclass(frozen=True)
class ShapeRules:
    """Where a program kind keeps its tasks."""

    focus_level: NodeKind  # the focus tasks sit directly under a part, or under a section of a part
    focus_words: str  # folded words of that part's / section's heading
    focus_kinds: tuple[NodeKind, ...]  # which children of it are tasks
    focus_fallback_first_part: bool  # no heading matches: the first part holds the focus tasks
    tasks_words: str  # folded words of the heading of the part whose paragraphs are tasks
    task_kinds: tuple[NodeKind, ...]  # which nodes anywhere under that part are tasks


RULES: dict[str, ShapeRules] = {
    # quarterly: "I. NHIỆM VỤ TRỌNG TÂM" lists the focus tasks, "II. ... GIẢI PHÁP" the rest (seeds 001, 002)
    ProgramKind.QUARTERLY: ShapeRules(NodeKind.PART, "trong tam", TEXT_KINDS, True, "giai phap", LEAF_KINDS),
    # annual: "I. ... 2. Các nhiệm vụ trọng tâm" then "II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU" (seed 000)
    ProgramKind.ANNUAL: ShapeRules(NodeKind.SECTION, "nhiem vu trong tam", (NodeKind.ITEM, NodeKind.PARAGRAPH),
                                   False, "giai phap", TEXT_KINDS),
}


@dataclass(frozen=True)
class Parts:
    """The focus tasks, the part holding the other tasks, and the tree's child lists."""

    focus: list[Node]
    tasks_part: Node | None
    children: dict[int | None, list[Node]]


def parts(program: Program, kind: str | None = None) -> Parts:
    rules = RULES[kind or program.kind]
    children = children_map(program)
    roots = [n for n in children[None] if n.kind == NodeKind.PART]
    focus_holder: Node | None = None
    if rules.focus_level == NodeKind.PART:
        focus_holder = next((r for r in roots if rules.focus_words in fold(r.heading)), None)
        if focus_holder is None and rules.focus_fallback_first_part and roots:
            focus_holder = roots[0]
    else:
        focus_holder = next((s for r in roots for s in children[r.id]
                             if s.kind == NodeKind.SECTION and rules.focus_words in fold(s.heading)), None)
    focus = [n for n in children[focus_holder.id] if n.kind in rules.focus_kinds] if focus_holder else []
    focus_part = focus_holder if rules.focus_level == NodeKind.PART else None
    candidates = [r for r in roots if r is not focus_part]
    tasks_part = next((r for r in candidates if rules.tasks_words in fold(r.heading)), None)
    if tasks_part is None:
        # no "giải pháp" heading: the part after the focus part (quarterly), or the second part (annual)
        tasks_part = candidates[0] if focus_part is not None and candidates else (
            roots[1] if focus_part is None and len(roots) > 1 else None)
    return Parts(focus, tasks_part, children)


def task_nodes(program: Program) -> list[Node]:
    """The nodes the rules make tasks: the focus items, then every task-kind node under the tasks part."""
    rules = RULES[program.kind]
    found = parts(program)
    nodes = list(found.focus)

    def leaves(node: Node) -> None:
        for child in found.children[node.id]:
            if child.kind in rules.task_kinds:
                nodes.append(child)
            leaves(child)

    if found.tasks_part is not None:
        leaves(found.tasks_part)
    return nodes


def holds_task(program: Program, node: Node) -> bool:
    """Whether a node just added to `program` is a task by the rules (decided for this node only)."""
    if program.kind not in RULES:
        return False
    found = parts(program)
    rules = RULES[program.kind]
    if node in found.focus:
        return True
    if node.kind not in rules.task_kinds or found.tasks_part is None:
        return False
    ancestor = node.parent
    while ancestor is not None:
        if ancestor is found.tasks_part:
            return True
        ancestor = ancestor.parent
    return False
