"""Start-up against a bare PySide6 window, side by side in one run (whole processes, offscreen,
medians of 5): the demo database and a 100× database (bench/datagen.py: 10 organisations × 10 years),
warm (a clean last exit, today's backup made) and the first start of the day (no backup yet).
Target: the program list shown ≤ 3× the bare window's start.

The app's figure is the whole `main.py --smoke` process: start, open the database, build the window
with the program list and the open program, show it, quit — the daily backup, which now runs off the
GUI thread after the window shows, is included in the process time (joined at exit), so the
first-of-day figure is an upper bound of what the user waits for."""

from __future__ import annotations

import compileall
import os
import resource as rusage
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, report

BARE = ("import sys\nfrom PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QApplication, QMainWindow\n"
        "app = QApplication(sys.argv[:1])\nw = QMainWindow()\nw.resize(1360, 860)\nw.show()\n"
        "QTimer.singleShot(0, app.quit)\nsys.exit(app.exec())\n")
RUNS = 5


def _env(folder: Path) -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder / "config"),
            "XDG_DATA_HOME": str(folder / "data")}


def _timed(args: list[str], env: dict[str, str], before=None) -> tuple[float, float]:
    """Medians of wall-clock and CPU time (user + system) of whole processes, in ms. The CPU time
    keeps the ratio honest on a machine other work is loading (this one is shared)."""
    walls, cpus = [], []
    for _ in range(RUNS):
        if before is not None:
            before()
        used = rusage.getrusage(rusage.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(args, env=env, check=True, capture_output=True)
        walls.append(time.perf_counter() - start)
        after = rusage.getrusage(rusage.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def measure(folder: Path, database: Path, label: str, bare: tuple[float, float]) -> None:
    env = _env(folder)
    app = [sys.executable, str(ROOT / "main.py"), "--smoke", "--database", str(database)]
    subprocess.run(app, env=env, check=True, capture_output=True)  # creates/migrates, today's backup made
    warm = _timed(app, env)
    def forget_today() -> None:
        for made in database.parent.glob("backups*/*daily*"):
            made.unlink()

    first = _timed(app, env, forget_today)
    for name, (wall, cpu) in (("warm", warm), ("first of the day", first)):
        report(f"{label}: {name}, wall", wall, 3 * bare[0])
        report(f"{label}: {name} / bare window, wall", wall / bare[0], 3, "×")
        report(f"{label}: {name} / bare window, CPU", cpu / bare[1], 3, "×")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        compileall.compile_dir(ROOT / "hgdesk", quiet=1)  # as an installed copy has (pip and PyInstaller compile)
        compileall.compile_dir(ROOT / "ui", quiet=1)
        bare = _timed([sys.executable, "-c", BARE], _env(folder))
        print(f"{'bare PySide6 window (median of ' + str(RUNS) + '), wall / CPU':<58} {bare[0]:9.1f} / {bare[1]:.1f} ms")
        demo = folder / "demo" / "hgdesk.sqlite3"
        demo.parent.mkdir()
        measure(folder, demo, "demo database (3 programs)", bare)
        large = folder / "large" / "hgdesk.sqlite3"
        large.parent.mkdir()
        import shutil

        from bench import datagen

        start = time.perf_counter()
        shutil.copy2(datagen.cached(100), large)  # built through the services once, kept between runs
        print(f"(100× database ready in {time.perf_counter() - start:.0f} s, {large.stat().st_size / 1e6:.1f} MB)")
        measure(folder, large, "100× database (10 organisations × 10 years)", bare)
        again = _timed([sys.executable, "-c", BARE], _env(folder))
        print(f"{'bare PySide6 window again (drift check), wall / CPU':<58} {again[0]:9.1f} / {again[1]:.1f} ms")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
