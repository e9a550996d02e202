"""Use cases of the secretary's quarterly work: derive, track, close the quarter, report."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from hgdesk import drafting, tracking, versions
from hgdesk.db import Database
from hgdesk.errors import InputError, NotFoundError
from hgdesk.models import Anniversary, Organization, Program, Revision, Task, TaskEvent, Template
from hgdesk.services.programs import _load_program, audit, current_user
from hgdesk.vocab import AuditAction, ProgramKind


def derive_quarter(db: Database, annual_id: int, quarter: int, carry_ids: set[int] | None = None,
                   as_new_version: bool = False) -> int:
    """One action: the quarter's draft from the annual program; returns the new program id.

    `carry_ids`: which waiting carried tasks to take over (all by default); `as_new_version`:
    derive beside an existing draft of the quarter as its next "Dự thảo lần"."""
    with db.transaction() as s:
        annual = _load_program(s, annual_id)
        program = drafting.derive_quarter(s, annual, quarter, carry_ids, as_new_version)
        s.flush()
        audit(s, "derive", "program", program.id, program.id, source=annual_id, quarter=quarter,
              nodes=len(program.nodes), draft_version=program.draft_version)
        return program.id


def derive_for_organisation(db: Database, parent_id: int, organization_id: int) -> int:
    with db.transaction() as s:
        parent = _load_program(s, parent_id)
        org = s.get(Organization, organization_id)
        if org is None:
            raise NotFoundError(f"Không có cơ quan số {organization_id}.")
        program = drafting.derive_for_organisation(s, parent, org)
        audit(s, "derive", "program", program.id, program.id, source=parent_id, organization=org.name)
        return program.id


def _task(s, task_id: int) -> Task:
    task = s.get(Task, task_id)
    if task is None:
        raise NotFoundError(f"Không có nhiệm vụ số {task_id}.")
    return task


def update_task(db: Database, task_id: int, *, status: str | None = None, lead_unit: str | None = None,
                cooperating_units: str | None = None, result_note: str | None = None,
                completed: date | None = None, expected_version: int | None = None) -> dict[str, Any]:
    """Change what is tracked of a task; every status change goes into its history.

    `expected_version` is the version the caller read: a task changed since is refused."""
    from hgdesk.errors import ConflictError

    with db.transaction() as s:
        task = _task(s, task_id)
        if expected_version is not None and task.version != expected_version:
            raise ConflictError("Nội dung này vừa được người khác sửa. Hãy tải lại rồi thử lại.")
        fields = ("status", "lead_unit", "cooperating_units", "result_note")
        before = {k: getattr(task, k) for k in fields}
        if status is not None:
            tracking.set_status(s, task, tracking.parse_status(status), current_user(), when=completed)
        if lead_unit is not None:
            task.lead_unit = lead_unit.strip()
        if cooperating_units is not None:
            task.cooperating_units = cooperating_units.strip()
        if result_note is not None:
            task.result_note = result_note.strip()
        after = {k: getattr(task, k) for k in fields}
        changed = [k for k in fields if before[k] != after[k]]
        if changed:
            audit(s, AuditAction.UPDATE, "task", task.id, task.program_id, before={k: before[k] for k in changed},
                  after={k: after[k] for k in changed})
        s.flush()
        return {**after, "version": task.version}


TRACKED_FIELDS = ("status", "lead_unit", "result_note", "completed_date", "due_date", "deadline_text",
                  "evidence_ref", "evidence_name")


def _state(task: Task) -> dict[str, Any]:
    return {"task_id": task.id, "version": task.version, **{f: getattr(task, f) for f in TRACKED_FIELDS}}


def update_tasks(db: Database, task_ids: list[int], *, status: str | None = None, lead_unit: str | None = None,
                 result_note: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """The same change on many tasks, as one operation (all of them or none; `undo` takes it back
    in one step). Returns the tasks' states before and after."""
    if not task_ids:
        raise InputError("Hãy chọn ít nhất một nhiệm vụ.")
    with db.transaction() as s:
        tasks = [_task(s, i) for i in dict.fromkeys(task_ids)]
        before = [_state(t) for t in tasks]
        code = tracking.parse_status(status) if status is not None else None
        for task in tasks:
            if code is not None:
                tracking.set_status(s, task, code, current_user())
            if lead_unit is not None:
                task.lead_unit = lead_unit.strip()
            if result_note is not None:
                task.result_note = result_note.strip()
        s.flush()
        after = [_state(t) for t in tasks]
        audit(s, "update", "task", None, tasks[0].program_id, bulk=[t.id for t in tasks],
              status=code or "", lead_unit=lead_unit, result_note=result_note)
        return {"before": before, "after": after}


def close_quarter_proposal(db: Database, program_id: int) -> list[dict[str, Any]]:
    with db.transaction() as s:
        return [asdict(p) for p in tracking.unfinished(s, _load_program(s, program_id))]


def close_quarter_plan(db: Database, program_id: int, today: date | None = None) -> dict[str, Any]:
    """What Kết thúc quý will do, for the dialog: the unfinished tasks (each proposed for carrying),
    the quarter and the next one by name, and what makes closing now unusual (warnings)."""
    from hgdesk.dates import period_label

    with db.transaction() as s:
        program = _load_program(s, program_id)
        if program.kind != "quarterly" or not program.quarter or not program.year:
            raise InputError("Chỉ kết thúc quý được với chương trình công tác quý.")
        to_year, to_quarter = tracking.next_quarter(program.year, program.quarter)
        proposal = [asdict(p) for p in tracking.unfinished(s, program)]
        plan = {"proposal": proposal, "quarter": period_label(program.year, program.quarter),
                "next": period_label(to_year, to_quarter),
                "warnings": tracking.closing_warnings(program, today or date.today())}
    places = {row["task_id"]: row["place"] for row in program_tasks(db, program_id)}
    for task in proposal:  # "II.3", as the tracking table's Mục says, not "3." twice (I.3 and II.3)
        task["label"] = places.get(task["task_id"], task["label"])
    return plan


def close_quarter(db: Database, program_id: int, carry_ids: set[int] | None = None, reason: str = "") -> list[int]:
    """Kết thúc quý, one operation: the chosen unfinished tasks carried, the others "không thực
    hiện" with `reason` (one reason for them all) as their result note."""
    reason = " ".join(reason.split())
    with db.transaction() as s:
        program = _load_program(s, program_id)
        open_ids = [p.task_id for p in tracking.unfinished(s, program)]
        carried = tracking.close_quarter(s, program, current_user(), carry_ids, reason)
        dropped = [i for i in open_ids if i not in set(carried)]
        audit(s, "close_quarter", "program", program.id, program.id, carried=carried, dropped=dropped,
              **({"reason": reason} if dropped and reason else {}))
        for task_id in open_ids:  # each decision, so the audit log answers "who dropped this task?"
            audit(s, "update", "task", task_id, program.id,
                  decision="carried" if task_id in set(carried) else "dropped", by="close_quarter")
        return carried


def task_chain(db: Database, task_id: int) -> list[dict[str, Any]]:
    with db.transaction() as s:
        return [asdict(link) for link in tracking.chain(s, _task(s, task_id))]


@dataclass(frozen=True)
class StatusEvent:
    at: datetime
    user: str
    from_status: str
    to_status: str
    note: str


def task_history(db: Database, task_id: int) -> list[StatusEvent]:
    """Every status change of a task, oldest first."""
    with db.transaction() as s:
        _task(s, task_id)
        rows = s.scalars(select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.id))
        return [StatusEvent(e.at, e.user, e.from_status, e.to_status, e.note) for e in rows]


def report_carried(db: Database, program_id: int | None = None, minimum: int = 2) -> dict[str, list[dict]]:
    with db.transaction() as s:
        org_id = _load_program(s, program_id).organization_id if program_id else None
        return tracking.carried_report(s, org_id, minimum)


def annual_program_of(db: Database, program_id: int) -> int | None:
    """The annual program a program descends from (itself if annual; a quarter's parent; a report's
    quarter's parent), or None: the coverage report needs one."""
    with db.transaction() as s:
        program: Program | None = s.get(Program, program_id)  # kinds and parents only: not the nodes
        if program is None:
            raise NotFoundError(f"Không có chương trình số {program_id}.")
        seen: set[int] = set()
        while program is not None and program.id not in seen:
            if program.kind == ProgramKind.ANNUAL:
                return program.id
            seen.add(program.id)
            program = s.get(Program, program.parent_id) if program.parent_id else None
        return None


def report_coverage(db: Database, annual_id: int) -> list[dict[str, Any]]:
    with db.transaction() as s:
        annual = _load_program(s, annual_id)
        if annual.kind != "annual":
            raise InputError("Báo cáo độ phủ cần một chương trình công tác năm.")
        return [{"node_id": n.id, "label": n.label, "text": n.heading or n.text} for n in tracking.coverage(s, annual)]


def report_status(db: Database, program_id: int, as_of: date | None = None) -> list[dict[str, Any]]:
    with db.transaction() as s:
        program = _load_program(s, program_id)
        if not program.year:
            raise InputError("Chương trình không có năm; không lập được báo cáo theo quý.")
        return tracking.status_report(s, program.organization_id, program.year, as_of)


def save_draft_version(db: Database, program_id: int) -> int:
    """Keep the current text as a draft version ("Dự thảo lần N"); returns N."""
    with db.transaction() as s:
        program = _load_program(s, program_id)
        revision = drafting.save_version(s, program)
        audit(s, "save_version", "program", program.id, program.id, version=revision.draft_version)
        return revision.draft_version


def diff_versions(db: Database, program_id: int, old: int, new: int | None = None) -> list[dict[str, Any]]:
    """Differences from version `old` to version `new` (or to the current text)."""
    with db.transaction() as s:
        program = _load_program(s, program_id)
        revisions = {r.draft_version: r.snapshot for r in s.scalars(
            select(Revision).where(Revision.program_id == program_id))}
        if old not in revisions or (new is not None and new not in revisions):
            raise NotFoundError(f"Chương trình {program_id} không có phiên bản dự thảo đó.")
        target = revisions[new] if new is not None else drafting.snapshot(program)
        return [{**asdict(c), "removed_words": list(c.removed_words), "added_words": list(c.added_words)}
                for c in drafting.diff(revisions[old], target)]


def set_template(db: Database, organization_id: int | None, program_kind: str, kind: str, body: str,
                 quarter: int | None = None) -> None:
    with db.transaction() as s:
        row = s.scalars(select(Template).where(
            Template.organization_id.is_(None) if organization_id is None else Template.organization_id == organization_id,
            Template.program_kind == program_kind, Template.kind == kind,
            Template.quarter.is_(None) if quarter is None else Template.quarter == quarter)).first()
        if row is None:
            row = Template(organization_id=organization_id, program_kind=program_kind, kind=kind, quarter=quarter)
            s.add(row)
        row.body = body
        audit(s, "update", "template", None, None, kind=f"{program_kind}.{kind}", quarter=quarter)


def add_anniversary(db: Database, organization_id: int | None, day: int, month: int, year: int, title: str) -> int:
    """A local commemoration (e.g. the founding of the province, 01/01/2004)."""
    try:
        date(year, month, day)
    except ValueError:
        raise InputError(f"Ngày {day}/{month}/{year} không hợp lệ.") from None
    if not title.strip():
        raise InputError("Cần nhập tên ngày kỷ niệm.")
    with db.transaction() as s:
        row = Anniversary(organization_id=organization_id, day=day, month=month, year=year, title=title.strip())
        s.add(row)
        s.flush()
        audit(s, "create", "anniversary", row.id, None, title=row.title)
        return row.id


def program_ids_of(db: Database, organization_id: int, year: int) -> dict[int, int]:
    """Quarter -> program id of an organisation's quarterly programs of a year."""
    with db.transaction() as s:
        rows = s.scalars(select(Program).where(Program.organization_id == organization_id, Program.year == year,
                                               Program.kind == "quarterly", versions.is_current()))
        return {p.quarter: p.id for p in rows if p.quarter}


def program_tasks(db: Database, program_id: int) -> list[dict[str, Any]]:
    """The tracking table of a program: one row per task, in the program's order. One column query
    of the nodes with their tasks (no ORM objects): 5,000 tasks load in tens of milliseconds."""
    from collections import defaultdict

    from hgdesk.models import Node, NodeSearch

    with db.transaction() as s:
        program = s.get(Program, program_id)
        if program is None:
            raise NotFoundError(f"Không có chương trình số {program_id}.")
        carries = tracking.carry_counts(s, program.organization_id)
        rows_of = s.execute(
            select(Node.id, Node.parent_id, Node.kind, Node.label, Node.heading, Node.text, Task.id, Task.status,
                   Task.lead_unit, Task.cooperating_units, Task.result_note, Task.due_date, Task.completed_date,
                   Task.lineage_id, Task.carried_from_id, Task.version, NodeSearch.folded, Task.deadline_text,
                   Task.evidence_ref, Task.evidence_name)
            .outerjoin(Task, (Task.node_id == Node.id) & Task.deleted_at.is_(None))
            .outerjoin(NodeSearch, NodeSearch.node_id == Node.id)
            .where(Node.program_id == program_id, Node.deleted_at.is_(None))
            .order_by(Node.position, Node.id)).all()
        children: dict[int | None, list[Any]] = defaultdict(list)
        for node in rows_of:
            children[node[1]].append(node)
        rows: list[dict[str, Any]] = []

        def walk(parent_id: int | None, section: str, where: str) -> None:
            for (node_id, _parent, kind, label, heading, text, task_id, status, lead_unit, cooperating, note, due,
                 completed, lineage, carried_from, version, folded, deadline, reference,
                 evidence_name) in children[parent_id]:
                here, within = section, where
                if kind in ("part", "section"):
                    here = f"{label} {heading}".strip()
                    within = _place_within(where, label)
                if task_id is not None:
                    rows.append({
                        "task_id": task_id, "node_id": node_id, "section": section, "label": label,
                        "place": _place_of_task(where, label),
                        "text": heading or text, "status": status, "lead_unit": lead_unit,
                        "cooperating_units": cooperating, "result_note": note,
                        "due_date": due, "completed_date": completed, "deadline_text": deadline,
                        "evidence_ref": reference, "evidence_name": evidence_name,
                        "carried_count": carries.get(lineage or 0, 0), "carried_from": carried_from,
                        "version": version, "quarter": program.quarter, "year": program.year,
                        "program_id": program.id, "folded": folded,  # the search index's folded text
                    })
                walk(node_id, here, within)

        walk(None, "", "")
        return rows


def _place_of_task(where: str, label: str) -> str:
    """"II.1.3" for an item numbered "3." in II.1, "II.1 (2)" for "(2)", "II.1" for a bullet."""
    label = label.strip()
    if label.endswith(".") and label[:-1].replace(".", "").isalnum():
        return _place_within(where, label)
    return f"{where} {label}".strip() if label not in ("", "-", "+", "•") else where


def _place_within(where: str, label: str) -> str:
    """Where a task sits, as the tracking table's "Mục" shows it: part II, section 1 → "II.1";
    a section numbered "1.2." under "1." keeps its own full number ("II.1.2", not "II.1.1.2")."""
    own = label.strip().rstrip(".")
    if not own or own == "-":
        return where
    steps = where.split(".") if where else []
    roman = steps[:1] if steps and set(steps[0]) <= set("IVXLC") else []
    numbered = ".".join(steps[len(roman):])
    if numbered and own.startswith(numbered + "."):
        return ".".join([*roman, own])
    return ".".join([*steps, own])


def achieved_percent(target: float | None, actual: float | None, direction: str) -> float | None:
    """% achieved: actual/target for "at least" indicators, target/actual for "at most" ones."""
    if target is None or actual is None:
        return None
    if direction == "at_most":
        return 100.0 if actual == 0 else round(100.0 * target / actual, 1)
    return None if target == 0 else round(100.0 * actual / target, 1)


def program_indicators(db: Database, program_id: int) -> list[dict[str, Any]]:
    """The indicators a program tracks: its own, or for a quarterly program derived from an annual
    one, those of the annual program."""
    from sqlalchemy.orm import selectinload

    from hgdesk.models import Indicator, Node

    with db.transaction() as s:
        program = s.get(Program, program_id)  # its kind and parent: not its nodes
        if program is None:
            raise NotFoundError(f"Không có chương trình số {program_id}.")
        if program.kind == "quarterly" and program.parent_id:
            program_id = program.parent_id
        rows = s.execute(select(Indicator, Node).join(Node, Indicator.node_id == Node.id)
                         .where(Indicator.program_id == program_id, Indicator.deleted_at.is_(None))
                         .options(selectinload(Indicator.results))  # one query, not one per indicator
                         .order_by(Node.id)).all()
        out = []
        for indicator, node in rows:
            latest = indicator.results[-1] if indicator.results else None
            actual = latest.actual_value if latest else None
            out.append({
                "indicator_id": indicator.id, "node_id": node.id, "label": node.label, "text": node.text,
                "target": indicator.target_value, "unit": indicator.unit, "direction": indicator.direction,
                "period": latest.period if latest else None, "actual": actual,
                "percent": achieved_percent(indicator.target_value, actual, indicator.direction),
                "history": [{"period": r.period, "actual": r.actual_value, "note": r.note} for r in indicator.results],
            })
        return out


def record_indicator(db: Database, indicator_id: int, period: str, actual: float | None, note: str = "") -> None:
    """The actual value of an indicator for a period ("2024-Q2"); recording again replaces it."""
    import re

    from hgdesk.models import Indicator, IndicatorResult

    if not re.fullmatch(r"\d{4}-Q[1-4]", period):
        raise InputError(f"Kỳ “{period}” không hợp lệ; dạng đúng là 2024-Q2.")
    with db.transaction() as s:
        indicator = s.get(Indicator, indicator_id)
        if indicator is None:
            raise NotFoundError(f"Không có chỉ tiêu số {indicator_id}.")
        row = next((r for r in indicator.results if r.period == period), None)
        if row is None:
            row = IndicatorResult(indicator=indicator, period=period)
            s.add(row)
        row.actual_value, row.note = actual, note.strip()
        indicator.results.sort(key=lambda r: r.period)
        audit(s, "record", "indicator", indicator.id, indicator.program_id, period=period, actual=actual)


def carried_into(db: Database, annual_id: int, quarter: int) -> list[dict[str, Any]]:
    """The tasks waiting to be carried into a quarter: what the derive wizard shows for review."""
    with db.transaction() as s:
        annual = _load_program(s, annual_id)
        out = []
        for carry in tracking.pending_carries(s, annual.organization_id, annual.year or 0, quarter):
            task = _task(s, carry.task_id)
            out.append({"task_id": task.id, "text": task.node.heading or task.node.text, "lead_unit": task.lead_unit,
                        "from_program_id": carry.from_program_id})
        return out


def draft_versions(db: Database, program_id: int) -> list[int]:
    with db.transaction() as s:
        return sorted(s.scalars(select(Revision.draft_version).where(Revision.program_id == program_id)))


def tracking_workbook(db: Database, program_id: int) -> bytes:
    """The Excel tracking workbook of a program, for the units to fill in (reads only: may run in the
    background; `save_export` writes it where the user chose)."""
    from hgdesk import sheets
    from hgdesk.services.programs import program_json

    program = program_json(db, program_id)
    return sheets.export_workbook(program, program_tasks(db, program_id), program_indicators(db, program_id))


def save_export(out, data: bytes) -> Any:
    """Write an exported file whole or not at all (never half a file over an earlier one)."""
    from pathlib import Path

    from hgdesk.services.output import _write_atomically

    return _write_atomically(Path(out), data)


def export_tracking_workbook(db: Database, program_id: int, out) -> Any:
    """The Excel tracking workbook of a program, written to `out`."""
    return save_export(out, tracking_workbook(db, program_id))


def import_tracking_workbook(db: Database, program_id: int, path, apply: bool = False) -> dict[str, Any]:
    """Read a returned workbook: with `apply=False` only report what would change (dry run);
    with `apply=True` apply the changes in one transaction, refusing if any row has an error."""
    from pathlib import Path

    from hgdesk import sheets
    from hgdesk.importing.readers import read_limited

    name = Path(path).name
    data = read_limited(path)
    current = {row["task_id"]: row for row in program_tasks(db, program_id)}
    result = sheets.read_workbook(data, name, program_id, current)
    report = {"rows": result.rows, "changes": [asdict(c) for c in result.changes], "conflicts": result.conflicts,
              "errors": result.errors, "applied": False}
    if not apply:
        return report
    if result.errors:
        raise InputError(f"Sổ “{name}” có {len(result.errors)} lỗi; chưa cập nhật gì. Lỗi đầu tiên: {result.errors[0]}")
    with db.transaction() as s:
        user = current_user()
        audit(s, AuditAction.IMPORT_XLSX, "program", program_id, program_id, source=name,
              changes=len(result.changes), conflicts=len(result.conflicts))
        for change in result.changes:  # and one entry per changed value, with its real before and after
            task = _task(s, change.task_id)
            old = getattr(task, change.field)
            if change.field == "status":
                tracking.set_status(s, task, change.new, user, note=f"Nhập từ sổ Excel “{name}”")
            else:
                setattr(task, change.field, change.new)
            audit(s, AuditAction.UPDATE, "task", task.id, program_id, source=name, before={change.field: old},
                  after={change.field: getattr(task, change.field)})
    report["applied"] = True
    return report


def read_own_workbook(path, sheet: str | None = None) -> dict[str, Any]:
    """First step of importing tasks from the user's own workbook: its sheets, headers, rows and
    a guess of the column mapping."""
    from pathlib import Path

    from hgdesk import sheets
    from hgdesk.importing.readers import read_limited

    own = sheets.read_own_workbook(read_limited(path), Path(path).name, sheet)
    return {"sheets": own.sheets, "sheet": own.sheet, "headers": own.headers, "rows": own.rows, "guess": own.guess}


def import_own_tasks(db: Database, program_id: int, path, parent_node_id: int, mapping: dict[str, int | None],
                     sheet: str | None = None) -> int:
    """Second step: the mapped rows become tasks under a section of the program (one transaction)."""
    from pathlib import Path

    from hgdesk import editing, sheets
    from hgdesk.importing.readers import read_limited

    own = sheets.read_own_workbook(read_limited(path), Path(path).name, sheet)
    rows, errors = sheets.mapped_tasks(own, mapping)
    if errors:
        raise InputError(f"Chưa nhập gì: {len(errors)} lỗi. {errors[0]}")
    with db.transaction() as s:
        program = _load_program(s, program_id)
        if program.kind != "quarterly":
            raise InputError("Chỉ nhập nhiệm vụ vào chương trình quý.")
        user = current_user()
        for row in rows:
            node = editing.add_node(s, program, parent_node_id, None, "paragraph", text=row["text"])
            task = Task(node_id=node.id, program_id=program.id, lead_unit=row["lead_unit"],
                        cooperating_units=row["cooperating_units"], result_note=row["result_note"],
                        due_date=tracking.quarter_end(program.year, program.quarter)
                        if program.year and program.quarter else None)
            s.add(task)
            s.flush()
            task.lineage_id = task.id
            if row["status"] != "not_started":
                tracking.set_status(s, task, row["status"], user, note=f"Nhập từ “{Path(path).name}”")
        audit(s, "import_tasks", "program", program.id, program.id, source=Path(path).name, tasks=len(rows))
        return len(rows)
