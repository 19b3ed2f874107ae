"""Draw the user's network as a map (SVG, PNG or an interactive offline HTML page)."""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from einhorn.advice.relevance import load_rules, relevance
from einhorn.domain.ids import ContactId
from einhorn.domain.network_map import LegendEntry, MapColor, MapFormat, MapTexts, NetworkMap
from einhorn.domain.tiers import Tier
from einhorn.errors import Conflict, InvalidInput
from einhorn.i18n import N_, current_language, format_number, gettext, ngettext
from einhorn.insight.communities import DEFAULT_SEED
from einhorn.insight.layout import (
    CLUSTER_COLORS,
    MAX_SHOWN,
    NO_CLUSTER,
    OTHER_CLUSTERS,
    TIER_COLORS,
    Placed,
    place,
)
from einhorn.insight.structure import ego_network
from einhorn.interchange.network_map import html_document, png_bytes, svg_document
from einhorn.services.export import write_atomically
from einhorn.services.network import load_network
from einhorn.services.ports import UnitOfWork
from einhorn.services.strategy import YEAR, GoalTargets

CAPTIONS = {
    "company": N_("Company"),
    "position": N_("Position"),
    "city": N_("City"),
    "tier": N_("Tier"),
    "cluster": N_("Cluster"),
    "ties": N_("Ties on the map"),
    "broker": N_("Broker between clusters"),
    "knows": N_("Knows"),
}


@dataclass(frozen=True, slots=True)
class MapSummary:
    out: Path
    format: MapFormat
    shown: int
    total: int
    ties: int
    clusters: int


def map_format(out: Path) -> MapFormat:
    """The format named by the file's extension; one clear error for any other."""
    try:
        return MapFormat(out.suffix.lower().removeprefix("."))
    except ValueError:
        raise InvalidInput(
            "--out", str(out), N_("the file must end in .svg, .png or .html")
        ) from None


def draw_network_map(
    *,
    uow: UnitOfWork,
    out: Path,
    color: MapColor,
    today: dt.date,
    limit: int = MAX_SHOWN,
    seed: int = DEFAULT_SEED,
) -> MapSummary:
    """Lay out the (most relevant ``limit`` of the) network and write it to ``out``."""
    file_format = map_format(out)
    placed = place_network_map(uow=uow, color=color, today=today, limit=limit, seed=seed)
    network_map = placed.map
    if file_format is MapFormat.PNG:
        write_bytes_atomically(out, png_bytes(network_map))
    elif file_format is MapFormat.HTML:
        write_atomically(out, html_document(network_map))
    else:
        write_atomically(out, svg_document(network_map))
    return MapSummary(
        out,
        file_format,
        len(network_map.nodes),
        placed.total,
        len(network_map.edges),
        placed.clusters,
    )


@dataclass(frozen=True, slots=True)
class PlacedMap:
    """A map ready to draw, and how many contacts the network has in all."""

    map: NetworkMap
    total: int
    clusters: int


def place_network_map(
    *,
    uow: UnitOfWork,
    color: MapColor,
    today: dt.date,
    limit: int = MAX_SHOWN,
    seed: int = DEFAULT_SEED,
) -> PlacedMap:
    """The laid-out map with its legend and texts, without writing a file (the web draws
    it in the page, or serves it as SVG)."""
    network = ego_network(load_network(uow=uow))  # the people I know: not the wish list
    if not network.people:
        raise Conflict(N_("No contacts to draw yet: add some, or try einhorn demo."))
    placed = place(
        network, color=color, goal_points=_goal_points(uow, today), limit=limit, seed=seed
    )
    network_map = NetworkMap(
        placed.width,
        placed.height,
        placed.nodes,
        placed.edges,
        _legend(placed, color),
        _texts(placed, color),
    )
    return PlacedMap(network_map, placed.total, placed.clusters)


def _goal_points(uow: UnitOfWork, today: dt.date) -> dict[ContactId, int]:
    """Each contact's relevance points for the current goal; none without a goal."""
    goal = uow.goals.current()
    if goal is None:
        return {}
    targets, rules = GoalTargets(goal), load_rules()
    met = uow.interactions.counts_since(today - YEAR)
    return {
        o.id: relevance(targets.facts(o, met.get(o.id, 0)), rules).points
        for o in uow.contacts.outlines()
    }


def _legend(placed: Placed, color: MapColor) -> tuple[LegendEntry, ...]:
    if color is MapColor.TIER:
        return tuple(LegendEntry(TIER_COLORS[tier], gettext(tier.label)) for tier in Tier)
    present = {node.cluster for node in placed.nodes}
    entries = [
        LegendEntry(CLUSTER_COLORS[n], gettext("Cluster {number}").format(number=n + 1))
        for n in range(len(CLUSTER_COLORS))
        if n in present
    ]
    if any(c is not None and c >= len(CLUSTER_COLORS) for c in present):
        entries.append(LegendEntry(OTHER_CLUSTERS, gettext("smaller clusters")))
    if None in present:
        entries.append(LegendEntry(NO_CLUSTER, gettext("no ties on the map")))
    return tuple(entries)


def _texts(placed: Placed, color: MapColor) -> MapTexts:
    shown, total = len(placed.nodes), placed.total
    ties = format_number(len(placed.edges), 0)
    if shown < total:
        subtitle = gettext(
            "The {shown} most relevant of your {total} contacts, {ties} ties among them"
        ).format(shown=format_number(shown, 0), total=format_number(total, 0), ties=ties)
    else:
        subtitle = ngettext(
            "{count} contact, {ties} ties", "{count} contacts, {ties} ties", shown
        ).format(count=format_number(shown, 0), ties=ties)
    return MapTexts(
        language=current_language(),
        title=gettext("Your network"),
        subtitle=subtitle,
        legend_title=gettext("Colour: tier")
        if color is MapColor.TIER
        else gettext("Colour: cluster (community)"),
        size_note=gettext("Size: relevance — tier, fit with your goal, ties."),
        label_note=gettext("Named: unicorns and brokers (contacts who bridge clusters).")
        if all(n.labelled for n in placed.nodes if n.tier is Tier.UNICORN)
        else gettext(
            "Named: brokers (contacts who bridge clusters) and the most relevant unicorns."
        ),
        recorded_tie=gettext("tie you recorded (thicker: stronger)"),
        inferred_tie=gettext("inferred: same company, group or event"),
        zoom_hint=gettext(
            "Scroll to zoom, drag to move; hover for a name, click for details. Zoom in for "
            "every name."
        ),
        captions={key: gettext(caption) for key, caption in CAPTIONS.items()},
        tiers={tier.value: gettext(tier.label) for tier in Tier},
        yes=gettext("yes"),
        cluster=gettext("Cluster {number}"),
    )


def write_bytes_atomically(path: Path, data: bytes) -> None:
    """``write_atomically`` for bytes (a PNG): beside the target, then renamed; the same
    error as every export when the folder cannot be written."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise InvalidInput("OUT", str(path), exc.strerror or str(exc)) from exc
