"""Operations at 1×, 10× and 100× data (bench/datagen.py), with the growth from 10× to 100×.

Each scale's database is built once through the services and cached in the temp folder; every
writing operation runs on a fresh copy. Printed: the median of repeated runs per operation, and
for search the memory above the idle process. `python3 dev.py bench bench_scale` (add
HGDESK_BENCH_SCALES=1,10,100,1000 to choose).
"""

from __future__ import annotations

import itertools
import os
import resource
import shutil
import statistics
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path

from bench.common import SEEDS, median_ms

TEXT = ("paragraph", "item", "bullet")
TARGETS = {"merge two paragraphs": 20, "move a section": 20, "search, no hit": 50, "search, common words": 50, "search, word prefixes": 50,
           "delete a 14-node section": 20, "undo that delete": 20, "issue a program": 300, "list programs": 50}


def _old_scan_search(db, query: str) -> int:
    """The search this index replaced: fold every node in Python on each query (the reference)."""
    from sqlalchemy import select

    from hgdesk.inline import plain
    from hgdesk.models import Node
    from hgdesk.text import fold

    words = fold(query).split()
    found = 0
    with db.transaction() as s:
        for heading, text in s.execute(select(Node.heading, Node.text)):
            folded = fold(plain(f"{heading} {text}"))
            found += all(w in folded for w in words)
    return found


def _section_of(db, program_id: int, size: int = 14) -> int:
    """A section of a draft whose subtree has about `size` nodes."""
    from hgdesk import services

    best, best_gap = None, 10**9

    def count(node) -> int:
        return 1 + sum(count(c) for c in node["children"])

    def walk(nodes):
        nonlocal best, best_gap
        for n in nodes:
            gap = abs(count(n) - size)
            if n["children"] and gap < best_gap:
                best, best_gap = n["id"], gap
            walk(n["children"])

    walk(services.program_json(db, program_id)["nodes"])
    assert best is not None
    return best


def _paragraph_pair(db, program_id: int) -> int:
    """A paragraph followed by another paragraph (what "Gộp với đoạn sau" joins)."""
    from hgdesk import services

    def walk(nodes):
        for first, second in itertools.pairwise(nodes):
            if first["kind"] in TEXT and second["kind"] in TEXT and not first["children"]:
                return first["id"]
        for n in nodes:
            if (found := walk(n["children"])) is not None:
                return found
        return None

    found = walk(services.program_json(db, program_id)["nodes"])
    assert found is not None
    return found


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def measure(scale: int) -> dict[str, float]:
    from bench.datagen import cached
    from hgdesk import services
    from hgdesk.db import Database
    from hgdesk.errors import InputError

    source = cached(scale)
    folder = Path(tempfile.mkdtemp(prefix=f"hgdesk-x{scale}-"))
    path = folder / "hgdesk.sqlite3"
    shutil.copy2(source, path)
    db = Database(str(path))
    out: dict[str, float] = {}
    rss_idle = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    out["search, no hit"] = median_ms(lambda: services.search(db, "khongcotunaytrongvanban"), repeat=9)
    out["search, common words"] = median_ms(lambda: services.search(db, "tinh uy"), repeat=9)
    out["search, word prefixes"] = median_ms(lambda: services.search(db, "dan v kh"), repeat=9)
    out["search memory above idle (MB)"] = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_idle) / 1024
    if scale <= 10:
        out["reference: folding scan, no hit"] = median_ms(lambda: _old_scan_search(db, "khongcotunay"), repeat=3)
    out["list programs"] = median_ms(lambda: services.list_programs(db), repeat=9)
    draft = services.import_file(db, SEEDS / "seed000.txt")
    deletes, undos = [], []
    for _ in range(7):
        node = _section_of(db, draft)
        start = time.perf_counter()
        services.delete_node(db, node)
        deletes.append((time.perf_counter() - start) * 1000)
        undos.append(_timed(partial(services.undo, db, services.last_changes(db).op_id)))
        draft = services.import_file(db, SEEDS / "seed000.txt")
    out["delete a 14-node section"] = statistics.median(deletes)
    out["undo that delete"] = statistics.median(undos)
    merges, moves = [], []
    for _ in range(7):
        pair = _paragraph_pair(db, draft)  # found before the clock starts: the merge alone is timed
        merges.append(_timed(partial(services.merge_with_next, db, pair)))
        section = _section_of(db, draft)
        try:
            moves.append(_timed(partial(services.move_node_direction, db, section, "down")))
        except InputError:  # the last of its siblings
            moves.append(_timed(partial(services.move_node_direction, db, section, "up")))
    out["merge two paragraphs"] = statistics.median(merges)
    out["move a section"] = statistics.median(moves)
    from hgdesk import backup

    issues, copies = [], []
    for i in range(5):
        start = time.perf_counter()
        services.issue_program(db, draft, str(990 + i), date(2024, 1, 5))  # one number per document
        issues.append((time.perf_counter() - start) * 1000)
        backup.wait(path)  # the pre-issue copy, written in the background after the commit
        copies.append((time.perf_counter() - start) * 1000)
        draft = services.import_file(db, SEEDS / "seed000.txt")
    out["issue a program"] = statistics.median(issues)
    out["  its pre-issue backup, done in the background"] = statistics.median(copies)
    db.dispose()
    backups = sum(p.stat().st_size for p in (folder / "backups").iterdir())
    out["backups folder ÷ database (after these issues)"] = backups / path.stat().st_size
    out["database MB"] = path.stat().st_size / 1e6
    shutil.rmtree(folder, ignore_errors=True)
    return out


def main() -> None:
    scales = [int(s) for s in os.environ.get("HGDESK_BENCH_SCALES", "1,10,100").split(",")]
    results = {scale: measure(scale) for scale in scales}
    names = list(dict.fromkeys(name for r in results.values() for name in r))
    print(f"{'operation':<50}" + "".join(f"{str(s) + '×':>11}" for s in scales) + "   growth 10×→100×   target")
    for name in names:
        row = "".join(f"{results[s].get(name, float('nan')):11.2f}" for s in scales)
        growth = ""
        if 10 in results and 100 in results and name in results[10] and results[10][name]:
            growth = f"{results[100].get(name, float('nan')) / results[10][name]:8.2f}×"
        target = f"≤ {TARGETS[name]} ms" if name in TARGETS else ""
        print(f"{name:<50}{row}   {growth:>12}      {target}")


if __name__ == "__main__":
    main()
