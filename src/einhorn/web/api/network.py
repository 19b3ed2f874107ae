"""JSON endpoints: the network map's data (what the page's ``network.js`` draws), the ways
to be introduced to a target, and the structure of the network."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from einhorn.domain.network_map import MapColor, MapEdge, MapNode, NetworkMap
from einhorn.i18n import gettext as _
from einhorn.insight.structure import EIIndex, Place, Structure, constraint_reading, ei_reading
from einhorn.services.intro import MAX_LIMIT, IntroReport, TargetKind, introductions
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


def intro_to_dict(report: IntroReport) -> dict[str, Any]:
    return {
        "target": report.target,
        "kind": report.kind.value,
        "targets": report.targets,
        "paths": [
            {
                "chance": round(path.chance, 4),
                "sentence": path.sentence,
                "people": [
                    {
                        "id": step.contact_id,
                        "name": step.name,
                        "about": step.about,
                        "tier": step.tier,
                        "tie_to_next": step.link.value if step.link else None,
                    }
                    for step in path.steps
                ],
            }
            for path in report.paths
        ],
    }


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
    return structure_to_dict(found, limit)


def structure_to_dict(found: Structure, limit: int) -> dict[str, Any]:
    return {
        "contacts": found.contacts,
        "ties": found.ties,
        "inferred_ties": found.inferred,
        "strong_ties": found.strong_ties,
        "me": {
            "degree": found.me.degree,
            "effective_size": round(found.me.effective_size, 3),
            "efficiency": round(found.me.efficiency, 4),
            "constraint": round(found.me.constraint, 5),
            "reading": _(constraint_reading(found.me)),
        },
        "clusters": {
            "total": len(found.clusters),
            "items": [
                {
                    "number": c.number,
                    "label": c.title,
                    "size": c.size,
                    "strong_ties": c.strong_ties,
                    "sectors": [{"name": n, "count": k} for n, k in c.sectors],
                    "companies": [{"name": n, "count": k} for n, k in c.companies],
                }
                for c in found.clusters[:limit]
            ],
        },
        "brokers": {
            "total": len(found.brokers),
            "betweenness_sources": found.pivots,
            "items": [_place(p) for p in found.brokers[:limit]],
        },
        "weak_ties_outside": {
            "total": len(found.weak_ties),
            "items": [_place(p) for p in found.weak_ties[:limit]],
        },
        "ei_index": _ei(found.ei_sector),
    }


def _place(place: Place) -> dict[str, Any]:
    person = place.person
    return {
        "id": person.id,
        "display_name": person.name,
        "tier": person.tier.value,
        "company": person.company,
        "sector": person.sector,
        "cluster": place.cluster,
        "strong": place.strong,
        "ties": place.ties,
        "clusters_reached": place.clusters,
        "ties_to_other_clusters": place.bridges,
        "betweenness": round(place.betweenness, 6),
    }


def _ei(index: EIIndex) -> dict[str, Any]:
    reading = ei_reading(index)
    return {
        "by": "sector",
        "value": None if index.value is None else round(index.value, 4),
        "expected": None if index.expected is None else round(index.expected, 4),
        "ties": index.ties,
        "reading": _(reading) if reading else None,
    }
