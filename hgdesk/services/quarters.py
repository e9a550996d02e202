"""Use cases of a quarter's draft: its candidates panel (pick, put back) and the wizard's facts.

The quarter draft holds only what the secretary picked; the other annual paragraphs of each
section stay candidates, shown beside the tree and in the coverage report.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from hgdesk import candidates, editing, tracking
from hgdesk.anniversaries import in_quarter
from hgdesk.db import Database
from hgdesk.drafting import _local_commemorations
from hgdesk.errors import InputError, LockedError
from hgdesk.models import Node, Program
from hgdesk.services.programs import _load_program, audit
from hgdesk.text import to_roman
from hgdesk.vocab import ProgramKind, ProgramStatus


def _quarter_and_annual(s, program_id: int) -> tuple[Program, Program]:
    program = _load_program(s, program_id)
    if program.kind != "quarterly" or program.parent_id is None:
        raise InputError("Chỉ chương trình quý soạn từ chương trình năm mới có danh sách nhiệm vụ để chọn.")
    annual = _load_program(s, program.parent_id)
    if annual.kind != "annual":
        raise InputError("Chương trình gốc của quý này không phải chương trình công tác năm.")
    if program.year is None or program.quarter is None or annual.year is None:
        raise InputError("Chương trình quý này chưa có năm hoặc quý; hãy điền ở Thông tin văn bản.")
    return program, annual


def _picked(program: Program) -> dict[int, Node]:
    """annual paragraph id -> the quarter's node that carries it (picked or carried in)."""
    found: dict[int, Node] = {}
    for node in program.nodes:
        annual_id = node.task.annual_node_id if node.task is not None else node.source_node_id
        if annual_id is not None and node.kind not in ("part", "section"):
            found.setdefault(annual_id, node)
    return found


def quarter_candidates(db: Database, program_id: int) -> list[dict[str, Any]]:
    """Per section of the quarter draft: the annual paragraphs it may take, whether each is in
    the draft (picked, or carried from the quarter before), why it would be preselected, and
    which other quarters of the year already schedule it."""
    with db.transaction() as s:
        program, annual = _quarter_and_annual(s, program_id)
        layout = {section.source.id: section for section in candidates.annual_layout(annual)}
        picked = _picked(program)
        carried_in = {a for a, n in picked.items() if n.task is not None and n.task.carried_from_id}  # as at derive
        scheduled = candidates.scheduled_elsewhere(s, annual, program.id)
        year, quarter = program.year, program.quarter
        assert year is not None and quarter is not None  # _quarter_and_annual refused the rest
        occurrences = in_quarter(year, quarter, _local_commemorations(s, program.organization))
        sections = {n.source_node_id: n for n in program.nodes if n.kind in ("part", "section") and n.source_node_id}
        out: list[dict[str, Any]] = []
        for section in layout.values():  # annual order; a section the draft left out (empty) too
            node = sections.get(section.source.id)
            if node is None and section.depth == 0:
                continue
            reasons = candidates.preselect(section, year, quarter, occurrences, scheduled, carried_in)
            rows = []
            for leaf in section.leaves:
                in_draft = picked.get(leaf.id)
                carried = in_draft is not None and in_draft.task is not None and in_draft.task.carried_from_id
                rows.append({
                    "annual_node_id": leaf.id, "label": leaf.label, "text": candidates.text_of(leaf),
                    "node_id": in_draft.id if in_draft is not None else None, "carried": bool(carried),
                    "reason": "" if reasons.get(leaf.id) == candidates.SPREAD_REASON and in_draft is None
                    and leaf.id in scheduled else reasons.get(leaf.id, ""),
                    "scheduled_in": [f"quý {to_roman(q)}" for q in sorted(set(scheduled.get(leaf.id, [])))],
                })
            # a section not in the draft (nothing was picked in it) shows with its annual label;
            # picking one of its paragraphs puts the section back (pick_candidates)
            out.append({"section_id": node.id if node is not None else None, "annual_section_id": section.source.id,
                        "label": node.label if node is not None else section.source.label,
                        "heading": node.heading if node is not None else section.source.heading,
                        "depth": section.depth, "candidates": rows})
        return out


def pick_candidates(db: Database, program_id: int, annual_node_ids: list[int],
                    section_id: int | None = None) -> list[int]:
    """Put annual paragraphs into the quarter draft, each in its section at its annual place
    (or, dragged there, at the end of the section `section_id`); returns the new node ids
    (already-present paragraphs are left as they are)."""
    with db.transaction() as s:
        program, annual = _quarter_and_annual(s, program_id)
        editing.ensure_draft(program)
        layout = candidates.annual_layout(annual)
        section_of = candidates.section_of_leaf(layout)
        order = {leaf.id: i for i, leaf in enumerate(leaf for sec in layout for leaf in sec.leaves)}
        unknown = [i for i in annual_node_ids if i not in section_of]
        if unknown:
            raise InputError("Đoạn được chọn không thuộc chương trình năm của quý này.")
        targets = {n.source_node_id: n for n in program.nodes if n.kind in ("part", "section") and n.source_node_id}
        dropped_on = next((n for n in program.nodes if n.id == section_id and n.kind in ("part", "section")), None)
        if section_id is not None and dropped_on is None:
            raise InputError("Chỉ thả nhiệm vụ vào một phần hoặc một mục của chương trình quý này.")
        picked = _picked(program)
        children = editing.children_map(program)
        added: list[Node] = []
        for annual_id in sorted(set(annual_node_ids), key=order.__getitem__):
            if annual_id in picked:
                continue
            target = targets.get(section_of[annual_id]) if section_id is None else dropped_on
            if target is None:  # left out of the draft as empty: put the section back first
                target = _restore_section(s, program, layout, section_of[annual_id], targets, children)
            leaf = next(n for n in annual.nodes if n.id == annual_id)
            siblings = children[target.id]
            position = next((i for i, sib in enumerate(siblings) if sib.kind not in ("section",)
                             and order.get(_annual_id(sib) or -1, -1) > order[annual_id]),
                            next((i for i, sib in enumerate(siblings) if sib.kind == "section"), len(siblings)))
            for sibling in siblings[position:]:
                sibling.position += 1
            kind = "item" if target.kind == "part" or leaf.kind == "indicator" else leaf.kind
            node = Node(parent=target, position=position, kind=kind, label=leaf.label if target.kind != "part" else "1.",
                        text=candidates.text_of(leaf), source_node_id=leaf.id)
            program.nodes.append(node)
            siblings.insert(position, node)
            added.append(node)
        s.flush()
        editing.renumber(program)
        tracking.resume_dropped(s, program, [tracking.create_task(s, program, node) for node in added])
        s.flush()
        audit(s, "pick", "program", program.id, program.id, annual_nodes=[n.source_node_id for n in added])
        return [n.id for n in added]


def _restore_section(s, program: Program, layout: list[candidates.AnnualSection], annual_section_id: int,
                     targets: dict[int, Node], children: dict[int | None, list[Node]]) -> Node:
    """Add back an annual section the quarter draft left out (nothing was picked in it), under
    its parent section (added back too) or part II, before the sections that follow it."""
    index = next(i for i, sec in enumerate(layout) if sec.source.id == annual_section_id)
    section = layout[index]
    if section.depth == 2:
        parent_index = max(j for j in range(index) if layout[j].depth < 2)
        parent = targets.get(layout[parent_index].source.id) or _restore_section(
            s, program, layout, layout[parent_index].source.id, targets, children)
    else:
        parts = [n for n in children[None] if n.kind == "part"]
        if len(parts) < 2:
            raise InputError("Dự thảo quý không còn phần nhiệm vụ (II.); hãy thêm lại phần đó trước.")
        parent = parts[1]
    later = {sec.source.id for sec in layout[index + 1:]}
    siblings = children[parent.id]
    position = next((i for i, sib in enumerate(siblings) if sib.source_node_id in later), len(siblings))
    for sibling in siblings[position:]:
        sibling.position += 1
    node = Node(parent=parent, position=position, kind="section", label=section.source.label,
                heading=section.source.heading, source_node_id=section.source.id)
    program.nodes.append(node)
    siblings.insert(position, node)
    s.flush()  # its id: the paragraphs picked next go under it
    children[node.id] = []
    targets[section.source.id] = node
    return node


def _annual_id(node: Node) -> int | None:
    return node.task.annual_node_id if node.task is not None else node.source_node_id


def unpick_candidates(db: Database, program_id: int, annual_node_ids: list[int]) -> list[int]:
    """Take annual paragraphs out of the quarter draft (they stay candidates); returns the
    removed node ids. A task carried from the quarter before or already being tracked stays."""
    with db.transaction() as s:
        program, _annual = _quarter_and_annual(s, program_id)
        editing.ensure_draft(program)
        picked = _picked(program)
        removed: list[int] = []
        for annual_id in annual_node_ids:
            node = picked.get(annual_id)
            if node is None:
                continue
            task = node.task
            if task is not None and task.carried_from_id:
                raise LockedError("Nhiệm vụ chuyển từ quý trước không bỏ ra được ở đây; "
                                  "hãy đặt trạng thái “không thực hiện” nếu không làm nữa.")
            if task is not None and task.status != "not_started":
                raise LockedError("Nhiệm vụ đã được theo dõi (có trạng thái) nên không bỏ ra được.")
            removed.append(node.id)
            editing.delete_node(s, node)
        audit(s, "unpick", "program", program.id, program.id, annual_nodes=list(annual_node_ids))
        return removed


def next_quarter_for(db: Database, annual_id: int, today: date | None = None) -> dict[str, Any]:
    """What the derive wizard proposes: the quarter after the latest existing one of the year (none yet:
    the quarter we are in, for this year's program — not quarter I in November), and the drafts or
    programs that already exist per quarter: a quarter that exists is opened, or drafted again as a new
    version beside it, never derived twice silently."""
    today = today or date.today()
    with db.transaction() as s:
        annual = _load_program(s, annual_id)
        rows = s.scalars(select(Program).where(
            Program.organization_id == annual.organization_id, Program.year == annual.year,
            Program.kind == ProgramKind.QUARTERLY, *tracking.in_use())
            .order_by(Program.id)).all()
        existing: dict[int, dict[str, Any]] = {}
        for p in rows:  # the newest program of each quarter
            if p.quarter is None:
                continue
            existing[p.quarter] = {"id": p.id, "draft_version": p.draft_version, "status": p.status,
                                   "issued": p.status != ProgramStatus.DRAFT}
        if existing:
            quarter = min(max(existing) + 1, 4)
        else:
            quarter = (today.month - 1) // 3 + 1 if today.year == annual.year else 1
        return {"quarter": quarter, "year": annual.year, "existing": existing}
