"""The tracking tab ("Theo dõi nhiệm vụ") at 5,000 tasks, driven offscreen through the real widget:
open (fill and first paint), sort by a column, one keystroke in the filter box. Targets: open
≤ 300 ms, sort ≤ 50 ms, filter keystroke ≤ 10 ms (the table filters when typing pauses: that block is
reported too, and filtering on every keystroke for comparison). `python3 dev.py bench bench_tracking_table`.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import SEEDS, report

TASKS = 5000
UNITS = ["Ban Tổ chức", "Ban Tuyên giáo và Dân vận", "Ủy ban Kiểm tra", "Văn phòng", "Đảng ủy UBND",
         "Mặt trận Tổ quốc", "Công an", "Quân sự"]
STATUSES = ["not_started", "in_progress", "done", "dropped", "carried"]


def build(db, tasks: int = TASKS, seed: int = 5) -> int:
    """One quarterly program of `tasks` tasks in sections of 100 (Core inserts: only the tab is measured);
    the task texts are the paragraphs of seed 000, with a number so that no two are equal."""
    from sqlalchemy import insert

    from hgdesk.models import Node, NodeSearch, Organization, Program, Task
    from hgdesk.search import node_folded

    rng = random.Random(seed)
    lines = [line.strip() for line in (SEEDS / "seed000.txt").read_text(encoding="utf-8").splitlines()
             if len(line.strip()) > 40]
    with db.transaction() as s:
        conn = s.connection()
        conn.execute(insert(Organization), [{"id": 1, "name": "Tỉnh ủy Hậu Giang", "level": "province",
                                             "recipients": []}])
        conn.execute(insert(Program), [{"id": 1, "organization_id": 1, "kind": "quarterly", "year": 2024,
                                        "quarter": 2, "title_lines": [], "recipients": [], "opening": [],
                                        "closing": [], "footnotes": [], "warnings": []}])
        nodes, rows = [], []
        node_id = 0
        for section in range(tasks // 100):
            node_id += 1
            parent = node_id
            nodes.append({"id": parent, "program_id": 1, "parent_id": None, "position": section, "kind": "section",
                          "label": f"{section + 1}.", "heading": f"Nhóm nhiệm vụ {section + 1}", "text": ""})
            for i in range(100):
                node_id += 1
                nodes.append({"id": node_id, "program_id": 1, "parent_id": parent, "position": i,
                              "kind": "paragraph", "label": "-", "heading": "", "text": f"{rng.choice(lines)} ({node_id})"})
                status = rng.choice(STATUSES)
                rows.append({"id": node_id, "node_id": node_id, "program_id": 1, "status": status,
                             "lead_unit": rng.choice(UNITS),
                             "result_note": "Đã triển khai theo kế hoạch." if status == "done" else ""})
        conn.execute(insert(Node), nodes)
        conn.execute(insert(Task), rows)
        # the search index, as the services keep it on every write
        conn.execute(insert(NodeSearch), [{"node_id": n["id"], "program_id": 1,
                                           "folded": node_folded(n["heading"], n["text"])} for n in nodes])
    return 1


def measure(db, program_id: int) -> dict[str, float]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from hgdesk import services
    from ui.tracking import TrackingTab

    app = QApplication.instance() or QApplication([])
    program = next(p for p in services.list_programs(db) if p.id == program_id)
    info = {"id": program.id, "organization_id": program.organization_id, "year": program.year}
    opens, sorts, keys, filters, settles, every = [], [], [], [], [], []
    for _ in range(5):
        tab = TrackingTab(db)
        tab.resize(1200, 800)
        tab.show()
        app.processEvents()
        start = time.perf_counter()
        tab.load(info)
        app.processEvents()  # the first paint of the filled table
        opens.append((time.perf_counter() - start) * 1000)
        assert tab.model.rowCount() == TASKS, tab.model.rowCount()
        for column, order in ((2, Qt.SortOrder.AscendingOrder), (4, Qt.SortOrder.DescendingOrder),
                              (3, Qt.SortOrder.AscendingOrder), (0, Qt.SortOrder.AscendingOrder)):
            start = time.perf_counter()
            tab.table.sortByColumn(column, order)
            app.processEvents()
            sorts.append((time.perf_counter() - start) * 1000)
        tab.search.clear()
        app.processEvents()
        for ch in "trien khai":  # typed at a person's pace: the table filters when typing pauses
            start = time.perf_counter()
            tab.search.setText(tab.search.text() + ch)
            app.processEvents()
            keys.append((time.perf_counter() - start) * 1000)
        time.sleep(tab.PAUSE_MS / 1000 + 0.01)
        busy, until = 0.0, time.perf_counter() + 0.08
        while tab.filtering or time.perf_counter() < until:  # the pause's filter: the rows decided, the
            start = time.perf_counter()  # table laid out and repainted (the time spent handling events)
            app.processEvents()
            busy += time.perf_counter() - start
            time.sleep(0.001)
        settles.append(busy * 1000)
        shown = tab.proxy.rowCount()
        assert 0 < shown < TASKS, shown
        for _ in range(3):  # erasing, as a person corrects a typo
            start = time.perf_counter()
            tab.search.setText(tab.search.text()[:-1])
            app.processEvents()
            keys.append((time.perf_counter() - start) * 1000)
        tab.search.clear()
        app.processEvents()
        for ch in "trien khai":  # as before: the rows decided and repainted on every keystroke
            start = time.perf_counter()
            tab.search.setText(tab.search.text() + ch)
            tab._filter()
            filters.append((time.perf_counter() - start) * 1000)  # the rows decided, before the repaint
            app.processEvents()
            every.append((time.perf_counter() - start) * 1000)
        tab.close()
        tab.deleteLater()
        app.processEvents()
    return {"open": statistics.median(opens), "sort": statistics.median(sorts),
            "filter keystroke": statistics.median(keys), "filter keystroke, slowest": max(keys),
            "filter after the pause": statistics.median(settles),
            "filter on every keystroke": statistics.median(every),
            "filter on every keystroke without the repaint": statistics.median(filters)}


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from hgdesk.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "tracking.sqlite3"))
        program = build(db)
        result = measure(db, program)
        from bench.common import median_ms
        from hgdesk import services

        excel = median_ms(lambda: services.export_tracking_workbook(db, program, Path(tmp) / "so.xlsx"), 3, 1)
        db.dispose()
    report(f"tracking tab, {TASKS} tasks: open and first paint (median of 5)", result["open"], 300)
    report(f"tracking tab, {TASKS} tasks: sort by a column (median of 20)", result["sort"], 50)
    report(f"tracking tab, {TASKS} tasks: filter keystroke (median of 65)", result["filter keystroke"], 10)
    report(f"tracking tab, {TASKS} tasks: filter keystroke, slowest", result["filter keystroke, slowest"], 10)
    report(f"tracking tab, {TASKS} tasks: the filter when typing pauses (rows + repaint)",
           result["filter after the pause"], 50)
    report(f"tracking tab, {TASKS} tasks: filtering on every keystroke (rows + repaint, for comparison)",
           result["filter on every keystroke"], 10)
    report(f"tracking tab, {TASKS} tasks: filtering on every keystroke without the repaint",
           result["filter on every keystroke without the repaint"], 10)
    report(f"Excel tracking workbook of the {TASKS} tasks (median of 3)", excel, 1000)


if __name__ == "__main__":
    main()
