"""``einhorn structure``: clusters, brokers, structural holes, weak ties and the E-I index."""

from typing import Annotated

import typer

from einhorn.cli.context import MAX_ROWS, in_range, opened_app, today
from einhorn.cli.output import (
    bold,
    console,
    escape,
    new_table,
    print_json,
    progress_bar,
    say,
    tier_text,
)
from einhorn.i18n import format_number, ngettext
from einhorn.i18n import gettext as _
from einhorn.insight.structure import EIIndex, Place, Structure, constraint_reading, ei_reading
from einhorn.services.json_views import structure_to_dict
from einhorn.services.structure import structure


def register(app: typer.Typer) -> None:
    app.command(
        "structure",
        help=_(
            "The structure of your network: clusters, brokers who bridge them, Burt's "
            "effective size and constraint for you and each contact, weak ties that reach "
            "outside your clusters, and the E-I index of the ties."
        ),
    )(structure_command)


def structure_command(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help=_("Show at most this many of each list."))] = 10,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    in_range(limit, "--limit", 1, MAX_ROWS)
    with (
        opened_app(ctx) as app,
        app.uow(today()) as uow,
        progress_bar({"structure": _("Reading your network")}, enabled=not as_json) as progress,
    ):
        found = structure(uow=uow, today=today(), progress=progress)
    if as_json:
        print_json(structure_to_dict(found, limit))
        return
    _print_overview(found)
    _print_clusters(found, limit)
    _print_brokers(found, limit)
    _print_me(found)
    _print_weak_ties(found, limit)
    _print_ei(found.ei_sector)


def _print_overview(found: Structure) -> None:
    say(
        _(
            "Your network: {contacts} contacts, {ties} ties among them ({inferred} inferred)."
        ).format(
            contacts=format_number(found.contacts, 0),
            ties=format_number(found.ties, 0),
            inferred=format_number(found.inferred, 0),
        )
        + " "
        + ngettext(
            "{count} of your ties is strong.", "{count} of your ties are strong.", found.strong_ties
        ).format(count=format_number(found.strong_ties, 0))
    )


def _print_clusters(found: Structure, limit: int) -> None:
    console.print(
        "\n" + bold(_("Clusters ({count})").format(count=format_number(len(found.clusters), 0)))
    )
    if not found.clusters:
        say(_("No clusters yet: record who knows whom with einhorn ties add."))
        return
    table = new_table()
    for header in ("#", _("Cluster"), _("Size"), _("Sectors"), _("Companies"), _("Strong ties")):
        table.add_column(header)
    for cluster in found.clusters[:limit]:
        table.add_row(
            str(cluster.number),
            escape(cluster.title),
            str(cluster.size),
            escape(", ".join(f"{name} ({count})" for name, count in cluster.sectors)),
            escape(", ".join(f"{name} ({count})" for name, count in cluster.companies)),
            str(cluster.strong_ties),
        )
    console.print(table)


def _people_table(places: list[Place], *, brokers: bool) -> None:
    table = new_table()
    headers = [_("Name"), _("Tier"), _("Cluster"), _("Ties")]
    headers += [_("Clusters reached"), _("Betweenness")] if brokers else []
    headers += [_("Effective size"), _("Constraint")]
    for header in headers:
        table.add_column(header)
    for place in places:
        row = [
            escape(place.person.name),
            tier_text(place.person.tier),
            str(place.cluster) if place.cluster is not None else "",
            str(place.ties),
        ]
        if brokers:
            row += [str(place.clusters), f"{place.betweenness:.2%}"]
        holes = place.holes
        row += (
            [format_number(holes.effective_size), format_number(holes.constraint, 3)]
            if holes
            else ["", ""]
        )
        table.add_row(*row)
    console.print(table)


def _print_brokers(found: Structure, limit: int) -> None:
    console.print(
        "\n" + bold(_("Brokers ({count})").format(count=format_number(len(found.brokers), 0)))
    )
    if not found.brokers:
        say(_("None of your contacts has ties into another cluster."))
        return
    say(_("Contacts whose ties reach other clusters, most shortest paths through them first."))
    _people_table(found.brokers[:limit], brokers=True)
    if found.pivots:
        say(
            _("Betweenness estimated from {count} contacts (exact takes too long).").format(
                count=found.pivots
            )
        )


def _print_me(found: Structure) -> None:
    me = found.me
    console.print("\n" + bold(_("You")))
    say(
        ngettext(
            "Effective size {size} of {contacts} contact (efficiency {efficiency:.0%}), "
            "constraint {constraint}: {reading}.",
            "Effective size {size} of {contacts} contacts (efficiency {efficiency:.0%}), "
            "constraint {constraint}: {reading}.",
            me.degree,
        ).format(
            size=format_number(me.effective_size),
            contacts=format_number(me.degree, 0),
            efficiency=me.efficiency,
            constraint=format_number(me.constraint, 4),
            reading=_(constraint_reading(me)),
        )
    )


def _print_weak_ties(found: Structure, limit: int) -> None:
    count = len(found.weak_ties)
    console.print(
        "\n"
        + bold(_("Weak ties outside your clusters ({count})").format(count=format_number(count, 0)))
    )
    if not found.strong_ties:
        say(_("No strong ties yet (unicorns you have met, flamingos met within the year)."))
    if not count:
        say(
            _("None: every cluster holds one of your strong ties.")
            if found.clusters
            else _("None: no clusters yet.")
        )
        return
    outside = sum(1 for c in found.clusters if not c.strong_ties)
    say(
        ngettext(
            "Contacts you know only loosely in {count} cluster without a strong tie of yours: "
            "your way into worlds you do not reach yet.",
            "Contacts you know only loosely in {count} clusters without a strong tie of yours: "
            "your way into worlds you do not reach yet.",
            outside,
        ).format(count=outside)
    )
    _people_table(found.weak_ties[:limit], brokers=False)


def _signed(value: float) -> str:
    return ("+" if value > 0 else "") + format_number(value, 2)


def _print_ei(index: EIIndex) -> None:
    console.print("\n" + bold(_("E-I index")))
    value, reading = index.value, ei_reading(index)
    if value is None:
        say(_("No ties between contacts with a known sector yet."))
        return
    text = _("The ties among your contacts, by sector: {value}").format(value=_signed(value))
    if index.expected is not None:
        text += " " + _("(random ties would give {expected})").format(
            expected=_signed(index.expected)
        )
    say(text + (f" — {_(reading)}." if reading else "."))
    say(_("−1: all ties stay inside a sector; +1: all ties cross sectors."))
