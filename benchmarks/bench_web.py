"""The contacts page on 30,000 contacts through the real server (``einhorn serve``, local mode).

Makes a fresh SQLite database in a temporary folder (the demo network, through the same
service as ``einhorn demo``), starts the server and times, one request after another on a
kept-alive connection:

- GET /contacts, the whole page (the first 50 of 30,000 and the total);
- GET /contacts?q=... with ``HX-Request: true``, the rows fragment that search as you type
  fetches, over queries typed letter by letter, broad and narrow, and one that finds nobody.

Baselines in the same run: GET /static/einhorn.css through the same server (the floor of
HTTP, routing and middleware: no database, no template), and ``list_contacts`` in-process for
the same queries (the service and the database, without HTTP and template).
Times are taken at the client over the loopback, so they include the client's share (well
under a millisecond); the server's own time is a little less.

Targets (issue 7): page p95 < 100 ms, search p95 < 50 ms.
Run: ``.venv/bin/python benchmarks/bench_web.py [--contacts 30000] [--requests 200]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import httpx

from common import machine
from einhorn.bootstrap import open_app
from einhorn.config import load_settings
from einhorn.services.contacts import list_contacts
from einhorn.services.demo import fill_demo
from einhorn.services.ports import ContactQuery
from web_server import einhorn_serve, free_port, ms, percentile, serving

TODAY = dt.date(2026, 11, 27)
PAGE = 50  # rows on one page, as the contacts page shows them
# What a user types: a name letter by letter, a city, a company form that most contacts
# share (the broadest match), two words, and a query that finds nobody.
QUERIES = ("m", "ma", "mar", "schmidt", "köln", "gmbh", "partner berlin", "xqzvw")
PER_QUERY = 25
TARGET_PAGE = 0.100
TARGET_SEARCH = 0.050
Request = tuple[str, dict[str, str]]


def make_database(folder: Path, contacts: int) -> str:
    url = f"sqlite:///{folder / 'web.sqlite3'}"
    start = time.perf_counter()
    app = open_app(load_settings(database_url=url, environ={}))
    with app.uow(TODAY) as uow:
        summary = fill_demo(uow=uow, contacts=contacts, seed=7, today=TODAY)
    app.close()
    print(
        f"made {summary.contacts:,} contacts and {summary.interactions:,} interactions "
        f"in {time.perf_counter() - start:.1f} s"
    )
    return url


def time_requests(client: httpx.Client, requests: Sequence[Request], count: int) -> list[float]:
    """Latency of ``count`` GETs, cycling through ``requests`` (each sent once to warm up)."""
    for path, headers in requests:
        client.get(path, headers=headers).raise_for_status()
    samples = []
    for path, headers in itertools.islice(itertools.cycle(requests), count):
        start = time.perf_counter()
        response = client.get(path, headers=headers)
        samples.append(time.perf_counter() - start)
        response.raise_for_status()
    return samples


def time_service(url: str, queries: Sequence[str], count: int) -> list[float]:
    """Latency of the same ``list_contacts`` calls in-process, one unit of work each."""
    app = open_app(load_settings(database_url=url, environ={}))
    calls: list[Callable[[], object]] = []
    for text in queries:

        def call(text: str = text) -> object:
            with app.uow(TODAY) as uow:
                return list_contacts(uow=uow, query=ContactQuery(text=text or None, limit=PAGE))

        calls.append(call)
    for call in calls:
        call()
    samples = []
    for call in itertools.islice(itertools.cycle(calls), count):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    app.close()
    return samples


def line(what: str, samples: Sequence[float], baseline: Sequence[float] | None, note: str) -> None:
    p50, p95 = percentile(samples, 50), percentile(samples, 95)
    ratio = f"{p95 / percentile(baseline, 95):6.1f}× baseline" if baseline else " " * 15
    print(f"{what:<52} p50 {ms(p50)}  p95 {ms(p95)}  {ratio}  {note}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contacts", type=int, default=30_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per measurement")
    args = parser.parse_args()
    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f}")
    fragment = {"HX-Request": "true"}
    searches: list[Request] = [(f"/contacts?q={text}", fragment) for text in QUERIES]
    with tempfile.TemporaryDirectory(prefix="einhorn-bench-web-") as folder:
        url = make_database(Path(folder), args.contacts)
        port = free_port()
        env = {"EINHORN_TODAY": TODAY.isoformat(), "EINHORN_DATA_DIR": folder}
        log = Path(folder) / "serve.log"
        with (
            serving(einhorn_serve(url, port), port=port, env=env, log=log) as base,
            httpx.Client(base_url=base, timeout=30) as client,
        ):
            static = time_requests(client, [("/static/einhorn.css", {})], args.requests)
            page = time_requests(client, [("/contacts", {})], args.requests)
            search = time_requests(client, searches, args.requests)
            by_query = {text: time_requests(client, [s], PER_QUERY) for text, s in
                        zip(QUERIES, searches, strict=True)}  # fmt: skip
        service_page = time_service(url, [""], args.requests)
        service_search = time_service(url, QUERIES, args.requests)
    print(f"load average after: {os.getloadavg()[0]:.2f}")

    title = f"GET /contacts on {args.contacts:,} contacts, {args.requests} requests each"
    print(f"\n{title}\n{'-' * len(title)}")
    line("GET /contacts (whole page)", page, static, "target p95 < 100 ms")
    fragment_title = f"GET /contacts?q= fragment ({len(QUERIES)} queries)"
    line(fragment_title, search, static, "target p95 < 50 ms")
    line("GET /static/einhorn.css (baseline: the HTTP floor)", static, None, "")
    line("list_contacts in-process, no query (baseline)", service_page, None, "")
    line("list_contacts in-process, same queries (baseline)", service_search, None, "")
    print(
        f"p95 over the in-process service: page "
        f"{percentile(page, 95) / percentile(service_page, 95):.1f}×, search "
        f"{percentile(search, 95) / percentile(service_search, 95):.1f}×"
    )
    print(f"\nsearch fragment by query ({PER_QUERY} requests each):")
    for text, samples in by_query.items():
        p50, p95 = percentile(samples, 50), percentile(samples, 95)
        print(f"  q={text!r:<18} p50 {ms(p50)}  p95 {ms(p95)}")
    met = percentile(page, 95) < TARGET_PAGE and percentile(search, 95) < TARGET_SEARCH
    print("\ntargets met" if met else "\nTARGETS MISSED")


if __name__ == "__main__":
    main()
