"""The network map's geometry, as data: who is shown, where, how big, in which colour.

Pure: positions come from a seeded force-directed layout (networkx's Fruchterman–Reingold),
so the same network and seed give the same picture. Sizes follow relevance (tier, the goal's
relevance points, ties); colours follow the tier or the cluster. Drawing is someone else's
job (``interchange.network_map``).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from einhorn.domain.contacts import name_key
from einhorn.domain.ids import ContactId
from einhorn.domain.network_map import MapColor, MapEdge, MapNode, label_width
from einhorn.domain.tiers import Tier
from einhorn.insight.communities import DEFAULT_SEED, communities
from einhorn.insight.graph import Network

# Above ~300 people a map is a hairball: the most relevant are shown, and the map says so.
MAX_SHOWN = 300
WIDTH = 1400.0
HEIGHT = 1000.0
MARGIN = 24.0
R_MIN = 4.0
R_MAX = 16.0
# Contacts without ties sit in rows below the graph instead of flying off to its edges.
ROW_PITCH = 26.0
MIN_GRAPH_HEIGHT = 500.0

# Relevance for size and selection, on the scale of advice/rules/relevance.toml (a unicorn
# from 50 points): the tier is the user's own judgement, goal points add to it, and every
# tie counts a little, up to a cap (a well-connected penguin stays smaller than a unicorn).
TIER_POINTS = {Tier.UNICORN: 60, Tier.FLAMINGO: 30, Tier.PENGUIN: 0}
POINTS_PER_TIE = 2
MAX_TIE_POINTS = 20

TIER_COLORS = {Tier.UNICORN: "#8e3fd1", Tier.FLAMINGO: "#ec5f99", Tier.PENGUIN: "#56708a"}
# Tableau 10: distinguishable, and kind to the common colour-vision deficiencies.
CLUSTER_COLORS = (
    "#4e79a7",
    "#f28e2b",
    "#e15759",
    "#76b7b2",
    "#59a14f",
    "#edc948",
    "#b07aa1",
    "#ff9da7",
    "#9c755f",
)
OTHER_CLUSTERS = "#a0a0a0"  # the tenth cluster and beyond
NO_CLUSTER = "#d3d3d3"  # no ties on the map

# A broker's ties reach at least this many clusters (their own included), with at least
# BROKER_TIES ties outside their own; the most bridging ones get a label.
BROKER_CLUSTERS = 2
BROKER_TIES = 2
BROKER_SHARE = 25  # at most one broker label per this many people, …
MIN_BROKER_LABELS = 5  # … but at least this many
# More names than this make a map unreadable: then only the most relevant unicorns are named
# (the interactive map shows every name on hover and when zoomed in).
MAX_LABELS = 60


@dataclass(frozen=True, slots=True)
class Placed:
    """The layout: nodes and edges on a ``width`` × ``height`` canvas, and how many
    contacts the network has in all (more than the nodes when only the most relevant fit)."""

    width: float
    height: float
    nodes: tuple[MapNode, ...]
    edges: tuple[MapEdge, ...]
    total: int
    clusters: int


def relevance(tier: Tier, ties: int, goal_points: int = 0) -> float:
    """How relevant a contact is for the map: tier, goal points (never below 0), ties."""
    return float(
        TIER_POINTS[tier] + max(goal_points, 0) + min(ties * POINTS_PER_TIE, MAX_TIE_POINTS)
    )


def cluster_color(cluster: int | None) -> str:
    if cluster is None:
        return NO_CLUSTER
    return CLUSTER_COLORS[cluster] if cluster < len(CLUSTER_COLORS) else OTHER_CLUSTERS


def most_relevant(
    network: Network, goal_points: Mapping[ContactId, int], limit: int = MAX_SHOWN
) -> Network:
    """The ``limit`` most relevant people and the ties among them (all when fewer)."""
    if len(network.people) <= limit:
        return network
    degree = _degrees(network)
    ranked = sorted(
        network.people.values(),
        key=lambda p: (
            -relevance(p.tier, degree[p.id], goal_points.get(p.id, 0)),
            name_key(p.name),
            p.id,
        ),
    )
    chosen = {p.id: p for p in ranked[:limit]}
    return Network(chosen, [e for e in network.edges if e.a in chosen and e.b in chosen])


def brokers(network: Network, clusters: Mapping[ContactId, int]) -> list[ContactId]:
    """Contacts whose ties bridge clusters, the most bridging first: ties into at least
    BROKER_CLUSTERS clusters and at least BROKER_TIES ties outside their own.

    A deliberately simple measure, linear in the ties; the structure command has the
    thorough one (effective size, constraint)."""
    scored = []
    for person in network.people:
        own = clusters.get(person)
        if own is None:
            continue
        reached = Counter(clusters[e.other(person)] for e in network.neighbours(person))
        outside = sum(n for cluster, n in reached.items() if cluster != own)
        spanned = len(set(reached) | {own})
        if spanned >= BROKER_CLUSTERS and outside >= BROKER_TIES:
            scored.append((-spanned, -outside, person))
    return [person for *_, person in sorted(scored)]


def place(
    network: Network,
    *,
    color: MapColor = MapColor.TIER,
    goal_points: Mapping[ContactId, int] | None = None,
    limit: int = MAX_SHOWN,
    seed: int = DEFAULT_SEED,
    width: float = WIDTH,
    height: float = HEIGHT,
) -> Placed:
    """Lay out the ``limit`` most relevant people of ``network`` on the canvas."""
    points = goal_points or {}
    shown = most_relevant(network, points, limit)
    degree = _degrees(shown)
    clusters = communities(shown, seed) if shown.edges else {}
    bridging = brokers(shown, clusters)
    score = {
        p.id: relevance(p.tier, degree[p.id], points.get(p.id, 0)) for p in shown.people.values()
    }
    labelled = _labelled(shown, score, bridging)
    radius = _radii(score)
    tied = sorted(p for p in shown.people if degree[p])
    lonely = sorted(
        (p for p in shown.people if not degree[p]),
        key=lambda p: (-score[p], name_key(shown.people[p].name), p),
    )
    rows = _in_rows(
        [(p, label_width(shown.people[p].name) if p in labelled else 0.0) for p in lonely],
        width,
    )
    band = max((y for _, y in rows.values()), default=-ROW_PITCH / 2) + ROW_PITCH / 2
    # Many people without ties make the canvas taller rather than squeeze the graph.
    height = max(height, band + 2 * MARGIN + (MARGIN + MIN_GRAPH_HEIGHT if tied else 0))
    rows_top = height - MARGIN - band if tied else MARGIN
    graph_bottom = rows_top - MARGIN if band else height - MARGIN
    positions = _spring(shown, tied, seed, (MARGIN, MARGIN, width - MARGIN, graph_bottom))
    positions.update({p: (x, rows_top + y) for p, (x, y) in rows.items()})
    bridging_set = set(bridging)
    nodes = tuple(
        MapNode(
            id=p.id,
            name=p.name,
            x=round(positions[p.id][0], 1),
            y=round(positions[p.id][1], 1),
            radius=radius[p.id],
            color=TIER_COLORS[p.tier]
            if color is MapColor.TIER
            else cluster_color(clusters.get(p.id)),
            labelled=p.id in labelled,
            tier=p.tier,
            cluster=clusters.get(p.id),
            broker=p.id in bridging_set,
            relevance=score[p.id],
            ties=degree[p.id],
            company=p.company,
            position=p.position,
            city=p.city,
        )
        # smallest first, so that the big ones are drawn on top
        for p in sorted(shown.people.values(), key=lambda p: (score[p.id], p.id))
    )
    edges = tuple(
        MapEdge(e.a, e.b, e.strength, e.inferred)
        # inferred first: the recorded ties are drawn over them
        for e in sorted(shown.edges, key=lambda e: (not e.inferred, e.strength, e.a, e.b))
    )
    return Placed(
        width,
        height,
        nodes,
        edges,
        total=len(network.people),
        clusters=len(set(clusters.values())),
    )


def _degrees(network: Network) -> dict[ContactId, int]:
    return {p: len(network.neighbours(p)) for p in network.people}


def _radii(score: Mapping[ContactId, float]) -> dict[ContactId, float]:
    """R_MIN … R_MAX by relevance; the area grows with it (square root), never shrinks."""
    if not score:
        return {}
    low, high = min(score.values()), max(score.values())
    span = high - low
    return {
        person: round(R_MIN + (R_MAX - R_MIN) * math.sqrt((value - low) / span), 2)
        if span
        else (R_MIN + R_MAX) / 2
        for person, value in score.items()
    }


def _labelled(
    network: Network, score: Mapping[ContactId, float], bridging: Sequence[ContactId]
) -> set[ContactId]:
    """Who is named on the map: the most bridging brokers, and the unicorns, the most
    relevant first, MAX_LABELS in all."""
    brokers_named = bridging[: max(MIN_BROKER_LABELS, len(network.people) // BROKER_SHARE)]
    unicorns = sorted(
        (p for p in network.people.values() if p.tier is Tier.UNICORN),
        key=lambda p: (-score[p.id], name_key(p.name), p.id),
    )
    named = list(dict.fromkeys([*brokers_named, *(p.id for p in unicorns)]))
    return set(named[:MAX_LABELS])


def _in_rows(
    people: Sequence[tuple[ContactId, float]], width: float
) -> dict[ContactId, tuple[float, float]]:
    """People without ties in rows, like words in a line of text: each takes ROW_PITCH
    and, when named, the width of the name; y from 0 (the first row's centre is
    ROW_PITCH / 2)."""
    placed: dict[ContactId, tuple[float, float]] = {}
    x, row = MARGIN, 0
    for person, label in people:
        room = ROW_PITCH + (label + 6 if label else 0)
        if x + room > width - MARGIN and x > MARGIN:
            x, row = MARGIN, row + 1
        placed[person] = (x + ROW_PITCH / 2, row * ROW_PITCH + ROW_PITCH / 2)
        x += room
    return placed


def _spring(
    network: Network,
    people: Sequence[ContactId],
    seed: int,
    box: tuple[float, float, float, float],
) -> dict[ContactId, tuple[float, float]]:
    """Force-directed positions of ``people`` (who all have ties) fitted into ``box``.

    Strong recorded ties pull harder than inferred ones (the weight is the tie's chance of
    carrying an introduction). Separate components would drift apart without limit, so a
    faint pull to the centre (an invisible hub tied weakly to everyone) keeps them together.
    """
    if not people:
        return {}
    import networkx as nx  # only when a map is drawn

    graph = nx.Graph()
    graph.add_nodes_from(people)
    weights: dict[tuple[ContactId, ContactId], float] = defaultdict(float)
    for edge in network.edges:
        weights[edge.a, edge.b] = max(weights[edge.a, edge.b], edge.chance)
    graph.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weights.items()))
    if nx.number_connected_components(graph) > 1:
        hub = ContactId(-1)
        graph.add_weighted_edges_from((hub, person, 0.02) for person in people)
    found = nx.spring_layout(graph, seed=seed, weight="weight", iterations=80)
    found.pop(ContactId(-1), None)
    return _fit({p: (float(found[p][0]), float(found[p][1])) for p in people}, box)


def _fit(
    positions: Mapping[ContactId, tuple[float, float]], box: tuple[float, float, float, float]
) -> dict[ContactId, tuple[float, float]]:
    """Stretch ``positions`` to fill ``box`` (left, top, right, bottom); a single person
    sits in its centre.

    The span is taken between the OUTLIER_SHARE and 1 − OUTLIER_SHARE quantiles and the few
    beyond it sit on the box's edge: a contact hanging on one weak tie floats far out in a
    force layout and would otherwise squeeze everyone else into a corner."""
    left, top, right, bottom = box
    x_low, x_high = _span(sorted(x for x, _ in positions.values()))
    y_low, y_high = _span(sorted(y for _, y in positions.values()))

    def scale(value: float, low: float, high: float, start: float, end: float) -> float:
        if high <= low:
            return (start + end) / 2
        return min(max(start + (value - low) / (high - low) * (end - start), start), end)

    return {
        person: (scale(x, x_low, x_high, left, right), scale(y, y_low, y_high, top, bottom))
        for person, (x, y) in positions.items()
    }


OUTLIER_SHARE = 0.02


def _span(values: Sequence[float]) -> tuple[float, float]:
    cut = int(len(values) * OUTLIER_SHARE)
    return values[cut], values[len(values) - 1 - cut]
