"""Use cases of exchange between offices: program packages (.hgdesk files), signed by the sender.

A package from an office this database has never seen is refused with its sender's name and key
fingerprint (UntrustedPackageError); once the user has compared the fingerprint and trusts it,
`import_package(..., trust=fingerprint)` records the office, and later packages from that origin
must carry the same key.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from hgdesk import packages, signing
from hgdesk.db import Database
from hgdesk.errors import InputError, NotFoundError, UntrustedPackageError
from hgdesk.importing.readers import read_limited
from hgdesk.models import AppMeta, Indicator, Node, Organization, Program, Template
from hgdesk.services.output import _write_atomically
from hgdesk.services.programs import _load_program, audit, program_json
from hgdesk.text import clean, fold

ORG_FIELDS = ("name", "header_name", "superior_line", "symbol_suffix", "office_code", "place", "level",
              "signer_authority", "signer_position", "signer_name", "recipients")


def database_id(db: Database) -> str:
    with db.transaction() as s:
        row = s.get(AppMeta, "database_id")
        if row is None:
            row = AppMeta(key="database_id", value=str(uuid.uuid4()))
            s.add(row)
        return row.value


def _strip(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"kind": n["kind"], "label": n["label"], "heading": n["heading"], "text": n["text"],
             "indicator": n["indicator"], "children": _strip(n["children"])} for n in nodes]


def export_package(db: Database, program_id: int, out: str | Path) -> Path:
    data = program_json(db, program_id)
    with db.transaction() as s:
        program = _load_program(s, program_id)
        org = program.organization
        organization = {f: getattr(org, f) for f in ORG_FIELDS}
        templates = [{"kind": t.kind, "program_kind": t.program_kind, "quarter": t.quarter, "body": t.body}
                     for t in s.scalars(select(Template).where(Template.organization_id == org.id))]
        if not db.read_only:  # a read-only database still exports (nothing recorded)
            audit(s, "export_package", "program", program_id, program_id, file=Path(out).name)
        key = signing.own_key(s)
        sender = org.name
    body = {key: data[key] for key in ("kind", "year", "quarter", "term", "number", "date", "date_year", "place",
                                       "document_type", "document_kind", "title", "opening", "closing", "recipients", "signer",
                                       "footnotes", "status")}
    body.update(nodes=_strip(data["nodes"]), organization=organization, templates=templates)
    package = packages.write_package(body, f"{database_id(db)}:{program_id}", sender, key)
    return _write_atomically(Path(out), package)


def own_fingerprint(db: Database) -> str:
    """The fingerprint of this database's signing key, to read out to the offices receiving its packages."""
    with db.transaction() as s:
        return signing.fingerprint(signing.public_bytes(signing.own_key(s)))


def trusted_offices(db: Database) -> list[dict[str, str]]:
    with db.transaction() as s:
        return [{"origin": origin, **entry} for origin, entry in signing.trusted(s).items()]


def _check_sender(s, manifest: dict[str, Any], name: str, trust: str | None) -> None:
    """Accept a package only from this database itself or a trusted office with the same key."""
    sender, key = packages.sender_of(manifest)
    origin = manifest["origin"].split(":")[0]
    fingerprint = signing.fingerprint(key)
    if key == signing.public_bytes(signing.own_key(s)):
        return
    offices = signing.trusted(s)
    known = offices.get(origin) or next(
        (entry for entry in offices.values() if fold(entry.get("name", "")) == fold(sender)), None)
    if known is not None:
        if known.get("key") == signing.b64(key):
            return
        raise InputError(
            f"Gói “{name}” mang tên “{sender}” nhưng khóa ký đã thay đổi (dấu khóa đã tin cậy "
            f"{known.get('fingerprint')}, gói này {fingerprint}); không nhập. Hãy gọi điện hỏi nơi gửi.")
    if trust != fingerprint:
        raise UntrustedPackageError(
            f"Gói “{name}” do “{sender}” gửi, dấu khóa {fingerprint}, chưa được tin cậy trên máy này. "
            "Hãy đối chiếu dấu khóa với nơi gửi (qua điện thoại) rồi chọn tin cậy.",
            sender=sender, fingerprint=fingerprint, public_key=key)
    signing.trust(s, origin, sender, key)


def import_package(db: Database, path: str | Path, organization_id: int | None = None,
                   trust: str | None = None) -> int:
    """A received package becomes a new draft program here (new ids, its origin kept).

    `trust`: the fingerprint the user has checked, to accept an office seen for the first time."""
    path = Path(path)
    manifest, body = packages.read_package(read_limited(path), path.name)
    with db.transaction() as s:
        _check_sender(s, manifest, path.name, trust)
        org = _organization(s, body["organization"], organization_id)
        signer = body.get("signer") or {}
        program = Program(
            organization=org, kind=body["kind"], year=body.get("year"), quarter=body.get("quarter"),
            term=body.get("term") or "", doc_code="CTr", number="", date_year=body.get("date_year"),
            place=body.get("place") or org.place, document_type=body.get("document_type") or "CHƯƠNG TRÌNH",
            title_lines=[clean(x) for x in body["title"]], status="draft", draft_version=1,
            signer_authority=clean(signer.get("authority", "")), signer_position=clean(signer.get("position", "")),
            signer_name=clean(signer.get("name", "")), recipients=[clean(x) for x in body["recipients"]],
            opening=[clean(x) for x in body["opening"]], closing=[clean(x) for x in body["closing"]],
            footnotes=[f for f in body.get("footnotes", []) if isinstance(f, dict)],
            origin=manifest["origin"], source_name=path.name, document_kind=body.get("document_kind"),
        )
        s.add(program)

        def add(nodes: list[dict[str, Any]], parent: Node | None) -> None:
            for position, item in enumerate(nodes):
                node = Node(parent=parent, position=position, kind=item["kind"], label=clean(item.get("label", "")),
                            heading=clean(item.get("heading", "")), text=clean(item.get("text", "")))
                program.nodes.append(node)
                indicator = item.get("indicator")
                if indicator is not None:
                    node.indicator = Indicator(program=program, target_value=indicator.get("value"),
                                               unit=clean(str(indicator.get("unit") or "")))
                add(item.get("children", []), node)

        add(body["nodes"], None)
        s.flush()
        if program.kind == "quarterly":
            from hgdesk.tracking import mark_tasks

            mark_tasks(s, program)
        existing = {(t.kind, t.program_kind, t.quarter) for t in
                    s.scalars(select(Template).where(Template.organization_id == org.id))}
        for t in body.get("templates", []):
            key = (t.get("kind"), t.get("program_kind"), t.get("quarter"))
            if isinstance(t.get("body"), str) and key not in existing:
                s.add(Template(organization_id=org.id, kind=key[0], program_kind=key[1], quarter=key[2], body=t["body"]))
        audit(s, "import_package", "program", program.id, program.id, file=path.name, origin=program.origin)
        return program.id


def _organization(s, data: dict[str, Any], organization_id: int | None) -> Organization:
    if organization_id is not None:
        org = s.get(Organization, organization_id)
        if org is None:
            raise NotFoundError(f"Không có cơ quan số {organization_id}.")
        return org
    name = clean(str(data.get("name") or "Cơ quan"))
    for org in s.scalars(select(Organization)):
        if fold(org.name) == fold(name):
            return org
    values = {f: data.get(f) for f in ORG_FIELDS if data.get(f) is not None}
    values["recipients"] = [clean(str(x)) for x in values.get("recipients") or [] if isinstance(x, str)]
    org = Organization(**{k: (clean(v) if isinstance(v, str) else v) for k, v in values.items()})
    s.add(org)
    s.flush()
    return org
