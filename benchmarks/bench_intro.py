"""``einhorn intro`` on 30,000 contacts and 200,000 ties (issue 6).

Times ``einhorn intro COMPANY --json`` (the largest company in the network), a sector and a
wish-list person as whole processes, against the floor of the imports, and in the same run
the obvious approach in-process: build the whole network (recorded and inferred ties) and
run Dijkstra on −log(chance) from every target with networkx.

Target: ≤ 1 s whole process.
Run: ``.venv/bin/python benchmarks/bench_intro.py``
"""

from __future__ import annotations

import datetime as dt
import math
import os
import sqlite3
import sys
import time

from common import EINHORN, machine, report, time_process
from einhorn.bootstrap import open_app
from einhorn.config import load_settings
from einhorn.services.network import load_network
from network_data import TODAY, network_database

RUNS = 5


def whole_network_dijkstra(url: str, company: str) -> float:
    """The obvious way: the whole graph in networkx, shortest −log(chance) paths."""
    import networkx as nx

    start = time.perf_counter()
    app = open_app(load_settings(database_url=url))
    with app.uow(TODAY) as uow:
        network = load_network(uow=uow)
    app.close()
    graph = nx.Graph()
    for edge in network.edges:
        graph.add_edge(edge.a, edge.b, weight=-math.log(edge.chance))
    targets = [p.id for p in network.people.values() if p.company == company and p.id in graph]
    nx.multi_source_dijkstra_path_length(graph, targets, cutoff=-3 * math.log(0.2))
    return time.perf_counter() - start


def main() -> None:
    url = network_database(30_000, 200_000)
    db = sqlite3.connect(url.removeprefix("sqlite:///"))
    company = db.execute(
        "SELECT company FROM contacts WHERE company != '' GROUP BY company "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    sector = db.execute(
        "SELECT sector FROM contacts WHERE sector != '' GROUP BY sector "
        "ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]
    person = db.execute(
        "SELECT display_name FROM contacts ORDER BY id LIMIT 1 OFFSET 777"
    ).fetchone()[0]
    db.close()
    env = {**os.environ, "EINHORN_TODAY": TODAY.isoformat()}
    floor = time_process([sys.executable, "-c", "import typer, sqlalchemy"], runs=RUNS)
    rows = []
    for label, target, kind in (
        (f"company ({company})", company, "company"),
        (f"sector ({sector})", sector, "sector"),
        ("a person", person, "person"),
    ):
        median = time_process(
            [EINHORN, "--db", url, "intro", target, "--as", kind, "--json"], runs=RUNS, env=env
        )
        rows.append((f"einhorn intro {label}", median, floor, "≤ 1000 ms"))
    obvious = min(whole_network_dijkstra(url, company) for _ in range(3))
    rows.append(("whole network + networkx Dijkstra, in-process", obvious, None, "baseline"))
    print(f"machine: {machine()}; median of {RUNS} runs; 30,000 contacts, 200,000 ties")
    report("einhorn intro", rows)
    print(f"(run on {dt.date.today()})")


if __name__ == "__main__":
    main()
