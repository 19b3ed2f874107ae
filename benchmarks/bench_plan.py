"""The personal lunch planner (issue 5): quality on 200 contacts, speed on 5,000.

Quality: for five demo networks of 200 contacts (seeds 1-5) with a career goal — once as they
are, once with a home city (Köln: lunches at home only with people there or of unknown city)
and a trip to Hamburg in the third week — a plan of 12 weeks × 2 lunches as ``einhorn plan
lunches`` makes it (CP-SAT on the shortlist, 10 s limit) against

- the optimum of the whole model without the shortlist, solved to completion;
- the rule "most overdue first" on the same instance (% of the optimum);

and checks that nobody has lunch twice within the window and that every unicorn whose
cadence falls due in the horizon and who can come on some day gets a lunch (the budget
allows it in every instance: fewer such unicorns than slots).

Speed: ``einhorn plan lunches --json`` on a 5,000-contact demo network, whole process,
against the floor of its imports.

Targets: within 1 % of the optimum; zero repeats; ≤ 5 s whole process for 5,000 contacts.
Run: ``.venv/bin/python benchmarks/bench_plan.py``
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import subprocess
import sys
import time

from common import DATA, EINHORN, machine, report, time_process
from einhorn.bootstrap import open_app
from einhorn.config import load_settings
from einhorn.domain.tiers import Tier
from einhorn.planning.lunch import Settings, evaluate, most_overdue_first, solve
from einhorn.services.plans import PlanOptions, lunch_problem

TODAY = dt.date(2026, 11, 27)
SEEDS = (1, 2, 3, 4, 5)
RUNS = 5
GOAL = ["goal", "set", "--kind", "career", "--company", "Siemens", "--company", "SAP"]
# The same with a home city (lunches at home only with people there or of unknown city) and
# a trip in the third week: the shortlist has to pick by place.
LOCAL = [
    ["goal", "set", "--city", "Köln"],
    ["travel", "add", "Hamburg", "--from", "2026-12-14", "--to", "2026-12-18"],
]


def make_network(contacts: int, seed: int, *extra: list[str]) -> str:
    """A demo network with a career goal (and the ``extra`` commands run on it)."""
    DATA.mkdir(exist_ok=True)
    path = DATA / f"plan-{contacts}-{seed}{'-local' if extra else ''}.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    env = {**os.environ, "EINHORN_TODAY": TODAY.isoformat()}
    for args in (["demo", "--contacts", str(contacts), "--seed", str(seed)], GOAL, *extra):
        subprocess.run(
            [EINHORN, "--db", url, *args, "--json"], check=True, env=env, stdout=subprocess.DEVNULL
        )
    return url


def quality(seed: int, local: bool = False) -> dict[str, float]:
    url = make_network(200, seed, *(LOCAL if local else []))
    app = open_app(load_settings(database_url=url))
    try:
        with app.uow(TODAY) as uow:
            problem, _ = lunch_problem(uow=uow, today=TODAY, options=PlanOptions())
    finally:
        app.close()
    began = time.perf_counter()
    plan = solve(problem, Settings(time_limit=10))
    seconds = time.perf_counter() - began
    optimum = solve(problem, Settings(time_limit=300, shortlist=False))
    assert optimum.optimal, "the whole model did not finish in 300 s"
    chosen = {i: lunch.key for i, lunch in enumerate(plan.lunches) if lunch.key is not None}
    evaluate(problem, chosen)  # raises on a repeat within the window
    rule = evaluate(problem, most_overdue_first(problem))
    booked = problem.booked_days()
    due_unicorns = {  # those who can come on some day of the plan
        c.key
        for c in problem.candidates
        if c.tier is Tier.UNICORN
        and c.due_on is not None
        and c.due_on < problem.end
        and problem.options(c, booked)
    }
    assert len(due_unicorns) <= len(problem.open_days), "the budget does not allow it"
    unplanned = due_unicorns - set(chosen.values())
    return {
        "objective": plan.objective,
        "optimum": optimum.objective,
        "of_optimum": plan.objective / optimum.objective,
        "proven_gap": plan.gap if plan.gap is not None else float("nan"),
        "rule_of_optimum": rule / optimum.objective,
        "unicorns_due": len(due_unicorns),
        "unicorns_unplanned": len(unplanned),
        "seconds": seconds,
        "considered": plan.considered,
        "candidates": len(problem.candidates),
    }


def table(local: bool) -> None:
    where = ", home Köln, a week in Hamburg" if local else ""
    print(f"\nQuality: 200 demo contacts, career goal{where}, 12 weeks × 2 lunches")
    print(
        f"{'seed':>4} {'plan':>7} {'optimum':>8} {'% opt':>7} {'gap':>6} {'rule % opt':>10} "
        f"{'unicorns due':>12} {'unplanned':>9} {'solve s':>8} {'model':>9}"
    )
    results = []
    for seed in SEEDS:
        r = quality(seed, local)
        results.append(r)
        print(
            f"{seed:>4} {r['objective']:>7.0f} {r['optimum']:>8.0f} {100 * r['of_optimum']:>6.2f}% "
            f"{100 * r['proven_gap']:>5.2f}% {100 * r['rule_of_optimum']:>9.1f}% "
            f"{r['unicorns_due']:>12.0f} {r['unicorns_unplanned']:>9.0f} {r['seconds']:>8.2f} "
            f"{r['considered']:>4.0f}/{r['candidates']:<4.0f}"
        )
    print(
        f"median: plan {100 * statistics.median(r['of_optimum'] for r in results):.2f}% of the "
        f"optimum (worst {100 * min(r['of_optimum'] for r in results):.2f}%), "
        f"most overdue first {100 * statistics.median(r['rule_of_optimum'] for r in results):.1f}%"
        f"; repeats within the window: 0; reachable due unicorns without a lunch: "
        f"{sum(r['unicorns_unplanned'] for r in results):.0f}"
    )


def main() -> None:
    print(f"machine: {machine()}")
    for local in (False, True):
        table(local)

    url = make_network(5_000, 42)
    env = {**os.environ, "EINHORN_TODAY": TODAY.isoformat()}
    floor = time_process([sys.executable, "-c", "import typer, sqlalchemy"], runs=RUNS)
    whole = time_process([EINHORN, "--db", url, "plan", "lunches", "--json"], runs=RUNS, env=env)
    print(f"\nmedian of {RUNS} runs; 5,000 demo contacts")
    report(
        "einhorn plan lunches",
        [("einhorn plan lunches --json, 5,000 contacts, whole process", whole, floor, "≤ 5000 ms")],
    )


if __name__ == "__main__":
    main()
