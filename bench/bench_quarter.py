"""Deriving a quarter as skeleton + picks: derive Q3 from seed 000 with its candidates and
preselection (target ≤ 50 ms in-process), the candidates of a draft (service), and the
candidates panel opening on it (offscreen widget, target ≤ 100 ms)."""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

from bench.common import SEEDS, median_ms, report


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from hgdesk import services
    from hgdesk.db import Database
    from hgdesk.models import Program

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "quarter.sqlite3"))
        annual = services.import_file(db, SEEDS / "seed000.txt")
        for quarter in (1, 2):  # earlier quarters exist, so "already scheduled" is computed for real
            services.derive_quarter(db, annual, quarter)
        times = []
        for _ in range(9):
            start = time.perf_counter()
            program = services.derive_quarter(db, annual, 3)
            times.append((time.perf_counter() - start) * 1000)
            with db.transaction() as s:  # remove it so the next run derives again
                s.delete(s.get(Program, program))
        times.sort()
        report("derive Q3 with candidates from seed 000 (median of 9)", times[len(times) // 2], 50)

        q3 = services.derive_quarter(db, annual, 3)
        report("candidates of the Q3 draft (service, median)", median_ms(lambda: services.quarter_candidates(db, q3)),
               50)

        from PySide6.QtWidgets import QApplication

        from ui.candidates import CandidatesPanel

        app = QApplication.instance() or QApplication([])
        data = services.program_json(db, q3)
        panel = CandidatesPanel(db)
        panel.resize(560, 700)
        panel.show()

        def open_panel() -> None:
            panel.load(data)
            app.processEvents()

        report("candidates panel opens on the Q3 draft (median)", median_ms(open_panel, repeat=11), 100)
        panel.close()
        db.dispose()


if __name__ == "__main__":
    main()
