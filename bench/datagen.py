"""Databases of realistic size, built through the services as an office builds them.

One office-year ("1×"): the annual program imported and issued, four quarters derived from it,
tracked (a mix of statuses with lead units and notes), closed with their carries, and issued.
10× = one office's decade, 100× = a province office with its committees over ten years,
1000× = stress. `python3 bench/datagen.py 100 /tmp/x100.sqlite3` builds one; benchmarks call `build`.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import SEEDS

PLACES = ["Hậu Giang", "Cần Thơ", "An Giang", "Đồng Tháp", "Vĩnh Long", "Bến Tre", "Trà Vinh", "Sóc Trăng",
          "Bạc Liêu", "Cà Mau", "Kiên Giang", "Long An", "Tiền Giang", "Tây Ninh", "Bình Dương", "Đồng Nai",
          "Lâm Đồng", "Khánh Hòa", "Phú Yên", "Bình Định", "Quảng Ngãi", "Quảng Nam", "Huế", "Quảng Trị",
          "Quảng Bình", "Hà Tĩnh", "Nghệ An", "Thanh Hóa", "Ninh Bình", "Nam Định", "Thái Bình", "Hưng Yên"]
UNITS = ["Ban Tổ chức", "Ban Tuyên giáo và Dân vận", "Ủy ban Kiểm tra", "Văn phòng", "Đảng ủy UBND",
         "Mặt trận Tổ quốc", "Công an", "Quân sự"]
SCALES = {1: (1, 1), 10: (1, 10), 100: (10, 10), 1000: (100, 10)}  # scale -> (organisations, years)


def annual_text(place: str, year: int) -> str:
    text = (SEEDS / "seed000.txt").read_text(encoding="utf-8")
    return text.replace("Hậu Giang", place).replace("năm 2024", f"năm {year}").replace("2024", str(year))


def office_year(db, place: str, year: int, rng: random.Random) -> dict[str, int]:
    """One organisation's year, through the services; returns counts of what was made."""
    from hgdesk import services

    annual = services.import_bytes(db, annual_text(place, year).encode("utf-8"), f"{place}-{year}.txt")
    counts = {"programs": 1, "tasks": 0}
    quarters = []
    for quarter in (1, 2, 3, 4):
        program = services.derive_quarter(db, annual, quarter)
        quarters.append(program)
        counts["programs"] += 1
        tasks = services.program_tasks(db, program)
        counts["tasks"] += len(tasks)
        for row in tasks:
            roll = rng.random()
            status = "done" if roll < 0.55 else "in_progress" if roll < 0.8 else "dropped" if roll < 0.85 else None
            unit = rng.choice(UNITS)
            note = "Đã triển khai theo kế hoạch." if status == "done" else ""
            services.update_task(db, row["task_id"], status=status, lead_unit=unit, result_note=note,
                                 completed=date(year, 3 * quarter, 15) if status == "done" else None)
        services.issue_program(db, program, str(year % 100 * 100 + 10 + quarter), date(year, 3 * quarter - 2, 5))
        services.close_quarter(db, program)
    services.issue_program(db, annual, str(year % 100 * 100 + 1), date(year, 1, 5))  # one number per term
    return counts


def build(scale: int, path: Path, *, seed: int = 2024, progress: bool = False) -> dict[str, float]:
    """A database at `scale` (1, 10, 100 or 1000) at `path` (replaced)."""
    from hgdesk.db import Database
    from hgdesk.text import to_roman

    organisations, years = SCALES[scale]
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = Database(str(path))
    from hgdesk import backup

    real_make, real_snapshot = backup.make, backup.snapshot
    backup.make = lambda *a, **k: None  # backups are not data: generating ten years needs none of them
    backup.snapshot = lambda *a, **k: None
    rng = random.Random(seed)
    totals = {"programs": 0, "tasks": 0}
    start = time.perf_counter()
    for o in range(organisations):
        # a second office of a place is "Hậu Giang II": a digit before "năm 2016" reads as a term's years
        place = PLACES[o % len(PLACES)] + ("" if o < len(PLACES) else f" {to_roman(o // len(PLACES) + 1)}")
        for y in range(years):
            made = office_year(db, place, 2016 + y, rng)
            for key, value in made.items():
                totals[key] += value
        if progress:
            print(f"  {o + 1}/{organisations} cơ quan, {time.perf_counter() - start:.0f} s", flush=True)
    db.dispose()
    backup.make, backup.snapshot = real_make, real_snapshot
    return {**totals, "seconds": time.perf_counter() - start, "megabytes": path.stat().st_size / 1e6}


def cached(scale: int, folder: Path | None = None) -> Path:
    """The database at `scale`, built once and kept in the temp folder between benchmark runs."""
    import tempfile

    # HGDESK_BENCH_DIR: another folder (a database built by another schema, a stress build)
    folder = folder or Path(os.environ.get("HGDESK_BENCH_DIR") or Path(tempfile.gettempdir()) / "hgdesk-bench")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"x{scale}.sqlite3"
    if not path.exists():  # built under another name, then renamed: a reader never sees half a database
        print(f"  (tạo cơ sở dữ liệu {scale}× …)", flush=True)
        partial = folder / f"x{scale}-{os.getpid()}.building.sqlite3"
        build(scale, partial, progress=scale >= 100)
        partial.replace(path)
    return path


if __name__ == "__main__":
    scale, out = int(sys.argv[1]), Path(sys.argv[2])
    print(build(scale, out, progress=True))
