"""Use cases of the user's own committee: first-run set-up (and `org add`), whether it is
still needed, and the sample data the wizard offers to look at."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import func, select

from hgdesk import office, schemas
from hgdesk.db import Database
from hgdesk.errors import InputError
from hgdesk.models import Organization
from hgdesk.services.programs import audit
from hgdesk.vocab import AuditAction, AuditEntity


def office_kinds() -> dict[str, str]:
    """kind -> its Vietnamese label, in the wizard's order."""
    return {key: value["label"] for key, value in office.kinds().items()}


def office_units(kind: str) -> list[str]:
    return list(office.kinds().get(kind, {}).get("units", []))


def preview_office(**answers: Any) -> dict[str, Any]:
    """What the answers give (header lines, symbol, place, signer), without saving anything."""
    return office.organization_fields(_answers(answers))


def _answers(answers: dict[str, Any]) -> office.OfficeAnswers:
    known = {f.name for f in fields(office.OfficeAnswers)}
    unknown = set(answers) - known
    if unknown:
        raise InputError(f"Không có mục “{', '.join(sorted(unknown))}” trong thông tin cơ quan.")
    return office.OfficeAnswers(**answers)


def setup_office(db: Database, **answers: Any) -> int:
    """Create the user's own committee from the wizard's answers; returns its id."""
    values = office.organization_fields(_answers(answers))
    schemas.checked(schemas.OrganizationIn, values, "Thông tin cơ quan không hợp lệ")  # lengths of the columns
    with db.transaction() as s:
        org = Organization(**values)
        s.add(org)
        s.flush()
        audit(s, AuditAction.CREATE, AuditEntity.ORGANIZATION, org.id, None, name=org.name, setup=True)
        return org.id


def needs_office_setup(db: Database) -> bool:
    """True until the user has an organisation of their own (the sample data does not count)."""
    with db.transaction() as s:
        return not s.scalar(select(func.count()).select_from(Organization).where(Organization.is_demo.is_(False)))


def load_demo(db: Database) -> list[int]:
    """The sample data ("Dữ liệu mẫu"), unless it is there already."""
    from hgdesk.services import demo

    with db.transaction() as s:
        if s.scalar(select(func.count()).select_from(Organization).where(Organization.is_demo.is_(True))):
            return []
    return demo.load_demo(db)
