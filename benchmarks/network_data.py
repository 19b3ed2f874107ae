"""A benchmark network: ``einhorn demo`` contacts and recorded ties with a community structure.

``network_database(30_000, 200_000)`` makes (once, kept in benchmarks/.data) a SQLite
database of 30,000 demo contacts and 200,000 ties: the contacts fall into communities of
about 150 (by company, then sector), nine in ten ties stay inside a community, one in ten
bridges to another, and a few hundred contacts are brokers with ties into many communities.
Ties go straight into the table (one executemany), as an import of a large tie list would.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import shutil
import sqlite3
import subprocess

from common import DATA, EINHORN

TODAY = dt.date(2026, 11, 27)
COMMUNITY = 150
INSIDE = 0.9
BROKERS = 300


def network_database(contacts: int, ties: int, seed: int = 7) -> str:
    """The SQLite URL of a network with ``contacts`` contacts and ``ties`` ties (made once)."""
    path = DATA / f"network-{contacts}-{ties}.sqlite3"
    url = f"sqlite:///{path}"
    if path.exists():
        return url
    DATA.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    subprocess.run(
        [
            EINHORN,
            "--db",
            f"sqlite:///{partial}",
            "demo",
            "--contacts",
            str(contacts),
            "--seed",
            str(seed),
            "--json",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        env={**os.environ, "EINHORN_TODAY": TODAY.isoformat()},
    )
    db = sqlite3.connect(partial)
    rows = db.execute(
        "SELECT id, account_id FROM contacts WHERE wish_list = 0 ORDER BY company, sector, id"
    ).fetchall()
    account = rows[0][1]
    ids = [row[0] for row in rows]
    rng = random.Random(seed)
    communities = [ids[i : i + COMMUNITY] for i in range(0, len(ids), COMMUNITY)]
    brokers = rng.sample(ids, min(BROKERS, len(ids)))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < ties:
        roll = rng.random()
        if roll < INSIDE:
            members = rng.choice(communities)
            a, b = rng.sample(members, 2) if len(members) > 1 else (members[0], rng.choice(ids))
        elif roll < INSIDE + (1 - INSIDE) / 2:
            a, b = rng.choice(brokers), rng.choice(ids)
        else:
            a, b = rng.choice(ids), rng.choice(ids)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    now = dt.datetime(2026, 11, 27, tzinfo=dt.UTC).isoformat(sep=" ")
    with db:
        db.executemany(
            "INSERT INTO ties (account_id, a_id, b_id, kind, strength, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (
                (
                    account,
                    a,
                    b,
                    rng.choice(("knows", "colleague", "introduced")),
                    rng.choice((1, 1, 2, 2, 3)),
                    now,
                )
                for a, b in sorted(pairs)
            ),
        )
    db.close()
    shutil.move(partial, path)
    return url
