"""``einhorn ties add|list|remove`` and ``einhorn intro``: who knows whom, and the way in."""

import datetime as dt
from typing import Annotated

import typer

from einhorn.cli.context import MAX_ROWS, in_range, opened_app, today
from einhorn.cli.output import TIER_EMOJI, console, escape, new_table, print_json, say
from einhorn.domain.tiers import Tier
from einhorn.domain.ties import parse_tie_kind
from einhorn.i18n import format_number
from einhorn.i18n import gettext as _

JSON = typer.Option("--json", help=_("Print JSON (for scripts)."))


def register(app: typer.Typer) -> None:
    ties = typer.Typer(
        help=_(
            "Who among your contacts knows whom: ties you record (kind, strength 1–3); "
            "einhorn adds weak ties it infers (same company, group or event)."
        ),
        no_args_is_help=True,
    )
    app.add_typer(ties, name="ties")
    ties.command(
        "add", help=_('Record a tie: einhorn ties add "Anna Müller" "Jens Weber" --strength 3.')
    )(ties_add)
    ties.command(
        "list", help=_("The ties you recorded; with CONTACT that person's, inferred ones too.")
    )(ties_list)
    ties.command("remove", help=_("Forget the tie between two contacts."))(ties_remove)
    app.command(
        "intro",
        help=_(
            "Who can introduce you to TARGET — a person (on your wish list), a company or a "
            "sector: distinct people to ask, up to three steps, the best chance first."
        ),
    )(intro)


def ties_add(
    ctx: typer.Context,
    one: Annotated[str, typer.Argument(metavar="A", help=_("One contact."))],
    other: Annotated[str, typer.Argument(metavar="B", help=_("The other contact."))],
    kind: Annotated[
        str,
        typer.Option(help=_("knows/kennt, colleague/Kollege, introduced/vorgestellt or family.")),
    ] = "knows",
    strength: Annotated[int, typer.Option(help=_("1 weak, 2 medium, 3 strong."))] = 2,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    from einhorn.services.network import add_tie

    tie_kind = parse_tie_kind(kind)
    with opened_app(ctx) as app, app.uow(today()) as uow:
        tie = add_tie(
            uow=uow,
            one=one,
            other=other,
            kind=tie_kind,
            strength=strength,
            now=dt.datetime.now(dt.UTC),
        )
        names = {c.key: c.display_name for c in uow.contacts.get_many([tie.a, tie.b])}
    if as_json:
        print_json({"a": tie.a, "b": tie.b, "kind": tie.kind.value, "strength": tie.strength})
        return
    say(
        _("{a} and {b}: {kind}, strength {strength}.").format(
            a=names[tie.a], b=names[tie.b], kind=_(tie.kind.label), strength=tie.strength
        )
    )


def ties_list(
    ctx: typer.Context,
    contact: Annotated[
        str | None, typer.Argument(metavar="[CONTACT]", help=_("Only this contact's ties."))
    ] = None,
    limit: Annotated[int, typer.Option(metavar="N", help=_("Show at most N."))] = 50,
    offset: Annotated[int, typer.Option(metavar="N", help=_("Skip the first N."))] = 0,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    from einhorn.services.network import list_ties

    with opened_app(ctx) as app, app.uow(today()) as uow:
        views, total = list_ties(
            uow=uow,
            ref=contact,
            limit=in_range(limit, "limit", 1, MAX_ROWS),
            offset=in_range(offset, "offset", 0, MAX_ROWS),
        )
    if as_json:
        print_json(
            [
                {
                    "a": v.edge.a,
                    "a_name": v.a_name,
                    "b": v.edge.b,
                    "b_name": v.b_name,
                    "kind": v.edge.kind.value,
                    "strength": v.edge.strength,
                    "inferred": v.edge.inferred,
                }
                for v in views
            ]
        )
        return
    if not views:
        say(_("No ties yet. Record one with einhorn ties add A B."))
        return
    table = new_table()
    for header in (_("Contact"), _("Contact"), _("Tie"), _("Strength")):
        table.add_column(header)
    for v in views:
        kind = _(v.edge.kind.label) + (f" ({_('inferred')})" if v.edge.inferred else "")
        table.add_row(escape(v.a_name), escape(v.b_name), escape(kind), str(v.edge.strength))
    console.print(table)
    if total > len(views):
        say(
            _("{shown} of {total} shown (--limit, --offset).").format(shown=len(views), total=total)
        )


def ties_remove(
    ctx: typer.Context,
    one: Annotated[str, typer.Argument(metavar="A", help=_("One contact."))],
    other: Annotated[str, typer.Argument(metavar="B", help=_("The other contact."))],
) -> None:
    from einhorn.services.network import remove_tie

    with opened_app(ctx) as app, app.uow(today()) as uow:
        remove_tie(uow=uow, one=one, other=other)
    say(_("Tie removed."))


def intro(
    ctx: typer.Context,
    target: Annotated[
        str, typer.Argument(help=_("A person, a company (Siemens) or a sector (Automobil)."))
    ],
    as_: Annotated[
        str,
        typer.Option(
            "--as",
            metavar="KIND",
            help=_("What TARGET is: person, company or sector (default: guess)."),
        ),
    ] = "auto",
    limit: Annotated[int, typer.Option(metavar="N", help=_("Show at most N ways in."))] = 5,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    from einhorn.services.intro import introductions, parse_target_kind
    from einhorn.services.json_views import intro_to_dict

    kind = parse_target_kind(as_)
    day = today()
    with opened_app(ctx) as app, app.uow(day) as uow:
        report = introductions(uow=uow, target=target, today=day, kind=kind, limit=limit)
    if as_json:
        print_json(intro_to_dict(report))
        return
    say(
        _("{target} ({kind}): {count} of your contacts.").format(
            target=report.target, kind=_(report.kind.label), count=report.targets
        )
    )
    if not report.paths:
        say(_("Nobody you know is tied to them yet: record who knows whom with einhorn ties add."))
        return
    for number, path in enumerate(report.paths, start=1):
        emoji = TIER_EMOJI[Tier(path.steps[0].tier)]
        chance = _("chance {percent} %").format(percent=format_number(100 * path.chance, 0))
        console.print(
            f"{number}. {emoji} {escape(path.sentence)}  [dim]{escape(chance)}[/]",
            soft_wrap=True,
        )
