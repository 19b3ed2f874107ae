"""Introduction paths on hand-made networks with known answers."""

from __future__ import annotations

import datetime as dt

import pytest

from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier
from einhorn.domain.ties import Tie, TieKind
from einhorn.errors import InvalidInput
from einhorn.insight.graph import MAX_INFERRED, Person, build_network, my_chance
from einhorn.insight.intro import Neighbourhood, introduction_paths

TODAY = dt.date(2026, 11, 27)
C = ContactId


def person(
    key: int,
    tier: Tier = Tier.PENGUIN,
    *,
    company: str = "",
    met_days_ago: int | None = None,
    wish: bool = False,
) -> Person:
    last = TODAY - dt.timedelta(days=met_days_ago) if met_days_ago is not None else None
    return Person(
        C(key), f"P{key}", tier, company, company.casefold(), last_met=last, wish_list=wish
    )


def people(*persons: Person) -> dict[ContactId, Person]:
    return {p.id: p for p in persons}


def tie(a: int, b: int, strength: int = 2, kind: TieKind = TieKind.KNOWS) -> Tie:
    return Tie.between(C(a), C(b), kind, strength)


def test_strong_recent_ties_beat_long_weak_chains() -> None:
    network = people(
        person(1, Tier.UNICORN, met_days_ago=20),  # recent unicorn
        person(2, Tier.PENGUIN),  # never met
        person(3),
        person(4),
        person(9, company="Siemens"),  # the target
    )
    ties = [
        tie(1, 3, 3),
        tie(3, 9, 3),  # 1 → 3 → 9: strong
        tie(2, 9, 1),  # 2 → 9: short but weak, and 2 is barely known
        tie(4, 9, 1),
    ]
    paths = introduction_paths(Neighbourhood(network, ties), {C(9)}, TODAY)
    firsts = [p.first for p in paths]
    assert firsts[0] == C(1) and firsts.index(C(1)) < firsts.index(C(2))
    assert firsts[1] == C(9)  # a contact at the target: asked directly, if barely known
    best = paths[0]
    assert best.people == (C(1), C(3), C(9)) and best.hops == 3
    assert best.chance == pytest.approx(0.9 * 1.0 * 0.8 * 0.8)
    via_two = next(p for p in paths if p.first == C(2))
    assert via_two.chance == pytest.approx(my_chance(network[C(2)], TODAY) * 0.3)


def test_each_first_introducer_once_with_their_best_path() -> None:
    network = people(person(1, Tier.FLAMINGO, met_days_ago=400), person(2), person(3), person(9))
    ties = [tie(1, 2, 3), tie(2, 9, 3), tie(1, 3, 1), tie(3, 9, 1), tie(1, 9, 1)]
    paths = introduction_paths(Neighbourhood(network, ties), {C(9)}, TODAY, limit=10)
    firsts = [p.first for p in paths]
    assert len(firsts) == len(set(firsts))
    assert next(p for p in paths if p.first == C(1)).people == (C(1), C(2), C(9))


def test_the_only_way_in_runs_through_the_broker() -> None:
    inside = [person(k, Tier.UNICORN, met_days_ago=5) for k in range(1, 6)]
    broker = person(10, Tier.FLAMINGO, met_days_ago=100)
    # people at the target company are on the wish list: known by name, not in person
    company = [person(k, company="Target AG", wish=True) for k in range(20, 25)]
    ties = [tie(a.id, b.id, 3) for a in inside for b in inside if a.id < b.id]
    ties += [tie(1, 10, 2), tie(10, 21, 2)]
    network = people(*inside, broker, *company)
    paths = introduction_paths(Neighbourhood(network, ties), {C(20)}, TODAY, limit=10)
    # 1 → 10 → 21 → 20 would be four steps; only the broker reaches in, through a colleague
    [path] = paths
    assert path.people == (C(10), C(21), C(20))
    assert path.edges[1].kind is TieKind.SAME_COMPANY and path.edges[1].inferred


def test_a_known_target_is_one_hop_and_the_wish_list_cannot_be_asked() -> None:
    network = people(
        person(5, Tier.UNICORN, company="Bosch", met_days_ago=3),
        person(6, Tier.UNICORN, met_days_ago=3, wish=True),
        person(7, company="Bosch"),
    )
    ties = [tie(6, 7, 3)]
    paths = introduction_paths(Neighbourhood(network, ties), {C(5), C(7)}, TODAY)
    # both targets are contacts: asked directly, the better known first; the wish-list
    # person who knows 7 well is no one to ask
    assert [(p.people, p.hops) for p in paths] == [((C(5),), 1), ((C(7),), 1)]


def test_inferred_ties_are_weak_marked_and_stop_at_big_circles() -> None:
    small = [person(k, company="Klein GmbH") for k in range(1, 4)]
    big = [person(k, company="Gross AG") for k in range(100, 101 + MAX_INFERRED)]
    network = build_network([*small, *big], [tie(1, 2, 3)])
    kinds = {(e.a, e.b): e for e in network.edges}
    assert kinds[C(1), C(2)].kind is TieKind.KNOWS  # recorded beats inferred
    assert kinds[C(1), C(3)].inferred and kinds[C(1), C(3)].strength == 1
    assert not any(e.a >= 100 for e in network.edges)  # 31 at one company: no guesses


def test_a_tie_needs_two_people_and_a_strength_from_1_to_3() -> None:
    with pytest.raises(InvalidInput):
        Tie.between(C(1), C(1))
    with pytest.raises(InvalidInput):
        Tie.between(C(1), C(2), strength=4)
    assert Tie.between(C(5), C(2)).a == C(2)
