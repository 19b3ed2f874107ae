"""JSON endpoints of the strategy: the goal, tier suggestions, the time budget, channels,
triage of a meeting request, online/offline gaps, groups and events.

The shapes follow the CLI's ``--json`` output of the same commands, so scripts can switch.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from einhorn.domain.goals import (
    DEFAULT_MEETINGS_PER_WEEK,
    DEFAULT_MINUTES_PER_WEEK,
    DEFAULT_REVIEW_DAYS,
    Goal,
    parse_goal_kind,
    parse_region,
)
from einhorn.domain.ids import ContactId
from einhorn.domain.interactions import parse_kind
from einhorn.errors import InvalidInput
from einhorn.interchange.json_export import goal_to_dict, group_fields
from einhorn.services.groups import list_groups
from einhorn.services.json_views import (
    channel_to_dict,
    gaps_to_dict,
    load_to_dict,
    tier_suggestion_to_dict,
    triage_to_dict,
)
from einhorn.services.strategy import (
    accept_tier_suggestions,
    budget,
    channel_advice,
    current_goal,
    gaps,
    set_channel,
    set_goal,
    suggest_tiers,
    triage_anyone,
)
from einhorn.web.kit import signed_in, today, unit, web_of

router = APIRouter(prefix="/api", dependencies=[Depends(signed_in)], tags=["strategy"])

SHORT = 300  # a name, a role, a company
MANY = 200  # target companies, roles or sectors


class GoalIn(BaseModel):
    """A goal as ``PUT /api/goal`` takes it: it replaces the current one (which stays in the
    history). ``kind``: career, expert, founder, job-search, international or research."""

    kind: str = Field(max_length=40)
    role: str = Field("", max_length=SHORT)
    sector: str = Field("", max_length=SHORT)
    region: str = Field("dach", max_length=40, description="dach or international")
    home_city: str = Field("", max_length=SHORT)
    target_companies: list[str] = Field(default_factory=list, max_length=MANY)
    target_roles: list[str] = Field(default_factory=list, max_length=MANY)
    target_sectors: list[str] = Field(default_factory=list, max_length=MANY)
    meetings_per_week: float = Field(DEFAULT_MEETINGS_PER_WEEK, allow_inf_nan=False)
    minutes_per_week: int = DEFAULT_MINUTES_PER_WEEK
    review_every_days: int = DEFAULT_REVIEW_DAYS


class AcceptIn(BaseModel):
    """The contacts whose suggested tier to accept (tiers set by hand too); without ``ids``,
    every suggestion except the tiers set by hand."""

    ids: list[int] | None = Field(None, max_length=100_000)


class ChannelIn(BaseModel):
    present: bool = True
    url: str = Field("", max_length=1000, description="the profile's address")


class TriageIn(BaseModel):
    """Who asks (a contact's id ``#12``, part of a name, or a stranger's name) and for what:
    coffee, lunch, call, video or meeting. ``company`` weighs a stranger's request."""

    who: str = Field(min_length=1, max_length=SHORT)
    kind: str = Field("coffee", max_length=40)
    company: str = Field("", max_length=SHORT)


# -- the goal --------------------------------------------------------------------------------

# The goal's names for its fields in errors (the CLI's options) → the API's names.
_GOAL_FIELDS = {
    "--meetings": "meetings_per_week",
    "--minutes": "minutes_per_week",
    "--review-weeks": "review_every_days",
}


@router.get("/goal")
def api_goal(request: Request) -> dict[str, Any]:
    """The current goal (400 before one is set)."""
    with unit(request) as uow:
        return goal_to_dict(current_goal(uow=uow))


@router.put("/goal")
def api_set_goal(request: Request, body: GoalIn) -> dict[str, Any]:
    """Set the goal; the tier suggestions, the budget and the channel advice follow from it."""
    goal = _goal(body)
    with unit(request) as uow:
        return goal_to_dict(set_goal(uow=uow, goal=goal, now=web_of(request).now()))


def _goal(body: GoalIn) -> Goal:
    try:
        return Goal(
            kind=parse_goal_kind(body.kind),
            role=body.role,
            sector=body.sector,
            region=parse_region(body.region),
            home_city=body.home_city,
            target_companies=body.target_companies,
            target_roles=body.target_roles,
            target_sectors=body.target_sectors,
            meetings_per_week=body.meetings_per_week,
            minutes_per_week=body.minutes_per_week,
            review_every_days=body.review_every_days,
        )
    except InvalidInput as exc:
        if exc.field not in _GOAL_FIELDS:
            raise
        name = _GOAL_FIELDS[exc.field]
        raise InvalidInput(name, getattr(body, name), exc.reason) from None


# -- tier suggestions ------------------------------------------------------------------------


@router.get("/strategy/suggestions")
def api_suggestions(request: Request, limit: int = Query(100, ge=1, le=100_000)) -> dict[str, Any]:
    """Contacts whose tier the goal suggests to change, most relevant first, with reasons."""
    with unit(request) as uow:
        found = suggest_tiers(uow=uow, today=today(request))
    return {"total": len(found), "suggestions": [tier_suggestion_to_dict(s) for s in found[:limit]]}


@router.post("/strategy/suggestions")
def api_accept_suggestions(request: Request, body: AcceptIn) -> dict[str, int]:
    """Accept suggestions in one transaction: the ``ids`` given (tiers set by hand too), or
    without ``ids`` all but the tiers set by hand. Ids no longer suggested move nothing."""
    ids = None if body.ids is None else [ContactId(i) for i in body.ids]
    with unit(request) as uow:
        moved = accept_tier_suggestions(uow=uow, today=today(request), contact_ids=ids)
    return {"moved": moved}


# -- budget, channels, gaps ------------------------------------------------------------------


@router.get("/budget")
def api_budget(request: Request) -> dict[str, Any]:
    """The meetings a week the tiers' cadences ask for, against the goal's budget, and what
    would bring them down."""
    with unit(request) as uow:
        load = budget(uow=uow, today=today(request))
    return load_to_dict(load)


@router.get("/channels")
def api_channels(request: Request) -> list[dict[str, Any]]:
    """Invest, keep or skip for each online network, with reasons, presence and checklist."""
    with unit(request) as uow:
        report = channel_advice(uow=uow)
    return [channel_to_dict(item, report.presence) for item in report.advice]


@router.put("/channels/{network}")
def api_set_channel(
    request: Request, network: Annotated[str, Path(max_length=40)], body: ChannelIn
) -> dict[str, Any]:
    """Record whether you have a profile on ``network`` (one word: xing, linkedin …)."""
    with unit(request) as uow:
        set_channel(uow=uow, network=network, present=body.present, url=body.url)
    return {"network": network.strip().casefold(), "present": body.present, "url": body.url}


@router.get("/gaps")
def api_gaps(request: Request, limit: int = Query(100, ge=1, le=100_000)) -> dict[str, Any]:
    """Contacts met but not connected online, and connected but never met, each with a next
    step; unicorns first."""
    with unit(request) as uow:
        found = gaps(uow=uow)
    return gaps_to_dict(found, limit)


# -- triage, groups --------------------------------------------------------------------------


@router.post("/triage")
def api_triage(request: Request, body: TriageIn) -> dict[str, Any]:
    """Accept, propose a short call or decline a meeting request, with the reasons and a
    ready-to-send text (German Sie and du, English). Nothing is stored."""
    kind = parse_kind(body.kind)
    with unit(request) as uow:
        result = triage_anyone(
            uow=uow, who=body.who, company=body.company, kind=kind, today=today(request)
        )
    return {
        **triage_to_dict(result),
        "known": result.contact_id is not None,
        "form_of_address": result.form_of_address,
    }


@router.get("/groups")
def api_groups(request: Request) -> dict[str, Any]:
    """Your groups with engagement and members, the newest events with whom you met, and
    the kinds of group your goal suggests."""
    with unit(request) as uow:
        found = list_groups(uow=uow)
    return {
        "groups": [{**group_fields(g), "members": members} for g, members in found.groups],
        "events": [
            {
                "id": view.event.id,
                "name": view.event.name,
                "date": view.event.occurred_on.isoformat(),
                "group": view.group,
                "met": view.met,
            }
            for view in found.events
        ],
        "events_total": found.events_total,
        "suggested_kinds": [k.value for k in found.suggestion.kinds] if found.suggestion else [],
        "suggested_step": found.suggestion.step if found.suggestion else "",
    }
