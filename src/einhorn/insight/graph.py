"""The user's network as a graph: contacts, the ties the user recorded, the weak ties einhorn
infers, and the user's own tie to each contact.

Inferred ties are weak (strength 1) and marked: same company now, same group, met at the same
event. A company, group or event with more than ``MAX_INFERRED`` of the user's contacts
infers nothing — in a company of 500 people nobody knows everybody, and the cliques would
drown the real structure.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier
from einhorn.domain.ties import Tie, TieKind

MAX_INFERRED = 30
# The chance that a tie carries an introduction, by strength (inferred ties are strength 1).
TIE_CHANCE = {1: 0.3, 2: 0.55, 3: 0.8}
INFERRED_CHANCE = 0.2
# The chance that the user's own contact makes an introduction, by tier and recency.
MY_TIER_CHANCE = {Tier.UNICORN: 0.9, Tier.FLAMINGO: 0.7, Tier.PENGUIN: 0.45}
RECENCY = ((90, 1.0), (365, 0.8))  # met within 90 days: ×1.0; within a year: ×0.8
OLD = 0.6  # longer ago
NEVER_MET = 0.5


@dataclass(slots=True)  # not frozen: 30,000 of them are made per question, three times faster
class Person:
    id: ContactId
    name: str
    tier: Tier
    company: str = ""
    company_key: str = ""  # folded, legal form dropped: "siemens" for "Siemens AG"
    sector: str = ""
    position: str = ""
    city: str = ""
    last_met: dt.date | None = None
    wish_list: bool = False


@dataclass(slots=True)
class Edge:
    a: ContactId
    b: ContactId
    kind: TieKind
    strength: int

    @property
    def inferred(self) -> bool:
        return self.kind.inferred

    @property
    def chance(self) -> float:
        """How likely an introduction along this tie works."""
        return INFERRED_CHANCE if self.inferred else TIE_CHANCE[self.strength]

    def other(self, person: ContactId) -> ContactId:
        return self.b if person == self.a else self.a


@dataclass(slots=True)
class Network:
    people: dict[ContactId, Person]
    edges: list[Edge]
    adjacency: dict[ContactId, list[Edge]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        adjacency: dict[ContactId, list[Edge]] = defaultdict(list)
        for edge in self.edges:
            adjacency[edge.a].append(edge)
            adjacency[edge.b].append(edge)
        self.adjacency = dict(adjacency)

    def neighbours(self, person: ContactId) -> list[Edge]:
        return self.adjacency.get(person, [])


def my_chance(person: Person, today: dt.date) -> float:
    """How likely the user's own contact with ``person`` carries a request for an introduction:
    the tier, and how recently they met."""
    if person.last_met is None:
        return MY_TIER_CHANCE[person.tier] * NEVER_MET
    days = (today - person.last_met).days
    recency = next((factor for limit, factor in RECENCY if days <= limit), OLD)
    return MY_TIER_CHANCE[person.tier] * recency


def build_network(
    people: Iterable[Person],
    ties: Iterable[Tie],
    groups: Mapping[int, Sequence[ContactId]] | None = None,
    events: Iterable[Sequence[ContactId]] = (),
) -> Network:
    """The network: recorded ties, and weak ties inferred from companies, groups and events
    (a recorded tie wins over an inferred one of the same pair)."""
    by_id = {p.id: p for p in people}
    edges: dict[tuple[ContactId, ContactId], Edge] = {}

    def infer(members: Iterable[ContactId], kind: TieKind) -> None:
        known = sorted({m for m in members if m in by_id})
        if len(known) > MAX_INFERRED:
            return
        for a, b in itertools.combinations(known, 2):
            edges.setdefault((a, b), Edge(a, b, kind, 1))

    companies: dict[str, list[ContactId]] = defaultdict(list)
    for person in by_id.values():
        if person.company_key:
            companies[person.company_key].append(person.id)
    recorded = [t for t in ties if t.a in by_id and t.b in by_id]
    for tie in recorded:
        edges[tie.a, tie.b] = Edge(tie.a, tie.b, tie.kind, tie.strength)
    for staff in companies.values():
        infer(staff, TieKind.SAME_COMPANY)
    for members in (groups or {}).values():
        infer(members, TieKind.SAME_GROUP)
    for met in events:
        infer(met, TieKind.SAME_EVENT)
    return Network(by_id, list(edges.values()))
