"""Tổng quan and the results report on a large database (bench/datagen.py): the dashboard over every
organisation's open tasks (target ≤ 100 ms at 100×), drafting a quarter's and a year's report (≤ 200 ms),
and one unit's nhắc việc PDF."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from bench.common import median_ms, report


def _open_last_quarter(db) -> None:
    """The generated year is all closed (every task done, carried or dropped): reopen the last quarter
    of every office as it stands in mid-December (a third overdue, the rest due at the quarter's end,
    the year's indicators recorded for Q3, half of them behind), so the dashboard has work to show."""
    from sqlalchemy import text

    with db.engine.begin() as c:
        last = "SELECT id FROM program WHERE kind = 'quarterly' AND year = 2025 AND quarter = 4"
        c.execute(text(f"UPDATE task SET status = 'in_progress', completed_date = NULL, "
                       f"due_date = CASE WHEN id % 3 = 0 THEN '2025-11-30' ELSE '2025-12-31' END "
                       f"WHERE program_id IN ({last})"))
        c.execute(text("INSERT INTO indicator_result (indicator_id, period, actual_value, note, recorded_at) "
                       "SELECT i.id, '2025-Q3', i.target_value * CASE WHEN i.id % 2 = 0 THEN 0.5 ELSE 0.8 END, '', "
                       "CURRENT_TIMESTAMP FROM indicator i JOIN program p ON p.id = i.program_id "
                       "WHERE p.kind = 'annual' AND p.year = 2025 AND i.target_value IS NOT NULL"))


def main() -> None:
    from sqlalchemy import select

    from bench.datagen import cached
    from hgdesk import services
    from hgdesk.db import Database
    from hgdesk.models import Program

    scale = int(os.environ.get("HGDESK_BENCH_SCALE", "100"))
    folder = Path(tempfile.mkdtemp(prefix="hgdesk-report-"))
    path = folder / "hgdesk.sqlite3"
    shutil.copy2(cached(scale), path)
    db = Database(str(path))
    _open_last_quarter(db)
    with db.transaction() as s:
        quarter = s.scalars(select(Program.id).where(Program.kind == "quarterly").order_by(Program.id.desc())).first()
    report(f"dashboard, every organisation ({scale}× data)",
           median_ms(lambda: services.dashboard(db, as_of=date(2025, 12, 20)), repeat=7), 100)
    report(f"draft the results report of a quarter ({scale}× data)",
           median_ms(lambda: services.draft_results_report(db, quarter), repeat=7), 200)
    with db.transaction() as s:
        last = s.scalars(select(Program.id).where(Program.kind == "quarterly", Program.quarter == 4)
                         .order_by(Program.id.desc())).first()
    if last is not None:
        report(f"draft the annual results report, four quarters aggregated ({scale}× data)",
               median_ms(lambda: services.draft_results_report(db, last, "year"), repeat=7), 200)
    board = services.dashboard(db, as_of=date(2025, 12, 20))
    units = services.reminder_units(board)
    print(f"  (the board: {board.count(board.overdue)} overdue, {board.count(board.due_soon)} due soon, "
          f"{board.count(board.carried)} carried twice or more, {len(board.behind)} indicators behind, "
          f"{len(units)} units)")
    if units:
        out = folder / "nhac-viec.pdf"
        report(f"nhắc việc PDF of the busiest unit ({scale}× data)",
               median_ms(lambda: services.unit_reminder_pdf(db, units[0], out, as_of=date(2025, 12, 20)), repeat=5),
               500)
    db.dispose()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
