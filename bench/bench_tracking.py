"""Drafting and tracking: derive a quarter from seed 000; the "carried two or more times"
report over ten years of quarterly programs for ten organisations."""

from __future__ import annotations

import random
import tempfile
import time
from pathlib import Path

from bench.common import SEEDS, median_ms, report

TASKS_PER_QUARTER = 60


def build_history(db) -> int:
    """10 organisations × 10 years × 4 quarters × 60 tasks, about one in ten carried on."""
    from sqlalchemy import insert

    from hgdesk.models import Carry, Node, Organization, Program, Task
    from hgdesk.tracking import next_quarter

    rng = random.Random(7)
    with db.transaction() as s:
        conn = s.connection()
        conn.execute(insert(Organization), [{"name": f"Đơn vị {i}", "level": "district", "recipients": []}
                                            for i in range(1, 11)])
        programs, nodes, tasks, carries = [], [], [], []
        program_id = node_id = 0
        for org in range(1, 11):
            open_lineages: list[tuple[int, int]] = []  # (lineage, previous task id)
            for year in range(2015, 2025):
                for quarter in range(1, 5):
                    program_id += 1
                    programs.append({"id": program_id, "organization_id": org, "kind": "quarterly", "year": year,
                                     "quarter": quarter, "title_lines": [], "recipients": [], "opening": [],
                                     "closing": [], "footnotes": [], "warnings": []})
                    carried_in = open_lineages
                    open_lineages = []
                    for i in range(TASKS_PER_QUARTER):
                        node_id += 1
                        nodes.append({"id": node_id, "program_id": program_id, "position": i, "kind": "paragraph",
                                      "text": f"Nhiệm vụ {node_id}"})
                        lineage, previous = carried_in[i] if i < len(carried_in) else (node_id, None)
                        carried = rng.random() < 0.1
                        tasks.append({"id": node_id, "node_id": node_id, "program_id": program_id,
                                      "status": "carried" if carried else "done", "lineage_id": lineage,
                                      "carried_from_id": previous, "lead_unit": f"Ban {rng.randint(1, 8)}"})
                        if carried:
                            to_year, to_quarter = next_quarter(year, quarter)
                            carries.append({"task_id": node_id, "organization_id": org, "from_program_id": program_id,
                                            "to_year": to_year, "to_quarter": to_quarter})
                            open_lineages.append((lineage, node_id))
        conn.execute(insert(Program), programs)
        conn.execute(insert(Node), nodes)
        conn.execute(insert(Task), tasks)
        conn.execute(insert(Carry), carries)
    return len(tasks)


def main() -> None:
    from hgdesk import services
    from hgdesk.db import Database
    from hgdesk.models import Program
    from hgdesk.tracking import carried_report

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "derive.sqlite3"))
        annual = services.import_file(db, SEEDS / "seed000.txt")
        times = []
        for quarter in (1, 2, 3, 4):
            start = time.perf_counter()
            program = services.derive_quarter(db, annual, quarter)
            times.append((time.perf_counter() - start) * 1000)
            with db.transaction() as s:  # remove it so the next run derives again
                s.delete(s.get(Program, program))
        times.sort()
        report("derive a quarter from seed 000 (median of 4)", (times[1] + times[2]) / 2, 50)
        db.dispose()

        db = Database(str(Path(tmp) / "history.sqlite3"))
        start = time.perf_counter()
        count = build_history(db)
        built_ms = (time.perf_counter() - start) * 1000
        print(f"(history built: {count} tasks in {built_ms:.0f} ms)")

        def all_orgs():
            with db.transaction() as s:
                return carried_report(s, None)

        def one_org():
            with db.transaction() as s:
                return carried_report(s, 3)

        groups = all_orgs()
        print(f"(carried two or more times: {sum(len(v) for v in groups.values())} tasks)")
        report("carried ≥ 2 report, 10 orgs × 10 years (median)", median_ms(all_orgs, 9), 100)
        report("carried ≥ 2 report, one organisation (median)", median_ms(one_org, 9), 100)
        db.dispose()


if __name__ == "__main__":
    main()
