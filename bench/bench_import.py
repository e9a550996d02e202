"""Importer: parse seed 000 in-process; import it into a fresh SQLite database."""

from __future__ import annotations

import tempfile
from pathlib import Path

from bench.common import SEEDS, median_ms, report


def main() -> None:
    from hgdesk import services
    from hgdesk.db import Database
    from hgdesk.importing import parse_file

    seed = SEEDS / "seed000.txt"
    report("parse seed 000 (median)", median_ms(lambda: parse_file(seed), repeat=30), 30)
    for n in range(1, 5):
        path = SEEDS / f"seed{n:03d}.txt"
        report(f"parse seed {n:03d} (median)", median_ms(lambda p=path: parse_file(p), repeat=15), 30)
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(str(Path(tmp) / "bench.sqlite3"))
        parsed = parse_file(seed)
        report("import seed 000 into SQLite (median, save only)",
               median_ms(lambda: services.save_parsed(db, parsed, "seed000.txt"), repeat=15), 100)
        report("import seed 000 into SQLite (median, parse + save)",
               median_ms(lambda: services.import_file(db, seed), repeat=15), 100)
        db.dispose()


if __name__ == "__main__":
    main()
