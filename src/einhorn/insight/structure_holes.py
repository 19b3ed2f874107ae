"""Burt's structural holes: effective size and constraint of every node at once, from the
triangles of the graph.

Why not the libraries' own functions (measured on the benchmark's ego network: the user tied
to 30,000 contacts, 302,480 ties among them, 990,306 triangles): networkx's ``constraint``
and ``effective_size`` sum over pairs of a node's neighbours — quadratic in the degree, and
the user alone has 30,000 neighbours (one node with 347 neighbours already took 48 s);
igraph's ``constraint()`` gives the same numbers but walks the neighbours of each neighbour,
so every contact pays again for the user's 30,000 ties (3.8 s for all nodes), and igraph has
no effective size. Both measures need only two sums per tie u–v over the triangles u–v–w:
igraph lists the triangles in C, numpy adds them up — 0.84 s for both measures and every
node (benchmarks/bench_structure.py).

For the user alone (the review's short section), ``ego_holes`` needs no triangles: every
contact is the user's neighbour, so the sums run over the ties among contacts, O(ties).

Weights follow Burt (1992) as networkx implements them: p_uv = w_uv / Σ_k w_uk (a node's
share of its ties' weight), and for effective size the tie to a neighbour's strongest tie.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Holes:
    """Burt's measures of one node: ``effective_size`` is the number of its contacts minus
    their redundancy (contacts who know each other count less), ``efficiency`` that share of
    its ``degree``, ``constraint`` from about 1/degree (open) to 1 and more (closed)."""

    degree: int
    effective_size: float
    constraint: float

    @property
    def efficiency(self) -> float:
        return self.effective_size / self.degree if self.degree else 0.0


NO_TIES = Holes(0, 0.0, 0.0)  # undefined for a node without ties: shown as zero


def holes(size: int, pairs: Sequence[tuple[int, int]], weights: Sequence[float]) -> list[Holes]:
    """Effective size and constraint of nodes ``0 … size-1`` of the undirected graph with the
    ties ``pairs`` (each pair once, no loops) of positive ``weights``."""
    import numpy as np

    if not pairs:
        return [NO_TIES] * size
    ends = np.asarray(pairs, dtype=np.int64).reshape(len(pairs), 2)
    weight = np.asarray(weights, dtype=np.float64)
    u, v = ends[:, 0], ends[:, 1]
    _check(size, u, v, weight)
    degree = np.bincount(u, minlength=size) + np.bincount(v, minlength=size)
    strength = np.bincount(u, weight, size) + np.bincount(v, weight, size)
    strongest = np.zeros(size)
    np.maximum.at(strongest, u, weight)
    np.maximum.at(strongest, v, weight)
    share = np.divide(1.0, strength, out=np.zeros(size), where=strength > 0)
    via, via_shared = _triangle_sums(size, pairs, ends, weight, share)
    # constraint(u) = Σ_v (p_uv + Σ_w p_uw p_wv)², the inner sum over the triangles u–v–w
    direct = weight + via_shared
    constraint = np.bincount(u, (direct * share[u]) ** 2, size) + np.bincount(
        v, (direct * share[v]) ** 2, size
    )
    # effective size(u) = Σ_v (1 − Σ_w p_uw w_vw / max_k w_vk)
    redundancy = np.bincount(u, via * share[u] / strongest[v], size) + np.bincount(
        v, via * share[v] / strongest[u], size
    )
    effective = degree - redundancy
    return [
        Holes(d, e, c) if d else NO_TIES
        for d, e, c in zip(degree.tolist(), effective.tolist(), constraint.tolist(), strict=True)
    ]


def _check(size: int, u: Any, v: Any, weight: Any) -> None:
    import numpy as np

    if len(u) and (min(u.min(), v.min()) < 0 or max(u.max(), v.max()) >= size):
        raise ValueError("a tie names a node outside the graph")
    if np.any(u == v):
        raise ValueError("a tie from a node to itself")
    if np.any(weight <= 0):
        raise ValueError("tie weights must be positive")


def _triangle_sums(
    size: int, pairs: Sequence[tuple[int, int]], ends: Any, weight: Any, share: Any
) -> tuple[Any, Any]:
    """For each tie u–v, over the triangles u–v–w: Σ w_uw·w_wv, and Σ w_uw·w_wv / s_w."""
    import igraph
    import numpy as np

    count = len(ends)
    low, high = ends.min(axis=1), ends.max(axis=1)
    keys = low * size + high
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    if np.any(sorted_keys[1:] == sorted_keys[:-1]):
        raise ValueError("the same tie twice")

    def tie(x: Any, y: Any) -> Any:
        return order[np.searchsorted(sorted_keys, np.minimum(x, y) * size + np.maximum(x, y))]

    found = igraph.Graph(n=size, edges=pairs).list_triangles()
    if not found:
        return np.zeros(count), np.zeros(count)
    corners = np.asarray(found, dtype=np.int64)
    a, b, c = corners[:, 0], corners[:, 1], corners[:, 2]
    ab, ac, bc = tie(a, b), tie(a, c), tie(b, c)
    w_ab, w_ac, w_bc = weight[ab], weight[ac], weight[bc]
    via = (
        np.bincount(ab, w_ac * w_bc, count)
        + np.bincount(ac, w_ab * w_bc, count)
        + np.bincount(bc, w_ab * w_ac, count)
    )
    via_shared = (
        np.bincount(ab, w_ac * w_bc * share[c], count)
        + np.bincount(ac, w_ab * w_bc * share[b], count)
        + np.bincount(bc, w_ab * w_ac * share[a], count)
    )
    return via, via_shared


def ego_holes(
    mine: Sequence[float], pairs: Sequence[tuple[int, int]], weights: Sequence[float]
) -> Holes:
    """The ego's measures when the ego is tied to every node ``0 … len(mine)-1`` with the
    weights ``mine``, and ``pairs`` are the ties among those nodes; O(ties)."""
    import numpy as np

    size = len(mine)
    if not size:
        return NO_TIES
    m = np.asarray(mine, dtype=np.float64)
    ends = np.asarray(pairs, dtype=np.int64).reshape(len(pairs), 2)
    weight = np.asarray(weights, dtype=np.float64)
    u, v = ends[:, 0], ends[:, 1]
    _check(size, u, v, weight)
    if np.any(m <= 0):
        raise ValueError("tie weights must be positive")
    total = m.sum()
    strength = m + np.bincount(u, weight, size) + np.bincount(v, weight, size)
    strongest = m.copy()
    np.maximum.at(strongest, u, weight)
    np.maximum.at(strongest, v, weight)
    # Σ_w m_w·w_wv / s_w: what I put into v through the contacts v knows
    flow = np.bincount(v, m[u] * weight / strength[u], size) + np.bincount(
        u, m[v] * weight / strength[v], size
    )
    # Σ_w m_w·w_vw / max_k w_vk: how much v duplicates my other contacts
    redundant = np.bincount(u, m[v] * weight / strongest[u], size) + np.bincount(
        v, m[u] * weight / strongest[v], size
    )
    constraint = float((((m + flow) / total) ** 2).sum())
    return Holes(size, float(size - redundant.sum() / total), constraint)
