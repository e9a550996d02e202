"""Fuzz run: at least 10 000 generated inputs through the importer, the Excel workbook reader
and the package reader; prints the counts and every unhandled exception (there must be none)."""

from __future__ import annotations

import random
import sys
import tempfile
from pathlib import Path

from bench.common import SEEDS


def targets(folder: Path):
    """(name, seed inputs, target) for each reader."""
    from hgdesk import packages, services, sheets
    from hgdesk.db import Database
    from hgdesk.importing import parse_bytes
    from tests.docx_builder import DocxBuilder

    text_seeds = [(SEEDS / f"seed{n:03d}.txt").read_bytes() for n in range(5)]
    builder = DocxBuilder()
    builder.header_table(["TỈNH ỦY HẬU GIANG", "*", "Số 12-CTr/TU"], ["ĐẢNG CỘNG SẢN VIỆT NAM", "Hậu Giang, ngày 05 tháng 01 năm 2024"])
    builder.para("CHƯƠNG TRÌNH")
    builder.para("Công tác quý I năm 2024")
    builder.para("Các nhiệm vụ trọng tâm", builder.outline, 0)
    builder.para("Nhiệm vụ thứ nhất.", builder.items, footnote="Chú thích.")
    docx_bytes = builder.save(folder / "seed.docx").read_bytes()

    db = Database(str(folder / "fuzz.sqlite3"))
    annual = services.import_file(db, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(db, annual, 2)
    services.export_tracking_workbook(db, quarter, folder / "q2.xlsx")
    services.export_package(db, quarter, folder / "q2.hgdesk")
    current = {row["task_id"]: row for row in services.program_tasks(db, quarter)}
    xlsx = (folder / "q2.xlsx").read_bytes()
    package = (folder / "q2.hgdesk").read_bytes()
    return db, [
        ("importer (.txt)", text_seeds, lambda data: parse_bytes(data, "fuzz.txt")),
        ("importer (.docx)", [docx_bytes], lambda data: parse_bytes(data, "fuzz.docx")),
        ("Excel tracking workbook", [xlsx], lambda data: sheets.read_workbook(data, "fuzz.xlsx", quarter, current)),
        ("program package", [package], lambda data: packages.read_package(data, "fuzz.hgdesk")),
    ]


def main(counts: tuple[int, ...] = (3000, 2500, 2500, 2500)) -> int:
    from hgdesk.fuzzing import mutations, run, zip_mutations

    total_inputs = total_bugs = 0
    with tempfile.TemporaryDirectory() as tmp:
        db, cases = targets(Path(tmp))
        for (name, seeds, target), count in zip(cases, counts, strict=True):
            rng = random.Random(hash(name) & 0xFFFF)

            def inputs(seeds=seeds, rng=rng):
                streams = [mutations(s, rng) for s in seeds]
                streams += [zip_mutations(s, rng) for s in seeds if s[:4] == b"PK\x03\x04"]
                while True:
                    yield next(rng.choice(streams))

            outcome = run(target, inputs(), count)
            total_inputs += outcome.inputs
            total_bugs += len(outcome.bugs)
            print(f"{name:<26} {outcome.inputs:6d} inputs: {outcome.accepted:5d} read, {outcome.refused:5d} refused "
                  f"with a message, {sum(outcome.kinds.values())} unhandled")
            for bug in outcome.bugs:
                print(f"    BUG {bug}")
        db.dispose()
    print(f"total: {total_inputs} inputs, {total_bugs} unhandled exceptions")
    return 1 if total_bugs else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
