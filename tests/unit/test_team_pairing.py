"""Team pairing: the round-robin constructions and the matching rounds built on them."""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from einhorn.domain.team import Pair, TeamMember, group_pairs
from einhorn.errors import InvalidInput
from einhorn.planning import team as planner
from einhorn.planning.rounds import circle_rounds, cross_group_rounds, within_group_rounds
from einhorn.planning.team import PlannedRound, plan_rounds


def people(
    n: int, departments: list[str] | None = None, locations: list[str] | None = None
) -> list[TeamMember]:
    return [
        TeamMember(
            name=f"Person {i}",
            email=f"p{i}@example.com",
            department=departments[i] if departments else "",
            location=locations[i] if locations else "",
            id=i + 1,
        )
        for i in range(n)
    ]


def equal_departments(k: int, m: int) -> list[str]:
    return [f"D{i // m}" for i in range(k * m)]


def rounds_without_repeat(rounds: list[PlannedRound]) -> int:
    return next((r.number - 1 for r in rounds if r.stats.repeated), len(rounds))


def assert_everybody_once(round_: PlannedRound, members: list[TeamMember]) -> None:
    seen = Counter(i for group in round_.groups for i in group)
    assert set(seen) == {m.key for m in members} and set(seen.values()) == {1}


@pytest.mark.parametrize("n", [2, 4, 10, 64])
def test_the_circle_method_pairs_everybody_with_everybody_exactly_once(n: int) -> None:
    rounds = circle_rounds(list(range(n)))
    assert len(rounds) == n - 1
    for pairs in rounds:
        assert sorted(x for p in pairs for x in p) == list(range(n))
    met = Counter(frozenset(p) for pairs in rounds for p in pairs)
    assert len(met) == n * (n - 1) // 2 and set(met.values()) == {1}


@pytest.mark.parametrize(("k", "m"), [(2, 5), (4, 3), (6, 10), (3, 4), (5, 2), (7, 6)])
def test_equal_departments_meet_across_in_k_minus_one_times_m_rounds(k: int, m: int) -> None:
    groups = [[(d, i) for i in range(m)] for d in range(k)]
    rounds = cross_group_rounds(groups)
    assert rounds is not None and len(rounds) == (k - 1) * m
    met: set[frozenset[tuple[int, int]]] = set()
    for pairs in rounds:
        assert len({x for p in pairs for x in p}) == k * m  # everybody, once
        for a, b in pairs:
            assert a[0] != b[0]
            assert frozenset((a, b)) not in met
            met.add(frozenset((a, b)))
    inside = within_group_rounds(groups)
    if m % 2 == 0:
        assert inside is not None and len(inside) == m - 1
        assert all(a[0] == b[0] for pairs in inside for a, b in pairs)
    else:
        assert inside is None


def test_no_construction_where_none_exists() -> None:
    assert cross_group_rounds([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) is None  # n odd
    assert cross_group_rounds([[1, 2], [3, 4, 5, 6]]) is None  # sizes differ
    assert cross_group_rounds([[1, 2]]) is None


def test_64_people_meet_everybody_in_63_rounds_without_a_repeat() -> None:
    members = people(64)
    rounds = plan_rounds(members, set(), rounds=64)
    assert rounds_without_repeat(rounds) == 63
    for round_ in rounds:
        assert_everybody_once(round_, members)
        assert round_.stats.groups == 32


def test_six_departments_of_ten_meet_across_departments_for_fifty_rounds() -> None:
    members = people(60, equal_departments(6, 10))
    rounds = plan_rounds(members, set(), rounds=59)
    all_across = next((r.number - 1 for r in rounds if r.stats.cross_department < 30), 59)
    assert all_across == 50  # n minus the largest department: the optimum
    assert rounds_without_repeat(rounds) == 59  # then the same-department pairs, once each


def test_the_next_run_continues_the_schedule_without_repeats() -> None:
    members = people(20, equal_departments(4, 5))
    first = plan_rounds(members, set(), rounds=7, seed=3)
    met = {p for r in first for g in r.groups for p in group_pairs(g)}
    then = plan_rounds(members, met, rounds=8, first_number=8, seed=3)
    assert [r.number for r in then] == list(range(8, 16))
    assert sum(r.stats.repeated for r in then) == 0
    assert all(r.stats.cross_department == r.stats.pairs for r in then)
    assert first + then == plan_rounds(members, set(), rounds=15, seed=3)  # as in one run


def test_the_same_seed_gives_the_same_rounds_and_another_seed_others() -> None:
    members = people(30, [f"D{i % 4}" for i in range(30)])
    same = plan_rounds(members, set(), rounds=3, seed=7)
    assert same == plan_rounds(members, set(), rounds=3, seed=7)
    assert same != plan_rounds(members, set(), rounds=3, seed=8)


@pytest.mark.parametrize("n", [3, 5, 11, 63])
def test_an_odd_count_gives_one_group_of_three_and_leaves_nobody_out(n: int) -> None:
    members = people(n, [f"D{i % 3}" for i in range(n)])
    for round_ in plan_rounds(members, set(), rounds=4):
        assert_everybody_once(round_, members)
        assert sorted(len(g) for g in round_.groups) == [2] * (n // 2 - 1) + [3]


@pytest.mark.parametrize(("n", "sizes"), [(9, [3, 3, 3]), (10, [3, 3, 4]), (11, [2, 3, 3, 3])])
def test_groups_of_three_take_a_four_or_a_pair_for_the_rest(n: int, sizes: list[int]) -> None:
    members = people(n, [f"D{i % 4}" for i in range(n)])
    for round_ in plan_rounds(members, set(), rounds=3, group_size=3):
        assert_everybody_once(round_, members)
        assert sorted(len(g) for g in round_.groups) == sizes


def test_groups_of_three_avoid_repeats_while_they_can() -> None:
    members = people(30, [f"D{i % 5}" for i in range(30)])
    rounds = plan_rounds(members, set(), rounds=5, group_size=3)
    assert sum(r.stats.repeated for r in rounds) == 0
    assert sum(r.stats.cross_department for r in rounds) == sum(r.stats.pairs for r in rounds)


def test_500_people_in_8_departments_meet_across_departments_in_round_one() -> None:
    rng = random.Random(1)
    weights = [30, 20, 15, 10, 10, 6, 5, 4]
    departments = [f"D{rng.choices(range(8), weights)[0]}" for _ in range(500)]
    [round_] = plan_rounds(people(500, departments), set(), rounds=1)
    assert round_.stats.cross_department / round_.stats.pairs >= 0.95


def test_people_at_the_same_location_are_paired_when_departments_allow() -> None:
    departments = [f"D{i % 2}" for i in range(16)]
    locations = ["Köln"] * 8 + ["Berlin"] * 8
    [round_] = plan_rounds(people(16, departments, locations), set(), rounds=1)
    assert round_.stats.same_location == round_.stats.cross_department == 8


def test_a_pair_repeats_only_when_nothing_else_is_possible() -> None:
    members = people(4)
    rounds = plan_rounds(members, set(), rounds=4)
    assert [r.stats.repeated for r in rounds] == [0, 0, 0, 2]


def test_large_rosters_are_matched_in_blocks_with_nobody_left_out(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(planner, "FULL_LIMIT", 100)
    monkeypatch.setattr(planner, "BLOCK", 40)
    rng = random.Random(2)
    n = 301
    departments = [f"D{rng.randrange(6)}" for _ in range(n)]
    locations = [rng.choice(["Köln", "Berlin"]) for _ in range(n)]
    members = people(n, departments, locations)
    rounds = plan_rounds(members, set(), rounds=3)
    for round_ in rounds:
        assert_everybody_once(round_, members)
        assert sorted(len(g) for g in round_.groups).count(3) == 1
        assert round_.stats.repeated == 0
        assert round_.stats.cross_department >= 0.95 * round_.stats.pairs
        assert round_.stats.same_location >= 0.9 * round_.stats.pairs


def test_history_of_people_no_longer_on_the_roster_is_ignored() -> None:
    members = people(6)
    met: set[Pair] = {(1, 99), (98, 99)}
    met |= {(a.key, b.key) for a, b in itertools.combinations(members[:2], 2)}
    [round_] = plan_rounds(members, met, rounds=1)
    assert (1, 2) not in round_.groups and round_.stats.repeated == 0


def test_a_round_needs_two_people() -> None:
    with pytest.raises(InvalidInput):
        plan_rounds(people(1), set(), rounds=1)


def test_a_seed_gives_the_same_rounds_in_every_process() -> None:
    """rustworkx may return any of several optimal matchings, differently per process; the
    seeded tie-breaker makes the optimum unique."""
    script = (
        "from tests.unit.test_team_pairing import people\n"
        "from einhorn.planning.team import plan_rounds\n"
        "members = people(45, [f'D{i % 4}' for i in range(45)], ['A', 'B', 'C'] * 15)\n"
        "print([r.groups for r in plan_rounds(members, set(), rounds=3)])\n"
        "print([r.groups for r in plan_rounds(members, set(), rounds=3, group_size=3)])\n"
    )
    root = Path(__file__).parents[2]
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=root,
            env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for hash_seed in (1, 2, 3)
    }
    assert len(outputs) == 1
