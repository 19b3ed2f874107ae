"""The network page: the map (drawn by ``static/network.js``, a server-drawn SVG without
JavaScript), the structure in words, and "who can introduce me to …".

The map's script and d3 are files of their own: the Content-Security-Policy allows scripts
from einhorn only, never inline. d3 is served from ``interchange/assets`` (where ``einhorn
map --out x.html`` inlines it from) rather than copied, so there is one vendored d3.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from einhorn.domain.network_map import MapColor
from einhorn.errors import Conflict, EinhornError, NotFound
from einhorn.i18n import format_number, ngettext
from einhorn.i18n import gettext as _
from einhorn.insight.structure import Structure, constraint_reading, ei_reading
from einhorn.interchange.network_map import svg_document
from einhorn.services.intro import TargetKind, introductions
from einhorn.services.network_map import place_network_map
from einhorn.services.structure import structure
from einhorn.web.kit import render, signed_in, today, unit

router = APIRouter(dependencies=[Depends(signed_in)])
SHOWN = 10  # clusters, brokers and weak ties listed on the page
ASSETS = {  # name → media type: what interchange/assets holds for the map
    "d3.min.js": "text/javascript; charset=utf-8",
    "d3.LICENSE": "text/plain; charset=utf-8",
}
A_DAY = "private, max-age=86400"


def words() -> dict[str, str]:
    """The network page's words in the current language."""
    return {
        "map": _("Map"),
        "color": _("Colour"),
        "by_tier": _("by tier"),
        "by_cluster": _("by cluster (community)"),
        "show": _("Show"),
        "map_hint": _(
            "Scroll or pinch to zoom, drag to move. Point at a person (or move to them with "
            "the Tab key) for their name; click to open their page."
        ),
        "map_loading": _("The map is being drawn …"),
        "map_failed": _("The interactive map could not be drawn; here is the picture."),
        "svg_link": _("Open the map as a picture (SVG)"),
        "d3_licence": _("d3 licence (ISC)"),
        "structure": _("Structure of your network"),
        "clusters": _("Clusters"),
        "no_clusters": _("No clusters yet: record who knows whom on a contact's page."),
        "cluster": _("Cluster"),
        "size": _("Size"),
        "sectors": _("Sectors"),
        "companies": _("Companies"),
        "strong_ties": _("Strong ties"),
        "brokers": _("Brokers"),
        "brokers_about": _(
            "Contacts whose ties reach other clusters, most shortest paths through them first."
        ),
        "no_brokers": _("None of your contacts has ties into another cluster."),
        "clusters_reached": _("Clusters reached"),
        "betweenness": _("Betweenness"),
        "you": _("You"),
        "effective_size": _("Effective size"),
        "efficiency": _("Efficiency"),
        "constraint": _("Constraint"),
        "weak_ties": _("Weak ties outside your clusters ({count})"),
        "weak_ties_about": _(
            "Contacts you know only loosely in clusters without a strong tie of yours: your "
            "way into worlds you do not reach yet."
        ),
        "ei_index": _("E-I index"),
        "ei_value": _("The ties among your contacts, by sector: {value}"),
        "ei_random": _("(random ties would give {expected})"),
        "no_ei": _("No ties between contacts with a known sector yet."),
        "ei_scale": _("−1: all ties stay inside a sector; +1: all ties cross sectors."),
        "size_of": _("{size} of {contacts}"),
        "no_weak_ties": _("None: every cluster holds one of your strong ties."),
        "no_weak_ties_yet": _("None: no clusters yet."),
        "intro": _("Who can introduce me to …"),
        "target": _("Person, company or sector"),
        "target_hint": _("e.g. Siemens, Anna Müller, Automobil"),
        "kind": _("What it is"),
        "kind_auto": _("guess"),
        "kind_person": _("person"),
        "kind_company": _("company"),
        "kind_sector": _("sector"),
        "find": _("Find ways in"),
        "intro_head": _("{target} ({kind}): {count} of your contacts."),
        "no_paths": _(
            "Nobody you know is tied to them yet: record who knows whom on a contact's "
            "page, or with einhorn ties add."
        ),
        "not_found_hint": _(
            "Try a part of the name, or say what it is: person, company or sector."
        ),
        "chance": _("chance {percent} %"),
        "way": _("The way in"),
    }


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    color: Annotated[MapColor, Query()] = MapColor.TIER,
    target: str = Query("", max_length=200),
    kind: Annotated[TargetKind, Query()] = TargetKind.AUTO,
) -> HTMLResponse:
    """The map, the structure and, with a ``target``, the ways to be introduced."""
    day = today(request)
    found: Structure | None = None
    empty = report = None
    intro_error = ""
    status = 200
    with unit(request) as uow:
        try:
            found = structure(uow=uow, today=day, per_contact=False)
        except Conflict as exc:  # no contacts yet: say so instead of a map
            empty = str(exc)
        if target.strip():
            try:
                report = introductions(uow=uow, target=target, today=day, kind=kind)
            except EinhornError as exc:  # unknown or empty target: the form says why
                intro_error = str(exc)
                status = 404 if isinstance(exc, NotFound) else 400
    return render(
        request,
        "network.html",
        words=words(),
        status_code=status,
        color=color,
        colors=list(MapColor),
        kinds=list(TargetKind),
        found=found,
        empty=empty,
        summary=summary(found) if found else [],
        readings=_readings(found) if found else {},
        shown=SHOWN,
        target=target,
        kind=kind,
        report=report,
        intro_error=intro_error,
        not_found=status == 404,
    )


def summary(found: Structure) -> list[str]:
    """The map in sentences, for everyone who cannot see it (and the picture's alt text)."""
    lines = [
        _(
            "Your network: {contacts} contacts, {ties} ties among them ({inferred} inferred)."
        ).format(
            contacts=format_number(found.contacts, 0),
            ties=format_number(found.ties, 0),
            inferred=format_number(found.inferred, 0),
        )
    ]
    if found.clusters:
        largest = ", ".join(f"{c.title} ({format_number(c.size, 0)})" for c in found.clusters[:3])
        lines.append(
            ngettext(
                "{count} cluster: {largest}.",
                "{count} clusters, the largest: {largest}.",
                len(found.clusters),
            ).format(count=format_number(len(found.clusters), 0), largest=largest)
        )
    if found.brokers:
        lines.append(
            _("Brokers between your clusters: {names}").format(
                names=", ".join(p.person.name for p in found.brokers[:3])
            )
        )
    return lines


def _readings(found: Structure) -> dict[str, str]:
    reading = ei_reading(found.ei_sector)
    return {
        "constraint": _(constraint_reading(found.me)),
        "ei": _(reading) if reading else "",
    }


@router.get("/network/map.svg")
def map_svg(request: Request, color: Annotated[MapColor, Query()] = MapColor.TIER) -> Response:
    """The map as a picture: the page's map without JavaScript, and a download."""
    with unit(request) as uow:
        placed = place_network_map(uow=uow, color=color, today=today(request))
    return Response(
        svg_document(placed.map),
        media_type="image/svg+xml",
        headers={"Content-Disposition": 'inline; filename="network.svg"'},
    )


@router.get("/network/{name}")
def map_asset(name: str) -> Response:
    """The vendored d3 and its licence, from ``interchange/assets`` (one copy of d3)."""
    media_type = ASSETS.get(name)
    if media_type is None:
        raise HTTPException(status_code=404)
    return Response(_asset(name), media_type=media_type, headers={"Cache-Control": A_DAY})


@cache
def _asset(name: str) -> bytes:
    return resources.files("einhorn.interchange").joinpath("assets", name).read_bytes()
