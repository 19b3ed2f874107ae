"""Helpers shared by the benchmarks: timing whole processes and in-process calls."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EINHORN = str(Path(sys.executable).with_name("einhorn"))
DATA = ROOT / "benchmarks" / ".data"


def machine() -> str:
    return (
        f"{platform.node()} · {platform.machine()} · {os.cpu_count()} cores · "
        f"Python {platform.python_version()}"
    )


def time_process(argv: Sequence[str], *, runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of a whole process (start-up included), in seconds."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def run_timed(argv: Sequence[str], *, env: dict[str, str] | None = None) -> tuple[float, str]:
    """Wall time of one whole process (start-up included), in seconds, and what it printed."""
    start = time.perf_counter()
    out = subprocess.run(argv, check=True, capture_output=True, text=True, env=env).stdout
    return time.perf_counter() - start, out


def time_call(call: Callable[[], object], *, runs: int) -> float:
    """Median wall time of an in-process call, in seconds (one warm-up call first)."""
    call()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def report(title: str, rows: Sequence[tuple[str, float, float | None, str]]) -> None:
    """rows: (what, median seconds, baseline seconds or None, target)."""
    print(f"\n{title}\n{'-' * len(title)}")
    for what, median, baseline, target in rows:
        ratio = f"{median / baseline:6.2f}× baseline" if baseline else " " * 15
        print(f"{what:<52} {median * 1000:9.1f} ms  {ratio}  target {target}")
