"""Introduction paths: which of my contacts can introduce me to a target, and through whom.

A path runs from me through up to three hops: I ask my contact (the first introducer), who
knows the target (two hops), or knows someone who knows the target (three hops); a target
I know myself is one hop. Its chance is the product of the links' chances: my own tie to
the first introducer (tier and how recently we met, ``my_chance``), then each tie's
(recorded ties by strength, inferred ones weak).

For each first introducer only the best path counts, so the answer lists distinct people to
ask, not variations of one chain. The search works backwards from the targets — the best
chance from every person to reach a target in one tie, then in two — so it touches only the
ties around the targets, never the whole network.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from einhorn.domain.ids import ContactId
from einhorn.domain.ties import Tie, TieKind
from einhorn.insight.graph import MAX_INFERRED, Edge, Person, my_chance

DEFAULT_LIMIT = 5


@dataclass(frozen=True, slots=True)
class IntroPath:
    """``people`` from the first introducer to the target; ``edges[i]`` links people i, i+1."""

    people: tuple[ContactId, ...]
    edges: tuple[Edge, ...]
    chance: float

    @property
    def hops(self) -> int:
        return len(self.people)

    @property
    def first(self) -> ContactId:
        return self.people[0]

    @property
    def target(self) -> ContactId:
        return self.people[-1]


class Neighbourhood:
    """Ties around some people: the recorded ones given, and weak ones inferred on demand
    from shared companies, groups and events (none from one with more than
    ``MAX_INFERRED`` of the user's contacts)."""

    def __init__(
        self,
        people: Mapping[ContactId, Person],
        ties: Iterable[Tie] = (),
        groups: Mapping[int, Sequence[ContactId]] | None = None,
        events: Iterable[Sequence[ContactId]] = (),
    ) -> None:
        self.people = people
        self.recorded: dict[ContactId, dict[ContactId, Edge]] = defaultdict(dict)
        self.add_ties(ties)
        self.circles: dict[ContactId, list[tuple[TieKind, tuple[ContactId, ...]]]] = defaultdict(
            list
        )
        companies: dict[str, list[ContactId]] = defaultdict(list)
        for person in people.values():
            if person.company_key:
                companies[person.company_key].append(person.id)
        circles = itertools.chain(
            ((TieKind.SAME_COMPANY, m) for m in companies.values()),
            ((TieKind.SAME_GROUP, m) for m in (groups or {}).values()),
            ((TieKind.SAME_EVENT, m) for m in events),
        )
        for kind, members in circles:
            known = tuple(sorted({m for m in members if m in people}))
            if 1 < len(known) <= MAX_INFERRED:
                for member in known:
                    self.circles[member].append((kind, known))

    def add_ties(self, ties: Iterable[Tie]) -> None:
        """More recorded ties (again is harmless)."""
        for tie in ties:
            if tie.a in self.people and tie.b in self.people:
                edge = Edge(tie.a, tie.b, tie.kind, tie.strength)
                self.recorded[tie.a][tie.b] = edge
                self.recorded[tie.b][tie.a] = edge

    def edges(self, person: ContactId) -> Iterator[Edge]:
        """Every tie of ``person``: recorded ones, then inferred ones to people not already
        tied to them."""
        recorded = self.recorded.get(person, {})
        yield from recorded.values()
        seen = set(recorded)
        for kind, members in self.circles.get(person, []):
            for other in members:
                if other != person and other not in seen:
                    seen.add(other)
                    a, b = sorted((person, other))
                    yield Edge(a, b, kind, 1)


def introduction_paths(
    neighbourhood: Neighbourhood,
    targets: Collection[ContactId],
    today: dt.date,
    *,
    limit: int = DEFAULT_LIMIT,
    askable: Collection[ContactId] | None = None,
) -> list[IntroPath]:
    """The best path for each first introducer, best chance first, at most ``limit``.

    ``askable``: whom the user can ask (default: everyone not on the wish list).
    """
    people = neighbourhood.people
    goal = set(targets)
    # best[1][v]: v's best tie to a target; best[2][v]: v's best tie to someone with best[1]
    one: dict[ContactId, tuple[float, Edge]] = {}
    for target in goal:
        for edge in neighbourhood.edges(target):
            v = edge.other(target)
            if v not in goal and edge.chance > one.get(v, (0.0, edge))[0]:
                one[v] = (edge.chance, edge)
    two: dict[ContactId, tuple[float, Edge]] = {}
    for u, (chance_u, _) in one.items():
        for edge in neighbourhood.edges(u):
            v = edge.other(u)
            if v in goal or v == u:
                continue
            chance = edge.chance * chance_u
            if chance > two.get(v, (0.0, edge))[0]:
                two[v] = (chance, edge)
    reachable = goal | one.keys() | two.keys()  # nobody else has a way in
    if askable is None:
        askable = [p for p in reachable if p in people and not people[p].wish_list]
    paths = []
    for first in (p for p in askable if p in reachable):
        mine = my_chance(people[first], today)
        path = _best_from(first, goal, one, two)
        if path is not None:
            chain, edges, onward = path
            paths.append(IntroPath(chain, edges, mine * onward))
    paths.sort(key=lambda p: (-p.chance, p.hops, people[p.first].name, p.first))
    return paths[:limit]


def _best_from(
    first: ContactId,
    goal: set[ContactId],
    one: Mapping[ContactId, tuple[float, Edge]],
    two: Mapping[ContactId, tuple[float, Edge]],
) -> tuple[tuple[ContactId, ...], tuple[Edge, ...], float] | None:
    if first in goal:
        return (first,), (), 1.0
    options: list[tuple[float, int, tuple[ContactId, ...], tuple[Edge, ...]]] = []
    if first in one:
        chance, edge = one[first]
        options.append((chance, 2, (first, edge.other(first)), (edge,)))
    if first in two:
        chance, edge = two[first]
        middle = edge.other(first)
        _, last = one[middle]
        options.append((chance, 3, (first, middle, last.other(middle)), (edge, last)))
    if not options:
        return None
    chance, _, chain, edges = max(options, key=lambda o: (o[0], -o[1]))
    return chain, edges, chance
