"""The strategy page: the goal wizard, tier suggestions to accept, the time budget, channels,
groups and events, online/offline gaps and the triage of a meeting request.

Every section is one template (``strategy_<section>.html``); its forms post with htmx and get
their section back, and work without JavaScript too (post, then back to ``/strategy``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from einhorn.advice.channels import ChannelAdvice
from einhorn.domain.contacts import Contact
from einhorn.domain.dates import parse_date
from einhorn.domain.goals import Goal, GoalKind, Region, parse_goal_kind, parse_region
from einhorn.domain.groups import (
    Engagement,
    Event,
    Group,
    GroupKind,
    parse_engagement,
    parse_group_kind,
)
from einhorn.domain.ids import ContactId
from einhorn.domain.interactions import InteractionKind, parse_kind
from einhorn.domain.limits import check_length
from einhorn.errors import AmbiguousReference, EinhornError, InvalidInput, NotFound
from einhorn.i18n import N_, current_language, ngettext
from einhorn.i18n import gettext as _
from einhorn.services.contacts import MAX_ID, list_contacts
from einhorn.services.groups import add_event, add_group, join_group, list_groups
from einhorn.services.ports import ContactQuery
from einhorn.services.strategy import (
    ChannelReport,
    accept_tier_suggestions,
    budget,
    channel_advice,
    set_channel,
    set_goal,
    suggest_tiers,
    triage_anyone,
)
from einhorn.services.strategy_board import goal_or_none, strategy_board
from einhorn.web.kit import is_htmx, render, signed_in, today, unit, web_of

router = APIRouter(dependencies=[Depends(signed_in)], include_in_schema=False)

SHOWN = 100  # suggestions listed; "accept all" moves the rest too
GAPS_SHOWN = 20
TEXT = 5000  # the longest text a wizard field takes (a list of target companies)
WORD = 40  # a choice from a list, a date, an id
SHOWN_VALUE = 40  # characters of a wrong value repeated in the message
TRIAGE_KINDS = (
    InteractionKind.COFFEE,
    InteractionKind.LUNCH,
    InteractionKind.CALL,
    InteractionKind.VIDEO,
    InteractionKind.MEETING,
)
FORMS = {"de_sie": N_("German (Sie)"), "de_du": N_("German (du)"), "en": N_("English")}
VERDICT_ORDER = {"invest": 0, "keep": 1, "skip": 2}
# What each goal kind means, in one line (the wizard's first step).
KIND_HINTS = {
    GoalKind.CAREER: N_("Move up, or into a target company: meet the people who decide."),
    GoalKind.EXPERT: N_("Be known in your field: talks, associations, discussions online."),
    GoalKind.FOUNDER: N_(
        "Be known in your city as a founder or freelancer: chamber, clubs, local events."
    ),
    GoalKind.JOB_SEARCH: N_("Find a new position: people at target companies, alumni, meetups."),
    GoalKind.INTERNATIONAL: N_("Work across borders: contacts abroad and international networks."),
    GoalKind.RESEARCH: N_("Research: colleagues in your field, conferences, ResearchGate."),
}
REGION_LABELS = {
    Region.DACH: N_("German-speaking countries (DACH)"),
    Region.INTERNATIONAL: N_("International"),
}
# The goal's names for its fields in errors (the CLI's options) → the wizard's fields.
GOAL_FIELDS = {
    "--meetings": "meetings",
    "--minutes": "minutes",
    "--review-weeks": "review_weeks",
    "target": "targets",
}
NUMBERS = ("meetings", "minutes", "review_weeks")


def words() -> dict[str, str]:
    """The strategy page's own words, in the request's language."""
    return {
        "sections": _("Sections of the strategy"),
        "set_goal": _("Set the goal"),
        "change_goal": _("Change the goal"),
        "goal_first": _(
            "Set a goal first: tier suggestions, the time budget, channels and the triage "
            "of requests follow from it."
        ),
        "goal_kind": _("What do you want to reach?"),
        "about_you": _("About you"),
        "targets": _("Whom you want to reach"),
        "your_time": _("Your time"),
        "kind": _("Goal"),
        "role": _("Your role"),
        "sector": _("Your sector"),
        "region": _("Region"),
        "home_city": _("Home city"),
        "target_companies": _("Target companies"),
        "target_roles": _("Target roles"),
        "target_sectors": _("Target sectors"),
        "one_per_line": _("One per line."),
        "meetings": _("Meetings a week"),
        "minutes": _("Minutes a week"),
        "minutes_hint": _("With the way there: 180 minutes are three hours."),
        "review_weeks": _("Weeks between reviews"),
        "review_hint": _("13 weeks: once a quarter."),
        "goal_budget": _("{meetings} meetings or {minutes} minutes a week"),
        "set_on": _("Set on"),
        "suggestions": _("Tier suggestions"),
        "suggestions_intro": _(
            "From your goal: who should move to another tier, and why. Tick those you accept."
        ),
        "no_suggestions": _("Every contact is in the tier your goal suggests."),
        "contact": _("Contact"),
        "now": _("Now"),
        "suggested": _("Suggested"),
        "why": _("Why"),
        "nothing_known": _("nothing known"),
        "by_hand": _("set by hand"),
        "accept_selected": _("Accept selected"),
        "accept_all": _("Accept all except tiers set by hand"),
        "budget": _("Time budget"),
        "meetings_meter": _("Meetings a week against the budget"),
        "minutes_meter": _("Minutes a week against the budget"),
        "budget_line": _(
            "{load} meetings a week (about {minutes} minutes) against a budget of {budget} "
            "({budget_minutes} minutes)."
        ),
        "contacts_count": _("Contacts"),
        "every": _("Every"),
        "a_week": _("A week"),
        "weeks": _("{weeks} weeks"),
        "never": _("never"),
        "own_cadence": _("own cadence"),
        "within_budget": _("Within budget."),
        "over_budget": _("Over budget. What would help:"),
        "over_own": _("Over budget: give contacts with their own cadence a longer one."),
        "saves_meetings": _("saves {count} meetings a week"),
        "saves_minutes": _("saves {minutes} minutes a week"),
        "channels": _("Channels"),
        "channels_intro": _("Which online networks pay off for your goal, and where you are."),
        "present_there": _("I have a profile here"),
        "profile_url": _("Profile address"),
        "checklist": _("A good profile"),
        "saved": _("Saved."),
        "groups": _("Groups and events"),
        "group": _("Group"),
        "group_kind": _("Kind"),
        "engagement": _("Engagement"),
        "members": _("Members"),
        "change": _("Change"),
        "no_groups": _("No groups yet."),
        "worth_a_look": _("For your goal, worth a look: {kinds}. {step}"),
        "add_group": _("Add a group"),
        "group_name": _("Name"),
        "group_city": _("City"),
        "group_url": _("Web address"),
        "group_added": _("Group added."),
        "events": _("Events"),
        "no_events": _("No events yet."),
        "events_shown": _("The newest {shown} of {total} events."),
        "add_event": _("Record an event"),
        "event_name": _("Event"),
        "event_date": _("Date"),
        "event_group": _("Held by"),
        "no_group": _("no group"),
        "met": _("Whom you met (contacts)"),
        "met_hint": _("One per line: a name or #id."),
        "new_people": _("Somebody new you met"),
        "new_hint": _("One name per line: each becomes a contact."),
        "event_added": _("Event recorded."),
        "gaps": _("Online and offline"),
        "gaps_intro": _("Online and offline belong together: the next step for each contact."),
        "met_not_connected": _("Met, but not connected online"),
        "connected_never_met": _("Connected online, never met"),
        "no_gaps": _("None."),
        "more": _("… and {count} more."),
        "triage": _("Triage a request"),
        "triage_intro": _(
            "Somebody asks to meet: accept, propose a short call, or decline politely."
        ),
        "who": _("Who asks?"),
        "who_hint": _("A contact's name or #id, or the name of somebody new."),
        "their_company": _("Their company (if not a contact)"),
        "what_about": _("What about?"),
        "answer": _("Answer"),
        "stranger": _("Not among your contacts: weighed as somebody new."),
        "which_one": _("Which one do you mean?"),
    }


# -- the overview ----------------------------------------------------------------------------


@router.get("/strategy", response_class=HTMLResponse)
def strategy(request: Request, notice: str = Query("", max_length=20)) -> HTMLResponse:
    """Every section on one page; ``notice`` names what a form without htmx just did."""
    with unit(request) as uow:
        board = strategy_board(uow=uow, today=today(request))
    return render(
        request,
        "strategy.html",
        words=words(),
        board=board,
        channels=_by_verdict(board.channels),
        notice=_notice(notice),
        **_choices(),
    )


def _notice(key: str) -> str:
    return {
        "goal": _("Goal set."),
        "moved": _("Tiers moved."),
        "saved": _("Saved."),
        "group": _("Group added."),
        "event": _("Event recorded."),
    }.get(key, "")


def _choices() -> dict[str, Any]:
    """The closed sets the forms offer with their labels, and ``tr`` for the message ids that
    services hand over untranslated (labels of kinds and verdicts, next steps)."""
    return {
        "goal_kinds": [(k, _(k.label), _(KIND_HINTS[k])) for k in GoalKind],
        "regions": [(r, _(REGION_LABELS[r])) for r in Region],
        "region_labels": {r.value: _(REGION_LABELS[r]) for r in Region},
        "group_kinds": [(k, _(k.label)) for k in GroupKind],
        "engagements": [(e, _(e.label)) for e in Engagement],
        "triage_kinds": [(k, _(k.label)) for k in TRIAGE_KINDS],
        "form_labels": {k: _(v) for k, v in FORMS.items()},
        "shown_max": SHOWN,
        "gaps_max": GAPS_SHOWN,
        "language": current_language(),
        "tr": _,
        "labels_of": _labels_of,
    }


def _labels_of(items: Iterable[GroupKind]) -> str:
    return ", ".join(_(item.label) for item in items)


def _by_verdict(report: ChannelReport | None) -> list[ChannelAdvice]:
    """Invest first, then keep, then skip (as ``einhorn channels`` lists them)."""
    if report is None:
        return []
    return sorted(report.advice, key=lambda item: VERDICT_ORDER[item.verdict.value])


def _done(notice: str, section: str) -> RedirectResponse:
    """After a form posted without htmx: back to its section, saying what was done."""
    return RedirectResponse(f"/strategy?notice={notice}#{section}", status_code=303)


def _section(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """One section (``strategy_<name>.html``) on its own, for htmx to swap in."""
    return render(
        request,
        f"strategy_{name}.html",
        words=words(),
        status_code=status_code,
        **_choices(),
        **context,
    )


# -- 1. the goal wizard ----------------------------------------------------------------------


@router.get("/strategy/goal", response_class=HTMLResponse)
def goal_form(request: Request) -> HTMLResponse:
    """The wizard, filled from the current goal."""
    with unit(request) as uow:
        goal = goal_or_none(uow=uow)
    return _goal_page(request, _goal_values(goal))


def _goal_page(
    request: Request, values: dict[str, str], error: str = "", field: str = "", status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "strategy_goal.html",
        words=words(),
        status_code=status,
        form=values,
        error=error,
        error_field=field,
        **_choices(),
    )


def _goal_values(goal: Goal | None) -> dict[str, str]:
    """The wizard's fields filled from ``goal`` (or einhorn's defaults)."""
    shown = goal or Goal(kind=GoalKind.CAREER)
    return {
        "kind": goal.kind.value if goal else "",
        "role": shown.role,
        "sector": shown.sector,
        "region": shown.region.value,
        "home_city": shown.home_city,
        "target_companies": "\n".join(shown.target_companies),
        "target_roles": "\n".join(shown.target_roles),
        "target_sectors": "\n".join(shown.target_sectors),
        "meetings": f"{shown.meetings_per_week:g}",
        "minutes": str(shown.minutes_per_week),
        "review_weeks": str(shown.review_every_days // 7),
    }


@router.post("/strategy/goal", response_model=None)
def goal_save(
    request: Request,
    kind: str = Form(""),
    role: str = Form(""),
    sector: str = Form(""),
    region: str = Form("dach"),
    home_city: str = Form(""),
    target_companies: str = Form(""),
    target_roles: str = Form(""),
    target_sectors: str = Form(""),
    meetings: str = Form(""),
    minutes: str = Form(""),
    review_weeks: str = Form(""),
) -> Response:
    """Set the goal from the wizard; a wrong field shows the wizard again, as it was typed."""
    values = {
        "kind": kind,
        "role": role,
        "sector": sector,
        "region": region,
        "home_city": home_city,
        "target_companies": target_companies,
        "target_roles": target_roles,
        "target_sectors": target_sectors,
        "meetings": meetings,
        "minutes": minutes,
        "review_weeks": review_weeks,
    }
    try:
        goal = goal_from_form(values)
        with unit(request) as uow:
            set_goal(uow=uow, goal=goal, now=web_of(request).now())
    except InvalidInput as exc:
        field = GOAL_FIELDS.get(exc.field, exc.field)
        field = field if field in values or field == "targets" else ""
        return _goal_page(request, values, _in_words(exc, field, values), field, status=400)
    return _done("goal", "goal")


def goal_from_form(values: dict[str, str]) -> Goal:
    """The goal the wizard's fields describe; InvalidInput names the field that is wrong."""
    for name, text in values.items():
        check_length(name, text, TEXT)
    return Goal(
        kind=parse_goal_kind(values["kind"]),
        role=values["role"],
        sector=values["sector"],
        region=parse_region(values["region"]),
        home_city=values["home_city"],
        target_companies=_lines(values["target_companies"]),
        target_roles=_lines(values["target_roles"]),
        target_sectors=_lines(values["target_sectors"]),
        meetings_per_week=_number(values["meetings"], "--meetings"),
        minutes_per_week=round(_number(values["minutes"], "--minutes")),
        review_every_days=round(_number(values["review_weeks"], "--review-weeks")) * 7,
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _number(text: str, field: str) -> float:
    """A number as people type it: "2.5", or "2,5" as German writes it."""
    value = text.strip()
    if "," in value:
        value = value.replace(".", "").replace(",", ".")
    try:
        number = float(value)
    except ValueError:
        raise InvalidInput(field, text, N_("give a number")) from None
    if number != number or abs(number) == float("inf"):  # NaN, infinity
        raise InvalidInput(field, text, N_("give a number"))
    return number


def _in_words(exc: InvalidInput, field: str, values: dict[str, str]) -> str:
    """The error in one line, naming the field as the form labels it (and a number as it
    was typed, not as the goal read it)."""
    if not field:
        return str(exc)
    value = values[field] if field in NUMBERS else exc.value
    if isinstance(value, str) and len(value) > SHOWN_VALUE:  # as check_length shows it
        value = value[:SHOWN_VALUE] + "…"
    return str(InvalidInput(words()[field], value, exc.reason))


# -- 2. tier suggestions ---------------------------------------------------------------------


@router.post("/strategy/suggestions", response_model=None)
def suggestions_accept(
    request: Request,
    pick: Annotated[list[str] | None, Form()] = None,
    accept_all: str = Form(""),
) -> Response:
    """Move the ticked contacts (or all but those set by hand) to their suggested tier."""
    try:
        ids = None if accept_all else _ids(pick or [])
        with unit(request) as uow:
            moved = accept_tier_suggestions(uow=uow, today=today(request), contact_ids=ids)
    except EinhornError as exc:
        return _suggestions(request, error=str(exc), status=400)
    if not is_htmx(request):
        return _done("moved", "suggestions")
    notice = ngettext("Moved {count} contact.", "Moved {count} contacts.", moved)
    return _suggestions(request, notice=notice.format(count=moved), oob_budget=True)


def _ids(picked: list[str]) -> list[ContactId]:
    if not picked:
        raise InvalidInput(N_("contact"), "", N_("tick at least one suggestion"))
    try:
        return [ContactId(int(p)) for p in picked]
    except ValueError:
        raise InvalidInput(N_("contact"), picked[0], N_("not a contact's id")) from None


def _suggestions(
    request: Request,
    *,
    error: str = "",
    notice: str = "",
    status: int = 200,
    oob_budget: bool = False,
) -> HTMLResponse:
    """The suggestions section (after accepting, the budget too: the tiers changed)."""
    with unit(request) as uow:
        suggestions = suggest_tiers(uow=uow, today=today(request))
        load = budget(uow=uow, today=today(request)) if oob_budget else None
    return _section(
        request,
        "suggestions",
        status,
        suggestions=suggestions,
        error=error,
        notice=notice,
        load=load,
        oob=oob_budget,
    )


# -- 4. channels -----------------------------------------------------------------------------


@router.post("/strategy/channels/{network}", response_model=None)
def channel_save(
    request: Request,
    network: Annotated[str, PathParam(max_length=WORD)],
    present: str = Form("", max_length=WORD),
    url: str = Form(""),  # its length the service checks, answering in the section
) -> Response:
    """Record whether the user has a profile on one of the advised networks, and where."""
    error = ""
    with unit(request) as uow:
        item = _advice_on(channel_advice(uow=uow), network)
        try:
            set_channel(uow=uow, network=item.network.name, present=bool(present), url=url)
        except EinhornError as exc:
            error = str(exc)
        report = channel_advice(uow=uow)
    if not error and not is_htmx(request):
        return _done("saved", "channels")
    return _section(
        request,
        "channel",
        400 if error else 200,
        item=item,
        presence=report.presence,
        error=error,
        notice="" if error else words()["saved"],
    )


def _advice_on(report: ChannelReport, network: str) -> ChannelAdvice:
    """The advice on ``network``; the page offers only the networks einhorn advises on."""
    wanted = network.strip().casefold()
    for item in report.advice:
        if item.network.name == wanted:
            return item
    raise NotFound(N_("network"), network)


# -- 5. groups and events --------------------------------------------------------------------


@router.post("/strategy/groups", response_model=None)
def group_add(
    request: Request,
    name: str = Form("", max_length=TEXT),
    kind: str = Form("", max_length=WORD),
    city: str = Form("", max_length=TEXT),
    url: str = Form(""),
    engagement: str = Form("interested", max_length=WORD),
) -> Response:
    """Add a group (chamber, association, club …) with the user's engagement in it."""
    form = {"name": name, "kind": kind, "city": city, "url": url, "engagement": engagement}
    try:
        group = Group(
            name=name,
            kind=parse_group_kind(kind),
            city=city,
            url=url.strip(),
            engagement=parse_engagement(engagement),
        )
        with unit(request) as uow:
            add_group(uow=uow, group=group)
    except EinhornError as exc:
        return _groups(request, "group", error=str(exc), group_form=form)
    return _groups(request, "group", notice=words()["group_added"])


@router.post("/strategy/groups/{group_id}/engagement", response_model=None)
def group_engagement(
    request: Request,
    group_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
    engagement: str = Form("", max_length=WORD),
) -> Response:
    """One step on the engagement ladder (up or down)."""
    try:
        level = parse_engagement(engagement)
        with unit(request) as uow:
            join_group(uow=uow, ref=f"#{group_id}", engagement=level, member_refs=[])
    except EinhornError as exc:
        return _groups(request, "saved", error=str(exc))
    return _groups(request, "saved", notice=words()["saved"])


@router.post("/strategy/events", response_model=None)
def event_add(
    request: Request,
    name: str = Form("", max_length=TEXT),
    date: str = Form("", max_length=WORD),
    group: str = Form("", max_length=WORD),
    city: str = Form("", max_length=TEXT),
    met: str = Form(""),
    new: str = Form(""),
) -> Response:
    """Record an event and whom was met there (new people become contacts)."""
    form = {"name": name, "date": date, "group": group, "city": city, "met": met, "new": new}
    day = today(request)
    try:
        for label, text in ((words()["met"], met), (words()["new_people"], new)):
            check_length(label, text, TEXT)  # a line of it would be repeated in an error
        event = Event(
            name=name,
            occurred_on=parse_date(date, "date", today=day) if date.strip() else day,
            city=city,
        )
        with unit(request) as uow:
            add_event(
                uow=uow,
                event=event,
                group_ref=_group_ref(group),
                met_refs=_lines(met),
                new_names=_lines(new),
                today=day,
            )
    except EinhornError as exc:
        return _groups(request, "event", error=str(exc), event_form=form)
    return _groups(request, "event", notice=words()["event_added"])


def _group_ref(text: str) -> str | None:
    """The event's group as the form's list names it: by its id, or none."""
    number = text.strip().removeprefix("#")
    if not number:
        return None
    if not (number.isascii() and number.isdigit() and 1 <= int(number) <= MAX_ID):
        raise NotFound(N_("group"), text)  # not an id the list offers
    return f"#{number}"


def _groups(request: Request, done: str, *, error: str = "", **context: Any) -> Response:
    """The groups section again (htmx, or a form with an error), or back to the page."""
    if not error and not is_htmx(request):
        return _done(done, "groups")
    with unit(request) as uow:
        overview = list_groups(uow=uow)
    return _section(
        request, "groups", 400 if error else 200, groups=overview, error=error, **context
    )


# -- 7. triage -------------------------------------------------------------------------------


@router.get("/strategy/triage", response_class=HTMLResponse)
def triage(
    request: Request,
    who: str = Query("", max_length=300),
    company: str = Query("", max_length=300),
    kind: str = Query("coffee", max_length=20),
) -> HTMLResponse:
    """The answer to a meeting request (reading only: nothing is stored)."""
    context: dict[str, Any] = {"who": who, "company": company, "kind": kind}
    status = 200
    if who.strip() or is_htmx(request):
        try:
            with unit(request) as uow:
                context["result"] = triage_anyone(
                    uow=uow, who=who, company=company, kind=parse_kind(kind), today=today(request)
                )
        except AmbiguousReference as exc:
            context.update(error=str(exc), candidates=exc.candidates)
            status = 400
        except EinhornError as exc:
            context["error"] = str(exc)
            status = 400
    name = "triage_result" if is_htmx(request) else "triage"
    return _section(request, name, status, **context)


@router.get("/strategy/people", response_class=HTMLResponse)
def people(request: Request, who: str = Query("", max_length=300)) -> HTMLResponse:
    """Contacts whose names match what is typed so far, as the options of a <datalist>."""
    found: list[Contact] = []
    text = who.strip()
    if text and not text.startswith("#"):
        with unit(request) as uow:
            found, _total = list_contacts(uow=uow, query=ContactQuery(text=text, limit=10))
    return _section(request, "people", contacts=found)
