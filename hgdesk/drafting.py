"""Deriving programs: a quarter's draft from the annual program, a lower committee's annual
program from its superior's, and the draft versions kept along the way."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hgdesk import anniversaries, shape
from hgdesk.editing import children_map
from hgdesk.errors import InputError
from hgdesk.levels import level
from hgdesk.models import Anniversary, Carry, Indicator, Node, Organization, Program, Revision, Task
from hgdesk.templates import fill, template_text
from hgdesk.text import fold, to_roman
from hgdesk.tracking import mark_tasks, pending_carries, quarter_end
from hgdesk.vocab import LEAF_KINDS, ProgramKind


def _exists(session: Session, org_id: int, kind: str, year: int, quarter: int | None) -> Program | None:
    return session.scalars(
        select(Program).where(Program.organization_id == org_id, Program.kind == kind, Program.year == year,
                              Program.quarter.is_(None) if quarter is None else Program.quarter == quarter,
                              Program.status != "archived")
    ).first()


class _Builder:
    """Adds nodes to a new program in order; one flush at the end gives them ids."""

    def __init__(self, program: Program) -> None:
        self.program = program
        self.counts: dict[int, int] = defaultdict(int)

    def add(self, parent: Node | None, kind: str, label: str = "", heading: str = "", text: str = "",
            source: Node | None = None) -> Node:
        key = id(parent)
        node = Node(parent=parent, position=self.counts[key], kind=kind, label=label,
                    heading=heading, text=text, source_node_id=source.id if source else None)
        self.program.nodes.append(node)
        self.counts[key] += 1
        return node


def _local_commemorations(session: Session, org: Organization) -> list[anniversaries.Commemoration]:
    from datetime import date

    rows = session.scalars(
        select(Anniversary).where((Anniversary.organization_id == org.id) | Anniversary.organization_id.is_(None))
    )
    return [anniversaries.Commemoration(date(r.year, r.month, r.day), r.title, local=True) for r in rows]


def _common_header(program: Program, org: Organization, source: Program) -> None:
    program.signer_authority = org.signer_authority or source.signer_authority
    program.signer_position = org.signer_position or source.signer_position
    program.signer_name = org.signer_name
    program.recipients = list(org.recipients or source.recipients)
    program.place = org.place or source.place


def derive_quarter(session: Session, annual: Program, quarter: int) -> Program:
    """A new draft quarterly program from the annual program (see PRODUCT.md, job 2)."""
    if annual.kind != "annual" or not annual.year:
        raise InputError("Chỉ soạn được chương trình quý từ một chương trình công tác năm.")
    if quarter not in (1, 2, 3, 4):
        raise InputError(f"Quý phải là 1, 2, 3 hoặc 4 (không phải “{quarter}”).")
    org, year = annual.organization, annual.year
    existing = _exists(session, org.id, "quarterly", year, quarter)
    if existing is not None:
        raise InputError(
            f"{org.name} đã có chương trình quý {to_roman(quarter)}/{year} (số {existing.id}). "
            "Hãy mở chương trình đó, hoặc lưu trữ nó trước khi soạn lại."
        )

    def text(kind: str, **extra: str) -> str:
        return fill(template_text(session, org.id, "quarterly", kind, quarter), org, year, quarter, **extra)

    program = Program(
        organization=org, parent_id=annual.id, kind="quarterly", year=year, quarter=quarter, doc_code="CTr",
        document_type="CHƯƠNG TRÌNH", title_lines=[text("title")], status="draft", draft_version=1,
        date_year=year, opening=[text("opening")], closing=[text("closing")], source_name="",
    )
    _common_header(program, org, annual)
    session.add(program)
    build = _Builder(program)
    found = shape.parts(annual, ProgramKind.ANNUAL)
    focus_items, tasks_part, children = found.focus, found.tasks_part, found.children

    part1 = build.add(None, "part", "I.", text("part_focus"))
    focus_nodes = []
    for i, item in enumerate(focus_items, start=1):
        focus_nodes.append(build.add(part1, "item", f"{i}.", text=item.heading or item.text, source=item))
    carries = pending_carries(session, org.id, year, quarter)
    carried_nodes: list[tuple[Carry, Task, Node]] = []
    for carry in carries:
        old = session.get(Task, carry.task_id)
        if old is None:  # the carried task's paragraph was deleted since: nothing to continue
            continue
        carried_nodes.append((carry, old, build.add(part1, "item", f"{len(focus_nodes) + len(carried_nodes) + 1}.",
                                                     text=old.node.heading or old.node.text, source=old.node)))

    part2 = build.add(None, "part", "II.", text("part_tasks"))
    occurrences = anniversaries.in_quarter(year, quarter, _local_commemorations(session, org))
    placed_anniversaries = not occurrences
    if tasks_part is not None:
        for section in (n for n in children[tasks_part.id] if n.kind == "section"):
            top = build.add(part2, "section", section.label, section.heading, source=section)
            subsections = [n for n in children[section.id] if n.kind == "section"]
            _copy_leaves(build, children, section, top, include_sections=False)
            for sub in subsections:
                target = build.add(top, "section", sub.label, sub.heading, source=sub)
                if not placed_anniversaries and "chinh tri" in fold(sub.heading):
                    build.add(target, "paragraph",
                              text=text("anniversaries", anniversaries=anniversaries.sentence_list(occurrences)))
                    placed_anniversaries = True
                _copy_leaves(build, children, sub, target, include_sections=True)
    if not placed_anniversaries:
        build.add(part2, "paragraph", text=text("anniversaries", anniversaries=anniversaries.sentence_list(occurrences)))
    session.flush()

    tasks = {t.node_id: t for t in mark_tasks(session, program)}
    for carry, old, node in carried_nodes:
        task = tasks[node.id]
        task.carried_from_id = old.id
        task.lineage_id = old.lineage_id
        task.annual_node_id = old.annual_node_id
        task.lead_unit, task.cooperating_units = old.lead_unit, old.cooperating_units
        task.due_date = quarter_end(year, quarter)
        carry.new_task_id = task.id
    return program


def _copy_leaves(build: _Builder, children, source: Node, target: Node, include_sections: bool) -> None:
    """Copy a section's paragraphs; deeper sub-sections are folded in (their paragraphs kept,
    their headings dropped), as the quarterly seeds do."""
    for node in children[source.id]:
        if node.kind in LEAF_KINDS:
            kind = "item" if node.kind == "indicator" else node.kind
            build.add(target, kind, node.label, text=node.heading or node.text, source=node)
        elif node.kind == "section" and include_sections:
            _copy_leaves(build, children, node, target, include_sections=True)
        if node.kind in LEAF_KINDS:
            _copy_leaves(build, children, node, target, include_sections=True)


def derive_for_organisation(session: Session, parent: Program, org: Organization) -> Program:
    """A lower-level committee's annual program from its superior's (seed 003's shape)."""
    if parent.kind != "annual" or not parent.year:
        raise InputError("Chỉ soạn được chương trình năm cho cấp dưới từ một chương trình công tác năm.")
    if org.id == parent.organization_id:
        raise InputError("Hãy chọn một cơ quan cấp dưới, khác với cơ quan ban hành chương trình gốc.")
    year = parent.year
    existing = _exists(session, org.id, "annual", year, None)
    if existing is not None:
        raise InputError(f"{org.name} đã có chương trình công tác năm {year} (số {existing.id}).")

    def text(kind: str) -> str:
        return fill(template_text(session, org.id, "annual", kind), org, year)

    program = Program(
        organization=org, parent_id=parent.id, kind="annual", year=year, doc_code="CTr",
        document_type="CHƯƠNG TRÌNH", title_lines=[text("title_author"), text("title")], status="draft",
        draft_version=1, date_year=year, opening=[text("opening")], closing=[],
    )
    _common_header(program, org, parent)
    session.add(program)
    build = _Builder(program)
    children = children_map(parent)
    upper_body = level(parent.organization.level).body
    own_body = level(org.level).body

    def localise(value: str) -> str:
        # "Ban Thường vụ Tỉnh ủy" of the province becomes "Ban Thường vụ Huyện ủy" of the district
        if not upper_body or not own_body or upper_body == own_body:
            return value
        return re.sub(rf"\b{upper_body}\b", own_body, value)

    def copy(source: Node | None, target: Node | None) -> None:
        for node in children[source.id if source else None]:
            new = build.add(target, node.kind, node.label, localise(node.heading), localise(node.text), source=node)
            if node.indicator is not None:
                new.indicator = Indicator(program=program, target_value=node.indicator.target_value,
                                          unit=node.indicator.unit, direction=node.indicator.direction)
            copy(node, new)

    copy(None, None)
    session.flush()
    return program


# --- draft versions --------------------------------------------------------------------------
def snapshot(program: Program) -> dict[str, Any]:
    children = children_map(program)

    def walk(parent: int | None) -> list[dict[str, Any]]:
        return [{"kind": n.kind, "label": n.label, "heading": n.heading, "text": n.text, "children": walk(n.id)}
                for n in children[parent]]

    return {"title": list(program.title_lines), "opening": list(program.opening), "nodes": walk(None),
            "closing": list(program.closing), "recipients": list(program.recipients),
            "signer": [program.signer_authority, program.signer_position, program.signer_name]}


def save_version(session: Session, program: Program) -> Revision:
    """Keep the program as it is now as draft version N, and continue as version N + 1."""
    if program.status != "draft":
        raise InputError("Chỉ lưu phiên bản cho chương trình đang là dự thảo.")
    revision = Revision(program_id=program.id, draft_version=program.draft_version, snapshot=snapshot(program))
    session.add(revision)
    program.draft_version += 1
    return revision


def paragraphs_of(snap: dict[str, Any]) -> list[str]:
    out = [*snap.get("title", []), *snap.get("opening", [])]

    def walk(nodes: list[dict[str, Any]]) -> None:
        for n in nodes:
            out.append(" ".join(x for x in (n["label"], n["heading"], n["text"]) if x))
            walk(n["children"])

    walk(snap.get("nodes", []))
    return out + list(snap.get("closing", [])) + list(snap.get("recipients", []))


@dataclass(frozen=True)
class Change:
    kind: str  # added / removed / changed
    old: str
    new: str
    removed_words: tuple[str, ...] = ()
    added_words: tuple[str, ...] = ()


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Paragraph-level differences between two snapshots, with the changed words."""
    a, b = paragraphs_of(old), paragraphs_of(new)
    changes: list[Change] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        paired = min(len(olds), len(news)) if op == "replace" else 0
        for x, y in zip(olds[:paired], news[:paired], strict=True):
            removed, added = _word_changes(x, y)
            changes.append(Change("changed", x, y, removed, added))
        changes += [Change("removed", x, "") for x in olds[paired:]]
        changes += [Change("added", "", y) for y in news[paired:]]
    return changes


def _word_changes(old: str, new: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    a, b = old.split(), new.split()
    removed: list[str] = []
    added: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op in ("replace", "delete"):
            removed.append(" ".join(a[i1:i2]))
        if op in ("replace", "insert"):
            added.append(" ".join(b[j1:j2]))
    return tuple(removed), tuple(added)
