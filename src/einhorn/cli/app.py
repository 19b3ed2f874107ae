"""The command tree, built after the language is known so that help texts are translated."""

from typing import Annotated

import typer
from typer.core import TyperGroup

from einhorn import __version__
from einhorn.cli import (
    accounts,
    cadence,
    contacts,
    dashboard,
    database,
    demo,
    due,
    export,
    goals,
    groups,
    imports,
    interactions,
    network_map,
    plan,
    serve,
    strategy,
    structure,
    team,
    tiers,
    ties,
)
from einhorn.cli.context import options
from einhorn.cli.framework import translate_framework
from einhorn.i18n import gettext as _


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"einhorn {__version__}")
        raise typer.Exit()


def build_app() -> TyperGroup:
    translate_framework()
    app = typer.Typer(
        name="einhorn",
        help=_(
            "einhorn — strategic networking: unicorns, flamingos, penguins and #neverlunchalone."
        ),
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        # Plain help: Typer's Rich help pulls in a Markdown parser and doubles start-up time.
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def root(
        ctx: typer.Context,
        db: Annotated[
            str | None,
            typer.Option(
                "--db",
                metavar="URL",
                help=_(
                    "Database URL (sqlite:///PATH or postgresql://USER@HOST/DB); "
                    "default: EINHORN_DATABASE_URL, else SQLite in your data folder."
                ),
            ),
        ] = None,
        lang: Annotated[
            str | None,
            typer.Option(
                "--lang",
                metavar="de|en",
                help=_("Language of the output; default: EINHORN_LANG, else the system locale."),
            ),
        ] = None,
        version: Annotated[
            bool,
            typer.Option(
                "--version",
                callback=_show_version,
                is_eager=True,
                help=_("Show the version and exit."),
            ),
        ] = False,
    ) -> None:
        opts = options(ctx)
        opts.db = db
        opts.lang = lang

    for module in (
        dashboard,
        contacts,
        tiers,
        interactions,
        due,
        cadence,
        goals,
        strategy,
        groups,
        plan,
        team,
        ties,
        structure,
        network_map,
        imports,
        export,
        demo,
        serve,
        accounts,
        database,
    ):
        module.register(app)
    command = typer.main.get_command(app)
    assert isinstance(command, TyperGroup)
    return command
