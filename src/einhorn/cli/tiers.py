"""``einhorn tier REF TIER``: place a contact; German tier names work too."""

from typing import Annotated

import typer

from einhorn.cli.context import opened_app, today
from einhorn.cli.output import console, escape, print_json
from einhorn.cli.output import tier_text as render_tier
from einhorn.domain.tiers import parse_tier
from einhorn.i18n import gettext as _
from einhorn.services.contacts import set_tier


def register(app: typer.Typer) -> None:
    @app.command(
        "tier",
        help=_(
            "Put a contact into a tier: unicorn/Einhorn, flamingo or "
            "penguin/Pinguin. A way to spend time, not a verdict on "
            "people."
        ),
    )
    def tier(
        ctx: typer.Context,
        ref: Annotated[str, typer.Argument(help=_("Id or an unambiguous part of the name."))],
        tier_name: Annotated[
            str,
            typer.Argument(
                metavar="TIER",
                help=_("unicorn, flamingo, penguin (or Einhorn, Flamingo, Pinguin)."),
            ),
        ],
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print JSON (for scripts)."))
        ] = False,
    ) -> None:
        new_tier = parse_tier(tier_name)
        with opened_app(ctx) as app, app.uow(today()) as uow:
            contact, previous = set_tier(uow=uow, ref=ref, tier=new_tier)
        if as_json:
            print_json(
                {
                    "id": contact.id,
                    "display_name": contact.display_name,
                    "tier": contact.tier.value,
                    "previous_tier": previous.value,
                }
            )
            return
        console.print(
            _("{name}: {old} → {new}").format(
                name=escape(contact.display_name),
                old=render_tier(previous),
                new=render_tier(contact.tier),
            )
        )
