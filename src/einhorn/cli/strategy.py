"""``einhorn goal set|show|history``, ``einhorn suggest tiers``, ``einhorn budget``."""

import dataclasses
import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any

import click
import typer

from einhorn.advice.bubble import Diversity
from einhorn.advice.budget import Load
from einhorn.advice.channels import Verdict
from einhorn.advice.relevance import Reason
from einhorn.cli.context import in_range, opened_app, today
from einhorn.cli.output import bold, console, escape, new_table, print_json, say, tier_text
from einhorn.domain.goals import Goal, parse_goal_kind, parse_region
from einhorn.domain.interactions import parse_kind
from einhorn.errors import InvalidInput
from einhorn.i18n import N_, current_language, format_date, format_number
from einhorn.i18n import gettext as _
from einhorn.services.export import write_atomically
from einhorn.services.strategy import (
    TierSuggestion,
    apply_tier_suggestions,
    bubble,
    budget,
    channel_advice,
    current_goal,
    gaps,
    make_review,
    set_channel,
    set_goal,
    suggest_tiers,
    triage_request,
)

SHOWN = 30


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
    suggest_group = typer.Typer(help=_("Suggestions that follow from your goal."))
    app.add_typer(suggest_group, name="suggest")
    suggest_group.command(
        "tiers",
        help=_(
            "Suggest unicorns, flamingos and penguins from your goal, each with its reasons; "
            "--apply moves them (tiers you set by hand only with --include-manual)."
        ),
    )(suggest_tiers_command)
    app.command(
        "triage",
        help=_(
            "Answer a meeting request: accept, propose a short call, or decline politely, "
            "from the person's tier, your goal and this week's budget, with a ready-to-send "
            "text in German (Sie and du) and English."
        ),
    )(triage_command)
    channels_group = typer.Typer(
        help=_(
            "Which online networks to invest in, keep or skip for your goal, with reasons and "
            "a profile checklist; the rules are in advice/rules/channels.toml."
        ),
        invoke_without_command=True,
    )
    app.add_typer(channels_group, name="channels")
    channels_group.callback()(channels_command)
    channels_group.command("set", help=_("Record that you are (or are not) present on a network."))(
        channels_set
    )
    app.command(
        "review",
        help=_(
            "The periodic review: your goal against what happened since the last one — "
            "meetings, tier moves, neglected unicorns, new contacts, the bubble, channels — "
            "with suggestions; kept, so the next one shows the change. --out writes .md or .html."
        ),
    )(review_command)
    app.command(
        "gaps",
        help=_(
            "Online and offline together: contacts you met but are not connected with on any "
            "network, and contacts connected online you never met, each with a next step."
        ),
    )(gaps_command)
    app.command(
        "bubble",
        help=_(
            "How one-sided your network is by sector, role level and city (Blau index and "
            "entropy, for all contacts and the last 12 months' new ones), and which target "
            "sectors and roles are missing."
        ),
    )(bubble_command)
    app.command(
        "budget",
        help=_(
            "The meetings a week your tiers' cadences ask for, against your budget, and "
            "what would bring them down."
        ),
    )(budget_command)


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
        "kind": parse_goal_kind(kind) if kind else None,
        "role": role,
        "sector": sector,
        "region": parse_region(region) if region else None,
        "home_city": city,
        "target_companies": company,
        "target_roles": target_role,
        "target_sectors": target_sector,
        "meetings_per_week": meetings,
        "minutes_per_week": minutes,
        "review_every_days": review_weeks * 7 if review_weeks else None,
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
        "meetings_per_week": float(ask(_("Meetings a week"), str(base.meetings_per_week))),
        "minutes_per_week": int(ask(_("Minutes a week"), str(base.minutes_per_week))),
        "review_every_days": int(ask(_("Weeks between reviews"), str(base.review_every_days // 7)))
        * 7,
    }


def goal_to_dict(goal: Goal) -> dict[str, Any]:
    return {
        "kind": goal.kind.value,
        "role": goal.role,
        "sector": goal.sector,
        "region": goal.region.value,
        "home_city": goal.home_city,
        "target_companies": goal.target_companies,
        "target_roles": goal.target_roles,
        "target_sectors": goal.target_sectors,
        "meetings_per_week": goal.meetings_per_week,
        "minutes_per_week": goal.minutes_per_week,
        "review_every_days": goal.review_every_days,
        "set_at": goal.set_at.isoformat(timespec="seconds") if goal.set_at else None,
    }


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


def reason_text(reason: Reason) -> str:
    return reason.text()


def _suggestion_to_dict(item: TierSuggestion) -> dict[str, Any]:
    return {
        "id": item.contact_id,
        "display_name": item.display_name,
        "tier": item.current.value,
        "suggested": item.suggested.value,
        "set_by_hand": item.set_by_hand,
        "points": item.relevance.points,
        "reasons": [{"reason": reason_text(r), "points": r.points} for r in item.relevance.reasons],
    }


def suggest_tiers_command(
    ctx: typer.Context,
    apply: Annotated[bool, typer.Option("--apply", help=_("Move the contacts."))] = False,
    include_manual: Annotated[
        bool,
        typer.Option("--include-manual", help=_("Also move contacts whose tier you set by hand.")),
    ] = False,
    limit: Annotated[int, typer.Option(help=_("Show at most this many."))] = SHOWN,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    in_range(limit, "--limit", 1, 1_000_000)
    with opened_app(ctx) as app, app.uow(today()) as uow:
        suggestions = suggest_tiers(uow=uow, today=today())
        moved = (
            apply_tier_suggestions(uow=uow, suggestions=suggestions, include_manual=include_manual)
            if apply
            else 0
        )
    if as_json:
        print_json(
            {
                "total": len(suggestions),
                "moved": moved,
                "suggestions": [_suggestion_to_dict(s) for s in suggestions[:limit]],
            }
        )
        return
    _print_suggestions(suggestions[:limit], len(suggestions))
    if apply:
        say(_("Moved {count} contacts.").format(count=moved))
    elif suggestions:
        say(_("Apply with: einhorn suggest tiers --apply"))


def _print_suggestions(items: list[TierSuggestion], total: int) -> None:
    if not items:
        say(_("Every contact is in the tier your goal suggests."))
        return
    table = new_table()
    for header in (_("Contact"), _("Now"), _("Suggested"), _("Why")):
        table.add_column(header)
    for item in items:
        why = " · ".join(reason_text(r) for r in item.relevance.reasons) or _("nothing known")
        now = tier_text(item.current) + (" ✋" if item.set_by_hand else "")
        table.add_row(
            escape(f"#{item.contact_id} {item.display_name}"),
            now,
            tier_text(item.suggested),
            escape(why),
        )
    console.print(table)
    if total > len(items):
        say(_("{shown} of {total} shown.").format(shown=len(items), total=total))
    if any(item.set_by_hand for item in items):
        say(_("✋ = tier set by hand: moved only with --include-manual."))


def _load_to_dict(load: Load) -> dict[str, Any]:
    return {
        "meetings_per_week": round(load.meetings_per_week, 2),
        "minutes_per_week": load.minutes_per_week,
        "budget_meetings": load.budget_meetings,
        "budget_minutes": load.budget_minutes,
        "over_budget": load.over_budget,
        "tiers": [
            {
                "tier": t.tier.value,
                "contacts": t.contacts,
                "cadence_days": t.cadence_days,
                "per_week": round(t.per_week, 2),
            }
            for t in load.tiers
        ],
        "own_cadence": {"contacts": load.own_contacts, "per_week": round(load.own_per_week, 2)},
        "fixes": [
            {
                "fix": f.text(),
                "saves_per_week": round(f.saves_per_week, 2),
                "saves_minutes": f.saves_minutes,
                "contact_ids": list(f.contact_ids),
            }
            for f in load.fixes
        ],
    }


def budget_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        load = budget(uow=uow, today=today())
    if as_json:
        print_json(_load_to_dict(load))
        return
    table = new_table()
    for header in (_("Tier"), _("Contacts"), _("Every"), _("A week")):
        table.add_column(header)
    for t in load.tiers:
        every = (
            _("{weeks} weeks").format(weeks=format_number(t.cadence_days / 7))
            if t.cadence_days
            else _("never")
        )
        table.add_row(tier_text(t.tier), str(t.contacts), escape(every), format_number(t.per_week))
    if load.own_contacts:
        table.add_row(
            escape(_("own cadence")), str(load.own_contacts), "", format_number(load.own_per_week)
        )
    console.print(table)
    say(
        _(
            "{load} meetings a week (about {minutes} minutes) against a budget of {budget} "
            "({budget_minutes} minutes)."
        ).format(
            load=format_number(load.meetings_per_week),
            minutes=load.minutes_per_week,
            budget=format_number(load.budget_meetings),
            budget_minutes=load.budget_minutes,
        )
    )
    if not load.over_budget:
        say(_("Within budget."))
        return
    console.print(bold(_("Over budget. What would help:")))
    for fix in load.fixes:
        saves = (
            _("saves {count} meetings a week").format(count=format_number(fix.saves_per_week))
            if fix.saves_per_week
            else _("saves {minutes} minutes a week").format(minutes=fix.saves_minutes)
        )
        say(f"  • {fix.text()} — {saves}")


FORM_LABELS = {"de_sie": N_("German (Sie)"), "de_du": N_("German (du)"), "en": N_("English")}


def triage_command(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help=_("Who asks: id or part of the name."))],
    kind: Annotated[
        str, typer.Option(help=_("What they ask for: coffee, lunch, call, meeting, video."))
    ] = "coffee",
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    asked = parse_kind(kind)
    with opened_app(ctx) as app, app.uow(today()) as uow:
        result = triage_request(uow=uow, ref=ref, kind=asked, today=today())
    decision = result.decision
    if as_json:
        print_json(
            {
                "id": result.contact_id,
                "display_name": result.display_name,
                "answer": decision.answer.value,
                "reasons": [reason_text(r) for r in decision.reasons],
                "messages": result.messages,
            }
        )
        return
    console.print(f"{bold(result.display_name)}: {bold(_(decision.answer.label))}")
    for reason in decision.reasons:
        say(f"  • {reason_text(reason)}")
    forms = ["de_" + result.form_of_address, "en"] if result.form_of_address else list(FORM_LABELS)
    for form in forms:
        console.print("\n" + bold(_(FORM_LABELS[form])))
        say(result.messages[form])


DIMENSIONS = {"sector": N_("Sector"), "role": N_("Role level"), "city": N_("City")}


def _diversity_to_dict(item: Diversity) -> dict[str, Any]:
    return {
        "contacts": item.contacts,
        "known": item.known,
        "coverage": round(item.coverage, 3),
        "classes": item.classes,
        "blau": round(item.blau, 3),
        "entropy": round(item.entropy, 3),
        "top": [{"value": value, "share": round(share, 3)} for value, share in item.top],
    }


def bubble_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        found = bubble(uow=uow, today=today())
    if as_json:
        print_json(
            {
                "all": {k: _diversity_to_dict(v) for k, v in found.all.items()},
                "last_12_months": {k: _diversity_to_dict(v) for k, v in found.new.items()},
                "new_contacts": found.new_contacts,
                "missing_sectors": found.missing_sectors,
                "missing_roles": found.missing_roles,
            }
        )
        return
    for title, spread in (
        (_("All contacts"), found.all),
        (_("New in the last 12 months ({count})").format(count=found.new_contacts), found.new),
    ):
        table = new_table(title=title)
        for header in (
            _("Attribute"),
            _("Known"),
            _("Classes"),
            "Blau",
            _("Entropy"),
            _("Largest"),
        ):
            table.add_column(header)
        for key, item in spread.items():
            largest = ", ".join(f"{value} {share:.0%}" for value, share in item.top)
            table.add_row(
                escape(_(DIMENSIONS[key])),
                f"{item.coverage:.0%}",
                str(item.classes),
                format_number(item.blau, 2),
                format_number(item.entropy, 2),
                escape(largest),
            )
        console.print(table)
    say(_("Blau index: 0 = all alike, towards 1 = spread widely; entropy 1 = evenly spread."))
    if found.missing_sectors:
        say(
            _("Target sectors without a contact: {sectors}").format(
                sectors=", ".join(found.missing_sectors)
            )
        )
    if found.missing_roles:
        say(
            _("Target roles without a contact: {roles}").format(
                roles=", ".join(found.missing_roles)
            )
        )


def channels_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    with opened_app(ctx) as app, app.uow(today()) as uow:
        found = channel_advice(uow=uow)
    language = current_language()
    if as_json:
        print_json(
            [
                {
                    "network": item.network.name,
                    "verdict": item.verdict.value,
                    "reasons": [item.network.reason[language], *map(reason_text, item.reasons)],
                    "present": found.presence.get(item.network.name, (False, ""))[0],
                    "url": found.presence.get(item.network.name, (False, ""))[1],
                    "checklist": list(item.network.checklist[language]),
                }
                for item in found.advice
            ]
        )
        return
    order = {Verdict.INVEST: 0, Verdict.KEEP: 1, Verdict.SKIP: 2}
    for item in sorted(found.advice, key=lambda a: order[a.verdict]):
        present, url = found.presence.get(item.network.name, (False, ""))
        mark = "✔ " + (url or _("present")) if present else ""
        console.print(
            f"{bold(item.network.label)}: {escape(_(item.verdict.label))}  [dim]{escape(mark)}[/]"
        )
        for reason in (item.network.reason[language], *map(reason_text, item.reasons)):
            say(f"  • {reason}")
        if item.verdict is not Verdict.SKIP and not present:
            for check in item.network.checklist[language]:
                say(f"    ☐ {check}")


def channels_set(
    ctx: typer.Context,
    network: Annotated[str, typer.Argument(help=_("The network, e.g. xing or linkedin."))],
    present: Annotated[
        bool, typer.Option("--present/--absent", help=_("Whether you have a profile there."))
    ] = True,
    url: Annotated[str, typer.Option(help=_("Your profile's address."))] = "",
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        set_channel(uow=uow, network=network, present=present, url=url)
    say(_("Saved."))


def gaps_command(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help=_("Show at most this many of each."))] = 15,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    in_range(limit, "--limit", 1, 1_000_000)
    with opened_app(ctx) as app, app.uow(today()) as uow:
        found = gaps(uow=uow)
    sections = (
        ("met_not_connected", _("Met, but not connected online"), found.met_not_connected),
        ("connected_never_met", _("Connected online, never met"), found.connected_never_met),
    )
    if as_json:
        print_json(
            {
                key: {
                    "total": len(items),
                    "contacts": [
                        {
                            "id": g.contact_id,
                            "display_name": g.display_name,
                            "tier": g.tier.value,
                            "step": _(g.step),
                        }
                        for g in items[:limit]
                    ],
                }
                for key, _title, items in sections
            }
        )
        return
    for _key, title, items in sections:
        console.print(bold(f"{title} ({len(items)})"))
        for gap in items[:limit]:
            console.print(
                f"  {tier_text(gap.tier)}  {escape(gap.display_name)} — {escape(_(gap.step))}"
            )


def review_command(
    ctx: typer.Context,
    out: Annotated[
        Path | None,
        typer.Option(help=_("Also write the report to this file (.md or .html)."), dir_okay=False),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    from einhorn.interchange.review_report import review_html, review_markdown

    if out is not None and out.suffix.lower() not in (".md", ".html", ".htm"):
        raise InvalidInput("--out", str(out), _("the file must end in .md or .html"))
    with opened_app(ctx) as app, app.uow(today()) as uow:
        review = make_review(uow=uow, today=today(), now=dt.datetime.now(dt.UTC))
    text = review_markdown(review)
    if out is not None:
        write_atomically(out, review_html(review) if out.suffix.lower() != ".md" else text)
    if as_json:
        print_json(
            {
                "since": review.since.isoformat(),
                "until": review.until.isoformat(),
                "goal": review.goal,
                "meetings_held": review.meetings_held,
                "meetings_budget": review.meetings_budget,
                "tier_counts": review.tier_counts,
                "tier_counts_before": review.tier_counts_before,
                "moves": [
                    {
                        "id": m.contact_id,
                        "display_name": m.display_name,
                        "before": m.before.value,
                        "after": m.after.value,
                    }
                    for m in review.moves
                ],
                "neglected_unicorns": review.neglected_unicorns,
                "new_contacts": review.new_contacts,
                "blau": review.blau,
                "blau_before": review.blau_before,
                "channels": review.channels,
                "suggestions": review.suggestions,
            }
        )
        return
    say(text)
    if out is not None:
        say(_("Wrote the review to {out}.").format(out=out))
