"""Fuzz run: 10 000+ generated inputs through every door into the database: the importer (.txt,
.docx), the Excel tracking workbook import, program packages (raw file; JSON inside a correctly
hashed and signed package, through import_package) and the database open path. Prints the counts
per kind and every unhandled exception (there must be none). Seeds are fixed: runs repeat."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bench.common import SEEDS


@dataclass
class Target:
    name: str
    inputs: Callable[[random.Random], Iterator[bytes]]
    call: Callable[[bytes], object]


def _mixed(seeds: list[bytes], rng: random.Random) -> Iterator[bytes]:
    from hgdesk.fuzzing import mutations, zip_mutations

    streams = [mutations(s, rng) for s in seeds] + [zip_mutations(s, rng) for s in seeds if s[:4] == b"PK\x03\x04"]
    while True:
        yield next(rng.choice(streams))


def targets(folder: Path) -> tuple[list, list[Target]]:
    """(databases to dispose, targets) for each door."""
    import json

    from hgdesk import packages, services, signing
    from hgdesk.db import Database
    from hgdesk.errors import ForeignDatabaseError
    from hgdesk.fuzzing import json_mutations
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

    province = Database(str(folder / "province.sqlite3"))
    annual = services.import_file(province, SEEDS / "seed000.txt")
    quarter = services.derive_quarter(province, annual, 2)
    services.export_tracking_workbook(province, quarter, folder / "q2.xlsx")
    services.export_package(province, quarter, folder / "q2.hgdesk")
    xlsx = (folder / "q2.xlsx").read_bytes()
    package = (folder / "q2.hgdesk").read_bytes()
    manifest, body = packages.read_package(package, "q2.hgdesk")
    with province.transaction() as s:
        key = signing.own_key(s)
    fingerprint = services.own_fingerprint(province)
    district = Database(str(folder / "district.sqlite3"))
    work = folder / "work"
    work.mkdir()

    def through_file(suffix: str, call: Callable[[Path], object],
                     wrap: Callable[[bytes], bytes] = bytes) -> Callable[[bytes], object]:
        def target(data: bytes) -> object:
            path = work / f"fuzz{suffix}"
            path.write_bytes(wrap(data))
            return call(path)
        return target

    def signed(program_json: bytes) -> bytes:
        """A package around exactly these program.json bytes, correctly hashed and signed by the province."""
        return packages.signed_package(program_json, manifest["origin"], "Tỉnh ủy Hậu Giang", key)

    def open_database(path: Path) -> object:
        """The start-up path: open (identify, migrate), health check, read. A refused file stays as it was."""
        for suffix in ("-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        given = path.read_bytes()
        try:
            db = Database(str(path))
        except ForeignDatabaseError:
            if path.read_bytes() != given:
                raise AssertionError("a refused database file was changed") from None
            raise
        try:
            if db.healthy():
                services.list_programs(db)
        finally:
            db.dispose()
        return db

    province.dispose()
    database_file = (folder / "province.sqlite3").read_bytes()
    tracker = Database(str(folder / "province.sqlite3"))  # the office that sent the workbook out gets it back
    body_json = json.dumps(body, ensure_ascii=False).encode("utf-8")
    return [district, tracker], [
        Target("importer (.txt)", lambda rng: _mixed(text_seeds, rng), lambda data: parse_bytes(data, "fuzz.txt")),
        Target("importer (.docx)", lambda rng: _mixed([docx_bytes], rng), lambda data: parse_bytes(data, "fuzz.docx")),
        Target("Excel import", lambda rng: _mixed([xlsx], rng), through_file(
            ".xlsx", lambda p: services.import_tracking_workbook(tracker, quarter, p, apply=True))),
        Target("package file", lambda rng: _mixed([package], rng), through_file(
            ".hgdesk", lambda p: services.import_package(district, p, trust=fingerprint))),
        Target("package JSON (signed)", lambda rng: _json_then_bytes(body, body_json, rng, json_mutations),
               through_file(".hgdesk", lambda p: services.import_package(district, p, trust=fingerprint),
                            wrap=signed)),
        Target("database open", lambda rng: _database_files(database_file, rng), through_file(".sqlite3", open_database)),
    ]


def _json_then_bytes(body, body_json: bytes, rng: random.Random, json_mutations) -> Iterator[bytes]:
    from hgdesk.fuzzing import mutations

    structured, raw = json_mutations(body, rng), mutations(body_json, rng)
    while True:
        yield next(structured) if rng.random() < 0.75 else next(raw)


def _database_files(database: bytes, rng: random.Random) -> Iterator[bytes]:
    """Damaged hgdesk databases (bytes flipped in the header and pages) and other programs' files."""
    import sqlite3

    from hgdesk.fuzzing import mutations

    foreign = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, sql in enumerate(("CREATE TABLE contacts(name TEXT)", "CREATE TABLE program(id INTEGER PRIMARY KEY)",
                                 "CREATE TABLE alembic_version(version_num TEXT); CREATE TABLE program(x)")):
            path = Path(tmp) / f"{n}.db"
            with sqlite3.connect(path) as conn:
                conn.executescript(sql)
            foreign.append(path.read_bytes())
    streams = [mutations(database, rng)] + [mutations(f, rng) for f in foreign]

    def header_flips() -> Iterator[bytes]:
        while True:
            data = bytearray(database)
            for _ in range(rng.randint(1, 4)):
                data[rng.randrange(100)] = rng.randrange(256)
            yield bytes(data)

    streams.append(header_flips())
    while True:
        yield next(rng.choice(streams))


COUNTS = {"importer (.txt)": 3000, "importer (.docx)": 2000, "Excel import": 1500, "package file": 1500,
          "package JSON (signed)": 1500, "database open": 1000}


def main(counts: dict[str, int] = COUNTS) -> int:
    from hgdesk.fuzzing import run, seed_for

    total_inputs = total_bugs = 0
    with tempfile.TemporaryDirectory() as tmp:
        databases, cases = targets(Path(tmp))
        for target in cases:
            rng = random.Random(seed_for(target.name))
            start = time.perf_counter()
            outcome = run(target.call, target.inputs(rng), counts[target.name])
            elapsed = time.perf_counter() - start
            total_inputs += outcome.inputs
            total_bugs += outcome.unhandled
            print(f"{target.name:<24} {outcome.inputs:6d} inputs: {outcome.accepted:5d} accepted, "
                  f"{outcome.refused:5d} refused with a message, {outcome.unhandled} unhandled ({elapsed:.0f} s)")
            for bug in outcome.bugs:
                print(f"    BUG {bug}")
        for db in databases:
            db.dispose()
    print(f"total: {total_inputs} inputs, {total_bugs} unhandled exceptions")
    return 1 if total_bugs else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    sys.exit(main())
