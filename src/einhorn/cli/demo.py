"""``einhorn demo``: fill an empty database with a realistic synthetic network."""

from typing import Annotated

import typer

from einhorn.cli.context import opened_app, today
from einhorn.cli.output import print_json, say
from einhorn.i18n import gettext as _


def register(app: typer.Typer) -> None:
    @app.command(
        "demo",
        help=_(
            "Fill an empty database with a synthetic network: names, "
            "companies, tiers and 18 months of interactions (seeded, "
            "reproducible)."
        ),
    )
    def demo(
        ctx: typer.Context,
        contacts: Annotated[int, typer.Option(help=_("How many contacts."))] = 300,
        seed: Annotated[
            int, typer.Option(help=_("Random seed; the same seed gives the same network."))
        ] = 42,
        if_empty: Annotated[
            bool,
            typer.Option(
                "--if-empty", help=_("Do nothing when the database already has contacts.")
            ),
        ] = False,
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print JSON (for scripts)."))
        ] = False,
    ) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        from einhorn.services.demo import fill_demo  # Faker loads only when needed

        with (
            opened_app(ctx) as app,
            app.uow(today()) as uow,
            Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                transient=True,
                disable=as_json,
            ) as bar,
        ):
            task = bar.add_task(_("Creating the demo network"), total=None)
            summary = fill_demo(
                uow=uow,
                contacts=contacts,
                seed=seed,
                today=today(),
                progress=lambda done, total: bar.update(task, completed=done, total=total),
                if_empty=if_empty,
            )
        if as_json:
            print_json(
                {
                    "contacts": summary.contacts,
                    "interactions": summary.interactions,
                    "seed": summary.seed,
                    "skipped": summary.skipped,
                    "existing": summary.existing,
                }
            )
        elif summary.skipped:
            say(
                _("The database already holds {count} contacts; no demo data added.").format(
                    count=summary.existing
                )
            )
        else:
            say(
                _(
                    "Created {contacts} contacts and {interactions} interactions (seed {seed})."
                ).format(
                    contacts=summary.contacts, interactions=summary.interactions, seed=summary.seed
                )
            )
