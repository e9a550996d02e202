"""Use cases around document numbers (the rules themselves are in hgdesk.numbering)."""

from __future__ import annotations

from datetime import date

from hgdesk.db import Database
from hgdesk.services.programs import _load_program


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
