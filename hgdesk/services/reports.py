"""Soạn báo cáo kết quả: the results report of a quarter, the first six months or the year, drafted
from the tracking data in one operation. Drafting again for the same period replaces the earlier draft
(moved to the "Thùng rác", restorable), but only after asking when that draft was edited since."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hgdesk import drafting, reporting, tracking, versions
from hgdesk.db import Database
from hgdesk.errors import InputError, ReportEditedError
from hgdesk.models import AuditEntry, Indicator, Node, Program, utcnow
from hgdesk.names import describe
from hgdesk.services.programs import _load_program, audit
from hgdesk.services.work import achieved_percent
from hgdesk.vocab import AuditAction, ProgramKind, ProgramStatus, TaskStatus

GENERATED = "generated"  # key of the report's creating audit entry: the hash of the text as drafted


def _fingerprint(program: Program) -> str:
    text = json.dumps(drafting.snapshot(program), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _indicator_lines(session: Session, annual_id: int | None, period: reporting.Period) -> list[reporting.IndicatorLine]:
    """Every indicator of the annual program with the latest result recorded up to the period's end (None
    when none is: the report's table says "chưa có số liệu" rather than leaving the indicator out)."""
    if annual_id is None:
        return []
    upto = f"{period.year}-Q{period.quarter}"
    lines = []
    for indicator, node in session.execute(select(Indicator, Node).join(Node, Indicator.node_id == Node.id)
                                           .where(Indicator.program_id == annual_id, Indicator.deleted_at.is_(None))
                                           .order_by(Node.id)):
        results = [r for r in indicator.results if r.period <= upto and r.actual_value is not None]
        actual = results[-1].actual_value if results else None
        lines.append(reporting.IndicatorLine(node.text, indicator.target_value, actual, indicator.unit,
                                             achieved_percent(indicator.target_value, actual, indicator.direction),
                                             node.id))
    return lines


def _quarterly(session: Session, source: Program, year: int, quarter: int) -> Program | None:
    if source.year == year and source.quarter == quarter:
        return source
    return session.scalars(select(Program).where(
        Program.organization_id == source.organization_id, Program.kind == ProgramKind.QUARTERLY,
        Program.year == year, Program.quarter == quarter, *tracking.in_use(), versions.is_current())
        .order_by(Program.id.desc())).first()


def _edited(session: Session, report: Program) -> bool:
    """Whether the report's text differs from what was drafted (a report drafted before this check
    existed counts as edited)."""
    entry = session.scalars(select(AuditEntry).where(
        AuditEntry.entity == "program", AuditEntry.entity_id == report.id, AuditEntry.action == "create")
        .order_by(AuditEntry.id.desc())).first()
    drafted = (entry.summary or {}).get(GENERATED) if entry is not None else None
    return drafted != _fingerprint(report)


def draft_results_report(db: Database, program_id: int, period: str = "quarter", overwrite: bool = False) -> int:
    """Soạn báo cáo kết quả (quý / 6 tháng / cả năm) from a quarterly program and the other quarters
    of its year; returns the new draft's id. An earlier draft of the same period goes to the trash in
    the same operation; when it was edited since drafted, ReportEditedError unless `overwrite`."""
    with db.transaction() as s:
        source = _load_program(s, program_id)
        if source.kind != ProgramKind.QUARTERLY or not source.year or not source.quarter:
            raise InputError("Chỉ soạn được báo cáo kết quả từ một chương trình công tác quý.")
        chosen = reporting.period_of(period, source.year or 0, source.quarter or 0)
        programs = [p for q in chosen.quarters if (p := _quarterly(s, source, chosen.year, q)) is not None]
        lines = _indicator_lines(s, source.parent_id, chosen)
        year, quarter = tracking.next_quarter(chosen.year, chosen.quarter)
        following = _quarterly(s, source, year, quarter) if (year, quarter) != (source.year, source.quarter) else None
        earlier = s.scalars(select(Program).where(
            Program.organization_id == source.organization_id, Program.kind == ProgramKind.REPORT,
            Program.origin == chosen.origin, Program.status == ProgramStatus.DRAFT, Program.deleted_at.is_(None))
            .order_by(Program.id.desc())).first()
        if earlier is not None and not overwrite and _edited(s, earlier):
            raise ReportEditedError(
                f"Báo cáo “{earlier.name}” đã được sửa sau khi soạn. Soạn lại sẽ thay nó bằng bản mới từ số liệu "
                "theo dõi (bản cũ vào Thùng rác).", earlier.id)
        report = reporting.build(s, programs, chosen, lines, following)
        s.flush()
        audit(s, "create", "program", report.id, report.id, source=program_id, kind="report", period=chosen.key,
              nodes=len(report.nodes), **{GENERATED: _fingerprint(report)})
        if earlier is not None:
            earlier.deleted_at = utcnow()
            audit(s, AuditAction.DELETE, "program", earlier.id, earlier.id, trash=True, replaced_by=report.id)
        return report.id


@dataclass(frozen=True)
class ReportSource:
    """Where a sentence of a results report came from: the quarter's task (or section) it was drafted from."""

    program_id: int
    node_id: int
    task_id: int | None
    program: str  # "Chương trình công tác quý III/2024"
    place: str  # "I.3", as the tracking table's Mục column shows it; "" for a section
    status: str  # the task's status now, in Vietnamese; "" for a section
    indicator: bool = False  # an indicator of the annual program (its results are in Chỉ tiêu)

    def describe(self) -> str:
        return " · ".join(part for part in (self.program, f"mục {self.place}" if self.place else "", self.status)
                          if part)


def report_source(db: Database, node_id: int) -> ReportSource | None:
    """The task or section a paragraph of a results report was drafted from (None for any other paragraph,
    or when that quarter was deleted since): the editor shows it and opens it."""
    from hgdesk.services.work import program_tasks

    with db.transaction() as s:
        node = s.get(Node, node_id)
        source = s.get(Node, node.source_node_id) if node is not None and node.source_node_id else None
        if node is None or node.program.kind != ProgramKind.REPORT or source is None:
            return None
        program = source.program
        if program.deleted_at is not None:
            return None
        found = ReportSource(program.id, source.id, None, describe(program), "", "",
                             indicator=source.indicator is not None)
        has_task = source.task is not None
    if not has_task:
        return found
    row = next((r for r in program_tasks(db, found.program_id) if r["node_id"] == found.node_id), None)
    if row is None:
        return found
    return ReportSource(found.program_id, found.node_id, row["task_id"], found.program, row["place"],
                        TaskStatus.label_of(row["status"]))
