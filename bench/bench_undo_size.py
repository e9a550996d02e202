"""Bytes of undo record (audit_entry.rows, as stored) per common operation, on seed 000 and its
second quarter; and the share of a 100× database the audit trail takes (HGDESK_BENCH_DIR for the
folder of x100.sqlite3). `python3 dev.py bench bench_undo_size`.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import SEEDS


def record_bytes(db) -> int:
    """The stored size of the latest operation's undo record."""
    from sqlalchemy import func, select

    from hgdesk.models import AuditEntry

    with db.transaction() as s:
        op = db.last_changes.op_id
        return s.scalar(select(func.length(func.coalesce(AuditEntry.__table__.c.rows, ""))).where(
            AuditEntry.id == op)) or 0


def main() -> None:
    from hgdesk import services
    from hgdesk.db import Database

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "undo.sqlite3"))
        annual = services.import_file(db, SEEDS / "seed000.txt")
        measured: list[tuple[str, int]] = [("import seed 000 (434 nodes)", record_bytes(db))]
        tree = services.program_json(db, annual)["nodes"]
        def leaves(nodes):
            for n in nodes:
                yield from leaves(n["children"]) if n["children"] else [n]

        paragraph = next(n for n in leaves(tree) if n["kind"] == "paragraph" and n["text"])
        services.edit_node(db, paragraph["id"], text=paragraph["text"] + " Bổ sung.",
                           expected_version=paragraph.get("version"))
        measured.append(("edit one paragraph's text", record_bytes(db)))
        section = next(n for n in tree[1]["children"][:-1] if len(n["children"]) > 3)
        services.move_node_direction(db, section["id"], "down")
        measured.append(("move a section down", record_bytes(db)))
        services.delete_node(db, section["id"])
        measured.append(("delete a section (renumbering its siblings)", record_bytes(db)))
        quarter = services.derive_quarter(db, annual, 2)
        measured.append(("derive quarter II", record_bytes(db)))
        task = services.program_tasks(db, quarter)[0]
        services.update_task(db, task["task_id"], status="done", result_note="Đã triển khai.",
                             expected_version=task["version"])
        measured.append(("mark one task done with a note", record_bytes(db)))
        ids = [t["task_id"] for t in services.program_tasks(db, quarter)[:20]]
        services.update_tasks(db, ids, status="in_progress")
        measured.append(("status of 20 tasks at once", record_bytes(db)))
        services.issue_program(db, quarter, "15", date(2024, 4, 2))
        measured.append(("issue the quarter", record_bytes(db)))
        db.dispose()
    for name, size in measured:
        print(f"{name:<50} {size:9,d} bytes".replace(",", " "))

    folder = Path(os.environ.get("HGDESK_BENCH_DIR") or Path(tempfile.gettempdir()) / "hgdesk-bench")
    big = folder / "x100.sqlite3"
    if big.exists():
        with sqlite3.connect(f"file:{big}?mode=ro", uri=True) as conn:
            audit = conn.execute("SELECT sum(length(rows)) FROM audit_entry").fetchone()[0] or 0
        print(f"undo records in {big.name}: {audit / 1e6:.1f} MB of {big.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
