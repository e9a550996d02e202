"""Kill -9 while typing: the real main window in a child process types into a paragraph with a
person's rhythm and is SIGKILLed at a random moment; after restart and journal recovery, the
characters lost are counted. Goal: 0 in the median, at most ~1 s of typing in the worst round."""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.common import ROOT

LETTERS = "abcdeghiklmnopqrstuvxyăâđêôơư"
TINY = (ROOT / "tests" / "data" / "tiny_program.txt")


def _setup(folder: Path) -> tuple[Path, int]:
    from hgdesk import services
    from hgdesk.db import Database

    path = folder / "hgdesk.sqlite3"
    db = Database(str(path))
    program = services.import_bytes(db, TINY.read_bytes(), "tiny.txt")
    node = services.program_json(db, program)["nodes"][1]["children"][0]["children"][0]["id"]
    db.close()
    return path, node


def _recover_and_read(path: Path, node: int) -> str:
    """What a restart gives back: the database, plus what the journal holds that it lacks."""
    from hgdesk import services
    from hgdesk.db import Database

    db = Database(str(path))
    log = services.Journal(services.journal_path(db))
    for entry, _stored in services.recoverable(db, log):
        services.apply_recovered(db, entry)
    log.clear()
    text = services.node_field(db, node, "text")
    db.close()
    return text


def one_round(path: Path, node: int, seed: int, kill_after: float) -> tuple[int, int]:
    """(characters typed, characters lost) for one kill."""
    before = _recover_and_read(path, node)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(path.parent / "config"),
           "XDG_DATA_HOME": str(path.parent / "data"), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "bench.kill_child", str(path), str(node), str(seed), LETTERS],
                             cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    typed = 0
    ready = threading.Event()

    def read() -> None:
        nonlocal typed
        for line in child.stdout:
            if line.strip() == "ready":
                ready.set()
            elif line.strip().isdigit():
                typed = int(line)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    ready.wait(60)
    time.sleep(kill_after)
    child.send_signal(signal.SIGKILL)
    child.wait()
    reader.join(5)
    after = _recover_and_read(path, node)
    expected = "".join(LETTERS[i % len(LETTERS)] for i in range(typed))
    got = after[len(before):] if after.startswith(before) else ""
    kept = len(got) if expected.startswith(got) else 0
    return typed, typed - kept


def run(rounds: int, seed: int = 1, longest: float = 20.0) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="hgdesk-kill-") as tmp:
        path, node = _setup(Path(tmp))
        return [one_round(path, node, rng.randint(0, 10**6), rng.uniform(1.0, longest)) for _ in range(rounds)]


def main(rounds: int = 30) -> None:
    results = run(rounds)
    lost = sorted(x[1] for x in results)
    typed = sum(x[0] for x in results)
    print(f"kill -9 while typing: {rounds} rounds, {typed} characters typed")
    print(f"characters lost per kill: median {statistics.median(lost):g}, p90 {lost[int(0.9 * (len(lost) - 1))]}, "
          f"max {lost[-1]}, mean {statistics.mean(lost):.2f}")
    print("distribution (lost: rounds): " + ", ".join(f"{v}: {lost.count(v)}" for v in sorted(set(lost))))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
