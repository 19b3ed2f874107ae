"""Round-robin constructions: schedules of perfect matchings in which no pair meets twice.

Sequential maximum-weight matching alone can paint itself into a corner: after about n/2
rounds the pairs not yet used need not contain a perfect matching any more, and it stops
short of the n − 1 rounds a complete schedule has. These classical constructions give the
whole schedule up front; team pairing uses it as a lookahead weight (``planning.team``).

Items are opaque here (member indices in practice); every function is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")
Round = list[tuple[T, T]]


def circle_rounds(items: Sequence[T]) -> list[Round[T]]:
    """The circle method (a 1-factorisation of K_n): n − 1 rounds for an even n, each pairing
    everybody, every pair exactly once. One item stays put, the others turn round it."""
    n = len(items)
    if n % 2:
        raise ValueError("the circle method needs an even number of items")
    if n == 0:
        return []
    fixed, others = items[-1], items[:-1]
    size = n - 1
    rounds: list[Round[T]] = []
    for r in range(size):
        pairs = [(fixed, others[r])]
        pairs += [(others[(r + i) % size], others[(r - i) % size]) for i in range(1, n // 2)]
        rounds.append(pairs)
    return rounds


def cross_group_rounds(groups: Sequence[Sequence[T]]) -> list[Round[T]] | None:
    """For k groups (departments) of the same size m: (k − 1)·m rounds of pairs that each join
    two different groups, every such pair exactly once — the most a member of a group of m
    can have among n = k·m people. None when no such construction applies (sizes differ,
    fewer than two groups, or k and m both odd, where n is odd).

    A 1-factorisation of the groups says which two groups meet in a block of rounds; within
    a block, the Latin-square rotation i ↦ (i + s) mod m pairs each member of one group with
    each member of the other once. For an odd k the groups are halved first: 2k halves, a
    1-factorisation of K_2k whose first factor joins each half to its sibling (dropped), and
    rotations of m/2 — again (2k − 2)·m/2 = (k − 1)·m rounds.
    """
    k = len(groups)
    sizes = {len(group) for group in groups}
    if k < 2 or len(sizes) != 1 or 0 in sizes:
        return None
    m = sizes.pop()
    if k % 2 == 0:
        return _blocks([list(g) for g in groups], circle_rounds(list(range(k))))
    if m % 2:
        return None
    half = m // 2
    halves = [list(g[:half]) for g in groups] + [list(g[half:]) for g in groups]
    # Siblings j and k + j must meet in the circle method's first round, which pairs the
    # fixed item with others[0] and others[i] with others[-i]: place them so.
    others = [k - 1] + [0] * (2 * k - 2)
    for j in range(k - 1):
        others[1 + j] = j
        others[2 * k - 2 - j] = k + j
    order = [*others, 2 * k - 1]
    group_rounds = circle_rounds(order)[1:]
    return _blocks(halves, group_rounds)


def _blocks(groups: list[list[T]], group_rounds: list[Round[int]]) -> list[Round[T]]:
    m = len(groups[0])
    rounds: list[Round[T]] = []
    for meeting in group_rounds:
        for shift in range(m):
            rounds.append(
                [(groups[a][i], groups[b][(i + shift) % m]) for a, b in meeting for i in range(m)]
            )
    return rounds


def within_group_rounds(groups: Sequence[Sequence[T]]) -> list[Round[T]] | None:
    """Every group's own circle method side by side: m − 1 rounds of same-group pairs, for
    groups of the same even size m (after the cross-group rounds, the pairs that are left)."""
    sizes = {len(group) for group in groups}
    if len(sizes) != 1 or sizes.pop() % 2:
        return None
    per_group = [circle_rounds(list(group)) for group in groups]
    return [[p for rounds in per_group for p in rounds[r]] for r in range(len(per_group[0]))]
