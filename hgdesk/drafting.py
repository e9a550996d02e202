"""Deriving programs: a quarter's draft from the annual program, a lower committee's annual
program from its superior's, and the draft versions kept along the way.

A derived quarter tracks only real tasks: the paragraphs taken from the annual program and the
tasks carried from the quarter before (and, later, what the secretary adds as a task). The
framing the draft writes itself, the sentence on the quarter's anniversaries, is not a task:
it never shows in tracking, closing, overdue lists or reports."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hgdesk import anniversaries, candidates, shape
from hgdesk.editing import children_map, renumber
from hgdesk.errors import DuplicateQuarterError, InputError
from hgdesk.levels import level
from hgdesk.models import Anniversary, Carry, Indicator, Node, Organization, Program, Revision, Task
from hgdesk.templates import fill, template_text
from hgdesk.text import fold, to_roman, tone_style_of
from hgdesk.tracking import continue_carried, mark_tasks, pending_carries, resume_dropped


def _exists(session: Session, org_id: int, kind: str, year: int, quarter: int | None) -> Program | None:
    return session.scalars(
        select(Program).where(Program.organization_id == org_id, Program.kind == kind, Program.year == year,
                              Program.quarter.is_(None) if quarter is None else Program.quarter == quarter,
                              Program.status != "archived", Program.deleted_at.is_(None))
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
    program.recipients = recipients_for(org, source)
    program.place = org.place or source.place


def _is_storage(line: str) -> bool:
    """"- Lưu Văn phòng Đảng uỷ.", "Lưu VPĐU", "- Lưu: VT": the office's own copy, printed last."""
    return fold(line).lstrip("-–• ").startswith("luu")


def recipients_for(org: Organization, source: Program) -> list[str]:
    """A derived program's "Nơi nhận": the organisation's default recipients, else those of the
    program it comes from; the storage line last (the organisation's, else the source's).

    An organisation set up without recipients has only its storage line: the source's
    recipients ("Ban Thường vụ Thành ủy (để b/c)") are then taken, not dropped."""
    own, theirs = list(org.recipients or []), list(source.recipients or [])
    lines = [r for r in own if not _is_storage(r)] or [r for r in theirs if not _is_storage(r)]
    storage = next((r for r in own if _is_storage(r)), None) or next((r for r in theirs if _is_storage(r)), None)
    return lines + ([storage] if storage else [])


@dataclass(frozen=True)
class Pick:
    """A paragraph placed in the quarter at derive time: an annual candidate picked for a
    reason, or a task carried from the quarter before."""

    annual: Node | None
    text: str
    carry: Carry | None = None
    old_task: Task | None = None


def derive_quarter(session: Session, annual: Program, quarter: int, carry_ids: set[int] | None = None,
                   as_new_version: bool = False) -> Program:
    """A new draft quarterly program: the annual skeleton, the tasks carried from the quarter
    before (each once, in its own section) and the annual paragraphs preselected for this
    quarter (PRODUCT.md, job 2). The other annual paragraphs stay candidates (candidates.py).

    `carry_ids` limits which pending carries are taken over (the wizard's editable list; the
    others stay pending); `as_new_version` derives beside an existing draft of the quarter as
    "Dự thảo lần N+1" instead of refusing."""
    shape.require_tasks(annual, "soạn chương trình quý")
    if annual.kind != "annual" or not annual.year:
        raise InputError("Chỉ soạn được chương trình quý từ một chương trình công tác năm.")
    if quarter not in (1, 2, 3, 4):
        raise InputError(f"Quý phải là 1, 2, 3 hoặc 4 (không phải “{quarter}”).")
    org, year = annual.organization, annual.year
    existing = _exists(session, org.id, "quarterly", year, quarter)
    if existing is not None and not as_new_version:
        raise DuplicateQuarterError(
            f"{org.name} đã có chương trình quý {to_roman(quarter)}/{year} (số {existing.id}). "
            "Hãy mở chương trình đó, hoặc soạn một dự thảo lần mới.", existing.id)

    tone = tone_style_of(part for n in annual.nodes for part in (n.heading, n.text))  # as the year's program writes

    def text(kind: str, **extra: str) -> str:
        return fill(template_text(session, org.id, "quarterly", kind, quarter), org, year, quarter, tone=tone,
                    **extra)

    # everything read from the database first, so building the new tree flushes once
    layout = candidates.annual_layout(annual)
    occurrences = anniversaries.in_quarter(year, quarter, _local_commemorations(session, org))
    picks = _initial_picks(session, annual, layout, quarter, occurrences, carry_ids)
    words = {kind: text(kind) for kind in ("title", "opening", "closing", "part_focus", "part_tasks")}
    words["anniversaries"] = text("anniversaries", anniversaries=anniversaries.sentence_list(occurrences))
    program = Program(
        organization=org, parent_id=annual.id, kind="quarterly", year=year, quarter=quarter, doc_code="CTr",
        document_type="CHƯƠNG TRÌNH", title_lines=[words["title"]], status="draft",
        draft_version=(existing.draft_version + 1) if existing is not None else 1,
        date_year=year, opening=[words["opening"]], closing=[words["closing"]], source_name="", nodes=[],
    )
    _common_header(program, org, annual)
    session.add(program)
    build = _Builder(program)
    part1 = build.add(None, "part", "I.", words["part_focus"], source=layout[0].source if layout and
                      layout[0].depth == 0 else None)
    part2 = build.add(None, "part", "II.", words["part_tasks"])
    anniversaries_at = _anniversaries_section(layout) if occurrences else None
    keep = _sections_with_content(layout, picks, anniversaries_at)
    parents = {0: part2}  # depth -> the node a section of depth + 1 goes under
    placed: list[tuple[Node, Pick]] = []
    for index, section in enumerate(layout):
        if section.depth and index not in keep:
            continue  # nothing picked in it: an empty heading is not printed (picking into it adds it back)
        target = part1 if section.depth == 0 else build.add(parents[section.depth - 1], "section",
                                                             section.source.label, section.source.heading,
                                                             source=section.source)
        if section.depth:
            parents[section.depth] = target
        if index == anniversaries_at:
            build.add(target, "paragraph", text=words["anniversaries"])
        for number, pick in enumerate(picks.get(section.source.id, []), start=1):
            kind, label = _leaf_shape(pick, section.depth, number)
            placed.append((build.add(target, kind, label, text=pick.text, source=pick.annual), pick))
    if occurrences and anniversaries_at is None:
        build.add(part2, "paragraph", text=words["anniversaries"])
    for orphan in picks.get(None, []):  # carried tasks whose annual section is not in the layout
        placed.append((build.add(part1, "item", f"{build.counts[id(part1)] + 1}.", text=orphan.text), orphan))
    session.flush()
    renumber(program)  # printed as it shows: items of each section from (1), sections without gaps
    # only what was taken from the annual program or carried is tracked, not the framing (module doc)
    tasks = {t.node_id: t for t in mark_tasks(session, program, [node for node, _pick in placed])}
    resume_dropped(session, program, [tasks[node.id] for node, pick in placed if pick.carry is None])
    for node, pick in placed:
        if pick.carry is None:
            continue
        assert pick.old_task is not None  # a carried pick always has its old task
        continue_carried(session, tasks[node.id], pick.old_task, year, quarter)
        pick.carry.new_task_id = tasks[node.id].id
    return program


def _anniversaries_section(layout: list[candidates.AnnualSection]) -> int | None:
    """Where the anniversaries paragraph goes: first in the political-ideological section (1.1.)."""
    return next((i for i, s in enumerate(layout) if s.depth == 2 and "chinh tri" in fold(s.source.heading)), None)


def _sections_with_content(layout: list[candidates.AnnualSection], picks: dict[int | None, list[Pick]],
                           anniversaries_at: int | None) -> set[int]:
    """Indexes in `layout` of the sections that hold something: a pick, the anniversaries
    paragraph, or (a "1." section) a sub-section that does."""
    keep = {i for i, s in enumerate(layout) if picks.get(s.source.id) or i == anniversaries_at}
    for i, section in enumerate(layout):
        if section.depth == 2 and i in keep:
            keep.add(max(j for j in range(i) if layout[j].depth < 2))  # its "1." section
    return keep


def _leaf_shape(pick: Pick, depth: int, number: int) -> tuple[str, str]:
    """Part I's tasks are numbered items; elsewhere a paragraph keeps its annual kind and label."""
    if depth == 0:
        return "item", f"{number}."
    source = pick.annual
    if source is None:  # not an annual paragraph: a carried task
        assert pick.old_task is not None
        source = pick.old_task.node
    kind = "item" if source.kind == "indicator" else source.kind
    return kind, source.label


def _initial_picks(session: Session, annual: Program, layout: list[candidates.AnnualSection], quarter: int,
                   occurrences: list, carry_ids: set[int] | None) -> dict[int | None, list[Pick]]:
    """Per annual section id: the carried tasks and the preselected candidates, in annual order.

    A carried task takes the place of its annual paragraph, so no task is there twice; a
    section with no reason-picked paragraph gets its first one, so no section prints empty."""
    section_of = candidates.section_of_leaf(layout)
    sections = {s.source.id for s in layout}
    order = {leaf.id: i for i, leaf in enumerate(leaf for s in layout for leaf in s.leaves)}
    picks: dict[int | None, list[Pick]] = defaultdict(list)
    carried_annual: set[int] = set()
    year = annual.year
    assert year is not None  # an annual program has its year (import refuses one without)
    for carry in pending_carries(session, annual.organization_id, year, quarter):
        if carry_ids is not None and carry.task_id not in carry_ids:
            continue
        old = session.get(Task, carry.task_id)
        assert old is not None  # carry.task_id is a foreign key
        annual_node = session.get(Node, old.annual_node_id) if old.annual_node_id else None
        if annual_node is not None and annual_node.program_id != annual.id:
            annual_node = None  # carried over the new year: the new annual program has other paragraphs
        if annual_node is not None:
            home = section_of.get(annual_node.id)
        else:  # a paragraph the secretary wrote: the section it was written in
            parent = old.node.parent
            home = parent.source_node_id if parent is not None and parent.source_node_id in sections else None
        picks[home].append(Pick(annual_node, old.node.heading or old.node.text, carry, old))
        if annual_node is not None:
            carried_annual.add(annual_node.id)
    scheduled = candidates.scheduled_elsewhere(session, annual, None)
    for section in layout:
        reasons = candidates.preselect(section, year, quarter, occurrences, scheduled, carried_annual)
        chosen = [Pick(leaf, candidates.text_of(leaf)) for leaf in section.leaves if leaf.id in reasons]
        picks[section.source.id] = sorted(
            [*picks.get(section.source.id, []), *chosen],
            key=lambda p: order.get(p.annual.id, len(order)) if p.annual is not None else len(order))
    return picks
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
