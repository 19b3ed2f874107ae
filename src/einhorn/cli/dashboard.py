"""``einhorn dashboard``: the goal, tier counts, who is due, recent interactions."""

from typing import Annotated

import typer

from einhorn.cli.context import opened_app, today
from einhorn.cli.output import bold, console, escape, print_json, tier_text
from einhorn.cli.render import due_table
from einhorn.domain.tiers import Tier
from einhorn.i18n import format_date, format_weekday, ngettext
from einhorn.i18n import gettext as _
from einhorn.interchange.json_export import due_entry_to_dict, interaction_to_dict
from einhorn.services.dashboard import get_dashboard


def register(app: typer.Typer) -> None:
    @app.command(
        "dashboard", help=_("Overview: your goal, tiers, who is due and what happened lately.")
    )
    def dashboard(
        ctx: typer.Context,
        as_json: Annotated[
            bool, typer.Option("--json", help=_("Print JSON (for scripts)."))
        ] = False,
    ) -> None:
        day = today()
        with opened_app(ctx) as app, app.uow(today()) as uow:
            board = get_dashboard(uow=uow, today=day)
        if as_json:
            print_json(
                {
                    "today": day.isoformat(),
                    "goal": board.goal,
                    "contacts": board.contacts,
                    "interactions": board.interactions,
                    "tiers": {tier.value: board.tier_counts[tier] for tier in Tier},
                    "due_total": board.due_total,
                    "due": [due_entry_to_dict(e) for e in board.due],
                    "lunches": [
                        {"day": v.slot.day.isoformat(), "name": v.name, "why": v.why}
                        for v in board.lunches
                    ],
                    "recent": [
                        {**interaction_to_dict(r.interaction), "names": r.names}
                        for r in board.recent
                    ],
                }
            )
            return
        console.rule(f"[bold]einhorn[/] · {escape(format_date(day))}")
        goal = board.goal or _("no goal set yet")
        console.print(bold(_("Goal")) + ": " + escape(goal))
        tiers = "   ".join(f"{tier_text(t)} {board.tier_counts[t]}" for t in Tier)
        totals = (
            ngettext("{n} contact", "{n} contacts", board.contacts).format(n=board.contacts)
            + ", "
            + ngettext("{n} interaction", "{n} interactions", board.interactions).format(
                n=board.interactions
            )
        )
        console.print(bold(_("Network")) + f": {tiers}   ({escape(totals)})")
        console.print()
        console.print(
            bold(_("Who is due"))
            + " "
            + escape(_("({shown} of {total})").format(shown=len(board.due), total=board.due_total))
        )
        if board.due:
            console.print(due_table(board.due))
        else:
            console.print(escape(_("Nobody is due. Well kept!")))
        console.print()
        console.print(bold(_("Lunches this week")))
        for view in board.lunches:
            console.print(escape(f"  {format_weekday(view.slot.day)}  {view.name} — {view.why}"))
        if not board.lunches:
            console.print(escape(_("  None planned: einhorn plan lunches")))
        if board.recent:
            console.print()
            console.print(bold(_("Recently")))
            for item in board.recent:
                where = f" · {item.interaction.city}" if item.interaction.city else ""
                console.print(
                    escape(
                        f"  {format_date(item.interaction.occurred_on)}  "
                        f"{_(item.interaction.kind.label)}: {', '.join(item.names)}{where}"
                    )
                )
