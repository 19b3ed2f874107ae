"""``einhorn suggest tiers``, ``budget``, ``bubble``, ``review`` on 30,000 contacts, 300,000
interactions.

Uses bench_due's database (made once in benchmarks/.data) and sets a goal on a copy of it;
times each command as a whole process against the floor of its imports.

Target (issue 4): each ≤ 3 s whole process.
Run: ``.venv/bin/python benchmarks/bench_strategy.py``
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from bench_due import TODAY, make_database
from common import DATA, EINHORN, machine, report, time_process

RUNS = 5


def main() -> None:
    source = make_database(30_000, 300_000, None).removeprefix("sqlite:///")
    path = DATA / "strategy-30000-300000.sqlite3"
    shutil.copyfile(source, path)
    url = f"sqlite:///{path}"
    env = {**os.environ, "EINHORN_TODAY": TODAY.isoformat()}
    goal = ["goal", "set", "--kind", "career", "--meetings", "3"]
    for company in ("Siemens", "Deutsche Bahn", "Bosch", "SAP"):
        goal += ["--company", company]
    subprocess.run(
        [EINHORN, "--db", url, *goal, "--json"], check=True, env=env, stdout=subprocess.DEVNULL
    )
    floor = time_process([sys.executable, "-c", "import typer, sqlalchemy"], runs=RUNS)
    suggest = time_process([EINHORN, "--db", url, "suggest", "tiers", "--json"], runs=RUNS, env=env)
    budget = time_process([EINHORN, "--db", url, "budget", "--json"], runs=RUNS, env=env)
    spread = time_process([EINHORN, "--db", url, "bubble", "--json"], runs=RUNS, env=env)
    review = time_process([EINHORN, "--db", url, "review", "--json"], runs=RUNS, env=env)
    print(
        f"machine: {machine()}; median of {RUNS} runs; "
        "database: 30,000 contacts, 300,000 interactions"
    )
    report(
        "einhorn strategy",
        [
            ("einhorn suggest tiers --json, whole process", suggest, floor, "≤ 3000 ms"),
            ("einhorn budget --json, whole process", budget, floor, "≤ 3000 ms"),
            ("einhorn bubble --json, whole process", spread, floor, "≤ 3000 ms"),
            ("einhorn review --json, whole process", review, floor, "≤ 3000 ms"),
            ("python -c 'import typer, sqlalchemy' (floor)", floor, None, ""),
        ],
    )


if __name__ == "__main__":
    main()
