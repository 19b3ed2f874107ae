"""``einhorn db upgrade|current``: the schema by hand (einhorn also upgrades on first use)."""

from typing import Annotated

import typer

from einhorn.bootstrap import database_revision, upgrade_database
from einhorn.cli.context import options
from einhorn.cli.output import print_json, say
from einhorn.config import load_settings
from einhorn.i18n import gettext as _


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_("The database schema: show its revision or upgrade it."), no_args_is_help=True
    )
    app.add_typer(group, name="db")

    def report(target: str, current: str | None, head: str, as_json: bool) -> None:
        if as_json:
            print_json(
                {
                    "database": target,
                    "current": current,
                    "head": head,
                    "up_to_date": current == head,
                }
            )
            return
        say(
            _("{database}: revision {current} (this version needs {head})").format(
                database=target, current=current or _("none"), head=head
            )
        )

    @group.command("current", help=_("Show the database and its schema revision."))
    def current(
        ctx: typer.Context,
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print JSON (for scripts)."))
        ] = False,
    ) -> None:
        opts = options(ctx)
        report(
            *database_revision(load_settings(database_url=opts.db, language=opts.lang)),
            as_json=as_json,
        )

    @group.command("upgrade", help=_("Create or upgrade the schema to this version's."))
    def upgrade(
        ctx: typer.Context,
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print JSON (for scripts)."))
        ] = False,
    ) -> None:
        opts = options(ctx)
        report(
            *upgrade_database(load_settings(database_url=opts.db, language=opts.lang)),
            as_json=as_json,
        )
