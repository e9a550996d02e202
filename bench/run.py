"""Run every benchmark and print the figures: `python3 dev.py bench [name …]`."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BENCHMARKS = ["bench_import", "bench_import_large", "bench_render", "bench_check", "bench_tracking", "bench_quarter", "bench_sheets",
              "bench_gui", "bench_start", "bench_scale", "bench_kill", "bench_report", "fuzz"]


def main(names: list[str]) -> int:
    for name in names or BENCHMARKS:
        print(f"== {name}")
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
