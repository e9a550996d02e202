"""The desktop application: cold start to the first paint (whole process, offscreen, target ≤ 1.0 s
median) and the longest event-loop stall while editing seed 000 (target ≤ 100 ms)."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, SEEDS, report


def cold_start(folder: Path, runs: int = 5) -> float:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(folder / "config"),
           "XDG_DATA_HOME": str(folder / "data")}
    database = folder / "start.sqlite3"
    subprocess.run([sys.executable, str(ROOT / "main.py"), "--smoke", "--database", str(database)], env=env,
                   check=True, capture_output=True)  # first run creates the demo database
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "main.py"), "--smoke", "--database", str(database)], env=env,
                       check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def editing_stall(folder: Path) -> tuple[float, int]:
    """Edit seed 000 the way a secretary does while a 1 ms timer records the longest gap."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config2")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from hgdesk import services
    from hgdesk.db import Database
    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    db = Database(str(folder / "edit.sqlite3"))
    program = services.import_file(db, SEEDS / "seed000.txt")
    window = MainWindow(db)
    window.show()
    window.refresh_programs(program)
    import gc

    gc.freeze()  # as ui.app.main does after start-up
    editor = window.editor
    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.elapsed()]

    def tick():
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    timer = QTimer()
    timer.setInterval(1)
    timer.timeout.connect(tick)
    timer.start()

    def pump(ms: int) -> None:
        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            app.processEvents()

    model = editor.tree.model()
    part2 = model.index(1, 0)
    section = model.index(0, 0, part2)
    actions = 0
    for row in range(model.rowCount(section)):
        sub = model.index(row, 0, section)
        editor.tree.setCurrentIndex(sub)
        pump(20)
        editor.heading.setText(editor.heading.text() + " ")
        editor._schedule("heading")
        for ch in " (sửa)":
            editor.heading.setText(editor.heading.text() + ch)
            editor._schedule("heading")
            pump(15)
        editor.commit_pending()  # a save through the services, as after a pause in typing
        pump(30)
        actions += 1
    editor.tree.setCurrentIndex(model.index(0, 0, model.index(0, 0)))
    for direction in ("down", "up", "down", "up"):
        editor.move_current(direction)
        pump(30)
        actions += 1
    timer.stop()
    window.close()
    db.dispose()
    return max(gaps[5:]) if len(gaps) > 5 else 0.0, actions


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        report("cold start to the main window (whole process, median of 5)", cold_start(folder), 1000)
        stall, actions = editing_stall(folder)
        report(f"longest event-loop stall while editing seed 000 ({actions} edits)", stall, 100)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
