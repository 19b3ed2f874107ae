"""The structure of the user's network: clusters, the brokers between them, Burt's structural
holes for the user and each contact, weak ties that reach outside the user's clusters, and
the E-I index of the ties.

The ego network is the user ("me") tied to every contact — weighted by ``my_chance`` — and the
ties among the contacts, recorded and inferred, weighted by ``Edge.chance``. People on the wish
list are not in it: the user does not know them yet.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from einhorn.domain.contacts import name_key
from einhorn.domain.ids import ContactId
from einhorn.i18n import N_, gettext
from einhorn.insight.communities import DEFAULT_SEED, louvain
from einhorn.insight.graph import Network, Person, my_chance
from einhorn.insight.structure_holes import Holes, ego_holes, holes

# A tie of mine is strong from this chance on: a unicorn I have met, a flamingo met within the
# year (graph.MY_TIER_CHANCE × RECENCY); penguins and people never met are weak ties.
STRONG = 0.5
# Betweenness is exact up to this many contacts with ties; above, it is estimated from this
# many seeded source contacts (Brandes & Pich 2007): exact costs one search per contact,
# 30,000 × 302,480 steps on the benchmark network, 100 sources take 0.7 s.
EXACT_BETWEENNESS = 2_000
PIVOTS = 100
# A company or sector names a cluster when at least this share of its members have it.
DOMINANT = 1 / 3
TOP = 3


@dataclass(frozen=True, slots=True)
class Cluster:
    number: int  # 1 is the largest (``communities()`` + 1)
    members: tuple[ContactId, ...]
    sectors: tuple[tuple[str, int], ...]  # the most common, with their counts
    companies: tuple[tuple[str, int], ...]
    label: str  # the dominant company and sector: "Siemens · Industry"; "" when nothing stands out
    strong_ties: int  # my strong ties in the cluster: 0 means it lies outside my clusters

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def title(self) -> str:
        return self.label or gettext("cluster {number}").format(number=self.number)


@dataclass(frozen=True, slots=True)
class Place:
    """A contact's place in my network."""

    person: Person
    my_chance: float  # my own tie to them
    cluster: int | None  # None: no ties to my other contacts
    ties: int  # to my other contacts
    clusters: int  # clusters their ties reach, their own included
    bridges: int  # their ties into other clusters
    betweenness: float  # share of the shortest paths between my contacts that run through them
    holes: Holes | None  # in the ego network (I am one of their contacts); None: not computed

    @property
    def strong(self) -> bool:
        return self.my_chance >= STRONG


@dataclass(frozen=True, slots=True)
class EIIndex:
    """Krackhardt & Stern's E-I index: (external − internal) / all ties, from −1 (all ties
    inside the groups) to +1 (all between groups); ties weighted by their chance."""

    external: float
    internal: float
    ties: int  # ties whose ends both have a group
    expected: float | None  # the index if the same ties fell at random among these groups

    @property
    def value(self) -> float | None:
        total = self.external + self.internal
        return (self.external - self.internal) / total if total else None


@dataclass(frozen=True, slots=True)
class Structure:
    contacts: int
    ties: int  # among my contacts, inferred included
    inferred: int
    me: Holes
    clusters: list[Cluster]
    places: dict[ContactId, Place]
    brokers: list[Place]  # ties into more than one cluster, the highest betweenness first
    weak_ties: list[Place]  # weak ties of mine into clusters where I have no strong tie
    strong_ties: int
    ei_sector: EIIndex  # the ties among my contacts, by sector: the index to read
    ei_cluster: EIIndex  # by cluster: low by construction (clusters maximise inner ties)
    pivots: int | None  # betweenness estimated from this many sources; None: exact


def ego_network(network: Network) -> Network:
    """The people I know and the ties among them: the wish list left out."""
    if not any(p.wish_list for p in network.people.values()):
        return network
    people = {key: p for key, p in network.people.items() if not p.wish_list}
    edges = [e for e in network.edges if e.a in people and e.b in people]
    return Network(people, edges)


def analyse(
    network: Network, today: dt.date, *, seed: int = DEFAULT_SEED, per_contact: bool = True
) -> Structure:
    """The structure of my ego network; ``per_contact=False`` leaves out the contacts'
    effective size and constraint (the costly part) and keeps mine."""
    people = {key: p for key, p in network.people.items() if not p.wish_list}
    edges = (
        network.edges
        if len(people) == len(network.people)
        else [e for e in network.edges if e.a in people and e.b in people]
    )  # what ego_network() holds, without building its adjacency
    ids = sorted(people)
    index = {key: number for number, key in enumerate(ids)}
    mine = [my_chance(people[key], today) for key in ids]
    pairs = [(index[e.a], index[e.b]) for e in edges]
    weights = [e.chance for e in edges]
    cluster = [n + 1 if n >= 0 else None for n in louvain(len(ids), pairs, weights, seed)]
    between, pivots = betweenness(len(ids), pairs, seed)
    theirs: Sequence[Holes | None] = [None] * len(ids)
    if per_contact:  # I am node len(ids), tied to everyone
        me_too = [*pairs, *((i, len(ids)) for i in range(len(ids)))]
        *theirs, me = holes(len(ids) + 1, me_too, [*weights, *mine])
    else:
        me = ego_holes(mine, pairs, weights)
    reached, across, degree = _reach(len(ids), pairs, cluster)
    places = {
        key: Place(
            people[key],
            mine[i],
            cluster[i],
            degree[i],
            (cluster[i] is not None) + len(reached.get(i, ())),
            across[i],
            between[i],
            theirs[i],
        )
        for i, key in enumerate(ids)
    }
    clusters = _clusters([people[key] for key in ids], cluster, mine)
    sectors = [people[key].sector.strip().casefold() for key in ids]
    return Structure(
        contacts=len(ids),
        ties=len(pairs),
        inferred=sum(1 for e in edges if e.kind.inferred),
        me=me,
        clusters=clusters,
        places=places,
        brokers=_brokers(places),
        weak_ties=_weak_ties(places, clusters),
        strong_ties=sum(1 for chance in mine if chance >= STRONG),
        ei_sector=ei_index(pairs, weights, sectors),
        ei_cluster=ei_index(pairs, weights, cluster),
        pivots=pivots,
    )


def betweenness(
    size: int, pairs: list[tuple[int, int]], seed: int = DEFAULT_SEED
) -> tuple[list[float], int | None]:
    """Each node's share of the shortest paths between the others (normalised betweenness,
    unweighted: a path is as long as its hops), and the number of sources it was estimated
    from (None: exact)."""
    import igraph

    graph = igraph.Graph(n=size, edges=pairs)
    active = [node for node, degree in enumerate(graph.degree()) if degree]
    if len(active) < 3:
        return [0.0] * size, None
    pairs_between = (len(active) - 1) * (len(active) - 2) / 2
    if len(active) <= EXACT_BETWEENNESS:
        raw, scale, pivots = graph.betweenness(directed=False), 1 / pairs_between, None
    else:
        sources = random.Random(seed).sample(active, PIVOTS)
        raw = graph.betweenness(directed=False, sources=sources)
        scale, pivots = len(active) / PIVOTS / pairs_between, PIVOTS
    return [min(1.0, value * scale) for value in raw], pivots


def ei_index(
    pairs: Sequence[tuple[int, int]],
    weights: Sequence[float],
    group: Sequence[object],
) -> EIIndex:
    """The E-I index of the ties ``pairs`` (of nodes ``0 … len(group)-1``) between the groups
    ``group[node]``, each tie counted with its weight; nodes without a group (None or "") are
    left out."""
    external = internal = 0.0
    counted = 0
    for (a, b), weight in zip(pairs, weights, strict=True):
        one, other = group[a], group[b]
        if one is None or other is None or one == "" or other == "":
            continue
        counted += 1
        if one == other:
            internal += weight
        else:
            external += weight
    return EIIndex(external, internal, counted, _expected(group))


def _expected(group: Sequence[object]) -> float | None:
    """E-I if ties fell at random among the people: 1 − 2·P(both ends in one group)."""
    sizes = Counter(value for value in group if value is not None and value != "")
    people = sum(sizes.values())
    if people < 2:
        return None
    inside = sum(n * (n - 1) for n in sizes.values()) / (people * (people - 1))
    return 1 - 2 * inside


def _reach(
    size: int, pairs: Sequence[tuple[int, int]], cluster: Sequence[int | None]
) -> tuple[dict[int, set[int]], list[int], list[int]]:
    """The other clusters each node's ties reach (nodes without such ties left out), its ties
    across, and all its ties."""
    reached: dict[int, set[int]] = defaultdict(set)
    across = [0] * size
    degree = [0] * size
    for a, b in pairs:
        degree[a] += 1
        degree[b] += 1
        one, other = cluster[a], cluster[b]
        if one != other and one is not None and other is not None:
            reached[a].add(other)
            reached[b].add(one)
            across[a] += 1
            across[b] += 1
    return reached, across, degree


def _clusters(
    people: Sequence[Person], cluster: Sequence[int | None], mine: Sequence[float]
) -> list[Cluster]:
    """The clusters with their members, most common sectors and companies, my strong ties."""
    members: dict[int, list[Person]] = defaultdict(list)
    strong: Counter[int] = Counter()
    sectors: Counter[tuple[int, str]] = Counter()
    companies: Counter[tuple[int, str]] = Counter()
    company_names: dict[str, str] = {}
    for person, number, chance in zip(people, cluster, mine, strict=True):
        if number is None:
            continue
        members[number].append(person)
        strong[number] += chance >= STRONG
        if sector := person.sector.strip():
            sectors[number, sector] += 1
        if person.company_key:
            companies[number, person.company_key] += 1
            company_names.setdefault(person.company_key, person.company.strip())
    top_sectors, top_companies = _top(sectors), _top(companies)
    found = []
    for number in sorted(members):
        common_sectors = top_sectors.get(number, [])
        common_companies = [(company_names[key], n) for key, n in top_companies.get(number, [])]
        found.append(
            Cluster(
                number,
                tuple(p.id for p in members[number]),
                tuple(common_sectors),
                tuple(common_companies),
                _label(len(members[number]), common_sectors, common_companies),
                strong[number],
            )
        )
    return found


def _top(counts: Counter[tuple[int, str]]) -> dict[int, list[tuple[str, int]]]:
    """Per cluster, the ``TOP`` most common values (ties by the value)."""
    by_cluster: dict[int, list[tuple[str, int]]] = defaultdict(list)
    for (number, value), count in counts.items():
        by_cluster[number].append((value, count))
    return {n: sorted(items, key=lambda i: (-i[1], i[0]))[:TOP] for n, items in by_cluster.items()}


def _label(size: int, sectors: list[tuple[str, int]], companies: list[tuple[str, int]]) -> str:
    """ "Siemens · Industry" when a company and a sector stand out; else the two largest
    sectors; "" without any."""
    dominant = [name for name, count in (*companies[:1], *sectors[:1]) if count >= size * DOMINANT]
    return " · ".join(dominant) if dominant else ", ".join(name for name, _ in sectors[:2])


def _brokers(places: Mapping[ContactId, Place]) -> list[Place]:
    bridging = [p for p in places.values() if p.bridges]
    return sorted(
        bridging,
        key=lambda p: (
            -p.betweenness,
            -p.clusters,
            -p.bridges,
            name_key(p.person.name),
            p.person.id,
        ),
    )


def _weak_ties(places: Mapping[ContactId, Place], clusters: list[Cluster]) -> list[Place]:
    """My weak ties into clusters that hold none of my strong ties: the largest new worlds
    first, and in each the best connected contact."""
    outside = {c.number: c.size for c in clusters if not c.strong_ties}
    found = [
        p
        for p in places.values()
        if not p.strong and p.cluster is not None and p.cluster in outside
    ]
    return sorted(
        found,
        key=lambda p: (
            -outside[p.cluster or 0],
            -p.ties,
            -p.my_chance,
            name_key(p.person.name),
            p.person.id,
        ),
    )


# Rules of thumb for reading constraint: n contacts who do not know each other give 1/n, so
# below 0.1 is like more than ten contacts who do not know each other; ten contacts who all
# know each other give 0.32, three give 0.93.
OPEN, CLOSED = 0.8, 0.5  # efficiency: open from 0.8, closed below 0.5
MIN_TO_READ = 3
# An E-I index this far below what random ties would give reads as a bubble.
BUBBLE_MARGIN = 0.2


def constraint_reading(me: Holes) -> str:
    """What Burt's measures say of an ego network, as a message id.

    Read from efficiency (effective size per contact), which does not depend on the number
    of contacts; constraint does (it is about 1/n even when nobody knows anybody), so fixed
    limits on it would call every small network closed.
    """
    if me.degree < MIN_TO_READ:
        return N_("too few contacts to tell yet")
    if me.efficiency >= OPEN:
        return N_(
            "open: your contacts seldom know each other — many non-redundant ties, room to "
            "broker between them"
        )
    if me.efficiency >= CLOSED:
        return N_("in between: some of your contacts know each other")
    return N_(
        "closed: your contacts mostly know each other — trust and support, little new "
        "information; meet people outside your clusters"
    )


def ei_reading(index: EIIndex) -> str | None:
    """What an E-I index by sector says, as a message id; None without ties to judge."""
    value = index.value
    if value is None or index.expected is None:
        return None
    if value < index.expected - BUBBLE_MARGIN:
        return N_("your contacts mostly know people from their own sector: a bubble")
    return N_("your contacts' ties cross sectors about as often as chance would")
