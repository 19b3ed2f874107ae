"""``einhorn demo --contacts 30000``: whole process, against writing the same number of rows.

The baseline inserts as many plain rows (contacts, then interactions with one participant
each) with sqlite3's executemany into bare tables of the same width: the floor of the job's
I/O, without names, history or indexes. Target (issue 2): under 30 s.
Run: ``.venv/bin/python benchmarks/bench_demo.py [--contacts 30000] [--runs 3]``
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import EINHORN, machine, report


def run_demo(contacts: int, folder: Path, run: int) -> tuple[float, int]:
    url = f"sqlite:///{folder / f'demo-{run}.sqlite3'}"
    start = time.perf_counter()
    out = subprocess.run(
        [EINHORN, "--db", url, "demo", "--contacts", str(contacts), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return time.perf_counter() - start, json.loads(out)["interactions"]


def baseline(contacts: int, interactions: int, folder: Path, run: int) -> float:
    start = time.perf_counter()
    db = sqlite3.connect(folder / f"base-{run}.sqlite3")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute(
        "CREATE TABLE c (id INTEGER PRIMARY KEY, name TEXT, company TEXT, city TEXT, "
        "tier TEXT, created_on TEXT)"
    )
    db.execute(
        "CREATE TABLE i (id INTEGER PRIMARY KEY, contact_id INTEGER, occurred_on TEXT, kind TEXT)"
    )
    db.executemany(
        "INSERT INTO c VALUES (?, ?, ?, ?, ?, ?)",
        (
            (n, f"Person {n}", "Firma GmbH", "Köln", "penguin", "2025-01-01")
            for n in range(1, contacts + 1)
        ),
    )
    db.executemany(
        "INSERT INTO i VALUES (?, ?, ?, ?)",
        ((n, n % contacts + 1, "2026-01-01", "lunch") for n in range(1, interactions + 1)),
    )
    db.commit()
    db.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    demo_times, base_times, written = [], [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            seconds, written = run_demo(args.contacts, Path(tmp), run)
            demo_times.append(seconds)
            base_times.append(baseline(args.contacts, written, Path(tmp), run))
    demo, base = statistics.median(demo_times), statistics.median(base_times)
    print(f"machine: {machine()}; median of {args.runs} runs")
    print(f"demo: {args.contacts:,} contacts, {written:,} interactions")
    report(
        "einhorn demo",
        [
            (f"einhorn demo --contacts {args.contacts}, whole process", demo, base, "< 30000 ms"),
            ("same row count, plain sqlite3 executemany (baseline)", base, None, ""),
        ],
    )


if __name__ == "__main__":
    main()
