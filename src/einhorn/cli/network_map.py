"""``einhorn map --out network.svg|png|html``: the network as a picture or an offline page."""

from pathlib import Path
from typing import Annotated

import typer

from einhorn.cli.context import opened_app, today
from einhorn.cli.output import print_json, say
from einhorn.domain.network_map import MapColor
from einhorn.i18n import format_number
from einhorn.i18n import gettext as _


def register(app: typer.Typer) -> None:
    app.command(
        "map",
        help=_(
            "Draw your network: coloured by tier or cluster, sized by relevance, unicorns "
            "and brokers named. .svg and .png are pictures; .html is an interactive page "
            "(zoom, hover, click for details) that works offline. Above 300 contacts the "
            "most relevant 300 are shown."
        ),
    )(map_)


def map_(
    ctx: typer.Context,
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            metavar="FILE",
            dir_okay=False,
            help=_("The file to write: network.svg, network.png or network.html."),
        ),
    ],
    color: Annotated[
        MapColor,
        typer.Option(
            "--color",
            case_sensitive=False,
            help=_("Colour by tier or by cluster (community)."),
        ),
    ] = MapColor.TIER,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    from einhorn.services.network_map import draw_network_map, map_format

    map_format(out)  # a wrong extension fails before the database is opened
    with opened_app(ctx) as app, app.uow(today()) as uow:
        summary = draw_network_map(uow=uow, out=out, color=color, today=today())
    if as_json:
        print_json(
            {
                "out": str(summary.out),
                "format": summary.format.value,
                "color": color.value,
                "shown": summary.shown,
                "contacts": summary.total,
                "ties": summary.ties,
                "clusters": summary.clusters,
            }
        )
        return
    if summary.shown < summary.total:
        say(
            _("Wrote the map of your {shown} most relevant contacts (of {total}) to {out}.").format(
                shown=format_number(summary.shown, 0),
                total=format_number(summary.total, 0),
                out=out,
            )
        )
    else:
        say(
            _("Wrote the map of your {shown} contacts to {out}.").format(
                shown=format_number(summary.shown, 0), out=out
            )
        )
