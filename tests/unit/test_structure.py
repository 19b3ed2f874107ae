"""The network's structure: Burt's measures against networkx and igraph on graphs with known
answers, the only bridge as the top broker, weak ties outside my clusters, the E-I index."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import igraph  # type: ignore[import-untyped]
import networkx as nx
import pytest

from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier
from einhorn.domain.ties import Tie
from einhorn.insight import structure as structure_module
from einhorn.insight.communities import communities, louvain
from einhorn.insight.graph import Network, Person, build_network, my_chance
from einhorn.insight.structure import (
    CLOSED,
    OPEN,
    analyse,
    betweenness,
    constraint_reading,
    ego_network,
    ei_index,
    ei_reading,
)
from einhorn.insight.structure_holes import Holes, ego_holes, holes

TODAY = dt.date(2026, 11, 27)


def _indexed(graph: nx.Graph, weight: str | None) -> tuple[int, list[tuple[int, int]], list[float]]:
    pairs = [(int(a), int(b)) for a, b in graph.edges]
    weights = [float(graph[a][b][weight]) if weight else 1.0 for a, b in graph.edges]
    return graph.number_of_nodes(), pairs, weights


KNOWN_GRAPHS = {
    "florentine families": nx.convert_node_labels_to_integers(nx.florentine_families_graph()),
    "karate club": nx.karate_club_graph(),
}


@pytest.mark.parametrize("name", KNOWN_GRAPHS)
@pytest.mark.parametrize("weight", [None, "weight"])
def test_constraint_and_effective_size_agree_with_networkx_all_nodes(
    name: str, weight: str | None
) -> None:
    graph = KNOWN_GRAPHS[name].copy()
    if weight and not all("weight" in data for *_, data in graph.edges(data=True)):
        rng = random.Random(3)  # the Florentine families have no weights: give them some
        for a, b in graph.edges:
            graph[a][b]["weight"] = rng.choice([0.2, 0.3, 0.55, 0.8])
    size, pairs, weights = _indexed(graph, weight)
    found = holes(size, pairs, weights)
    expected_constraint = nx.constraint(graph, weight=weight)
    expected_size = nx.effective_size(graph, weight=weight)
    for node in graph:
        assert found[node].constraint == pytest.approx(expected_constraint[node], rel=1e-9)
        assert found[node].effective_size == pytest.approx(expected_size[node], rel=1e-9)
        assert found[node].degree == graph.degree(node)


def test_constraint_agrees_with_igraph() -> None:
    graph = KNOWN_GRAPHS["karate club"]
    size, pairs, weights = _indexed(graph, "weight")
    expected = igraph.Graph(n=size, edges=pairs).constraint(weights=weights)
    assert [h.constraint for h in holes(size, pairs, weights)] == pytest.approx(expected)


def test_the_medici_broker_the_florentine_families() -> None:
    """Padgett's Medici: the least constrained family, the largest effective size."""
    graph = nx.florentine_families_graph()
    names = list(graph)
    index = {name: number for number, name in enumerate(names)}
    found = holes(len(names), [(index[a], index[b]) for a, b in graph.edges], [1.0] * 20)
    medici = found[index["Medici"]]
    assert min(found, key=lambda h: h.constraint) is medici
    assert max(found, key=lambda h: h.effective_size) is medici
    # six partners with one tie among them (Ridolfi–Tornabuoni): 6 − 2·1/6
    assert medici.degree == 6
    assert medici.effective_size == pytest.approx(6 - 2 * 1 / 6)


def test_closed_forms_star_and_triangle() -> None:
    star = holes(6, [(0, leaf) for leaf in range(1, 6)], [1.0] * 5)
    assert star[0].constraint == pytest.approx(1 / 5)  # Σ (1/5)² × 5
    assert (star[0].effective_size, star[0].efficiency) == (5.0, 1.0)
    assert star[1].constraint == pytest.approx(1.0)
    triangle = holes(3, [(0, 1), (0, 2), (1, 2)], [1.0] * 3)
    assert triangle[0].constraint == pytest.approx(2 * (1 / 2 + 1 / 4) ** 2)
    assert triangle[0].effective_size == pytest.approx(1.0)
    assert holes(2, [], []) == [holes(1, [], [])[0]] * 2  # no ties: zeros, not NaN


def _ego_graph(seed: int, size: int) -> tuple[list[float], list[tuple[int, int]], list[float]]:
    rng = random.Random(seed)
    graph = nx.gnp_random_graph(size, 0.12, seed=seed)
    mine = [rng.choice([0.225, 0.36, 0.45, 0.56, 0.9]) for _ in range(size)]
    pairs = [(int(a), int(b)) for a, b in graph.edges]
    return mine, pairs, [rng.choice([0.2, 0.3, 0.55, 0.8]) for _ in pairs]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_my_measures_in_linear_time_equal_the_full_computation_and_networkx(seed: int) -> None:
    mine, pairs, weights = _ego_graph(seed, 40)
    me = len(mine)
    full = holes(me + 1, [*pairs, *((i, me) for i in range(me))], [*weights, *mine])[me]
    fast = ego_holes(mine, pairs, weights)
    graph = nx.Graph()
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in zip(pairs, weights, strict=True))
    graph.add_weighted_edges_from((me, i, w) for i, w in enumerate(mine))
    assert fast.constraint == pytest.approx(full.constraint, rel=1e-12)
    assert fast.effective_size == pytest.approx(full.effective_size, rel=1e-12)
    assert fast.constraint == pytest.approx(nx.constraint(graph, [me], weight="weight")[me])
    assert fast.effective_size == pytest.approx(nx.effective_size(graph, [me], weight="weight")[me])


@pytest.mark.parametrize(
    ("pairs", "weights"),
    [([(0, 0)], [1.0]), ([(0, 1), (1, 0)], [1.0, 1.0]), ([(0, 1)], [0.0]), ([(0, 5)], [1.0])],
    ids=["loop", "twice", "zero weight", "unknown node"],
)
def test_holes_refuse_a_graph_they_would_get_wrong(
    pairs: list[tuple[int, int]], weights: list[float]
) -> None:
    with pytest.raises(ValueError):
        holes(3, pairs, weights)


# -- my network ----------------------------------------------------------------------------


def _person(
    key: int,
    name: str,
    *,
    tier: Tier = Tier.PENGUIN,
    met: int | None = None,
    company: str = "",
    sector: str = "",
    wish: bool = False,
) -> Person:
    return Person(
        ContactId(key),
        name,
        tier,
        company=company,
        company_key=company.casefold(),
        sector=sector,
        last_met=TODAY - dt.timedelta(days=met) if met is not None else None,
        wish_list=wish,
    )


def _clique(keys: range, strength: int = 3) -> list[Tie]:
    return [
        Tie.between(ContactId(a), ContactId(b), strength=strength)
        for a, b in itertools.combinations(keys, 2)
    ]


def _two_worlds_and_a_broker() -> Network:
    """Engineers 1–5 and doctors 11–15, each a clique; Xaver (20) is the only way between."""
    people = [
        _person(k, f"Engineer {k}", company="Siemens", sector="Industrie") for k in range(1, 6)
    ] + [_person(k, f"Doctor {k}", company="Charité", sector="Gesundheit") for k in range(11, 16)]
    people.append(_person(20, "Xaver Brücke", sector="Beratung"))
    ties = _clique(range(1, 6)) + _clique(range(11, 16))
    ties += [Tie.between(ContactId(20), ContactId(k), strength=2) for k in (1, 2, 11, 12)]
    return build_network(people, ties)


def test_the_only_bridge_between_two_clusters_is_the_top_broker() -> None:
    found = analyse(_two_worlds_and_a_broker(), TODAY)
    assert len(found.clusters) == 2
    top = found.brokers[0]
    assert top.person.name == "Xaver Brücke"
    assert top.clusters == 2
    assert top.betweenness > 2 * max(p.betweenness for p in found.brokers[1:])
    # all shortest paths between the 5 engineers and the 5 doctors run through Xaver
    pairs = 10 * 9 / 2
    assert top.betweenness == pytest.approx(25 / pairs)
    assert found.pivots is None
    assert {c.label for c in found.clusters} >= {"Siemens · Industrie", "Charité · Gesundheit"}


def test_every_contact_gets_burts_measures_in_my_ego_network() -> None:
    network = _two_worlds_and_a_broker()
    found = analyse(network, TODAY)
    ids = sorted(network.people)
    index = {key: i for i, key in enumerate(ids)}
    graph = nx.Graph()
    me = len(ids)
    for edge in network.edges:
        graph.add_edge(index[edge.a], index[edge.b], weight=edge.chance)
    for key in ids:
        graph.add_edge(me, index[key], weight=my_chance(network.people[key], TODAY))
    expected = nx.constraint(graph, weight="weight")
    expected_size = nx.effective_size(graph, weight="weight")
    for key, place in found.places.items():
        assert place.holes is not None
        assert place.holes.constraint == pytest.approx(expected[index[key]])
        assert place.holes.effective_size == pytest.approx(expected_size[index[key]])
    assert found.me.constraint == pytest.approx(expected[me])
    assert found.me.effective_size == pytest.approx(expected_size[me])
    # the broker is the least constrained contact
    least = min(found.places.values(), key=lambda p: p.holes.constraint if p.holes else 9)
    assert least.person.name == "Xaver Brücke"


def test_the_review_path_gives_the_same_me_without_the_contacts_measures() -> None:
    network = _two_worlds_and_a_broker()
    full, short = analyse(network, TODAY), analyse(network, TODAY, per_contact=False)
    assert short.me.constraint == pytest.approx(full.me.constraint)
    assert short.me.effective_size == pytest.approx(full.me.effective_size)
    assert all(p.holes is None for p in short.places.values())
    assert [p.person.id for p in short.brokers] == [p.person.id for p in full.brokers]


def test_the_slow_library_paths_are_never_taken(monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        raise AssertionError("the per-node path, cubic in the degree")

    monkeypatch.setattr(nx, "constraint", slow)
    monkeypatch.setattr(nx, "effective_size", slow)
    monkeypatch.setattr(nx, "local_constraint", slow)
    monkeypatch.setattr(igraph.Graph, "constraint", slow)
    found = analyse(_two_worlds_and_a_broker(), TODAY)
    assert found.me.degree == 11


def test_weak_ties_outside_my_clusters_lead_into_worlds_without_a_strong_tie() -> None:
    people = [_person(1, "Una Einhorn", tier=Tier.UNICORN, met=10, sector="Industrie")]
    people += [_person(k, f"Ingo {k}", sector="Industrie") for k in range(2, 6)]
    people += [_person(k, f"Paula {k}", sector="Gesundheit") for k in range(11, 16)]
    people.append(_person(99, "Wanda Wunsch", tier=Tier.UNICORN, wish=True))
    ties = _clique(range(1, 6)) + _clique(range(11, 16))
    ties += [Tie.between(ContactId(5), ContactId(15), strength=1)]
    ties += [Tie.between(ContactId(99), ContactId(11))]  # someone I'd like to meet: not mine
    found = analyse(build_network(people, ties), TODAY)
    assert found.contacts == 10 and found.strong_ties == 1
    mine = next(c for c in found.clusters if c.strong_ties)
    assert {found.places[m].person.name for m in mine.members} >= {"Una Einhorn"}
    names = [p.person.name for p in found.weak_ties]
    assert names[0] == "Paula 15"  # the best connected in the new world: a tie back to mine
    assert sorted(names) == [f"Paula {k}" for k in range(11, 16)]


def test_without_strong_ties_every_clustered_weak_tie_is_outside() -> None:
    people = [_person(k, f"P {k}") for k in range(1, 5)]
    found = analyse(build_network(people, _clique(range(1, 4))), TODAY)
    assert found.strong_ties == 0
    assert {p.person.id for p in found.weak_ties} == {1, 2, 3}  # 4 has no ties: no cluster


def test_the_ego_network_leaves_the_wish_list_out() -> None:
    people = [_person(1, "A"), _person(2, "B"), _person(3, "W", wish=True)]
    ties = [Tie.between(ContactId(1), ContactId(2)), Tie.between(ContactId(2), ContactId(3))]
    ego = ego_network(build_network(people, ties))
    assert set(ego.people) == {1, 2} and len(ego.edges) == 1


# -- E-I index ------------------------------------------------------------------------------


def test_ei_index_by_hand() -> None:
    """Two engineers, two doctors, one nurse without a sector: tie A1–A2 inside (weight 1),
    A1–D1 across (1), D1–D2 inside (2), D2–N left out."""
    groups = ["eng", "eng", "med", "med", ""]
    found = ei_index([(0, 1), (0, 2), (2, 3), (3, 4)], [1.0, 1.0, 2.0, 1.0], groups)
    assert (found.external, found.internal, found.ties) == (1.0, 3.0, 3)
    assert found.value == pytest.approx((1 - 3) / 4)
    # at random, a tie between 4 people in two pairs falls inside with chance 4/12
    assert found.expected == pytest.approx(1 - 2 * 4 / 12)
    assert ei_reading(found) is not None and "bubble" in ei_reading(found)  # type: ignore[operator]


def test_ei_index_without_ties_to_judge() -> None:
    found = ei_index([(0, 1)], [1.0], ["", "x"])
    assert found.value is None and ei_reading(found) is None


def test_analyse_reports_the_ei_index_by_sector() -> None:
    found = analyse(_two_worlds_and_a_broker(), TODAY)
    # across sectors: the broker's 4 ties (0.55 each); inside: 2 × 10 clique ties (0.8 each)
    assert found.ei_sector.external == pytest.approx(4 * 0.55)
    assert found.ei_sector.internal == pytest.approx(20 * 0.8)
    assert found.ei_sector.value == pytest.approx((2.2 - 16) / 18.2)


# -- clusters and betweenness ---------------------------------------------------------------


def test_louvain_is_seeded_and_matches_communities() -> None:
    network = _two_worlds_and_a_broker()
    first, again = communities(network, 7), communities(network, 7)
    assert first == again
    ids = sorted(network.people)
    index = {key: i for i, key in enumerate(ids)}
    numbers = louvain(
        len(ids),
        [(index[e.a], index[e.b]) for e in network.edges],
        [e.chance for e in network.edges],
        7,
    )
    assert {ids[i]: n for i, n in enumerate(numbers) if n >= 0} == first
    assert {first[ContactId(k)] for k in range(1, 6)} != {
        first[ContactId(k)] for k in range(11, 16)
    }


def test_betweenness_is_exact_on_small_graphs_and_estimated_on_large_ones(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    graph = nx.karate_club_graph()
    size, pairs, _weights = _indexed(graph, None)
    exact, pivots = betweenness(size, pairs)
    expected = nx.betweenness_centrality(graph)
    assert pivots is None
    assert exact == pytest.approx([expected[n] for n in graph])
    monkeypatch.setattr(structure_module, "EXACT_BETWEENNESS", 10)
    monkeypatch.setattr(structure_module, "PIVOTS", 20)
    estimated, pivots = betweenness(size, pairs)
    assert pivots == 20
    top = sorted(graph, key=lambda n: -expected[n])[:2]
    assert sorted(range(size), key=lambda n: -estimated[n])[:2] == top


def test_the_reading_follows_efficiency_not_the_size_of_the_network() -> None:
    # three contacts who do not know each other: constraint 1/3, yet wide open
    assert constraint_reading(Holes(3, 3.0, 1 / 3)).startswith("open")
    assert constraint_reading(Holes(100, 100 * (OPEN + CLOSED) / 2, 0.05)).startswith("in between")
    assert constraint_reading(Holes(100, 100 * CLOSED / 2, 0.05)).startswith("closed")
    assert constraint_reading(Holes(2, 2.0, 0.5)) == "too few contacts to tell yet"
