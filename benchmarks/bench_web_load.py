"""50 users at once in server mode on PostgreSQL: each with an account and 500 contacts,
signed in, browsing the overview, the contacts list, search as you type and a contact page.

Makes a fresh database (``einhorn_bench_<pid>``, dropped afterwards) on the PostgreSQL server
of ``--admin-url``; signs the users up the way people do (an invitation, the sign-up page),
fills each account with demo contacts (the service behind ``einhorn demo``), starts the server
(uvicorn with ``--workers``; see below), signs every user in (POST /login) and lets them browse
for ``--seconds``: 50 clients at once, each on its own connection and session, one request
after another (``--think`` adds a pause between pages, as people make).

Workers: ``einhorn serve`` is one process, and its page routes are plain functions that
uvicorn runs in a thread pool, so one process uses one core at most (the GIL). On a 2-core
machine two worker processes let the server use both cores; more would only compete for
them (with each other and with this load generator, which runs on the same machine) and
open more database connections (each worker's pool holds up to 15). web_factory.py starts
them, working around a uvicorn bug that costs several workers 40 ms a request.

Reports requests, errors (target: none), p50/p95/p99 latency taken at the client (target:
p95 < 300 ms) and the client's own CPU use, which shares the machine with the server.
Run: ``.venv/bin/python benchmarks/bench_web_load.py [--seconds 60] [--users 50]``
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import os
import random
import re
import resource
import secrets
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import sqlalchemy as sa

from common import machine
from einhorn.bootstrap import App, open_access, open_app
from einhorn.config import load_settings, normalise_database_url
from einhorn.services.access import invite
from einhorn.services.contacts import list_contacts
from einhorn.services.demo import fill_demo
from einhorn.services.ports import ContactQuery
from web_server import free_port, ms, percentile, serving

TODAY = dt.date(2026, 11, 27)
ADMIN_URL = os.environ.get(
    "EINHORN_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BENCHMARKS = Path(__file__).resolve().parent
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')
SESSION_COOKIE = "einhorn_session"
LOGIN = "POST /login"
TARGET_P95 = 0.300
FRAGMENT = {"HX-Request": "true"}


@dataclass
class User:
    name: str
    password: str
    contact_ids: list[int] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


@dataclass
class Tally:
    """Latencies by kind of request, and what went wrong."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, kind: str, seconds: float, problem: str | None) -> None:
        self.latencies[kind].append(seconds)
        if problem:
            self.errors[f"{kind}: {problem}"] += 1


@contextlib.contextmanager
def fresh_database(admin_url: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for this run, dropped afterwards."""
    admin = sa.make_url(normalise_database_url(admin_url, "--admin-url"))
    engine = sa.create_engine(admin, isolation_level="AUTOCOMMIT")
    name = f"einhorn_bench_{os.getpid()}"
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def csrf_of(page: httpx.Response) -> str:
    found = CSRF_META.search(page.text)
    if not found:
        raise SystemExit(f"no CSRF token on {page.request.url} ({page.status_code})")
    return found.group(1)


def sign_up(base: str, app: App, number: int, contacts: int) -> User:
    """One user as people join: an invitation link, the sign-up page, then demo contacts."""
    user = User(name=f"bench{number:03d}", password=secrets.token_urlsafe(12))
    with open_access(app) as access:
        token = invite(access=access, now=dt.datetime.now(dt.UTC))
    with httpx.Client(base_url=base, timeout=30) as client:
        form = client.get("/signup", params={"token": token})
        done = client.post(
            "/signup",
            data={
                "token": token,
                "username": user.name,
                "password": user.password,
                "repeated": user.password,
                "csrf_token": csrf_of(form),
            },
        )
        if done.status_code != 303 or SESSION_COOKIE not in done.cookies:
            raise SystemExit(f"sign-up of {user.name}: {done.status_code} {done.text[:300]}")
    with open_access(app) as access:
        login = access.access.login(user.name)
    assert login is not None
    with app.uow(TODAY, account_id=login.account_id) as uow:
        fill_demo(uow=uow, contacts=contacts, seed=number + 1, today=TODAY)
    with app.uow(TODAY, account_id=login.account_id) as uow:
        found, _ = list_contacts(uow=uow, query=ContactQuery(limit=60))
    user.contact_ids = [contact.key for contact in found]
    # As people type: the first letters of a name, a city, one letter, a company form.
    user.terms = sorted(
        {c.family_name[:3].lower() for c in found if len(c.family_name) >= 3}
        | {c.city.lower() for c in found[:5] if c.city}
        | {"m", "gmbh"}
    )
    return user


async def sign_in(client: httpx.AsyncClient, user: User, tally: Tally) -> bool:
    form = await client.get("/login")
    start = time.perf_counter()
    done = await client.post(
        "/login",
        data={"username": user.name, "password": user.password, "csrf_token": csrf_of(form)},
    )
    ok = done.status_code == 303 and SESSION_COOKIE in client.cookies
    tally.add(LOGIN, time.perf_counter() - start, None if ok else str(done.status_code))
    return ok


async def browse(
    client: httpx.AsyncClient, user: User, deadline: float, think: float, tally: Tally
) -> None:
    """Overview, contacts, a search, a contact page, again and again until the deadline."""
    rng = random.Random(user.name)
    if think:  # people do not all click at the same moment: spread the first pages
        await asyncio.sleep(rng.uniform(0, 2 * think))
    while time.monotonic() < deadline:
        steps = (
            ("GET /", "/", {}),
            ("GET /contacts", "/contacts", {}),
            ("GET /contacts?q= (htmx)", f"/contacts?q={rng.choice(user.terms)}", FRAGMENT),
            ("GET /contacts/{id}", f"/contacts/{rng.choice(user.contact_ids)}", {}),
        )
        for kind, path, headers in steps:
            start = time.perf_counter()
            try:
                response = await client.get(path, headers=headers)
                problem = None if response.status_code == 200 else str(response.status_code)
            except httpx.HTTPError as exc:
                problem = type(exc).__name__
            tally.add(kind, time.perf_counter() - start, problem)
            if think:
                await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
            if time.monotonic() >= deadline:
                return


async def load(
    base: str, users: list[User], seconds: float, think: float, alone: float
) -> tuple[Tally, Tally, float, float]:
    """Sign everyone in at once; one user browses alone for ``alone`` seconds (the baseline),
    then all browse together. The two tallies, and the wall time and this process's CPU time
    of browsing together."""
    tally, baseline = Tally(), Tally()
    clients = [httpx.AsyncClient(base_url=base, timeout=30) for _ in users]
    pairs = list(zip(clients, users, strict=True))
    try:
        signed = await asyncio.gather(*(sign_in(client, user, tally) for client, user in pairs))
        if not all(signed):
            raise SystemExit(f"{signed.count(False)} of {len(users)} users could not sign in")
        await browse(clients[0], users[0], time.monotonic() + alone, 0, baseline)
        start, cpu = time.monotonic(), cpu_seconds()
        deadline = start + seconds
        await asyncio.gather(*(browse(c, u, deadline, think, tally) for c, u in pairs))
        return tally, baseline, time.monotonic() - start, cpu_seconds() - cpu
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))


def server_argv(port: int, workers: int) -> list[str]:
    """uvicorn with ``workers`` processes (web_factory.py explains the socket it binds)."""
    factory = BENCHMARKS / "web_factory.py"
    return [sys.executable, str(factory), "--port", str(port), "--workers", str(workers)]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def browsing(tally: Tally) -> dict[str, list[float]]:
    return {kind: values for kind, values in tally.latencies.items() if kind != LOGIN}


def report(tally: Tally, baseline: Tally, wall: float, client_cpu: float, users: int) -> bool:
    by_kind = browsing(tally)
    every = [value for values in by_kind.values() for value in values]
    alone = [value for values in browsing(baseline).values() for value in values]
    errors = sum(tally.errors.values()) + sum(baseline.errors.values())
    print(f"\n{users} users browsing for {wall:.0f} s")
    print(f"requests: {len(every):,} ({len(every) / wall:.0f}/s), errors: {errors}")
    for problem, count in sorted({**baseline.errors, **tally.errors}.items()):
        print(f"  {count:6} × {problem}")
    print(f"load generator CPU: {client_cpu:.0f} s in {wall:.0f} s (on the same cores)")
    print(f"\n{'':<34}{'count':>8}{'p50':>11}{'p95':>11}{'p99':>11}")
    table = [*sorted(by_kind.items()), (f"all browsing, {users} users", every)]
    table.append(("one user alone (baseline)", alone))
    if tally.latencies.get(LOGIN):
        table.append((f"{LOGIN} (argon2, all at once)", tally.latencies[LOGIN]))
    for kind, values in table:
        p50, p95, p99 = (percentile(values, share) for share in (50, 95, 99))
        print(f"{kind:<34}{len(values):>8}{ms(p50):>11}{ms(p95):>11}{ms(p99):>11}")
    p95 = percentile(every, 95)
    print(f"p95 under load / p95 alone: {p95 / percentile(alone, 95):.1f}×")
    met = errors == 0 and p95 < TARGET_P95
    print(f"\ntarget: no errors, p95 < 300 ms — {'met' if met else 'MISSED'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--contacts", type=int, default=500, help="contacts per user")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--think", type=float, default=0, help="mean pause between pages, s")
    parser.add_argument("--admin-url", default=ADMIN_URL, help="a PostgreSQL server's URL")
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f}")
    print(f"server: uvicorn, {args.workers} worker process(es); think time {args.think} s")
    with fresh_database(args.admin_url) as url, tempfile.TemporaryDirectory() as folder:
        app = open_app(load_settings(database_url=url, environ={}))
        port = free_port()
        env = {
            "EINHORN_DATABASE_URL": url,
            "EINHORN_TODAY": TODAY.isoformat(),
            "EINHORN_DATA_DIR": folder,
        }
        argv = server_argv(port, args.workers)
        with serving(argv, port=port, env=env, log=Path(folder) / "server.log") as base:
            start = time.perf_counter()
            users = [sign_up(base, app, n, args.contacts) for n in range(args.users)]
            print(
                f"signed up {len(users)} users with {args.contacts} contacts each "
                f"in {time.perf_counter() - start:.0f} s (PostgreSQL)"
            )
            alone = min(10.0, args.seconds / 6)
            run = load(base, users, args.seconds, args.think, alone)
            tally, baseline, wall, client_cpu = asyncio.run(run)
        app.close()
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    sys.exit(0 if report(tally, baseline, wall, client_cpu, len(users)) else 1)


if __name__ == "__main__":
    main()
