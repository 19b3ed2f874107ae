"""``einhorn export json OUT``: all of the account's data in one file."""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from einhorn.cli.context import in_range, opened_app, today
from einhorn.cli.output import say
from einhorn.i18n import gettext as _
from einhorn.services.export import export_csv, export_ics, export_json, export_vcard


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_("Export your data: JSON, vCard, CSV, iCalendar."), no_args_is_help=True
    )
    app.add_typer(group, name="export")

    @group.command(
        "json", help=_("Write every contact and interaction of your account to one JSON file.")
    )
    def json_(
        ctx: typer.Context,
        out: Annotated[Path, typer.Argument(help=_("The file to write."), dir_okay=False)],
    ) -> None:
        with opened_app(ctx) as app, app.uow(today()) as uow:
            contacts, interactions = export_json(uow=uow, out=out, now=dt.datetime.now(dt.UTC))
        say(
            _("Wrote {contacts} contacts and {interactions} interactions to {out}.").format(
                contacts=contacts, interactions=interactions, out=out
            )
        )

    @group.command(
        "vcard",
        help=_(
            "Write every contact as vCard 3.0 for phones and address books; --split writes "
            "one file per contact into a folder."
        ),
    )
    def vcard(
        ctx: typer.Context,
        out: Annotated[Path, typer.Argument(help=_("The file (or with --split the folder)."))],
        split: Annotated[
            bool, typer.Option("--split", help=_("One .vcf file per contact."))
        ] = False,
    ) -> None:
        with opened_app(ctx) as app, app.uow(today()) as uow:
            count = export_vcard(uow=uow, out=out, split=split)
        say(_("Wrote {count} contacts to {out}.").format(count=count, out=out))

    @group.command(
        "csv",
        help=_(
            "Write every contact as one CSV row for spreadsheets; several values in a cell "
            "are separated by ' ::: '."
        ),
    )
    def csv_(
        ctx: typer.Context,
        out: Annotated[Path, typer.Argument(help=_("The file to write."), dir_okay=False)],
    ) -> None:
        with opened_app(ctx) as app, app.uow(today()) as uow:
            count = export_csv(uow=uow, out=out)
        say(_("Wrote {count} contacts to {out}.").format(count=count, out=out))

    @group.command(
        "ics",
        help=_(
            "Write open follow-ups and who is due in the coming weeks as calendar events "
            "with a reminder, for phone and desktop calendars."
        ),
    )
    def ics(
        ctx: typer.Context,
        out: Annotated[Path, typer.Argument(help=_("The file to write."), dir_okay=False)],
        days: Annotated[
            int, typer.Option(metavar="DAYS", help=_("How far ahead due dates go."))
        ] = 90,
    ) -> None:
        with opened_app(ctx) as app, app.uow(today()) as uow:
            count = export_ics(
                uow=uow,
                out=out,
                today=today(),
                now=dt.datetime.now(dt.UTC),
                horizon_days=in_range(days, "--days", 1, 3660),
            )
        say(_("Wrote {count} calendar events to {out}.").format(count=count, out=out))
