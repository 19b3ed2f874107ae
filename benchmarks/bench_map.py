"""``einhorn map`` on a 300-contact network with 1,500 recorded ties (plus the inferred ones).

The network is ``network_data.network_database(300, 1500)``: ``einhorn demo --contacts 300``
and ties inserted with one executemany (made once in benchmarks/.data). Times the map as
SVG, PNG and HTML (by tier, and by cluster as SVG) as whole processes against the floor of
the bare imports the command needs (Typer, SQLAlchemy, networkx).

Target (issue 6): each ≤ 5 s whole process.
Run: ``.venv/bin/python benchmarks/bench_map.py``
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from common import EINHORN, machine, report, time_process
from network_data import TODAY, network_database

RUNS = 5
CONTACTS, TIES = 300, 1500


def main() -> None:
    url = network_database(CONTACTS, TIES)
    env = {**os.environ, "EINHORN_TODAY": TODAY.isoformat()}
    floor = time_process(
        [sys.executable, "-c", "import typer, sqlalchemy, networkx"], runs=RUNS, env=env
    )
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name, extra in (
            ("network.svg", []),
            ("network.png", []),
            ("network.html", []),
            ("clusters.svg", ["--color", "cluster"]),
        ):
            out = Path(folder) / name
            argv = [EINHORN, "--db", url, "map", "--out", str(out), *extra]
            median = time_process(argv, runs=RUNS, env=env)
            size = out.stat().st_size
            what = f"einhorn map --out {name} {' '.join(extra)}".strip()
            rows.append((f"{what} ({size // 1024} KB)", median, floor, "≤ 5000 ms"))
    rows.append(("python -c 'import typer, sqlalchemy, networkx' (floor)", floor, None, ""))
    print(
        f"machine: {machine()}; median of {RUNS} runs; "
        f"network: {CONTACTS} contacts, {TIES:,} recorded ties and the inferred ones"
    )
    report("einhorn map", rows)


if __name__ == "__main__":
    main()
