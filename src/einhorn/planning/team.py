"""Team pairing rounds: everybody in a group every round, new people across departments.

Each round is one maximum-weight matching (rustworkx, Edmonds' blossom algorithm) over the
people to pair. An edge's weight is lexicographic, each level worth more than all lower
levels of a whole round together:

1. the two have not met before (a repeat only when no perfect matching avoids it);
2. they work in different departments;
3. they work at the same location;
4. the pair belongs to the round-robin schedule (``planning.rounds``) chosen for this round;
5. a seeded random tie-breaker, so that the optimum is unique and a seed reproducible.

Level 4 is the lookahead. Sequential matching alone can get stuck before the n − 1 rounds
(or n minus the largest department with the cross-department rule) that a complete
schedule reaches; a construction that reaches them is computed for the roster, and the
round of it that has the most pairs still unmet breaks the ties. As long as the roster does
not change, the matching then follows the construction exactly, across runs too (it is
deterministic for a seed); when the roster changes, levels 1–3 still rule.

An odd number of people adds a ghost to the matching: whoever is paired with the ghost joins
the group they fit best, a group of three. ``group_size=3`` matches two thirds of the people
into pairs and assigns the others to the pairs by a second (bipartite) matching: groups of
three, one group of four when one person is left over, one pair when two are.

Large rosters (more than ``FULL_LIMIT`` people) are matched in blocks of ``BLOCK`` people,
sorted by location and with the departments spread evenly over the blocks, shuffled anew
each round: Edmonds' algorithm is cubic, and a block of 126 is matched in 10 ms or so.
The construction is not used there (it costs O(n²) per round); the blocks still avoid
repeats through level 1.
"""

from __future__ import annotations

import random
from collections.abc import Sequence, Set
from dataclasses import dataclass

from einhorn.domain.team import (
    GroupSize,
    Pair,
    RoundStats,
    TeamMember,
    group_pairs,
    pair,
    round_stats,
)
from einhorn.errors import InvalidInput
from einhorn.i18n import N_
from einhorn.planning.rounds import circle_rounds, cross_group_rounds, within_group_rounds

FULL_LIMIT = 400  # people matched as one complete graph (0.3 s at 400, 1.7 s at 600)
BLOCK = 126  # people per block above that: even, and a multiple of three
TIE_BITS = 16


@dataclass(frozen=True, slots=True)
class PlannedRound:
    """One round's groups (member ids, sorted) and how good they are."""

    number: int
    groups: list[tuple[int, ...]]
    stats: RoundStats


@dataclass(frozen=True, slots=True)
class _Scale:
    """Edge weights of one matching: each level outweighs all lower levels of a round.

    The lowest level is a seeded random tie-breaker of ``TIE_BITS`` bits per edge: rustworkx
    returns any of several optimal matchings (its hash maps are seeded per process), so
    without it equal choices would differ from run to run; with it the optimum is unique
    (all but surely) and a seed gives the same rounds on every machine.
    """

    new: int
    cross: int
    local: int
    template: int

    @classmethod
    def for_nodes(cls, count: int, tie_bits: int = 0) -> _Scale:
        level = count // 2 + 2
        template = level << tie_bits
        return cls(
            new=template * level**3,
            cross=template * level**2,
            local=template * level,
            template=template,
        )


class _Roster:
    """The people of one planning call by index (0..n-1, in the seed's order), with their
    departments and locations as small integers (-1: unknown) and the pairs met so far."""

    def __init__(self, members: Sequence[TeamMember], met: Set[Pair], seed: int) -> None:
        ordered = sorted(members, key=lambda m: (random.Random(f"{seed}:{m.key}").random(), m.key))
        self.members = ordered
        self.ids = [m.key for m in ordered]
        self.department = _codes([m.department for m in ordered])
        self.location = _codes([m.location for m in ordered])
        index = {member_id: i for i, member_id in enumerate(self.ids)}
        self.met: set[Pair] = set()
        for a, b in met:
            if a in index and b in index:
                self.met.add(pair(index[a], index[b]))

    def __len__(self) -> int:
        return len(self.ids)

    def weight(self, i: int, j: int, scale: _Scale) -> int:
        d, loc = self.department, self.location
        w = 0 if pair(i, j) in self.met else scale.new
        if d[i] >= 0 and d[j] >= 0 and d[i] != d[j]:
            w += scale.cross
        if loc[i] >= 0 and loc[i] == loc[j]:
            w += scale.local
        return w

    def record(self, groups: list[tuple[int, ...]]) -> None:
        for group in groups:
            self.met.update(group_pairs(group))


def _codes(values: list[str]) -> list[int]:
    codes: dict[str, int] = {}
    return [codes.setdefault(v.casefold(), len(codes)) if v else -1 for v in values]


def plan_rounds(
    members: Sequence[TeamMember],
    met: Set[Pair],
    *,
    rounds: int,
    first_number: int = 1,
    group_size: GroupSize = 2,
    seed: int = 0,
    lookahead: bool = True,
) -> list[PlannedRound]:
    """``rounds`` rounds for ``members`` (all of them in every round), who have met as in
    ``met`` (pairs of member ids). ``lookahead=False`` leaves out the schedule's weight
    (for the benchmark that shows why it is there)."""
    if len(members) < 2:
        raise InvalidInput(
            N_("team"), len(members), N_("at least two people are needed for a round")
        )
    roster = _Roster(members, met, seed)
    by_id = {m.key: m for m in members}
    # The schedule costs O(n²); blocks of a large roster are reshuffled every round instead.
    full = len(roster) <= FULL_LIMIT
    template = _template(roster) if lookahead and group_size == 2 and full else []
    planned: list[PlannedRound] = []
    for number in range(first_number, first_number + rounds):
        rng = random.Random(f"{seed}:round:{number}")
        everybody = list(range(len(roster)))
        blocks = [_spread(roster, everybody, rng)] if full else _blocks(roster, rng)
        chosen = _best_template_round(roster, template)
        groups: list[tuple[int, ...]] = []
        for block in blocks:
            if group_size == 3:
                groups += _trios(roster, block, number, rng)
            else:
                groups += _pairs(roster, block, chosen, rng)
        met_before = {pair(roster.ids[a], roster.ids[b]) for a, b in roster.met}
        roster.record(groups)
        as_ids = sorted(tuple(sorted(roster.ids[i] for i in group)) for group in groups)
        planned.append(PlannedRound(number, as_ids, round_stats(as_ids, by_id, met_before)))
    return planned


def _pairs(
    roster: _Roster, nodes: list[int], template: set[Pair], rng: random.Random
) -> list[tuple[int, ...]]:
    """One maximum-weight perfect matching of ``nodes`` (plus a ghost when odd)."""
    import rustworkx as rx

    ghost = len(roster)  # the template's ghost too
    odd = len(nodes) % 2 == 1
    scale = _Scale.for_nodes(len(nodes) + odd, TIE_BITS)
    d, loc, met = roster.department, roster.location, roster.met
    new, cross, local, planned = scale.new, scale.cross, scale.local, scale.template
    tie = rng.getrandbits
    edges: list[tuple[int, int, int]] = []
    for a, i in enumerate(nodes):
        di, li = d[i], loc[i]
        for b in range(a + 1, len(nodes)):
            j = nodes[b]
            key = (i, j) if i < j else (j, i)
            w = 0 if key in met else new
            if di >= 0 and d[j] >= 0 and di != d[j]:
                w += cross
            if li >= 0 and li == loc[j]:
                w += local
            if key in template:
                w += planned
            edges.append((a, b, w + tie(TIE_BITS)))
    if odd:
        best = new + cross + local  # as good as any pair: who joins a trio is for the schedule
        edges += [
            (a, len(nodes), best + planned * ((i, ghost) in template) + tie(TIE_BITS))
            for a, i in enumerate(nodes)
        ]
    graph = rx.PyGraph()
    graph.add_nodes_from(range(len(nodes) + odd))
    graph.add_edges_from(edges)
    matching = rx.max_weight_matching(graph, max_cardinality=True, weight_fn=int)
    groups: list[tuple[int, ...]] = []
    single: int | None = None
    for a, b in sorted((min(e), max(e)) for e in matching):  # a set: its order varies
        if max(a, b) == len(nodes):
            single = nodes[min(a, b)]
        else:
            groups.append((nodes[a], nodes[b]))
    if odd:
        assert single is not None
        _join_best(roster, single, groups, scale)
    return groups


def _join_best(roster: _Roster, person: int, groups: list[tuple[int, ...]], scale: _Scale) -> None:
    """``person`` joins the group they fit best (new people, other departments, same place);
    the first among equals, so the smallest group when sizes differ."""
    best = max(
        range(len(groups)),
        key=lambda g: (
            sum(roster.weight(person, other, scale) for other in groups[g]) // len(groups[g]),
            -len(groups[g]),
            -g,
        ),
    )
    groups[best] = (*groups[best], person)


def _trios(
    roster: _Roster, nodes: list[int], number: int, rng: random.Random
) -> list[tuple[int, ...]]:
    """Groups of three: pairs first, then each pair gets a third person by a bipartite
    matching. n = 3g + 1 gives one group of four, n = 3g + 2 one pair."""
    import rustworkx as rx

    if len(nodes) < 3:
        return _pairs(roster, nodes, set(), rng)
    count = len(nodes) // 3
    thirds = nodes[number % 3 :: 3][:count]  # nodes come spread over departments
    chosen = set(thirds)
    groups = _pairs(roster, [i for i in nodes if i not in chosen], set(), rng)
    scale = _Scale.for_nodes(len(nodes))
    graph = rx.PyGraph()
    graph.add_nodes_from(range(len(thirds) + len(groups)))
    graph.add_edges_from(
        [
            (
                s,
                len(thirds) + g,
                (sum(roster.weight(person, other, scale) for other in group) << TIE_BITS)
                + rng.getrandbits(TIE_BITS),
            )
            for s, person in enumerate(thirds)
            for g, group in enumerate(groups)
        ]
    )
    matching = rx.max_weight_matching(graph, max_cardinality=True, weight_fn=int)
    for a, b in sorted((min(e), max(e)) for e in matching):  # a set: its order varies
        s, g = min(a, b), max(a, b) - len(thirds)
        groups[g] = (*groups[g], thirds[s])
    return groups


def _spread(roster: _Roster, nodes: list[int], rng: random.Random) -> list[int]:
    """``nodes`` by location, each location's departments spread evenly along it (stride
    order: the t-th of a department of s people at (t + offset) / s), shuffled by ``rng``."""
    by_department: dict[tuple[int, int], list[int]] = {}
    for i in nodes:
        by_department.setdefault((roster.location[i], roster.department[i]), []).append(i)
    keyed: list[tuple[int, float, int]] = []
    for (location, _department), people in sorted(by_department.items()):
        rng.shuffle(people)
        offset = rng.random()
        keyed += [(location, (t + offset) / len(people), i) for t, i in enumerate(people)]
    keyed.sort()
    return [i for _location, _key, i in keyed]


def _blocks(roster: _Roster, rng: random.Random) -> list[list[int]]:
    order = _spread(roster, list(range(len(roster))), rng)
    blocks = [order[start : start + BLOCK] for start in range(0, len(order), BLOCK)]
    if len(blocks) > 1 and len(blocks[-1]) < BLOCK // 2:
        rest = blocks.pop()
        blocks[-1] += rest
    return blocks


def _template(roster: _Roster) -> list[list[Pair]]:
    """A schedule with no repeated pair for the whole roster (indices; the ghost is n).

    Equal departments: every cross-department pair once, then every same-department pair
    once (for an even size). Otherwise the circle method over everybody.
    """
    n = len(roster)
    departments: dict[int, list[int]] = {}
    for i in range(n):
        departments.setdefault(roster.department[i], []).append(i)
    if -1 not in departments and len(departments) > 1:
        groups = list(departments.values())
        cross = cross_group_rounds(groups)
        if cross is not None:
            return [[pair(a, b) for a, b in r] for r in cross + (within_group_rounds(groups) or [])]
    items = list(range(n)) + ([n] if n % 2 else [])
    return [[pair(a, b) for a, b in r] for r in circle_rounds(items)]


def _best_template_round(roster: _Roster, template: list[list[Pair]]) -> set[Pair]:
    """The schedule's round with the most pairs not met yet (the first of equals)."""
    if not template:
        return set()
    n, met = len(roster), roster.met
    best = max(
        range(len(template)),
        key=lambda r: (sum(b == n or (a, b) not in met for a, b in template[r]), -r),
    )
    return set(template[best])
