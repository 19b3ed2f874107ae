"""Clusters (communities) of the user's network: Louvain on the tie graph, seeded."""

from __future__ import annotations

from einhorn.domain.ids import ContactId
from einhorn.insight.graph import Network

DEFAULT_SEED = 7


def communities(network: Network, seed: int = DEFAULT_SEED) -> dict[ContactId, int]:
    """Each contact's cluster number: 0 is the largest cluster; contacts without ties are
    left out. The same network and seed give the same clusters."""
    import networkx as nx  # only when the structure is asked for

    graph = nx.Graph()
    for edge in network.edges:
        weight = edge.chance
        graph.add_edge(edge.a, edge.b, weight=weight)
    found = nx.community.louvain_communities(graph, weight="weight", seed=seed)
    ordered = sorted(found, key=lambda c: (-len(c), min(c)))
    return {person: number for number, members in enumerate(ordered) for person in members}
