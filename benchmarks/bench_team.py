"""Team pairing (issue 5): quality against what pairing bots do, and a 10,000-person round.

Makes its own rosters. Quality: einhorn's planner against (a) the same matching without the
round-robin lookahead and (b) random pairing with retries, what common Slack bots do:
shuffle, pair neighbours, reshuffle up to 10 times while a pair repeats, leave the odd
person out. Speed: ``einhorn team pair`` for 10,000 people as a whole process (start-up,
reading the roster and history, matching, storing the round) against the import floor.

Targets (issue 5): n = 64: 63 rounds without a repeat; 6 departments of 10: ≥ 48 rounds
without a repeat, all across departments (optimum 50); 500 people in 8 departments: ≥ 95%
of round 1's pairs across departments; a round for 10,000 people ≤ 5 s, nobody left out.
Run: ``.venv/bin/python benchmarks/bench_team.py``
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable

from common import DATA, EINHORN, machine, report, run_timed, time_call, time_process
from einhorn.domain.team import Pair, TeamMember, group_pairs, pair
from einhorn.planning.team import plan_rounds

RUNS = 5
BOT_SEEDS = 20
SEEDS = 10  # einhorn's own seeds, for the look-ahead comparison
RETRIES = 10
Rounds = list[list[tuple[int, ...]]]


def roster(n: int, departments: list[str], locations: list[str] | None = None) -> list[TeamMember]:
    return [
        TeamMember(
            name=f"Person {i}",
            email=f"p{i}@example.com",
            department=departments[i],
            location=locations[i] if locations else "",
            id=i + 1,
        )
        for i in range(n)
    ]


def bot_rounds(members: list[TeamMember], rounds: int, seed: int) -> Rounds:
    """Random pairing with retries, as pairing bots do it."""
    rng = random.Random(seed)
    ids = [m.key for m in members]
    met: set[Pair] = set()
    planned: Rounds = []
    for _ in range(rounds):
        for _attempt in range(RETRIES + 1):
            rng.shuffle(ids)
            groups = [(ids[i], ids[i + 1]) for i in range(0, len(ids) - 1, 2)]
            if not any(pair(*g) in met for g in groups):
                break
        met.update(pair(*g) for g in groups)
        planned.append(groups)
    return planned


def einhorn_rounds(
    members: list[TeamMember], rounds: int, lookahead: bool = True, seed: int = 0
) -> Rounds:
    planned = plan_rounds(members, set(), rounds=rounds, lookahead=lookahead, seed=seed)
    return [r.groups for r in planned]


def over_seeds(measure: Callable[[Rounds], float], members: list[TeamMember], rounds: int) -> str:
    """einhorn and einhorn without the look-ahead, each as 'worst / median' over the seeds."""
    texts = []
    for lookahead in (True, False):
        values = [
            measure(einhorn_rounds(members, rounds, lookahead, seed)) for seed in range(SEEDS)
        ]
        texts.append(f"{min(values):g} / {statistics.median(values):g}")
    return f"{texts[0]:>14} {texts[1]:>16}"


def until_first_repeat(rounds: Rounds) -> int:
    met: set[Pair] = set()
    for number, groups in enumerate(rounds):
        now = [p for g in groups for p in group_pairs(g)]
        if any(p in met for p in now):
            return number
        met.update(now)
    return len(rounds)


def until_first_miss(rounds: Rounds, members: list[TeamMember]) -> int:
    """Rounds before the first with a repeat or a pair within one department."""
    department = {m.key: m.department for m in members}
    met: set[Pair] = set()
    for number, groups in enumerate(rounds):
        now = [p for g in groups for p in group_pairs(g)]
        if any(p in met or department[p[0]] == department[p[1]] for p in now):
            return number
        met.update(now)
    return len(rounds)


def cross_share(groups: list[tuple[int, ...]], members: list[TeamMember]) -> float:
    department = {m.key: m.department for m in members}
    pairs = [p for g in groups for p in group_pairs(g)]
    return sum(department[a] != department[b] for a, b in pairs) / len(pairs)


def left_out(groups: list[tuple[int, ...]], members: list[TeamMember]) -> int:
    return len(members) - sum(len(g) for g in groups)


def people_meeting_someone_twice(rounds: Rounds) -> float:
    seen: dict[Pair, int] = {}
    for groups in rounds:
        for p in (p for g in groups for p in group_pairs(g)):
            seen[p] = seen.get(p, 0) + 1
    twice = {x for p, count in seen.items() if count > 1 for x in p}
    people = {x for groups in rounds for g in groups for x in g}
    return len(twice) / len(people)


def bot_median(measure: Callable[[Rounds], float], members: list[TeamMember], rounds: int) -> float:
    return statistics.median(measure(bot_rounds(members, rounds, s)) for s in range(BOT_SEEDS))


def quality() -> None:
    print(
        f"\nquality: einhorn with and without the look-ahead as worst / median of {SEEDS} seeds; "
        f"bot: median of {BOT_SEEDS} seeds, up to {RETRIES} reshuffles a round"
    )
    print(f"{'case':<58} {'einhorn':>14} {'no look-ahead':>16} {'bot':>7}")

    def row(case: str, ours: str | float, bot: float) -> None:
        ours_text = ours if isinstance(ours, str) else f"{ours:>14g} {'':>16}"
        print(f"{case:<58} {ours_text} {bot:>7g}")

    flat = roster(64, [""] * 64)
    row(
        "n=64, no departments: rounds until the first repeat",
        over_seeds(until_first_repeat, flat, 64),
        bot_median(until_first_repeat, flat, 64),
    )
    met = [p for r in einhorn_rounds(flat, 63) for g in r for p in group_pairs(g)]
    repeated = len(met) - len(set(met))
    print(f"{'n=64: repeated pairs in 63 rounds (einhorn, seed 0)':<58} {repeated:>14}")
    six = roster(60, [f"D{i // 10}" for i in range(60)])
    row(
        "6 departments of 10: rounds all across, no repeat (opt 50)",
        over_seeds(lambda r: until_first_miss(r, six), six, 59),
        bot_median(lambda r: until_first_miss(r, six), six, 59),
    )
    row(
        "6 departments of 10: rounds until the first repeat (opt 59)",
        over_seeds(until_first_repeat, six, 59),
        bot_median(until_first_repeat, six, 59),
    )
    row(
        "6 departments of 10: % across departments in round 1",
        100 * cross_share(einhorn_rounds(six, 1)[0], six),
        bot_median(lambda r: 100 * cross_share(r[0], six), six, 1),
    )
    rng = random.Random(500)
    weights = [30, 20, 15, 10, 10, 6, 5, 4]
    eight = roster(500, [f"D{rng.choices(range(8), weights)[0]}" for _ in range(500)])
    row(
        "n=500, 8 departments (30%…4%): % across in round 1",
        100 * cross_share(einhorn_rounds(eight, 1)[0], eight),
        bot_median(lambda r: 100 * cross_share(r[0], eight), eight, 1),
    )
    fifty = roster(50, [f"D{i % 5}" for i in range(50)])
    row(
        "n=50, 10 rounds: % of people who meet someone twice",
        100 * people_meeting_someone_twice(einhorn_rounds(fifty, 10)),
        bot_median(lambda r: 100 * people_meeting_someone_twice(r), fifty, 10),
    )
    odd = roster(61, [f"D{i % 6}" for i in range(61)])
    row(
        "n=61: people left out of a round",
        left_out(einhorn_rounds(odd, 1)[0], odd),
        bot_median(lambda r: left_out(r[0], odd), odd, 1),
    )
    timed = time_call(lambda: plan_rounds(eight, set(), rounds=1), runs=RUNS)
    bot = time_call(lambda: bot_rounds(eight, 1, 0), runs=RUNS)
    report(
        "one round for 500 people, in process",
        [
            ("einhorn planner (maximum-weight matching)", timed, bot, "quality first"),
            ("bot: shuffle and pair neighbours", bot, None, ""),
        ],
    )


def write_roster(n: int) -> str:
    rng = random.Random(n)
    path = DATA / f"team-roster-{n}.csv"
    DATA.mkdir(parents=True, exist_ok=True)
    locations = ["Köln", "Berlin", "München", "Hamburg", "Leipzig"]
    lines = ["Name,E-Mail,Abteilung,Standort"]
    lines += [
        f"Person {i},p{i}@example.com,Abteilung {rng.randrange(20)},"
        f"{rng.choices(locations, [40, 25, 20, 10, 5])[0]}"
        for i in range(n)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def speed(n: int) -> tuple[str, float, float | None, str]:
    """A fresh database with the roster; each run pairs a round on a copy of it."""
    source = DATA / f"team-{n}.sqlite3"
    source.unlink(missing_ok=True)
    url = f"sqlite:///{source}"
    subprocess.run(
        [EINHORN, "--db", url, "team", "import", write_roster(n)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    samples = []
    copy = DATA / f"team-{n}-run.sqlite3"
    for _ in range(3):
        shutil.copyfile(source, copy)
        seconds, out = run_timed([EINHORN, "--db", f"sqlite:///{copy}", "team", "pair", "--json"])
        samples.append(seconds)
        [round_] = json.loads(out)["rounds"]
        people = [p["email"] for g in round_["groups"] for p in g]
        assert len(people) == len(set(people)) == n, "somebody was left out"
        sizes = sorted({len(g) for g in round_["groups"]})
        stats = round_["stats"]
    cross = 100 * stats["cross_department"] / stats["pairs"]
    local = 100 * stats["same_location"] / stats["pairs"]
    print(
        f"n={n:,}: group sizes {sizes}, nobody left out; "
        f"{cross:.1f}% across departments, {local:.1f}% same location"
    )
    return (
        f"einhorn team pair --json, {n:,} people",
        statistics.median(samples),
        None,
        "≤ 5000 ms",
    )


def main() -> None:
    print(f"machine: {machine()}")
    quality()
    floor = time_process([sys.executable, "-c", "import typer, sqlalchemy"], runs=RUNS)
    rows = [speed(10_000), speed(10_001)]
    report(
        "one round, whole process (median of 3 runs)",
        [
            *[(what, seconds, floor, target) for what, seconds, _none, target in rows],
            ("python -c 'import typer, sqlalchemy' (floor)", floor, None, ""),
        ],
    )


if __name__ == "__main__":
    main()
