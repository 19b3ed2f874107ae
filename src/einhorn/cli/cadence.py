"""``einhorn cadence show|set``: how often each tier is due, for the whole account."""

from typing import Annotated

import typer

from einhorn.cli.context import opened_app, today
from einhorn.cli.output import console, new_table, print_json, tier_text
from einhorn.domain.tiers import Tier, describe_cadence, parse_cadence, parse_tier
from einhorn.i18n import gettext as _
from einhorn.services.due import get_cadence_policy, set_tier_cadence


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        help=_(
            "How often each tier is due (defaults: unicorns every 6 weeks, "
            "flamingos every 12, penguins never)."
        ),
        no_args_is_help=True,
    )
    app.add_typer(group, name="cadence")

    @group.command("show", help=_("Show the cadence of each tier."))
    def show(
        ctx: typer.Context,
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print JSON (for scripts)."))
        ] = False,
    ) -> None:
        with opened_app(ctx) as app, app.uow(today()) as uow:
            policy = get_cadence_policy(uow=uow)
        if as_json:
            print_json({tier.value: policy.days_for(tier) for tier in Tier})
            return
        table = new_table(show_edge=False, pad_edge=False)
        table.add_column(_("Tier"))
        table.add_column(_("Cadence"))
        for tier in Tier:
            table.add_row(tier_text(tier), describe_cadence(policy.days_for(tier)))
        console.print(table)

    @group.command(
        "set", help=_("Set a tier's cadence: einhorn cadence set unicorn 8w (or 56d, 2m, none).")
    )
    def set_(
        ctx: typer.Context,
        tier_name: Annotated[
            str,
            typer.Argument(
                metavar="TIER",
                help=_("unicorn, flamingo, penguin (or Einhorn, Flamingo, Pinguin)."),
            ),
        ],
        cadence: Annotated[str, typer.Argument(help=_("6w, 42d, 3m or none."))],
    ) -> None:
        tier = parse_tier(tier_name)
        days = parse_cadence(cadence)
        with opened_app(ctx) as app, app.uow(today()) as uow:
            set_tier_cadence(uow=uow, tier=tier, days=days)
        message = _("{tier}: every {cadence}") if days is not None else _("{tier}: no reminders")
        console.print(message.format(tier=tier_text(tier), cadence=describe_cadence(days)))
