"""Importer on large input: a 5 MB text and a large Word file, each parsed in a fresh process
so the peak memory (max RSS, interpreter included) is the parse's own."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, SEEDS, report

CHILD = r"""
import resource, sys, tempfile, time
from pathlib import Path


def peak_mb():
    # VmHWM is this process's own peak; ru_maxrss keeps the parent's peak across fork+exec on Linux
    try:
        line = next(x for x in open("/proc/self/status") if x.startswith("VmHWM:"))
        return int(line.split()[1]) / 1024
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


from hgdesk.errors import InputError
from hgdesk.importing import parse_file
if sys.argv[2] == "import":  # parse and store in a new SQLite database
    from hgdesk import services
    from hgdesk.db import Database
    db = Database(str(Path(tempfile.mkdtemp()) / "bench.sqlite3"))
start, cpu = time.perf_counter(), time.process_time()
try:
    if sys.argv[2] == "import":
        services.import_file(db, sys.argv[1])
        outcome = "stored"
    else:
        parsed = parse_file(sys.argv[1])
        outcome = f"{sum(1 for _ in parsed.walk())} nodes, {len(parsed.warnings)} warnings"
except InputError as exc:
    outcome = "refused: " + str(exc)[:70]
elapsed, cpu = (time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000
print(f"{elapsed:.1f} {cpu:.1f} {peak_mb():.1f} {outcome}")
"""


def _measure(path: Path, mode: str = "parse") -> tuple[float, float, float, str]:
    """Wall time, CPU time (ms), peak RSS (MB) and the outcome of parsing `path` in a new process."""
    out = subprocess.run([sys.executable, "-c", CHILD, str(path), mode], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout.split(" ", 3)
    return float(out[0]), float(out[1]), float(out[2]), out[3].strip()


def big_text(target_bytes: int) -> str:
    """Seed 000's header and closing around its body repeated: one document, many sections."""
    lines = (SEEDS / "seed000.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i, x in enumerate(lines) if x.startswith("II. "))
    end = next(i for i, x in enumerate(lines) if x.startswith("III. "))
    head, body, tail = lines[:start], lines[start:end], lines[end:]
    out = list(head)
    size = sum(len(x.encode()) + 1 for x in head + tail)
    copy = 0
    while size < target_bytes:
        copy += 1
        block = [x.replace("II. ", f"{'II'}. ", 1) for x in body]
        out.extend(block)
        size += sum(len(x.encode()) + 1 for x in block)
    return "\n".join(out + tail) + "\n"


def main() -> None:
    from tests.docx_builder import DocxBuilder

    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "lon.txt"
        text.write_text(big_text(5 * 1024 * 1024), encoding="utf-8")
        ms, cpu, mb, outcome = _measure(text)
        print(f"  5 MB text: {outcome}")
        report("parse a 5 MB text (one process, wall)", ms, 1000)
        report("parse a 5 MB text (CPU time; wall depends on machine load)", cpu, 1000)
        report("peak memory, 5 MB text (max RSS incl. interpreter)", mb, 200, "MB")
        ms, cpu, mb, _ = _measure(text, "import")
        print("  the same text imported: parsed and stored in a new SQLite database (ORM + search index)")
        report("import a 5 MB text, parse + store (wall; no target set)", ms, float("inf"))
        report("import a 5 MB text, parse + store (CPU time)", cpu, float("inf"))

        for label, size in (("2.5 MB of text", 2_500_000), ("4 MB of text, over the cap", 4 * 1024 * 1024)):
            b = DocxBuilder()
            for line in big_text(size).splitlines():
                b.para(line)
            word = b.save(Path(tmp) / "lon.docx")
            ms, cpu, mb, outcome = _measure(word)
            print(f"  Word file with {label} ({word.stat().st_size // 1024} KB zipped): {outcome}")
            report(f"parse a Word file with {label} (wall)", ms, 1000)
            report(f"parse a Word file with {label} (CPU time)", cpu, 1000)
            report(f"peak memory, Word file with {label}", mb, 200, "MB")


if __name__ == "__main__":
    main()
