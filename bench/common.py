"""Small timing helpers: medians of repeated in-process runs, printed as plain lines."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "tests" / "data" / "seeds"


def median_ms(fn: Callable[[], object], repeat: int = 15, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def report(name: str, value: float, target: float, unit: str = "ms") -> None:
    verdict = "ok" if value <= target else "OVER TARGET"
    shown = f"{value:9.2f}" if unit == "×" else f"{value:9.1f}"
    print(f"{name:<58} {shown} {unit}   (target ≤ {target:g} {unit}) {verdict}")
