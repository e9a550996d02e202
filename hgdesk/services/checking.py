"""Use cases of the format checker (Kiểm tra thể thức): check a stored program or a file,
apply autofixes as one operation (and undo them), issue with a reason when errors remain,
export a report as a short note.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hgdesk.checks.engine import Change, Fix, Report, run
from hgdesk.checks.subject import file_subject, program_subject
from hgdesk.errors import ConflictError, InputError

if TYPE_CHECKING:
    from hgdesk.db import Database

PROGRAM_FIELDS = {"number", "recipients", "signer_position", "title_lines", "opening", "closing"}
NODE_FIELDS = {"label", "heading", "text"}
CHECKABLE = (".docx", ".txt")


def _others(db: Database, program_id: int) -> list[dict[str, Any]]:
    """Number, symbol and date of the organisation's other programs (uniqueness of numbers)."""
    from hgdesk.models import Program
    from hgdesk.services.programs import describe

    with db.transaction() as s:
        program = s.get(Program, program_id)
        if program is None:
            return []
        rows = s.query(Program).filter(Program.organization_id == program.organization_id,
                                       Program.id != program_id, Program.number != "").all()
        return [{"id": p.id, "number": p.number, "symbol": p.symbol, "title": describe(p),
                 "date": p.issue_date.isoformat() if p.issue_date else None} for p in rows]


def check_program(db: Database, program_id: int, profile: str | None = None, *, issuing: bool = False,
                  number: str | None = None, issue_date: date | None = None, today: date | None = None,
                  tone: str | None = None, rules: tuple[str, ...] | None = None) -> Report:
    """Check a stored program as it would be printed. With `issuing`, as it will be issued with
    `number` and `issue_date` (the check run before Ban hành). `tone` is the house style the user
    chose ("uỷ" or "ủy"; None: the profile's); `rules`: only these (ids), else every rule."""
    from hgdesk.checks.rules import load_rules
    from hgdesk.checks.tone import house_style
    from hgdesk.services.programs import program_json

    data = program_json(db, program_id)
    if number is not None:
        data["number"] = number.strip() or None
    if issue_date is not None:
        data["date"], data["date_year"] = issue_date.isoformat(), issue_date.year
    if issuing:
        data["draft"] = False
    chosen = [r for r in load_rules() if r.id in rules] if rules is not None else None
    return run(program_subject(data, profile, issuing=issuing, others=_others(db, program_id), today=today,
                               house_style=house_style(tone) if tone else None), chosen)


def check_data(data: dict[str, Any], profile: str | None = None, today: date | None = None) -> Report:
    """Check program data that is not stored (e.g. a parsed file shown in a preview)."""
    return run(program_subject(data, profile, today=today))


def check_file(path: str | Path, profile: str | None = None, today: date | None = None) -> Report:
    """Check a file made elsewhere: its text, and for a Word file its page and formatting."""
    from hgdesk.importing.parser import parse_source
    from hgdesk.importing.readers import read_file

    path = Path(path)
    if path.suffix.lower() not in CHECKABLE:
        raise InputError(f"Không kiểm tra được tệp “{path.name}”: chỉ nhận tệp Word (.docx) hoặc văn bản (.txt).")
    source = read_file(path)
    data = parse_source(source).to_json()
    if path.suffix.lower() == ".docx":
        from hgdesk.checks.docx_facts import read_facts

        facts = read_facts(path.read_bytes(), path.name)
        subject = file_subject(data, [p.text for p in facts.paragraphs], path.name, source="docx", profile=profile,
                               facts=facts.paragraphs, docx=facts, today=today)
    else:
        subject = file_subject(data, source.lines, path.name, profile=profile, paragraphs=source.paragraphs,
                               today=today)
    return run(subject)


def fixes_of(report: Report, *, include_ask: bool = False) -> list[Fix]:
    """The fixes a report offers: the safe ones, and with `include_ask` those that need a yes."""
    return [f.fix for f in report.findings
            if f.fix is not None and (f.autofix == "safe" or (include_ask and f.autofix == "ask"))]


def _apply_list(current: list[str], old: list[str], new: list[str]) -> list[str]:
    """Apply an element-wise change to a list field that another fix may already have touched."""
    if current == old:
        return list(new)
    if len(current) == len(old) == len(new):
        return [n if o != n and c == o else c for c, o, n in zip(current, old, new, strict=True)]
    raise ConflictError("Nội dung đã thay đổi từ lúc kiểm tra; hãy kiểm tra lại rồi sửa.")


def apply_fixes(db: Database, program_id: int, fixes: list[Fix]) -> list[Change]:
    """Apply the chosen fixes in one transaction; returns the inverse changes (for undo)."""
    from hgdesk import editing
    from hgdesk.models import Node, Program
    from hgdesk.services.programs import _load_program, audit

    changes = [c for fix in fixes for c in fix.changes]
    inverse: list[Change] = []
    with db.transaction() as s:
        program = _load_program(s, program_id)
        editing.ensure_draft(program)
        for c in changes:
            obj: Program | Node | None
            if c.target == "program" and c.field in PROGRAM_FIELDS:
                obj, field = program, c.field
            elif c.target == "node" and c.field in NODE_FIELDS:
                obj, field = s.get(Node, c.id), c.field
                if obj is None or obj.program_id != program_id:
                    raise ConflictError("Mục cần sửa không còn nữa; hãy kiểm tra lại.")
            else:
                raise InputError(f"Không sửa được trường “{c.field}”.")
            current = getattr(obj, field)
            if isinstance(c.new, list):
                value = _apply_list(list(current), list(c.old), list(c.new))
            elif current != c.old:
                raise ConflictError("Nội dung đã thay đổi từ lúc kiểm tra; hãy kiểm tra lại rồi sửa.")
            else:
                value = c.new
            inverse.insert(0, Change(c.target, c.id, c.field, value, current))
            setattr(obj, field, value)
        s.flush()
        audit(s, "autofix", "program", program_id, program_id, fixes=[f.summary for f in fixes])
    return inverse


def undo_fixes(db: Database, program_id: int, inverse: list[Change]) -> list[Change]:
    """Put back what apply_fixes changed; returns the changes to redo."""
    return apply_fixes(db, program_id, [Fix("Hoàn tác sửa tự động", tuple(inverse))])


def issue_questions(db: Database, program_id: int, issue_date: date) -> list[str]:
    """What to ask the user before issuing on `issue_date` (a date outside the program's period).
    A date after the period that the format checker reports (date.period) is not asked here: Ban hành
    asks about it once, as an error that needs a reason (audited)."""
    from hgdesk.numbering import date_questions
    from hgdesk.services.programs import _load_program

    with db.transaction() as s:
        p = _load_program(s, program_id)
        kind, year, quarter = p.kind, p.year, p.quarter
    checked = check_program(db, program_id, issuing=True, issue_date=issue_date, rules=("date.period",))
    return date_questions(kind, year, quarter, issue_date, late=not checked.errors)


def issue_checked(db: Database, program_id: int, number: str, issue_date: date, reason: str = "") -> Report:
    """Ban hành after a check: refused while errors remain unless a reason is given, which is audited."""
    from hgdesk.services.editing import issue_program
    from hgdesk.services.numbers import check_number

    check_number(db, program_id, number, issue_date)  # a duplicate number is refused, whatever the reason
    report = check_program(db, program_id, issuing=True, number=number, issue_date=issue_date)
    if report.errors and not reason.strip():
        lines = "\n".join(f"- {f.message} ({f.clause})" for f in report.errors[:8])
        raise InputError(f"Văn bản còn {len(report.errors)} lỗi thể thức; cần ghi lý do để ban hành:\n{lines}")
    override = {"reason": reason.strip(), "errors": [f.rule_id for f in report.errors],
                "messages": [f.message for f in report.errors]} if report.errors else None  # the log says them
    issue_program(db, program_id, number, issue_date, override=override)
    return report


def export_check_note(report: Report, out: str | Path) -> Path:
    """The report as a short note (PDF or DOCX, by the file's extension)."""
    from hgdesk.checks.note import note_document
    from hgdesk.services.output import _write_atomically

    out = Path(out)
    suffix = out.suffix.lower()
    if suffix == ".pdf":
        from hgdesk.render.pdf import render_pdf_bytes

        return _write_atomically(out, render_pdf_bytes(note_document(report)), "phiếu")
    if suffix == ".docx":
        from hgdesk.render.docx import render_docx_bytes

        return _write_atomically(out, render_docx_bytes(note_document(report)), "phiếu")
    raise InputError(f"Phiếu kiểm tra chỉ xuất được ra .pdf hoặc .docx, không phải “{out.name}”.")
