"""Saving what the user types: every field written with the version it was read at, the new
version returned, so the GUI never holds a stale one (issue 10: "never lose a keystroke")."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select

from hgdesk import drafting, editing
from hgdesk.db import Database
from hgdesk.errors import ConflictError, NotFoundError
from hgdesk.failures import describe as describe_failure
from hgdesk.journal import Entry, Journal, program_header
from hgdesk.journal import Entry as JournalEntry
from hgdesk.journal import path_for as journal_path
from hgdesk.models import Node, Revision, Template
from hgdesk.services import programs, work
from hgdesk.services.editing import CONFLICT, HEADER_FIELDS, _flush, edit_node, update_program
from hgdesk.services.programs import _load_program, audit
from hgdesk.templates import validate as validate_template
from hgdesk.text import clean, find_spans


def node_field(db: Database, node_id: int, field: str) -> str:
    """The stored heading or text of a node (NotFoundError when it is gone)."""
    with db.transaction() as s:
        node = s.get(Node, node_id)
        if node is None:
            raise NotFoundError(f"Không có mục số {node_id} (có thể đã bị xóa).")
        return getattr(node, "heading" if field == "heading" else "text") or ""


def node_state(db: Database, node_id: int) -> dict[str, Any]:
    """Heading, text and version of a node as stored now (to show both sides of a conflict)."""
    with db.transaction() as s:
        node = s.get(Node, node_id)
        if node is None:
            raise NotFoundError(f"Không có mục số {node_id} (có thể đã bị xóa).")
        return {"heading": node.heading or "", "text": node.text or "", "version": node.version}


def save_header(db: Database, program_id: int, expected_version: int | None, **fields: Any) -> dict[str, Any]:
    """The header form's fields, refused if someone else saved the program since `expected_version`.

    Returns {"version": new version, "before": previous values (for undo)}."""
    with db.transaction() as s:
        program = _load_program(s, program_id)
        if expected_version is not None and program.version != expected_version:
            raise ConflictError(CONFLICT)
    before = update_program(db, program_id, **fields)
    with db.transaction() as s:
        return {"version": _load_program(s, program_id).version, "before": before}


def program_version(db: Database, program_id: int) -> int:
    with db.transaction() as s:
        return _load_program(s, program_id).version


def save_template(db: Database, organization_id: int | None, program_kind: str, kind: str, body: str,
                  quarter: int | None = None, expected_body: str | None = None) -> str:
    """A template, validated (InputError with the fault's position) and refused if its stored body
    is no longer `expected_body` (someone else changed it since it was read). Returns the body saved."""
    validate_template(body, program_kind, kind)
    with db.transaction() as s:
        row = s.scalars(select(Template).where(
            Template.organization_id.is_(None) if organization_id is None else Template.organization_id == organization_id,
            Template.program_kind == program_kind, Template.kind == kind,
            Template.quarter.is_(None) if quarter is None else Template.quarter == quarter)).first()
        if expected_body is not None:
            from hgdesk.templates import template_text

            current = row.body if row is not None else template_text(s, organization_id, program_kind, kind, quarter)
            if current.strip() != expected_body.strip():
                raise ConflictError(CONFLICT)
        if row is None:
            row = Template(organization_id=organization_id, program_kind=program_kind, kind=kind, quarter=quarter)
            s.add(row)
        before = row.body
        row.body = body
        audit(s, "update", "template", None, None, kind=f"{program_kind}.{kind}", quarter=quarter,
              before=before, after=body)
        return body


def save_draft_version_if_changed(db: Database, program_id: int) -> int | None:
    """Keep the text as "Dự thảo lần N" only when it differs from the last kept version; None when
    nothing changed since (pressing the button twice makes one version)."""
    with db.transaction() as s:
        program = _load_program(s, program_id)
        editing.ensure_draft(program)
        last = s.scalars(select(Revision).where(Revision.program_id == program_id)
                         .order_by(Revision.draft_version.desc())).first()
        if last is not None and last.snapshot == drafting.snapshot(program):
            return None
        revision = drafting.save_version(s, program)
        audit(s, "save_version", "program", program.id, program.id, version=revision.draft_version)
        _flush(s)
        return revision.draft_version


def record_restore(db: Database, backup_file: str, safety: str | None) -> None:
    """The audit trail of the restored file says who restored what, and where the replaced data went."""
    with db.transaction() as s:
        audit(s, "restore", "database", None, None, backup=str(backup_file), kept_as=str(safety or ""))


__all__ = [
    "HEADER_FIELDS",
    "Journal",
    "JournalEntry",
    "apply_recovered",
    "clean",
    "describe_failure",
    "find_spans",
    "journal_path",
    "node_field",
    "node_state",
    "program_header",
    "program_version",
    "record_restore",
    "recoverable",
    "save_draft_version_if_changed",
    "save_header",
    "save_template",
    "validate_template",
]


# --- recovery at start: what the crash journal holds that the database lacks ----------------
def _stored(db: Database, entry: Entry) -> Any:
    """What the database holds for the journal key now (None: the thing is gone)."""
    kind, _, rest = entry.key.partition(":")
    try:
        if kind == "node":
            node_id, field = rest.split(":")
            return node_field(db, int(node_id), field)
        if kind == "header":
            program = programs.program_json(db, int(rest))
            return {k: program_header(program)[k] for k in entry.value}
        if kind == "template":
            org, program_kind, text_kind, quarter = rest.split(":")
            for t in programs.templates_for(db, int(org)):
                if (t["program_kind"], t["kind"], str(t["quarter"] or "")) == (program_kind, text_kind, quarter):
                    return t["body"]
    except NotFoundError:
        return None
    return None


def recoverable(db: Database, journal: Journal) -> list[tuple[Entry, Any]]:
    """Pending journal entries the database lacks, each with what the database holds instead."""
    def same(a: Any, b: Any) -> bool:
        if isinstance(a, str) and isinstance(b, str):
            return clean(a) == clean(b)
        if isinstance(a, dict) and isinstance(b, dict):
            return all(same(a[k], b.get(k)) for k in a)
        if isinstance(a, list) and isinstance(b, list):
            return [clean(x) for x in a if clean(x)] == [clean(x) for x in b if clean(x)]
        return a == b

    out = []
    for entry in journal.pending():
        stored = _stored(db, entry)
        if stored is not None and not same(entry.value, stored):
            out.append((entry, stored))
    return out


def apply_recovered(db: Database, entry: Entry) -> None:
    """Write a recovered value into the database (an ordinary audited edit)."""
    kind, _, rest = entry.key.partition(":")
    if kind == "node":
        node_id, field = rest.split(":")
        edit_node(db, int(node_id), **{field: entry.value})
    elif kind == "header":
        fields = dict(entry.value)
        if fields.get("issue_date"):
            fields["issue_date"] = date.fromisoformat(fields["issue_date"])
        update_program(db, int(rest), **fields)
    elif kind == "template":
        org, program_kind, text_kind, quarter = rest.split(":")
        work.set_template(db, int(org), program_kind, text_kind, entry.value, int(quarter) if quarter else None)
