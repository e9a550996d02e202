"""Tổng quan and the results report on a large database (bench/datagen.py): the dashboard over every
organisation's open tasks (target ≤ 100 ms at 100×) and drafting a quarter's report (≤ 200 ms)."""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from pathlib import Path

from bench.common import median_ms, report


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
    with db.transaction() as s:
        quarter = s.scalars(select(Program.id).where(Program.kind == "quarterly").order_by(Program.id.desc())).first()
    report(f"dashboard, every organisation ({scale}× data)",
           median_ms(lambda: services.dashboard(db, as_of=date(2025, 11, 20)), repeat=7), 100)
    report(f"draft the results report of a quarter ({scale}× data)",
           median_ms(lambda: services.draft_results_report(db, quarter), repeat=7), 200)
    db.dispose()
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
