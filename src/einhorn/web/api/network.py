"""JSON endpoints: the network map's data (what the page's ``network.js`` draws), the ways
to be introduced to a target, and the structure of the network."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from einhorn.domain.network_map import MapColor, MapEdge, MapNode, NetworkMap
from einhorn.services.intro import MAX_LIMIT, TargetKind, introductions
from einhorn.services.json_views import intro_to_dict, structure_to_dict
from einhorn.services.network_map import PlacedMap, place_network_map
from einhorn.services.structure import structure
from einhorn.web.kit import signed_in, today, unit

router = APIRouter(prefix="/api/network", dependencies=[Depends(signed_in)], tags=["network"])


@router.get("/map")
def api_map(
    request: Request, color: Annotated[MapColor, Query()] = MapColor.TIER
) -> dict[str, Any]:
    """The laid-out map: every drawn person (position, radius, colour, tier, cluster) and
    tie, the legend and the texts — the same map as ``einhorn map`` and
    ``/network/map.svg``. Above 300 contacts the 300 most relevant (``shown`` < ``total``).
    """
    with unit(request) as uow:
        placed = place_network_map(uow=uow, color=color, today=today(request))
    return map_to_dict(placed, color)


def map_to_dict(placed: PlacedMap, color: MapColor) -> dict[str, Any]:
    """The map as JSON; names are data, never markup (the script puts them in as text)."""
    network_map = placed.map
    texts = network_map.texts
    return {
        "color": color.value,
        "width": network_map.width,
        "height": network_map.height,
        "shown": len(network_map.nodes),
        "total": placed.total,
        "ties": len(network_map.edges),
        "clusters": placed.clusters,
        "people": [_node(node, network_map) for node in network_map.nodes],
        "edges": [_edge(edge) for edge in network_map.edges],
        "legend": [{"color": e.color, "label": e.label} for e in network_map.legend],
        "texts": {
            "title": texts.title,
            "subtitle": texts.subtitle,
            "legend_title": texts.legend_title,
            "size_note": texts.size_note,
            "label_note": texts.label_note,
            "recorded_tie": texts.recorded_tie,
            "inferred_tie": texts.inferred_tie,
        },
    }


def _node(node: MapNode, network_map: NetworkMap) -> dict[str, Any]:
    texts = network_map.texts
    return {
        "id": node.id,
        "name": node.name,
        "x": node.x,
        "y": node.y,
        "radius": node.radius,
        "color": node.color,
        "labelled": node.labelled,
        "tier": node.tier.value,
        "tier_name": texts.tiers.get(node.tier.value, node.tier.value),
        "cluster": None if node.cluster is None else node.cluster + 1,
        "broker": node.broker,
        "ties": node.ties,
        "company": node.company,
        "position": node.position,
        "city": node.city,
    }


def _edge(edge: MapEdge) -> dict[str, Any]:
    return {"a": edge.a, "b": edge.b, "strength": edge.strength, "inferred": edge.inferred}


@router.get("/intro")
def api_intro(
    request: Request,
    target: str = Query(
        ..., min_length=1, max_length=200, description="Person, company or sector."
    ),
    kind: Annotated[
        TargetKind, Query(description="What the target is; auto guesses.")
    ] = TargetKind.AUTO,
    limit: int = Query(5, ge=1, le=MAX_LIMIT, description="At most this many ways in."),
) -> dict[str, Any]:
    """Distinct people who can introduce you to ``target``, best chance first, each way in
    as a sentence and as its people (the shape of ``einhorn intro --json``). An unknown
    target is a 404 with the reason."""
    with unit(request) as uow:
        report = introductions(uow=uow, target=target, today=today(request), kind=kind, limit=limit)
    return intro_to_dict(report)


@router.get("/structure")
def api_structure(
    request: Request,
    limit: int = Query(10, ge=1, le=1000, description="At most this many of each list."),
) -> dict[str, Any]:
    """Clusters, brokers, your effective size and constraint, weak ties outside your
    clusters and the E-I index (the keys of ``einhorn structure --json``, without every
    contact's own measures)."""
    with unit(request) as uow:
        found = structure(uow=uow, today=today(request), per_contact=False)
    return structure_to_dict(found, limit, detail=False)
