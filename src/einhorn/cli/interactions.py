"""``einhorn log KIND REF...``: one line records a lunch, a call, a message."""

from typing import Annotated

import typer

from einhorn.cli.context import in_range, opened_app, optional_date, today
from einhorn.cli.output import print_json, say
from einhorn.domain.ids import InteractionId
from einhorn.domain.interactions import parse_kind
from einhorn.i18n import format_date
from einhorn.i18n import gettext as _
from einhorn.interchange.json_export import interaction_to_dict
from einhorn.services.contacts import MAX_ID
from einhorn.services.interactions import delete_interaction, log_interaction


def register(app: typer.Typer) -> None:
    @app.command(
        "log",
        help=_(
            'Record an interaction: einhorn log lunch "Anna" --city Köln. '
            "Kinds: lunch, coffee, call, video, message, email, meeting, "
            "event (German names work too)."
        ),
    )
    def log(
        ctx: typer.Context,
        kind: Annotated[str, typer.Argument(help=_("What happened: lunch, coffee, call, …"))],
        refs: Annotated[
            list[str],
            typer.Argument(
                metavar="REF...", help=_("One or more contacts: id or part of the name.")
            ),
        ],
        date: Annotated[
            str | None,
            typer.Option(help=_("When (2026-11-26, 26.11.2026, today, yesterday); default today.")),
        ] = None,
        note: Annotated[str, typer.Option(help=_("What you talked about."))] = "",
        city: Annotated[str, typer.Option(help=_("Where (city)."))] = "",
        place: Annotated[str, typer.Option(help=_("Where (place)."))] = "",
        follow_up: Annotated[str | None, typer.Option(help=_("Date to follow up."))] = None,
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print JSON (for scripts)."))
        ] = False,
    ) -> None:
        when = optional_date(date, "--date") or today()
        with opened_app(ctx) as app, app.uow(today()) as uow:
            logged = log_interaction(
                uow=uow,
                kind=parse_kind(kind),
                refs=refs,
                occurred_on=when,
                today=today(),
                note=note,
                city=city,
                place=place,
                follow_up_on=optional_date(follow_up, "--follow-up"),
            )
        interaction, names = logged.interaction, logged.names
        if as_json:
            print_json({**interaction_to_dict(interaction), "names": names})
            return
        say(
            _("Logged {kind} with {names} on {date} (#{id}).").format(
                kind=_(interaction.kind.label),
                names=", ".join(names),
                date=format_date(interaction.occurred_on),
                id=interaction.id,
            )
        )

    @app.command(
        "unlog", help=_("Take back a logged interaction by its id; the due dates are recalculated.")
    )
    def unlog(
        ctx: typer.Context,
        interaction_id: Annotated[
            int,
            typer.Argument(
                metavar="ID", help=_("The interaction's id, as printed by einhorn log.")
            ),
        ],
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print JSON (for scripts)."))
        ] = False,
    ) -> None:
        with opened_app(ctx) as app, app.uow(today()) as uow:
            removed = delete_interaction(
                uow=uow, interaction_id=InteractionId(in_range(interaction_id, "ID", 1, MAX_ID))
            )
        if as_json:
            print_json({"removed": interaction_to_dict(removed)})
            return
        say(
            _("Removed {kind} of {date} (#{id}).").format(
                kind=_(removed.kind.label), date=format_date(removed.occurred_on), id=removed.id
            )
        )
