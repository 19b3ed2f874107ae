"""The plan page (#neverlunchalone): the lunch calendar with accept, swap, skip and done, a new
plan on demand, trips, the .ics download and the private calendar feed.

The solver (``einhorn.services.plans``) is imported inside the routes that need it, so the web
app starts without it and the page itself opens without it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from einhorn.bootstrap import feed_account
from einhorn.domain.contacts import Contact
from einhorn.domain.dates import parse_date
from einhorn.domain.plans import SlotStatus, Trip
from einhorn.errors import EinhornError, InvalidInput, NotFound
from einhorn.i18n import N_, SUPPORTED_LANGUAGES, format_date, format_number, ngettext, set_language
from einhorn.i18n import gettext as _
from einhorn.services.contacts import MAX_ID, list_contacts
from einhorn.services.feeds import feed_ics, new_feed, plan_ics, revoke_feed
from einhorn.services.plan_board import plan_board, slot_view
from einhorn.services.plan_views import PlanOptions, PlanReport, SlotView
from einhorn.services.ports import ContactQuery, UnitOfWork
from einhorn.web.kit import (
    is_htmx,
    language,
    render,
    signed_in,
    today,
    unit,
    web_of,
)

router = APIRouter(dependencies=[Depends(signed_in)])
# Public: calendar apps poll the feed without a session; the secret in its link is the key.
feed_router = APIRouter()

SlotId = Annotated[int, Path(ge=1, le=MAX_ID)]
MAX_SECONDS = 20  # a request waits for the solver: keep the wait short
SHORTFALLS_SHOWN = 10
PEOPLE_SHOWN = 20
ICS = "text/calendar; charset=utf-8"
# The feed's link is a secret and its body personal: no cache (browser, proxy) may keep a
# copy, which would also outlive a revoked link. Calendar apps poll every few hours at most,
# and the answer is one small query, so caching would save nothing worth the risk.
NO_STORE = {"Cache-Control": "private, no-store"}


def words() -> dict[str, str]:
    return {
        "intro": _(
            "#neverlunchalone: a different person each time, spent where your goal needs it, "
            "each lunch with its reason."
        ),
        "calendar": _("Lunch calendar"),
        "week_of": _("Week of {day}"),
        "day": _("Day"),
        "who": _("Who"),
        "why": _("Why"),
        "status": _("Status"),
        "actions": _("Actions"),
        "nobody": _("— nobody fits —"),
        "no_slots": _("No lunches planned yet: plan some below."),
        "accept": _("Accept"),
        "skip_day": _("Skip"),
        "swap": _("Swap"),
        "swap_with": _("Swap with"),
        "swap_search": _("Search a person"),
        "next_best": _("the next best (einhorn chooses)"),
        "done": _("Done"),
        "done_hint": _("The lunch took place: log it"),
        "new_plan": _("Plan again"),
        "new_plan_hint": _(
            "Accepted, skipped and held lunches stay; every other day gets the best person."
        ),
        "weeks": _("Weeks"),
        "per_week": _("Lunches a week"),
        "time_limit": _("Time for the solver (seconds)"),
        "plan_now": _("Plan lunches"),
        "report": _("The new plan"),
        "shortfalls": _("What the plan cannot do"),
        "download": _("Download the plan (.ics)"),
        "trips": _("Trips"),
        "trips_hint": _("On those days the lunches go to contacts in that city."),
        "no_trips": _("No trips ahead."),
        "city_label": _("City"),
        "from": _("From"),
        "to": _("To"),
        "add_trip": _("Add trip"),
        "remove": _("Remove"),
        "remove_trip": _("Remove the trip to {city}"),
        "feed": _("Subscribe in your calendar app"),
        "feed_hint": _(
            "A private link that calendar apps poll: your lunches appear there and stay up to "
            "date. Anyone with the link can read the plan, so keep it to yourself."
        ),
        "feed_none": _("No calendar link yet."),
        "feed_active": _("A calendar link is active since {day}."),
        "feed_once": _(
            "Your calendar link, shown only this once: copy it into your calendar app "
            "(subscribe by URL)."
        ),
        "feed_url": _("Calendar link"),
        "feed_open": _("Open in your calendar app"),
        "copy_link": _("Copy"),  # not "copy": t.copy would be the dict's method
        "feed_create": _("Make a calendar link"),
        "feed_rotate": _("Make a new link (the old one stops working)"),
        "feed_revoke": _("Stop the calendar feed"),
        **{f"state_{state.value}": _(state.label) for state in SlotStatus},
    }


# -- the page ----------------------------------------------------------------------------------


@router.get("/plan", response_class=HTMLResponse)
def plan_page(request: Request) -> HTMLResponse:
    return _page(request)


def _page(request: Request, status_code: int = 200, **extra: Any) -> HTMLResponse:
    with unit(request) as uow:
        board = plan_board(uow=uow, today=today(request))
    context: dict[str, Any] = {
        "form": {"weeks": 12, "per_week": 2, "time_limit": 10},
        "trip_form": {"city": "", "from_on": "", "to_on": ""},
        **extra,
    }
    return render(
        request,
        "plan.html",
        words=words(),
        status_code=status_code,
        board=board,
        weeks=_by_week(board.slots),
        **context,
    )


def _by_week(views: list[SlotView]) -> list[tuple[dt.date, list[SlotView]]]:
    """The slots grouped by the Monday of their week."""

    def monday(view: SlotView) -> dt.date:
        return view.slot.day - dt.timedelta(days=view.slot.day.weekday())

    return [(week, list(slots)) for week, slots in itertools.groupby(views, key=monday)]


@router.post("/plan", response_class=HTMLResponse)
def plan_again(
    request: Request,
    weeks: Annotated[int, Form()] = 12,
    per_week: Annotated[int, Form()] = 2,
    time_limit: Annotated[int, Form()] = 10,
) -> HTMLResponse:
    """Plan the coming weeks; the page shows the new plan and what it cannot do."""
    from einhorn.services.plans import plan_lunches

    form = {"weeks": weeks, "per_week": per_week, "time_limit": time_limit}
    try:
        if not 1 <= time_limit <= MAX_SECONDS:
            raise InvalidInput(N_("time limit"), time_limit, N_("between 1 and 20 seconds"))
        options = PlanOptions(weeks=weeks, per_week=per_week, time_limit=float(time_limit))
        with unit(request) as uow:
            report = plan_lunches(uow=uow, today=today(request), options=options)
    except EinhornError as exc:
        return _page(request, 400, form=form, plan_error=str(exc))
    return _page(request, form=form, summary=_summary(report), misses=_shortfalls(report))


def _summary(report: PlanReport) -> str:
    """How good the new plan is, in one sentence."""
    solver = report.solver
    planned = len([v for v in report.slots if v.name])
    lunches = ngettext("{n} lunch planned", "{n} lunches planned", planned).format(n=planned)
    if solver is None:
        return lunches + "."
    if solver.optimal:
        quality = _("the best possible plan (proven)")
    elif solver.gap is None:
        quality = _(
            "the solver found no plan in time, so the most overdue come first (allow it more time)"
        )
    else:
        quality = _("within {gap} of the best possible plan").format(
            gap=f"{format_number(100 * solver.gap, 1)} %"
        )
    outside = _("{lunches} of them outside your bubble (aim: {aim})").format(
        lunches=solver.chance_lunches, aim=solver.chance_slots
    )
    return f"{lunches}; {outside}; {quality}."


def _shortfalls(report: PlanReport) -> list[str]:
    """The cadences the plan cannot keep, as sentences (the first few, then a count)."""
    lines = []
    for miss in report.shortfalls[:SHORTFALLS_SHOWN]:
        if miss.cause == "elsewhere":
            line = _(
                "Cannot keep the cadence of {name} ({tier}, due {day}): lives in {city}, "
                "and no trip there is planned."
            )
        else:
            line = _("No lunch for {name} ({tier}, due {day}): not enough lunches in the plan.")
        lines.append(
            line.format(
                name=miss.name,
                tier=_(miss.tier.label),
                day=format_date(miss.due_on),
                city=miss.city,
            )
        )
    more = len(report.shortfalls) - len(lines)
    if more > 0:
        lines.append(
            ngettext(
                "{count} more contact falls due without a lunch.",
                "{count} more contacts fall due without a lunch.",
                more,
            ).format(count=more)
        )
    return lines


# -- one slot: accept, skip, swap, done (htmx replaces the slot's row) -------------------------


@router.post("/plan/slots/{slot_id}/accept", response_model=None)
def accept(request: Request, slot_id: SlotId) -> Response:
    from einhorn.services.plans import accept_slots

    def act(uow: UnitOfWork) -> SlotView:
        return accept_slots(uow=uow, refs=[str(slot_id)], today=today(request))[0]

    return _slot_action(request, slot_id, act)


@router.post("/plan/slots/{slot_id}/skip", response_model=None)
def skip(request: Request, slot_id: SlotId) -> Response:
    from einhorn.services.plans import skip_slot

    def act(uow: UnitOfWork) -> SlotView:
        return skip_slot(uow=uow, ref=str(slot_id), today=today(request))

    return _slot_action(request, slot_id, act)


@router.post("/plan/slots/{slot_id}/swap", response_model=None)
def swap(
    request: Request,
    slot_id: SlotId,
    with_: Annotated[str, Form(alias="with", max_length=200)] = "",
) -> Response:
    """Someone else for the lunch: the person chosen (then accepted), or the next best."""
    from einhorn.services.plans import swap_slot

    def act(uow: UnitOfWork) -> SlotView:
        chosen = with_.strip() or None
        return swap_slot(uow=uow, ref=str(slot_id), today=today(request), with_ref=chosen)

    return _slot_action(request, slot_id, act)


@router.post("/plan/slots/{slot_id}/done", response_model=None)
def done(request: Request, slot_id: SlotId) -> Response:
    """The lunch took place: it is logged, and the person's clock restarts."""
    from einhorn.services.plans import hold_slot

    def act(uow: UnitOfWork) -> SlotView:
        return hold_slot(uow=uow, ref=str(slot_id), today=today(request))

    return _slot_action(request, slot_id, act)


def _slot_action(request: Request, slot_id: int, act: Callable[[UnitOfWork], SlotView]) -> Response:
    """Run one slot's use case; htmx gets the slot's new row, a plain form the page again.

    A refusal comes back as the row as it is, with the reason (status 4xx; plan.js lets htmx
    show it). Without htmx the error page says it.
    """
    try:
        with unit(request) as uow:
            view = act(uow)
    except EinhornError as exc:
        if not is_htmx(request):
            raise
        status = 404 if isinstance(exc, NotFound) else 400
        try:
            with unit(request) as uow:
                current: SlotView | None = slot_view(uow=uow, slot_id=slot_id)
        except NotFound:
            current = None
        return _row(request, current, slot_id, error=str(exc), status_code=status)
    if not is_htmx(request):
        return RedirectResponse(f"/plan#slot-{slot_id}", status_code=303)
    return _row(request, view, slot_id)


def _row(
    request: Request,
    view: SlotView | None,
    slot_id: int,
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "plan_row.html",
        words=words(),
        status_code=status_code,
        view=view,
        slot_id=slot_id,
        error=error,
    )


@router.get("/plan/people", response_class=HTMLResponse)
def people(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
    """The choices of the swap form's "with" list, found as the user types."""
    found: list[Contact] = []
    if q.strip():
        with unit(request) as uow:
            found, _total = list_contacts(
                uow=uow, query=ContactQuery(text=q.strip(), limit=PEOPLE_SHOWN)
            )
    return render(request, "plan_people.html", words=words(), people=found)


# -- the calendar: download and feed -----------------------------------------------------------


@router.get("/plan.ics")
def download(request: Request) -> Response:
    """The plan from today on as a calendar file."""
    with unit(request) as uow:
        body = plan_ics(uow=uow, today=today(request), now=web_of(request).now())
    return Response(
        body,
        media_type=ICS,
        headers={"Content-Disposition": 'attachment; filename="einhorn-lunches.ics"'},
    )


@router.post("/plan/feed", response_class=HTMLResponse)
def make_feed(request: Request) -> HTMLResponse:
    """A new feed link (an earlier one stops working); its secret is shown this once."""
    with unit(request) as uow:
        token = new_feed(uow=uow, now=web_of(request).now())
    url = str(request.url_for("calendar_feed", token=token))
    if (code := language(request)) != "en":  # calendar apps send no language of their own
        url += f"?lang={code}"
    page = _page(request, feed_url=url, feed_webcal="webcal://" + url.split("://", 1)[1])
    page.headers.update(NO_STORE)  # the secret must not stay in the browser's cache
    return page


@router.post("/plan/feed/revoke")
def end_feed(request: Request) -> RedirectResponse:
    with unit(request) as uow:
        revoke_feed(uow=uow)
    return RedirectResponse("/plan#feed", status_code=303)


@feed_router.api_route(
    "/feed/{token}.ics", methods=["GET", "HEAD"], name="calendar_feed", include_in_schema=False
)
def calendar_feed(
    request: Request,
    token: str,
    lang: Annotated[str, Query(max_length=5)] = "",
) -> Response:
    """The account's lunch plan for calendar apps. An unknown, revoked or malformed link gets
    the same plain 404 as any page that does not exist: nothing hints that a feed was there."""
    web = web_of(request)
    account = feed_account(web.app, token)
    if account is None:
        raise HTTPException(status_code=404)
    if lang in SUPPORTED_LANGUAGES:  # a calendar app sends no language: the link may name it
        set_language(lang)
    with web.app.uow(web.today(), account_id=account) as uow:
        body = feed_ics(uow=uow, today=web.today(), now=web.now())
    return Response(body, media_type=ICS, headers=NO_STORE)


# -- trips -------------------------------------------------------------------------------------


@router.post("/plan/trips", response_class=HTMLResponse, response_model=None)
def add_trip_form(
    request: Request,
    city: Annotated[str, Form(max_length=200)] = "",
    from_on: Annotated[str, Form(max_length=40)] = "",
    to_on: Annotated[str, Form(max_length=40)] = "",
) -> Response:
    """Add a trip; the next plan sends those days' lunches to contacts in that city."""
    from einhorn.services.plans import add_trip

    day = today(request)
    try:
        trip = Trip(
            city,
            parse_date(from_on, N_("from"), today=day),
            parse_date(to_on, N_("to"), today=day),
        )
        with unit(request) as uow:
            add_trip(uow=uow, trip=trip, today=day)
    except EinhornError as exc:
        form = {"city": city, "from_on": from_on, "to_on": to_on}
        return _page(request, 400, trip_form=form, trip_error=str(exc))
    return RedirectResponse("/plan#trips", status_code=303)


@router.post("/plan/trips/{trip_id}/remove")
def remove_trip_form(request: Request, trip_id: SlotId) -> RedirectResponse:
    from einhorn.services.plans import remove_trip

    with unit(request) as uow:
        remove_trip(uow=uow, trip_id=trip_id)
    return RedirectResponse("/plan#trips", status_code=303)
