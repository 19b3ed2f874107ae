"""``einhorn goal set|show|history``: the goal that every suggestion follows from."""

import dataclasses
import datetime as dt
import sys
from typing import Annotated, Any

import click
import typer

from einhorn.cli.context import opened_app, today
from einhorn.cli.output import console, escape, print_json, say
from einhorn.domain.goals import Goal, parse_goal_kind, parse_region
from einhorn.errors import InvalidInput
from einhorn.i18n import format_date, format_number
from einhorn.i18n import gettext as _
from einhorn.interchange.json_export import goal_to_dict
from einhorn.services.strategy import (
    current_goal,
    set_goal,
)


def register(app: typer.Typer) -> None:
    goal_group = typer.Typer(
        help=_("Your networking goal: it drives tier suggestions and the time budget."),
        no_args_is_help=True,
    )
    app.add_typer(goal_group, name="goal")
    goal_group.command(
        "set",
        help=_(
            "Set your goal; in a terminal without options it asks step by step. Options not "
            "given keep their value from the current goal."
        ),
    )(goal_set)
    goal_group.command("show", help=_("The current goal."))(goal_show)
    goal_group.command("history", help=_("Every goal you set, the current one first."))(
        goal_history
    )


def goal_set(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(help=_("career, expert, founder, job-search, international or research.")),
    ] = None,
    role: Annotated[str | None, typer.Option(help=_("Your role, e.g. HR officer."))] = None,
    sector: Annotated[str | None, typer.Option(help=_("Your sector."))] = None,
    region: Annotated[str | None, typer.Option(help=_("dach or international."))] = None,
    city: Annotated[str | None, typer.Option(help=_("Your home city."))] = None,
    company: Annotated[
        list[str] | None, typer.Option(help=_("A target company (repeat for more)."))
    ] = None,
    target_role: Annotated[
        list[str] | None, typer.Option(help=_("A target role (repeat for more)."))
    ] = None,
    target_sector: Annotated[
        list[str] | None, typer.Option(help=_("A target sector (repeat for more)."))
    ] = None,
    meetings: Annotated[
        float | None, typer.Option(help=_("Networking meetings a week you can afford."))
    ] = None,
    minutes: Annotated[
        int | None, typer.Option(help=_("Minutes a week you can spend on networking."))
    ] = None,
    review_weeks: Annotated[
        int | None, typer.Option(help=_("Weeks between reviews (13: quarterly)."))
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    given: dict[str, Any] = {
        "kind": parse_goal_kind(kind) if kind is not None else None,
        "role": role,
        "sector": sector,
        "region": parse_region(region) if region is not None else None,
        "home_city": city,
        "target_companies": company,
        "target_roles": target_role,
        "target_sectors": target_sector,
        "meetings_per_week": meetings,
        "minutes_per_week": minutes,
        "review_every_days": review_weeks * 7 if review_weeks is not None else None,
    }
    with opened_app(ctx) as app, app.uow(today()) as uow:
        before = uow.goals.current()
        if all(v is None for v in given.values()) and sys.stdin.isatty() and not as_json:
            given = _ask(before)
        goal = _merged(before, given)
        saved = set_goal(uow=uow, goal=goal, now=dt.datetime.now(dt.UTC))
    if as_json:
        print_json(goal_to_dict(saved))
    else:
        say(_("Goal set."))
        _print_goal(saved)


def _merged(before: Goal | None, given: dict[str, Any]) -> Goal:
    """The new goal: what was given, the rest from the goal before."""
    chosen = {k: v for k, v in given.items() if v is not None}
    if before is not None:
        return dataclasses.replace(before, set_at=None, **chosen)
    if "kind" not in chosen:
        raise InvalidInput("--kind", "", _("a first goal needs a kind"))
    return Goal(**chosen)


def _ask(before: Goal | None) -> dict[str, Any]:
    """The wizard: one question per field, the current value as the default."""

    def ask(text: str, default: str) -> str:
        return str(click.prompt(text, default=default, show_default=bool(default))).strip()

    def ask_list(text: str, default: list[str]) -> list[str]:
        answer = ask(text + " " + _("(separated by commas)"), ", ".join(default))
        return [part.strip() for part in answer.split(",") if part.strip()]

    base = before or Goal(kind=parse_goal_kind("career"))
    return {
        "kind": parse_goal_kind(
            ask(_("Goal (career, expert, founder, job-search, international, research)"), base.kind)
        ),
        "role": ask(_("Your role"), base.role),
        "sector": ask(_("Your sector"), base.sector),
        "region": parse_region(ask(_("Region (dach or international)"), base.region)),
        "home_city": ask(_("Home city"), base.home_city),
        "target_companies": ask_list(_("Target companies"), base.target_companies),
        "target_roles": ask_list(_("Target roles"), base.target_roles),
        "target_sectors": ask_list(_("Target sectors"), base.target_sectors),
        "meetings_per_week": _number(_("Meetings a week"), base.meetings_per_week, float),
        "minutes_per_week": _number(_("Minutes a week"), base.minutes_per_week, int),
        "review_every_days": _number(_("Weeks between reviews"), base.review_every_days // 7, int)
        * 7,
    }


def _number(text: str, default: float, kind: type[float] | type[int]) -> Any:
    """Ask until the answer is a number; "2,5" is read as 2.5, as German writes it."""
    while True:
        answer = str(click.prompt(text, default=format_number(default, 2))).strip()
        try:
            return kind(
                float(answer.replace(".", "").replace(",", ".")) if "," in answer else float(answer)
            )
        except ValueError:
            say(_("Please give a number."))


def _print_goal(goal: Goal) -> None:
    rows = [
        (_("Goal"), _(goal.kind.label)),
        (_("Role"), " · ".join(p for p in (goal.role, goal.sector) if p)),
        (_("Region"), " · ".join(p for p in (goal.region.value.upper(), goal.home_city) if p)),
        (_("Target companies"), ", ".join(goal.target_companies)),
        (_("Target roles"), ", ".join(goal.target_roles)),
        (_("Target sectors"), ", ".join(goal.target_sectors)),
        (
            _("Budget"),
            _("{meetings} meetings or {minutes} minutes a week").format(
                meetings=format_number(goal.meetings_per_week), minutes=goal.minutes_per_week
            ),
        ),
        (_("Review"), _("every {weeks} weeks").format(weeks=goal.review_every_days // 7)),
        (_("Set on"), format_date(goal.set_at.date()) if goal.set_at else ""),
    ]
    for label, value in rows:
        if value:
            console.print(f"[dim]{escape(label)}[/]  {escape(value)}")


def goal_show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        goal = current_goal(uow=uow)
    if as_json:
        print_json(goal_to_dict(goal))
    else:
        _print_goal(goal)


def goal_history(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        goals = uow.goals.history()
    if as_json:
        print_json([goal_to_dict(goal) for goal in goals])
        return
    if not goals:
        say(_("No goal yet: set one with einhorn goal set."))
    for goal in goals:
        day = format_date(goal.set_at.date()) if goal.set_at else ""
        targets = ", ".join(goal.target_companies)
        say(f"{day}  {_(goal.kind.label)}" + (f" — {targets}" if targets else ""))
