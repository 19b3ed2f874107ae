"""``einhorn due --json`` on 30,000 contacts and about 300,000 interactions.

Makes the database once (``einhorn demo``; kept in benchmarks/.data for re-runs), then times:
the whole process against the floor of its imports, and the due query itself (the
repository call) against the same query in plain sqlite3 on the same file.

Targets (issue 2): whole process under 1 s, the due query under 50 ms.
Run: ``.venv/bin/python benchmarks/bench_due.py [--contacts 30000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import subprocess
import sys
import time

from common import DATA, EINHORN, machine, report, time_call, time_process
from einhorn.bootstrap import open_app
from einhorn.config import load_settings

TODAY = dt.date(2026, 11, 27)
RUNS = 9


def make_database(contacts: int) -> str:
    path = DATA / f"due-{contacts}.sqlite3"
    url = f"sqlite:///{path}"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        subprocess.run(
            [EINHORN, "--db", url, "demo", "--contacts", str(contacts), "--seed", "7", "--json"],
            check=True,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "EINHORN_TODAY": TODAY.isoformat()},
        )
        print(f"made {path.name} in {time.perf_counter() - start:.1f} s")
    return url


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=30_000)
    args = parser.parse_args()
    url = make_database(args.contacts)
    env = {**os.environ, "EINHORN_TODAY": TODAY.isoformat()}

    app = open_app(load_settings(database_url=url))
    with app.uow(TODAY) as uow:
        counts = (uow.contacts.count(), uow.interactions.count())

        def repository_due() -> object:
            return uow.contacts.due(today=TODAY, horizon_days=7, limit=20)

        query = time_call(repository_due, runs=50)
    app.close()

    raw = sqlite3.connect(url.removeprefix("sqlite:///"))
    horizon = (TODAY + dt.timedelta(days=7)).isoformat()

    def plain_due() -> object:
        return raw.execute(
            "SELECT id, display_name, tier, company, city, last_interaction_on, next_due_on "
            "FROM contacts WHERE account_id = 1 AND next_due_on IS NOT NULL "
            "AND next_due_on <= ? ORDER BY next_due_on, CASE tier WHEN 'unicorn' THEN 0 "
            "WHEN 'flamingo' THEN 1 ELSE 2 END, name_key, id LIMIT 20",
            (horizon,),
        ).fetchall()

    plain = time_call(plain_due, runs=50)
    floor = time_process([sys.executable, "-c", "import typer, sqlalchemy"], runs=RUNS)
    process = time_process([EINHORN, "--db", url, "due", "--json"], runs=RUNS, env=env)
    print(f"machine: {machine()}")
    print(f"database: {counts[0]:,} contacts, {counts[1]:,} interactions (SQLite)")
    report(
        "einhorn due",
        [
            ("due query via the repository (median of 50)", query, plain, "< 50 ms"),
            ("same query, plain sqlite3 (baseline)", plain, None, ""),
            (f"einhorn due --json, whole process (median of {RUNS})", process, floor, "< 1000 ms"),
            ("python -c 'import typer, sqlalchemy' (floor)", floor, None, ""),
        ],
    )


if __name__ == "__main__":
    main()
