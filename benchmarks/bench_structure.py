"""``einhorn structure`` on 30,000 contacts and 200,000 ties (issue 6).

Times ``einhorn structure --json`` as a whole process, with its peak memory, against the
floor of the bare imports the command needs; and, in the same run and in-process on the
same ego network (me tied to every contact, plus the ties among them), the ways to get
Burt's measures that einhorn does not take:

- networkx per node (``nx.constraint(G, [node])``): quadratic in each node's degree, so it
  is timed on a sample of contacts and, for me, on a few of the 30,000² summands, and
  extrapolated;
- igraph's ``constraint()`` for all nodes: fast per node, but each contact walks my 30,000
  ties again;
- einhorn's ``holes()`` (the triangles in igraph, the sums in numpy): what the command runs.

Targets: ≤ 10 s whole process, ≤ 2 GB memory.
Run: ``.venv/bin/python benchmarks/bench_structure.py``
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
import time
from typing import Any

from common import EINHORN, machine, report, time_call, time_process
from einhorn.bootstrap import open_app
from einhorn.config import load_settings
from einhorn.insight.graph import my_chance
from einhorn.insight.structure_holes import ego_holes, holes
from einhorn.services.network import load_network
from network_data import TODAY, network_database

RUNS = 5
SAMPLE = 20  # contacts for the networkx per-node path
MY_TERMS = 5  # summands timed of my 30,000² (30,000 terms, each over my 30,000 neighbours)


def run_with_memory(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KB) of one whole process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"{argv} failed with {child.returncode}")
    return elapsed, usage.ru_maxrss


def ego_graph(url: str) -> tuple[list[float], list[tuple[int, int]], list[float]]:
    """The ego network as einhorn builds it: my ties' weights to contacts 0 … n-1, and the
    ties among the contacts with their weights."""
    app = open_app(load_settings(database_url=url))
    with app.uow(TODAY) as uow:
        network = load_network(uow=uow)
    app.close()
    people = {k: p for k, p in network.people.items() if not p.wish_list}
    ids = sorted(people)
    index = {key: i for i, key in enumerate(ids)}
    among = [e for e in network.edges if e.a in index and e.b in index]
    mine = [my_chance(people[key], TODAY) for key in ids]
    return mine, [(index[e.a], index[e.b]) for e in among], [e.chance for e in among]


def networkx_per_node(size: int, pairs: list[tuple[int, int]], weights: list[float]) -> Any:
    """Seconds per contact (median of a sample) and for me (extrapolated from a few terms)."""
    import networkx as nx

    graph = nx.Graph()
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in zip(pairs, weights, strict=True))
    me = size - 1
    sample = random.Random(7).sample(range(me), SAMPLE)
    per_contact = []
    for node in sample:
        start = time.perf_counter()
        nx.constraint(graph, [node], weight="weight")
        per_contact.append(time.perf_counter() - start)
    # Each of my terms sums over my neighbours, and each summand normalises by all my ties:
    # one summand is timed, the total is degree² of them.
    from networkx.algorithms.structuralholes import normalized_mutual_weight

    summands = []
    for other in list(graph[me])[:MY_TERMS]:
        start = time.perf_counter()
        normalized_mutual_weight(graph, me, other, weight="weight")
        summands.append(time.perf_counter() - start)
    return statistics.median(per_contact), statistics.median(summands) * graph.degree(me) ** 2


def main() -> None:
    url = network_database(30_000, 200_000)
    env = {**os.environ, "EINHORN_TODAY": TODAY.isoformat()}
    floor = time_process(
        [sys.executable, "-c", "import typer, sqlalchemy, igraph, numpy"], runs=RUNS, env=env
    )
    argv = [EINHORN, "--db", url, "structure", "--json"]
    runs = [run_with_memory(argv, env) for _ in range(RUNS)]
    whole = statistics.median(seconds for seconds, _ in runs)
    peak_mb = max(kb for _, kb in runs) / 1024

    import igraph  # type: ignore[import-untyped]

    mine, among, among_weights = ego_graph(url)
    size = len(mine) + 1  # me: the last node
    pairs = [*among, *((i, size - 1) for i in range(size - 1))]
    weights = [*among_weights, *mine]
    ours = time_call(lambda: holes(size, pairs, weights), runs=3)
    mine_only = time_call(lambda: ego_holes(mine, among, among_weights), runs=3)
    graph = igraph.Graph(n=size, edges=pairs)
    library = time_call(lambda: graph.constraint(weights=weights), runs=1)
    per_contact, me_alone = networkx_per_node(size, pairs, weights)

    print(
        f"machine: {machine()}; median of {RUNS} runs; network: 30,000 contacts, 200,000 "
        f"recorded ties and the inferred ones; ego network: {size - 1:,} contacts, "
        f"{len(pairs):,} ties with mine; peak memory of the command {peak_mb:,.0f} MB "
        "(target ≤ 2048 MB)"
    )
    report(
        "einhorn structure",
        [
            ("einhorn structure --json, whole process", whole, floor, "≤ 10000 ms"),
            ("python -c 'import typer, sqlalchemy, igraph, numpy' (floor)", floor, None, ""),
        ],
    )
    report(
        "Burt's constraint (and effective size) on that ego network, in-process",
        [
            ("einhorn holes(): me and every contact, both measures", ours, None, "used"),
            ("einhorn ego_holes(): me alone (the review)", mine_only, None, "used"),
            ("igraph Graph.constraint(): all nodes, constraint only", library, ours, ""),
            (f"networkx constraint, one contact (median of {SAMPLE})", per_contact, None, ""),
        ],
    )
    hours = (per_contact * (size - 1)) / 3600
    days = me_alone / 86400
    print(
        f"networkx per node, extrapolated: every contact {hours:,.1f} h, me alone "
        f"{days:,.0f} days ({size - 1:,}² summands of {me_alone / (size - 1) ** 2 * 1000:.0f} ms) "
        "— never run"
    )


if __name__ == "__main__":
    main()
