"""``einhorn plan lunches|show|accept|swap|skip|done`` and ``einhorn travel add|list|remove``:
#neverlunchalone, planned.

The use cases are imported inside each command: they pull in the solver and the strategy
rules, which ``einhorn --help`` and every other command can do without.
"""

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from einhorn.cli.context import MAX_ROWS, in_range, opened_app, optional_date, today
from einhorn.cli.output import TIER_EMOJI, console, escape, new_table, print_json, say
from einhorn.domain.dates import parse_date
from einhorn.domain.plans import SlotStatus, Trip, parse_weekdays
from einhorn.domain.tiers import Tier, parse_cadence
from einhorn.errors import InvalidInput
from einhorn.i18n import N_, format_date, format_number, format_weekday, ngettext
from einhorn.i18n import gettext as _
from einhorn.interchange.json_export import trip_to_dict
from einhorn.services.json_views import plan_report_to_dict, slot_view_to_dict
from einhorn.services.plan_views import PlanOptions, Shortfall, SlotView
from einhorn.services.ports import UnitOfWork

JSON = typer.Option("--json", help=_("Print JSON (for scripts)."))
ICS = typer.Option(
    "--ics", metavar="OUT", help=_("Also write the lunches to this calendar file (.ics).")
)
SLOT = typer.Argument(metavar="SLOT", help=_("The slot's number or its day (2026-12-01)."))
SHORTFALLS_SHOWN = 10


def register(app: typer.Typer) -> None:
    plan = typer.Typer(
        help=_(
            "#neverlunchalone: a lunch plan over weeks with a different person each time, "
            "spent where your goal needs it, each lunch with its reason."
        ),
        no_args_is_help=True,
    )
    app.add_typer(plan, name="plan")
    plan.command(
        "lunches",
        help=_(
            "Plan lunches: unicorns at their cadence first, then flamingos, a share for "
            "people outside your bubble; accepted lunches stay."
        ),
    )(plan_lunches_command)
    plan.command("show", help=_("The lunch plan from today on."))(plan_show)
    plan.command("accept", help=_("Confirm lunches (all proposed ones without SLOT); they stay."))(
        plan_accept
    )
    plan.command(
        "swap", help=_("Someone else for a lunch: the next best, or the contact you name.")
    )(plan_swap)
    plan.command("skip", help=_("No lunch that day."))(plan_skip)
    plan.command("done", help=_("The lunch took place: log it as an interaction."))(plan_done)
    travel = typer.Typer(
        help=_("Trips: on those days the lunch plan goes to contacts in that city."),
        no_args_is_help=True,
    )
    app.add_typer(travel, name="travel")
    travel.command(
        "add", help=_("Add a trip: einhorn travel add Hamburg --from 2026-12-07 --to 2026-12-09.")
    )(travel_add)
    travel.command("list", help=_("Your trips from today on."))(travel_list)
    travel.command("remove", help=_("Forget a trip."))(travel_remove)


def _print_slots(views: list[SlotView]) -> None:
    if not views:
        say(_("No lunches planned. Plan some with einhorn plan lunches."))
        return
    table = new_table()
    for header in ("#", _("Day"), _("Who"), _("Status"), _("Why")):
        table.add_column(header)
    for view in views:
        slot = view.slot
        who = (
            f"{TIER_EMOJI[view.tier]} {escape(view.name)}"
            if view.name and view.tier
            else escape(_("— nobody fits —") if slot.status is SlotStatus.PROPOSED else "—")
        )
        table.add_row(
            str(slot.id),
            escape(format_weekday(slot.day)),
            who,
            escape(_(slot.status.label)),
            escape(view.why),
        )
    console.print(table)


def _print_shortfalls(misses: list[Shortfall]) -> None:
    elsewhere = [m for m in misses if m.cause == "elsewhere"]
    for miss in elsewhere[:SHORTFALLS_SHOWN]:
        say(
            _(
                "Cannot keep the cadence of {name} ({tier}, due {day}): lives in {city}, "
                "and no trip there is planned (einhorn travel add)."
            ).format(
                name=miss.name,
                tier=_(miss.tier.label),
                day=format_date(miss.due_on),
                city=miss.city,
            )
        )
    slots = [m for m in misses if m.cause == "slots"]
    unicorns = [m for m in slots if m.tier is Tier.UNICORN]
    for miss in unicorns[:SHORTFALLS_SHOWN]:
        say(
            _("No slot for unicorn {name} (due {day}): not enough lunches in the plan.").format(
                name=miss.name, day=format_date(miss.due_on)
            )
        )
    others = len(slots) - min(len(unicorns), SHORTFALLS_SHOWN)
    hidden = len(elsewhere) - min(len(elsewhere), SHORTFALLS_SHOWN)
    if others + hidden > 0:
        say(
            ngettext(
                "{count} more contact falls due in these weeks without a lunch: "
                "more lunches a week (--per-week), or fewer unicorns and flamingos "
                "(einhorn budget shows how).",
                "{count} more contacts fall due in these weeks without a lunch: "
                "more lunches a week (--per-week), or fewer unicorns and flamingos "
                "(einhorn budget shows how).",
                others + hidden,
            ).format(count=others + hidden)
        )


def _write_calendar(uow: UnitOfWork, ics: Path | None, views: list[SlotView]) -> int | None:
    from einhorn.services.plans import plan_calendar

    if ics is None:
        return None
    return plan_calendar(uow=uow, out=ics, now=dt.datetime.now(dt.UTC), views=views)


def _say_written(written: int | None, ics: Path | None) -> None:
    if written is not None:
        say(
            ngettext(
                "Wrote {count} lunch to {path}.", "Wrote {count} lunches to {path}.", written
            ).format(count=written, path=ics)
        )


def plan_lunches_command(
    ctx: typer.Context,
    weeks: Annotated[int, typer.Option(help=_("How many weeks to plan."))] = 12,
    per_week: Annotated[
        int | None, typer.Option(help=_("Lunches a week (default: 2, or one per --days)."))
    ] = None,
    days: Annotated[
        str | None,
        typer.Option(metavar="DAYS", help=_("Lunch days, like tue,thu or di,do.")),
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(metavar="DATE", help=_("First day of the plan (default: tomorrow).")),
    ] = None,
    window: Annotated[
        str,
        typer.Option(
            metavar="WEEKS",
            help=_(
                "Nobody twice within this time (default 8w; always at least a week "
                "shorter than the person's cadence)."
            ),
        ),
    ] = "8w",
    share: Annotated[
        int,
        typer.Option(
            metavar="PERCENT",
            help=_("Share of lunches for people outside your bubble (default 25)."),
        ),
    ] = 25,
    seed: Annotated[int, typer.Option(help=_("Seed: the same seed, the same plan."))] = 0,
    time_limit: Annotated[
        float,
        typer.Option(metavar="SECONDS", help=_("Stop the solver after this long (default 10).")),
    ] = 10.0,
    ics: Annotated[Path | None, ICS] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    from einhorn.services.plans import plan_lunches

    window_days = parse_cadence(window, "window")
    if window_days is None:
        raise InvalidInput("window", window, N_("write it like 8w or 56d"))
    if not 0 <= share <= 100:
        raise InvalidInput("share", share, N_("between 0 and 100 %"))
    if not 0 <= seed < 2**31:
        raise InvalidInput("seed", seed, N_("between 0 and 2147483647"))
    if not 0 < time_limit <= 600:
        raise InvalidInput("time-limit", time_limit, N_("between 0 and 600 seconds"))
    options = PlanOptions(
        weeks=weeks,
        per_week=per_week,
        days=parse_weekdays(days) if days else None,
        start=optional_date(start, "start"),
        window_days=window_days,
        chance_share=share / 100,
        seed=seed,
        time_limit=time_limit,
    )
    day = today()
    with opened_app(ctx) as app, app.uow(day) as uow:
        report = plan_lunches(uow=uow, today=day, options=options)
        written = _write_calendar(uow, ics, report.slots)
    if as_json:
        print_json(plan_report_to_dict(report))
        return
    _print_slots(report.slots)
    if report.solver:
        s = report.solver
        if s.optimal:
            quality = _("the best possible plan (proven)")
        elif s.gap is None:
            quality = _(
                "the solver found no plan in time, so this is the most overdue first "
                "(more time: --time-limit)"
            )
        else:
            quality = _("within {gap} of the best possible plan").format(
                gap=f"{format_number(100 * s.gap, 1)} %"
            )
        say(
            _(
                "{lunches} of {slots} lunches outside your bubble (aim: {aim}); "
                "{quality}; {considered} of {available} contacts weighed in {seconds} s."
            ).format(
                lunches=s.chance_lunches,
                slots=len([v for v in report.slots if v.name]),
                aim=s.chance_slots,
                quality=quality,
                considered=s.considered,
                available=s.candidates,
                seconds=format_number(s.seconds, 1),
            )
        )
    _print_shortfalls(report.shortfalls)
    _say_written(written, ics)


def plan_show(
    ctx: typer.Context,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help=_("From this day (default: today)."))
    ] = None,
    ics: Annotated[Path | None, ICS] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    from einhorn.services.plans import show_plan

    day = today()
    with opened_app(ctx) as app, app.uow(day) as uow:
        report = show_plan(uow=uow, today=day, since=optional_date(since, "since"))
        written = _write_calendar(uow, ics, report.slots)
    if as_json:
        print_json(plan_report_to_dict(report))
        return
    _print_slots(report.slots)
    _say_written(written, ics)


def plan_accept(
    ctx: typer.Context,
    slots: Annotated[
        list[str] | None,
        typer.Argument(metavar="[SLOT]...", help=_("Slots by number or day; none: all ahead.")),
    ] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    from einhorn.services.plans import accept_slots

    day = today()
    with opened_app(ctx) as app, app.uow(day) as uow:
        accepted = accept_slots(uow=uow, refs=slots or [], today=day)
    if as_json:
        print_json([slot_view_to_dict(v) for v in accepted])
        return
    say(
        ngettext("Accepted {count} lunch.", "Accepted {count} lunches.", len(accepted)).format(
            count=len(accepted)
        )
    )


def plan_swap(
    ctx: typer.Context,
    slot: Annotated[str, SLOT],
    with_: Annotated[
        str | None,
        typer.Option("--with", metavar="CONTACT", help=_("This contact instead (accepted).")),
    ] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    from einhorn.services.plans import swap_slot

    day = today()
    with opened_app(ctx) as app, app.uow(day) as uow:
        view = swap_slot(uow=uow, ref=slot, today=day, with_ref=with_)
    if as_json:
        print_json(slot_view_to_dict(view))
        return
    if view.name:
        say(
            _("{day}: lunch with {name} — {why}").format(
                day=format_date(view.slot.day), name=view.name, why=view.why
            )
        )
    else:
        say(_("{day}: nobody else fits.").format(day=format_date(view.slot.day)))


def plan_skip(
    ctx: typer.Context, slot: Annotated[str, SLOT], as_json: Annotated[bool, JSON] = False
) -> None:
    from einhorn.services.plans import skip_slot

    day = today()
    with opened_app(ctx) as app, app.uow(day) as uow:
        view = skip_slot(uow=uow, ref=slot, today=day)
    if as_json:
        print_json(slot_view_to_dict(view))
        return
    say(_("{day}: no lunch planned.").format(day=format_date(view.slot.day)))


def plan_done(
    ctx: typer.Context,
    slot: Annotated[str, SLOT],
    note: Annotated[str, typer.Option(help=_("A note on the lunch."))] = "",
    as_json: Annotated[bool, JSON] = False,
) -> None:
    from einhorn.services.plans import hold_slot

    day = today()
    with opened_app(ctx) as app, app.uow(day) as uow:
        view = hold_slot(uow=uow, ref=slot, today=day, note=note)
    if as_json:
        print_json(slot_view_to_dict(view))
        return
    say(
        _("Logged lunch with {name} on {day}.").format(
            name=view.name, day=format_date(view.slot.day)
        )
    )


def travel_add(
    ctx: typer.Context,
    city: Annotated[str, typer.Argument(help=_("Where you will be."))],
    from_: Annotated[str, typer.Option("--from", metavar="DATE", help=_("First day."))],
    to: Annotated[str, typer.Option("--to", metavar="DATE", help=_("Last day."))],
    as_json: Annotated[bool, JSON] = False,
) -> None:
    from einhorn.services.plans import add_trip

    day = today()
    trip = Trip(city, parse_date(from_, "from", today=day), parse_date(to, "to", today=day))
    with opened_app(ctx) as app, app.uow(day) as uow:
        saved = add_trip(uow=uow, trip=trip, today=day)
    if as_json:
        print_json(trip_to_dict(saved))
        return
    say(
        _(
            "Trip #{id}: {city} from {start} to {end}. Plan again to use it: einhorn plan lunches."
        ).format(
            id=saved.id,
            city=saved.city,
            start=format_date(saved.from_on),
            end=format_date(saved.to_on),
        )
    )


def travel_list(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    day = today()
    with opened_app(ctx) as app, app.uow(day) as uow:
        trips = uow.plans.trips(day)
    if as_json:
        print_json([trip_to_dict(t) for t in trips])
        return
    if not trips:
        say(_("No trips ahead. Add one with einhorn travel add."))
        return
    table = new_table()
    for header in ("#", _("City"), _("From"), _("To")):
        table.add_column(header)
    for trip in trips:
        table.add_row(
            str(trip.id), escape(trip.city), format_date(trip.from_on), format_date(trip.to_on)
        )
    console.print(table)


def travel_remove(
    ctx: typer.Context,
    trip_id: Annotated[int, typer.Argument(metavar="ID", help=_("The trip's number."))],
) -> None:
    from einhorn.services.plans import remove_trip

    with opened_app(ctx) as app, app.uow(today()) as uow:
        remove_trip(uow=uow, trip_id=in_range(trip_id, "ID", 1, MAX_ROWS))
    say(_("Trip #{id} removed.").format(id=trip_id))
