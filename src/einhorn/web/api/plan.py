"""JSON endpoints: the lunch plan (#neverlunchalone) and trips, over the same services as
``einhorn plan`` and the plan page. The solver is imported inside the routes that need it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from einhorn.domain.dates import MAX_YEAR, MIN_YEAR
from einhorn.domain.plans import Trip, parse_weekdays
from einhorn.services.contacts import MAX_ID
from einhorn.services.feeds import plan_ics
from einhorn.services.json_views import plan_report_to_dict, slot_view_to_dict
from einhorn.services.plan_views import PlanOptions, PlanReport, SlotView
from einhorn.web.kit import signed_in, today, unit, web_of

router = APIRouter(prefix="/api", dependencies=[Depends(signed_in)], tags=["plan"])

RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
MAX_SECONDS = 20  # a request waits for the solver: keep the wait short


class LunchOut(BaseModel):
    """One day of the plan: who, why, and where it stands."""

    id: int | None
    day: dt.date
    status: Literal["proposed", "accepted", "skipped", "held"]
    contact_id: int | None
    name: str | None
    tier: Literal["unicorn", "flamingo", "penguin"] | None
    why: str = Field(description="The reasons, in the request's language.")
    city: str | None = Field(description="The city of a trip on that day.")
    interaction_id: int | None = Field(description="The logged lunch, once held.")


class ShortfallOut(BaseModel):
    """A cadence the plan cannot keep: too few lunches (slots), or the person lives elsewhere."""

    contact_id: int
    name: str
    tier: Literal["unicorn", "flamingo", "penguin"]
    due_on: dt.date
    cause: Literal["slots", "elsewhere"]
    city: str | None


class SolverOut(BaseModel):
    """How good a new plan is."""

    objective: int
    bound: int | None = Field(description="None: no plan in time; the most overdue come first.")
    optimal: bool = Field(description="Proven the best possible plan.")
    gap: float | None
    contacts_considered: int
    contacts_available: int
    outside_bubble_lunches: int
    outside_bubble_slots: int
    seconds: float


class PlanOut(BaseModel):
    lunches: list[LunchOut]
    shortfalls: list[ShortfallOut] = []
    solver: SolverOut | None = None


class PlanIn(BaseModel):
    """Options of a new plan (as ``einhorn plan lunches``)."""

    weeks: int = Field(12, description="How many weeks to plan (1–16).")
    per_week: int | None = Field(None, description="Lunches a week (default: 2, or one per day).")
    days: list[Annotated[str, Field(max_length=20)]] | None = Field(
        None, max_length=7, description='Lunch days, like ["tue", "thu"] or ["di", "do"].'
    )
    start: dt.date | None = Field(
        None,
        ge=dt.date(MIN_YEAR, 1, 1),
        le=dt.date(MAX_YEAR, 12, 31),
        description="First day (default: tomorrow).",
    )
    window_weeks: int = Field(8, ge=1, le=52, description="Nobody twice within this time.")
    share: int = Field(25, ge=0, le=100, description="Percent outside your bubble.")
    seed: int = Field(0, ge=0, lt=2**31, description="The same seed, the same plan.")
    time_limit: float = Field(10.0, gt=0, le=MAX_SECONDS, description="Seconds for the solver.")


class SwapIn(BaseModel):
    with_: str | None = Field(
        None,
        alias="with",
        max_length=200,
        description="This contact instead (an id or part of a name); none: the next best.",
    )


class DoneIn(BaseModel):
    note: str = Field("", max_length=2000, description="A note on the lunch.")


class TripIn(BaseModel):
    city: str = Field(max_length=200)
    from_on: dt.date = Field(alias="from")
    to_on: dt.date = Field(alias="to")


class TripOut(BaseModel):
    id: int | None
    city: str
    from_on: dt.date = Field(serialization_alias="from")
    to_on: dt.date = Field(serialization_alias="to")


def _lunch(view: SlotView) -> LunchOut:
    return LunchOut.model_validate(slot_view_to_dict(view))


def _plan(report: PlanReport) -> PlanOut:
    """The plan in the shape of ``einhorn plan --json`` (the models name its fields)."""
    return PlanOut.model_validate(plan_report_to_dict(report))


@router.get("/plan")
def api_plan(request: Request) -> PlanOut:
    """The lunch plan from today on."""
    from einhorn.services.plans import show_plan

    with unit(request) as uow:
        return _plan(show_plan(uow=uow, today=today(request)))


@router.post("/plan")
def api_plan_lunches(request: Request, options: PlanIn) -> PlanOut:
    """Plan lunches: accepted, skipped and held days stay, every other day gets the best
    person; the answer says what the plan cannot do and how good it is."""
    from einhorn.services.plans import plan_lunches

    chosen = PlanOptions(
        weeks=options.weeks,
        per_week=options.per_week,
        days=parse_weekdays(",".join(options.days)) if options.days else None,
        start=options.start,
        window_days=options.window_weeks * 7,
        chance_share=options.share / 100,
        seed=options.seed,
        time_limit=options.time_limit,
    )
    with unit(request) as uow:
        return _plan(plan_lunches(uow=uow, today=today(request), options=chosen))


@router.post("/plan/slots/{slot_id}/accept")
def api_accept(request: Request, slot_id: RowId) -> LunchOut:
    """Confirm a lunch: it stays when planning again."""
    from einhorn.services.plans import accept_slots

    with unit(request) as uow:
        return _lunch(accept_slots(uow=uow, refs=[str(slot_id)], today=today(request))[0])


@router.post("/plan/slots/{slot_id}/skip")
def api_skip(request: Request, slot_id: RowId) -> LunchOut:
    """No lunch that day; planning again leaves the day free."""
    from einhorn.services.plans import skip_slot

    with unit(request) as uow:
        return _lunch(skip_slot(uow=uow, ref=str(slot_id), today=today(request)))


@router.post("/plan/slots/{slot_id}/swap")
def api_swap(
    request: Request, slot_id: RowId, body: Annotated[SwapIn | None, Body()] = None
) -> LunchOut:
    """Someone else for the lunch: the contact named (then accepted), or the next best."""
    from einhorn.services.plans import swap_slot

    chosen = (body.with_.strip() or None) if body and body.with_ else None
    with unit(request) as uow:
        return _lunch(swap_slot(uow=uow, ref=str(slot_id), today=today(request), with_ref=chosen))


@router.post("/plan/slots/{slot_id}/done")
def api_done(
    request: Request, slot_id: RowId, body: Annotated[DoneIn | None, Body()] = None
) -> LunchOut:
    """The lunch took place: it is logged as an interaction."""
    from einhorn.services.plans import hold_slot

    note = body.note if body else ""
    with unit(request) as uow:
        return _lunch(hold_slot(uow=uow, ref=str(slot_id), today=today(request), note=note))


@router.get(
    "/plan.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {}}, "description": "An iCalendar file."}},
)
def api_plan_ics(request: Request) -> Response:
    """The plan from today on as an iCalendar file (lunches at noon)."""
    with unit(request) as uow:
        body = plan_ics(uow=uow, today=today(request), now=web_of(request).now())
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="einhorn-lunches.ics"'},
    )


@router.get("/trips")
def api_trips(request: Request) -> list[TripOut]:
    """Trips not yet over: on those days the plan goes to contacts in that city."""
    with unit(request) as uow:
        trips = uow.plans.trips(today(request))
    return [_trip(t) for t in trips]


@router.post("/trips", status_code=201)
def api_add_trip(request: Request, trip: TripIn) -> TripOut:
    """Add a trip; plan again to use it."""
    from einhorn.services.plans import add_trip

    with unit(request) as uow:
        saved = add_trip(
            uow=uow, trip=Trip(trip.city, trip.from_on, trip.to_on), today=today(request)
        )
    return _trip(saved)


@router.delete("/trips/{trip_id}", status_code=204)
def api_remove_trip(request: Request, trip_id: RowId) -> Response:
    """Forget a trip."""
    from einhorn.services.plans import remove_trip

    with unit(request) as uow:
        remove_trip(uow=uow, trip_id=trip_id)
    return Response(status_code=204)


def _trip(trip: Trip) -> TripOut:
    return TripOut(id=trip.id, city=trip.city, from_on=trip.from_on, to_on=trip.to_on)
