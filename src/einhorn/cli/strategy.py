"""The strategy's commands: suggest tiers, budget, triage, channels, gaps, bubble, review."""

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from einhorn.advice.bubble import Diversity
from einhorn.advice.channels import Verdict
from einhorn.advice.relevance import Reason
from einhorn.cli.context import in_range, opened_app, today
from einhorn.cli.output import bold, console, escape, new_table, print_json, say, tier_text
from einhorn.domain.interactions import parse_kind
from einhorn.domain.reviews import StrategyReview
from einhorn.errors import InvalidInput
from einhorn.i18n import N_, current_language, format_number
from einhorn.i18n import gettext as _
from einhorn.services.export import write_atomically
from einhorn.services.json_views import (
    channel_to_dict,
    gaps_to_dict,
    load_to_dict,
    tier_suggestion_to_dict,
    triage_to_dict,
)
from einhorn.services.strategy import (
    TierSuggestion,
    apply_tier_suggestions,
    bubble,
    budget,
    channel_advice,
    gaps,
    make_review,
    set_channel,
    suggest_tiers,
    triage_request,
)

SHOWN = 30


def register(app: typer.Typer) -> None:
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


def reason_text(reason: Reason) -> str:
    return reason.text()


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
                "suggestions": [tier_suggestion_to_dict(s) for s in suggestions[:limit]],
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


def budget_command(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        load = budget(uow=uow, today=today())
    if as_json:
        print_json(load_to_dict(load))
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
    if not load.fixes:
        say(_("Over budget: give contacts with their own cadence a longer one."))
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
        print_json(triage_to_dict(result))
        return
    console.print(f"{bold(result.display_name)}: {bold(_(decision.answer.label))}")
    for reason in decision.reasons:
        say(f"  • {reason_text(reason)}")
    forms = ["de_" + result.form_of_address, "en"] if result.form_of_address else list(FORM_LABELS)
    for form in forms:
        console.print("\n" + bold(_(FORM_LABELS[form])))
        say(result.messages[form])


DIMENSIONS = {
    "sector": N_("Sector"),
    "role": N_("Role level"),
    "city": N_("City"),
    "group": N_("Group"),
}


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
        print_json([channel_to_dict(item, found.presence) for item in found.advice])
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
    if as_json:
        print_json(gaps_to_dict(found, limit))
        return
    sections = (
        (_("Met, but not connected online"), found.met_not_connected),
        (_("Connected online, never met"), found.connected_never_met),
    )
    for title, items in sections:
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
    from einhorn.interchange.review_report import review_html, review_markdown, review_to_dict

    if out is not None and out.suffix.lower() not in (".md", ".html", ".htm"):
        raise InvalidInput("--out", str(out), _("the file must end in .md or .html"))

    def publish(review: StrategyReview) -> None:
        if out is not None:
            report = review_html(review) if out.suffix.lower() != ".md" else review_markdown(review)
            write_atomically(out, report)

    with opened_app(ctx) as app, app.uow(today()) as uow:
        review = make_review(uow=uow, today=today(), now=dt.datetime.now(dt.UTC), publish=publish)
    text = review_markdown(review)
    if as_json:
        print_json(review_to_dict(review))
        return
    say(text)
    if out is not None:
        say(_("Wrote the review to {out}.").format(out=out))
