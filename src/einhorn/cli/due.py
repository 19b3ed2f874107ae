"""``einhorn due``: who is due or overdue, most urgent first, unicorns first on ties."""

from typing import Annotated

import typer

from einhorn.cli.context import MAX_ROWS, in_range, opened_app, today
from einhorn.cli.output import console, print_json, say
from einhorn.cli.render import due_table
from einhorn.domain.due import DUE_SOON_DAYS
from einhorn.i18n import format_date
from einhorn.i18n import gettext as _
from einhorn.interchange.json_export import due_entry_to_dict
from einhorn.services.due import list_due, open_follow_ups
from einhorn.services.strategy import review_due_on


def register(app: typer.Typer) -> None:
    @app.command(
        "due",
        help=_(
            "Who is due or overdue, most urgent first. Logging any "
            "interaction restarts a contact's countdown."
        ),
    )
    def due(
        ctx: typer.Context,
        limit: Annotated[int, typer.Option(metavar="N", help=_("Show at most N."))] = 20,
        within: Annotated[
            int, typer.Option(metavar="DAYS", help=_("Also those due within this many days."))
        ] = DUE_SOON_DAYS,
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print JSON (for scripts)."))
        ] = False,
    ) -> None:
        day = today()
        with opened_app(ctx) as app, app.uow(today()) as uow:
            entries = list_due(
                uow=uow,
                today=day,
                limit=in_range(limit, "--limit", 1, MAX_ROWS),
                horizon_days=in_range(within, "--within", 0, 365),
            )
            review_on = review_due_on(uow=uow)
            follow_ups = open_follow_ups(uow=uow, today=day, horizon_days=within)
        if as_json:
            print_json(
                {
                    "today": day.isoformat(),
                    "due": [due_entry_to_dict(e) for e in entries],
                    "review_due_on": review_on.isoformat() if review_on else None,
                    "follow_ups": [
                        {"date": f.on.isoformat(), "names": f.names, "about": f.about}
                        for f in follow_ups
                    ],
                }
            )
            return
        if not entries:
            say(_("Nobody is due. Well kept!"))
        else:
            console.print(due_table(entries))
        for follow_up in follow_ups:
            say(
                _("Follow up by {date}: {names}").format(
                    date=format_date(follow_up.on), names=", ".join(follow_up.names)
                )
                + (f" ({follow_up.about})" if follow_up.about else "")
            )
        if review_on is not None and review_on <= day:
            say(
                _("Your strategy review is due (since {date}): einhorn review").format(
                    date=format_date(review_on)
                )
            )
