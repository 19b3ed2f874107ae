"""``einhorn due --json`` on 30,000 contacts and about 300,000 interactions.

Makes the database once (``einhorn demo`` topped up to the size asked for; kept in
benchmarks/.data for re-runs), then times:
the whole process against the floor of its imports, and the due query itself (the
repository call) against the same query in plain sqlite3 on the same file.

Targets (issue 2): whole process under 1 s, the due query under 50 ms.
Run: ``.venv/bin/python benchmarks/bench_due.py [--contacts 30000]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable

from common import DATA, EINHORN, machine, report, time_call, time_process
from einhorn.bootstrap import open_app
from einhorn.config import Settings, load_settings
from einhorn.domain.interactions import Interaction, InteractionKind
from einhorn.services.ports import ContactQuery

TODAY = dt.date(2026, 11, 27)
RUNS = 9


def make_database(contacts: int, interactions: int, url: str | None) -> str:
    """``einhorn demo`` (about 5.6 interactions a contact), topped up with messages and
    e-mails to ``interactions`` in all, so the history has the size the issue names.

    Without ``url`` the SQLite file is kept in benchmarks/.data for re-runs; a given
    database (e.g. PostgreSQL) must be empty the first time and is reused when it is full.
    """
    if url is None:
        path = DATA / f"due-{contacts}-{interactions}.sqlite3"
        url = f"sqlite:///{path}"
        if path.exists():
            return url
        DATA.mkdir(parents=True, exist_ok=True)
    else:
        app = open_app(load_settings(database_url=url))
        with app.uow(TODAY) as uow:
            full = uow.contacts.count() == contacts
        app.close()
        if full:
            return url
    start = time.perf_counter()
    subprocess.run(
        [EINHORN, "--db", url, "demo", "--contacts", str(contacts), "--seed", "7", "--json"],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "EINHORN_TODAY": TODAY.isoformat()},
    )
    app = open_app(load_settings(database_url=url))
    rng = random.Random(7)
    with app.uow(TODAY) as uow:
        people = [c.key for c in uow.contacts.list_(ContactQuery(wish_list=False))]
        missing = interactions - uow.interactions.count()
        while missing > 0:
            batch = [
                Interaction(
                    occurred_on=TODAY - dt.timedelta(days=rng.randrange(548)),
                    kind=rng.choice((InteractionKind.MESSAGE, InteractionKind.EMAIL)),
                    contact_ids=[rng.choice(people)],
                )
                for _ in range(min(missing, 20_000))
            ]
            missing -= uow.interactions.add_many(batch)
        uow.commit()
    app.close()
    print(f"made the database in {time.perf_counter() - start:.1f} s")
    return url


PLAIN_DUE = (
    "SELECT id, display_name, tier, company, city, last_interaction_on, next_due_on "
    "FROM contacts WHERE account_id = 1 AND next_due_on IS NOT NULL "
    "AND next_due_on <= {mark} ORDER BY next_due_on, CASE tier WHEN 'unicorn' THEN 0 "
    "WHEN 'flamingo' THEN 1 ELSE 2 END, name_key, id LIMIT 20"
)


def plain_query(settings: Settings) -> Callable[[], object]:
    """The due query with the bare driver (sqlite3 or psycopg), nothing of einhorn."""
    horizon = TODAY + dt.timedelta(days=7)
    if settings.is_sqlite:
        db = sqlite3.connect(settings.database_url.removeprefix("sqlite:///"))
        return lambda: db.execute(PLAIN_DUE.format(mark="?"), (horizon.isoformat(),)).fetchall()
    import psycopg

    url = settings.database_url.replace("postgresql+psycopg://", "postgresql://")
    connection = psycopg.connect(url)
    return lambda: connection.execute(PLAIN_DUE.format(mark="%s"), (horizon,)).fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--interactions", type=int, default=300_000)
    parser.add_argument("--db", help="database URL; default: a SQLite file in .data")
    args = parser.parse_args()
    url = make_database(args.contacts, args.interactions, args.db)
    settings = load_settings(database_url=url)
    env = {**os.environ, "EINHORN_TODAY": TODAY.isoformat()}

    app = open_app(settings)
    with app.uow(TODAY) as uow:
        counts = (uow.contacts.count(), uow.interactions.count())

        def repository_due() -> object:
            return uow.contacts.due(today=TODAY, horizon_days=7, limit=20)

        query = time_call(repository_due, runs=50)
    app.close()

    plain = time_call(plain_query(settings), runs=50)
    floor = time_process([sys.executable, "-c", "import typer, sqlalchemy"], runs=RUNS)
    process = time_process([EINHORN, "--db", url, "due", "--json"], runs=RUNS, env=env)
    print(f"machine: {machine()}")
    engine = "SQLite" if settings.is_sqlite else "PostgreSQL"
    print(f"database: {counts[0]:,} contacts, {counts[1]:,} interactions ({engine})")
    report(
        "einhorn due",
        [
            ("due query via the repository (median of 50)", query, plain, "< 50 ms"),
            ("same query, plain DB-API driver (baseline)", plain, None, ""),
            (f"einhorn due --json, whole process (median of {RUNS})", process, floor, "< 1000 ms"),
            ("python -c 'import typer, sqlalchemy' (floor)", floor, None, ""),
        ],
    )


if __name__ == "__main__":
    main()
