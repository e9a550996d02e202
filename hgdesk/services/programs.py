"""Use cases on stored programs: import, read, organisations."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.exc import StaleDataError

from hgdesk import levels, operations, schemas
from hgdesk.db import Database
from hgdesk.editing import children_map
from hgdesk.errors import ConflictError, InputError, NotFoundError
from hgdesk.importing import ParsedNode, ParsedProgram, parse_bytes, parse_file
from hgdesk.models import Indicator, Node, Organization, Program
from hgdesk.names import Described, describe
from hgdesk.operations import current_user, set_secretary  # noqa: F401  (set_secretary: a service)
from hgdesk.shape import has_tasks, kind_has_tasks
from hgdesk.vocab import AuditAction, ProgramStatus


def audit(session: Session, action: str, entity: str, entity_id: int | None, program_id: int | None,
          **summary: Any) -> None:
    """Describe the running operation for the audit trail (its rows are recorded by the core)."""
    operations.record(session, action, entity, entity_id, program_id, current_user(), summary)


# --- reading -------------------------------------------------------------------------------
@dataclass(frozen=True)
class ProgramInfo:
    id: int
    organization_id: int
    organization: str
    kind: str
    year: int | None
    quarter: int | None
    status: str
    title: str
    draft_version: int
    demo: bool = False  # shipped sample data: lists say "Dữ liệu mẫu"
    deleted: bool = False
    has_tasks: bool = True  # a program, plan, resolution …; False for a report, a guidance, a letter (shape.has_tasks)


DEMO_LABEL = "Dữ liệu mẫu"


def info_of(p: Program) -> ProgramInfo:
    org = p.organization
    return ProgramInfo(p.id, p.organization_id, org.name, p.kind, p.year, p.quarter, p.status, describe(p),
                       p.draft_version, bool(org.is_demo), p.deleted_at is not None, has_tasks(p))


def list_programs(db: Database) -> list[ProgramInfo]:
    """The programs in use: not in the "Thùng rác", not archived."""
    with db.transaction() as s:  # one column query: no Program objects (their JSON header columns) at scale
        rows = s.execute(
            select(Program.id, Program.organization_id, Organization.name, Program.kind, Program.year,
                   Program.quarter, Program.status, Program.draft_version, Organization.is_demo,
                   Program.name, Program.term, Program.document_type, Program.document_kind).join(Organization)
            .where(Program.deleted_at.is_(None), Program.status != ProgramStatus.ARCHIVED)
            .order_by(Program.organization_id, Program.year.desc(), Program.quarter.desc(), Program.id)
        ).all()
        return [ProgramInfo(pid, org_id, org, kind, year, quarter, status,
                            describe(Described(name, kind, quarter, year, term, document_type)), version,
                            bool(demo), False, kind_has_tasks(document_kind))
                for (pid, org_id, org, kind, year, quarter, status, version, demo, name, term, document_type,
                     document_kind) in rows]


def list_organizations(db: Database) -> list[dict[str, Any]]:
    with db.transaction() as s:
        return [
            {"id": o.id, "name": o.name, "level": o.level, "parent_id": o.parent_id, "demo": bool(o.is_demo)}
            for o in s.scalars(select(Organization).order_by(Organization.id))
        ]


def _load_program(session: Session, program_id: int) -> Program:
    program = session.get(
        Program, program_id,
        options=[selectinload(Program.nodes).selectinload(Node.indicator),
                 selectinload(Program.nodes).selectinload(Node.task),
                 selectinload(Program.organization)],
    )
    if program is None:
        raise NotFoundError(f"Không có chương trình số {program_id}.")
    return program


def _load_tree(session: Session, program_id: int) -> Program:
    """A program with its nodes only: what changing the tree (delete, move, merge, renumber) reads;
    the tasks and indicators of the nodes it touches are read by id."""
    program = session.get(Program, program_id, options=[selectinload(Program.nodes)])
    if program is None:
        raise NotFoundError(f"Không có chương trình số {program_id}.")
    return program


def _node_json(node: Node, children: dict[int | None, list[Node]], carries: dict[int, int] | None = None
               ) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": node.id,
        "version": node.version,
        "kind": node.kind,
        "label": node.label,
        "heading": node.heading,
        "text": node.text,
        "indicator": (
            {"value": node.indicator.target_value, "unit": node.indicator.unit or None}
            if node.indicator else None
        ),
        "children": [_node_json(c, children, carries) for c in children.get(node.id, [])],
    }
    if node.task is not None:
        task = node.task
        data["task"] = {"id": task.id, "status": task.status, "lead_unit": task.lead_unit,
                        "carried_count": carries.get(task.lineage_id or 0, 0) if carries else 0,
                        "carried_from": task.carried_from_id}
    return data


def program_json(db: Database, program_id: int) -> dict[str, Any]:
    """The program in the CLI's JSON shape (as `parse --json`), with ids on the program and nodes."""
    with db.transaction() as s:
        p = _load_program(s, program_id)
        children = children_map(p)
        org = p.organization
        carries = {}
        if p.kind == "quarterly":
            from hgdesk.tracking import carry_counts

            carries = carry_counts(s, org.id)
        header = p.header()  # frozen at issue; the organisation's current names for a draft
        superseded_by = s.scalars(select(Program.id).where(Program.supersedes_id == p.id)).first()
        return {
            "id": p.id,
            "version": p.version,
            "kind": p.kind,
            "year": p.year,
            "quarter": p.quarter,
            "term": p.term or None,
            "organization": org.name,
            "organization_id": org.id,
            "demo": bool(org.is_demo),
            "level": org.level,
            "number": p.number or None,
            "symbol": p.symbol,
            "draft": p.status == "draft",
            "draft_version": p.draft_version,
            "status": p.status,
            "place": p.place or org.place or None,
            "date": p.issue_date.isoformat() if p.issue_date else None,
            "date_year": p.date_year,
            "issuing_body": header["issuing_body"],
            "superior_body": header["superior_body"] or None,
            "document_type": p.document_type,
            "document_kind": p.document_kind,
            "title": list(p.title_lines),
            "opening": list(p.opening),
            "nodes": [_node_json(n, children, carries) for n in children.get(None, [])],
            "parent_id": p.parent_id,
            "supersedes_id": p.supersedes_id,
            "superseded_by": superseded_by,
            "closed": p.closed_at is not None,
            "closing": list(p.closing),
            "recipients": list(p.recipients),
            "signer": {"authority": p.signer_authority, "position": p.signer_position, "name": p.signer_name},
            "footnotes": list(p.footnotes),
            "warnings": list(p.warnings),
        }


# --- importing -----------------------------------------------------------------------------
def parse_only(path: str | Path) -> ParsedProgram:
    return parse_file(path)


def parse_pasted(text: str, name: str = "văn bản dán vào") -> ParsedProgram:
    """Text copied from a PDF viewer or a web page: hard-wrapped lines are rejoined as in a .txt file."""
    from hgdesk.importing import parse_text

    if not text.strip():
        raise InputError("Chưa có nội dung: hãy dán văn bản vào ô trước.")
    return parse_text(text, name)


def apply_import_choices(parsed: ParsedProgram, **choices: Any) -> ParsedProgram:
    """The organisation, level and period the user confirmed in the import preview."""
    from hgdesk.importing.choices import apply_choices

    return apply_choices(parsed, **choices)


def import_file(db: Database, path: str | Path, organization_id: int | None = None) -> int:
    """Parse a file and store it as a new program; returns the program id."""
    parsed = parse_file(path)
    return save_parsed(db, parsed, Path(path).name, organization_id)


def import_bytes(db: Database, data: bytes, name: str, organization_id: int | None = None) -> int:
    return save_parsed(db, parse_bytes(data, name), name, organization_id)


def _find_or_create_org(session: Session, parsed: ParsedProgram, organization_id: int | None) -> Organization:
    if organization_id is not None:
        org = session.get(Organization, organization_id)
        if org is None:
            raise NotFoundError(f"Không có cơ quan số {organization_id}.")
        return org
    level = parsed.level or "province"
    name = parsed.organization or levels.level(level).body
    from hgdesk.text import fold

    own = select(Organization).where(Organization.level == level, Organization.is_demo.is_(False))  # never the sample
    for org in session.scalars(own):
        if fold(org.name) == fold(name) or fold(name) == fold(levels.level(level).body):
            return org
    office = next((r.split()[-1] for r in parsed.recipients if r.startswith("Lưu ")), "")
    org = Organization(
        name=name,
        header_name=(parsed.issuing_body or name).upper(),
        superior_line=parsed.superior_body or "",
        symbol_suffix=parsed.issuer_code or levels.level(level).suffix,
        office_code=office,
        place=parsed.place or "",
        level=level,
        signer_authority=parsed.signer.authority,
        signer_position=parsed.signer.position,
        signer_name=parsed.signer.name,
        recipients=list(parsed.recipients),
    )
    session.add(org)
    session.flush()
    return org


def _add_nodes(session: Session, program: Program, nodes: list[ParsedNode], parent: Node | None) -> None:
    """Add the parsed tree under `parent`; the ids come with the caller's single flush."""
    for position, parsed in enumerate(nodes):
        node = Node(parent=parent, position=position, kind=parsed.kind, label=parsed.label,
                    heading=parsed.heading, text=parsed.text)
        program.nodes.append(node)
        if parsed.indicator is not None:
            node.indicator = Indicator(program=program, target_value=parsed.indicator.value,
                                       unit=parsed.indicator.unit or "", direction=parsed.indicator.direction)
        _add_nodes(session, program, parsed.children, node)


def save_parsed(db: Database, parsed: ParsedProgram, source_name: str = "",
                organization_id: int | None = None) -> int:
    with db.transaction() as s:
        org = _find_or_create_org(s, parsed, organization_id)
        program = Program(
            organization=org,
            kind=parsed.kind or "annual",
            year=parsed.year,
            quarter=parsed.quarter,
            term=parsed.term or "",
            doc_code=parsed.doc_code or "CTr",
            number=parsed.number or "",
            issue_date=parsed.issue_date,
            date_year=parsed.date_year,
            place=parsed.place or org.place,
            document_type=parsed.document_type or "CHƯƠNG TRÌNH",
            title_lines=list(parsed.title),
            status="draft",  # locked below, once the whole tree is in (the lock refuses inserts)
            draft_version=parsed.draft_version or 1,
            signer_authority=parsed.signer.authority or org.signer_authority,
            signer_position=parsed.signer.position or org.signer_position,
            signer_name=parsed.signer.name or org.signer_name,
            recipients=list(parsed.recipients),
            opening=list(parsed.opening),
            closing=list(parsed.closing),
            footnotes=[f.to_json() for f in parsed.footnotes],
            warnings=list(parsed.warnings),
            source_name=source_name,
            document_kind=parsed.document_kind,
        )
        s.add(program)
        _add_nodes(s, program, parsed.nodes, None)
        s.flush()
        if program.kind == "quarterly":
            from hgdesk.tracking import mark_tasks

            mark_tasks(s, program)
        issued = bool(parsed.number) and not parsed.draft
        if issued:
            # an office's already issued program: saved complete, then locked, in this one transaction,
            # with the header it was printed with
            program.issued_header = {"issuing_body": (parsed.issuing_body or org.header_name or org.name).upper(),
                                     "superior_body": parsed.superior_body or org.superior_line,
                                     "symbol_suffix": parsed.issuer_code or org.symbol_suffix}
            program.status = "issued"
            s.flush()
        audit(s, "import", "program", program.id, program.id, source=source_name,
              nodes=sum(1 for _ in parsed.walk()), status=program.status)
        return program.id


def create_organization(db: Database, **fields: Any) -> int:
    schemas.checked(schemas.OrganizationIn, fields, "Cài đặt cơ quan không hợp lệ")
    with db.transaction() as s:
        org = Organization(**fields)
        s.add(org)
        s.flush()
        audit(s, "create", "organization", org.id, None, name=org.name)
        return org.id


def set_program_parent(db: Database, program_id: int, parent_id: int | None) -> None:
    """Link a draft to the program it was drafted from (an issued program keeps its link)."""
    from hgdesk.editing import ensure_draft

    with db.transaction() as s:
        program = _load_program(s, program_id)
        ensure_draft(program)
        if parent_id is not None and s.get(Program, parent_id) is None:
            raise NotFoundError(f"Không có chương trình số {parent_id}.")
        audit(s, AuditAction.SET_PARENT, "program", program.id, program.id, before={"parent_id": program.parent_id},
              after={"parent_id": parent_id})
        program.parent_id = parent_id
        try:
            s.flush()
        except StaleDataError as exc:
            raise ConflictError("Nội dung này vừa được người khác sửa. Hãy tải lại rồi thử lại.") from exc



ORGANIZATION_FIELDS = ("name", "header_name", "superior_line", "symbol_suffix", "office_code", "place",
                       "signer_authority", "signer_position", "signer_name", "recipients")


def organization(db: Database, organization_id: int) -> dict[str, Any]:
    with db.transaction() as s:
        org = s.get(Organization, organization_id)
        if org is None:
            raise NotFoundError(f"Không có cơ quan số {organization_id}.")
        return {"id": org.id, "level": org.level, **{f: getattr(org, f) for f in ORGANIZATION_FIELDS}}


def update_organization(db: Database, organization_id: int, **fields: Any) -> None:
    """The organisation's names, symbol, place and default signer and recipients."""
    from hgdesk.text import clean

    unknown = set(fields) - set(ORGANIZATION_FIELDS)
    if unknown:
        raise InputError(f"Không sửa được trường: {', '.join(sorted(unknown))}.")
    schemas.checked(schemas.OrganizationIn, fields, "Cài đặt cơ quan không hợp lệ")
    with db.transaction() as s:
        org = s.get(Organization, organization_id)
        if org is None:
            raise NotFoundError(f"Không có cơ quan số {organization_id}.")
        if "name" in fields and not clean(fields["name"]):
            raise InputError("Tên cơ quan không được để trống.")
        before = {k: getattr(org, k) for k in fields}
        for key, value in fields.items():
            setattr(org, key, [clean(v) for v in value if clean(v)] if isinstance(value, list) else clean(str(value)))
        audit(s, "update", "organization", org.id, None, before={k: str(v) for k, v in before.items()},
              after={k: str(getattr(org, k)) for k in fields})


def templates_for(db: Database, organization_id: int) -> list[dict[str, Any]]:
    """Every editable text of derived programs for an organisation, with the one in use."""
    from hgdesk.templates import defaults, template_text

    with db.transaction() as s:
        return [{"program_kind": pk, "kind": kind, "quarter": quarter,
                 "body": template_text(s, organization_id, pk, kind, quarter)}
                for (pk, kind, quarter) in sorted(defaults(), key=lambda k: (k[0], k[1], k[2] or 0))]


def create_lower_organization(db: Database, parent_id: int, name: str, level: str, place: str = "") -> int:
    """A lower-level committee under `parent_id`, with the header lines, symbol and signer the
    Party format gives it ("ĐẢNG BỘ TỈNH HẬU GIANG" above "ĐẢNG ỦY XÃ HÒA AN", symbol ĐU)."""
    from hgdesk.errors import InputError
    from hgdesk.text import clean

    name = clean(name)
    if not name:
        raise InputError("Hãy nhập tên cơ quan cấp dưới.")
    if level not in levels.LEVELS:
        raise InputError(f"Cấp “{level}” không hợp lệ.")
    with db.transaction() as s:
        parent = s.get(Organization, parent_id)
        if parent is None:
            raise NotFoundError(f"Không có cơ quan số {parent_id}.")
        word = levels.level(parent.level).area
        superior = f"ĐẢNG BỘ {word} {parent.place.upper()}".replace("  ", " ").strip() if parent.place else ""
        names = levels.level(level)
        org = Organization(name=name, header_name=name.upper(), superior_line=superior, level=level,
                           symbol_suffix=names.suffix, place=clean(place), parent_id=parent.id,
                           signer_authority=f"T/M {names.body.upper()}", signer_position="BÍ THƯ", recipients=[])
        s.add(org)
        s.flush()
        audit(s, "create", "organization", org.id, None, name=org.name, parent=parent.name)
        return org.id


def search(db: Database, query: str, limit: int = 200, *, organization_id: int | None = None,
           year: int | None = None, kind: str | None = None, status: str | None = None) -> list[dict[str, Any]]:
    """Every paragraph or heading of every program that has each word of `query` as a word prefix,
    ignoring case, diacritics and tone placement ("hoá" finds "hóa", "tinh u" finds "Tỉnh ủy"), best
    first, optionally within one organisation, year, program kind or status. Uses the search index:
    no text is folded at query time."""
    from hgdesk.inline import plain
    from hgdesk.models import NodeSearch
    from hgdesk.search import closeness, highlighter, matching_nodes
    from hgdesk.tracking import in_use

    with db.transaction() as s:
        conditions = [column == value for column, value in (
            (Program.organization_id, organization_id), (Program.year, year), (Program.kind, kind),
            (Program.status, status)) if value is not None]
        within = list(s.scalars(select(Program.id).where(*in_use(), *conditions))) if conditions else None
        hits = matching_nodes(s, query, limit, within)
        # names of the programs found only, columns only: a query costs the same with 10 or 10,000 programs
        named = select(Program.id, Organization.name, Program.name, Program.kind, Program.quarter, Program.year,
                       Program.term, Program.document_type).join(Organization)
        names = {row[0]: f"{row[1]} – {describe(Described(*row[2:]))}"
                 for row in s.execute(named.where(*in_use(), Program.id.in_({h.program_id for h in hits})))}
        nodes = {row[0]: row[1:] for row in s.execute(
            select(Node.id, Node.label, Node.heading, Node.text, NodeSearch.folded)
            .outerjoin(NodeSearch, NodeSearch.node_id == Node.id).where(Node.id.in_([h.node_id for h in hits])))}
        spans_of, close = highlighter(query), closeness(query)
        found: list[dict[str, Any]] = []
        scores: dict[int, float] = {}
        for hit in hits:
            node = nodes.get(hit.node_id)
            if node is None or hit.program_id not in names:  # deleted, or in the trash or archived
                continue
            label, heading, body, folded = node
            content = plain(f"{heading} {body}".strip())
            scores[hit.node_id] = close(content, folded or "")
            spans = spans_of(content)
            at = spans[0][0] if spans else 0
            start = max(0, at - 60)
            snippet = ("…" if start else "") + content[start:start + 200] + ("…" if start + 200 < len(content) else "")
            offset = start - (1 if start else 0)
            found.append({"program_id": hit.program_id, "program": names[hit.program_id],
                          "node_id": hit.node_id, "label": label, "snippet": snippet,
                          "spans": [(a - offset, b - offset) for a, b in spans if start <= a and b <= start + 200]})
    found.sort(key=lambda f: -scores[f["node_id"]])  # stable: the index's rank among equals
    return found
