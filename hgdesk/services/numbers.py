"""Use cases around document numbers (the rules themselves are in hgdesk.numbering)."""

from __future__ import annotations

from datetime import date

from hgdesk.db import Database
from hgdesk.services.programs import _load_program


def issue_questions(db: Database, program_id: int, issue_date: date) -> list[str]:
    """What to ask the user before issuing on `issue_date` (a date outside the program's period).
    A date after the period that the format checker reports (date.period) is not asked here: Ban hành
    asks about it once, as an error that needs a reason (audited)."""
    from hgdesk.numbering import date_questions
    from hgdesk.services.checking import check_program

    with db.transaction() as s:
        p = _load_program(s, program_id)
        kind, year, quarter = p.kind, p.year, p.quarter
    checked = check_program(db, program_id, issuing=True, issue_date=issue_date, rules=("date.period",))
    return date_questions(kind, year, quarter, issue_date, late=not checked.errors)


def suggested_number(db: Database, program_id: int, issue_date: date) -> str:
    """The next free number of the program's type in its committee's term ("08")."""
    from hgdesk.formats import profile_for
    from hgdesk.numbering import next_number

    with db.transaction() as s:
        p = _load_program(s, program_id)
        return next_number(s, p, issue_date, profile_for("party", issue_date))


def check_number(db: Database, program_id: int, number: str, issue_date: date) -> str:
    """Refuse, before anything else, a number already used by another document of the same type in
    the same term (naming it) or an implausible date; the padded number when it can be used. No
    reason typed for the format checker can override this: a number is never given twice."""
    from hgdesk.dates import check_plausible
    from hgdesk.formats import profile_for
    from hgdesk.numbering import check_issue

    check_plausible(issue_date)
    with db.transaction() as s:
        return check_issue(s, _load_program(s, program_id), number, issue_date, profile_for("party", issue_date))
