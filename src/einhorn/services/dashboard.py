"""The dashboard: the goal, tier counts, who is due, this week's lunches and what happened
lately."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from einhorn.advice.budget import Load
from einhorn.domain.due import DUE_SOON_DAYS, DueEntry
from einhorn.domain.plans import SlotStatus
from einhorn.domain.tiers import Tier
from einhorn.services.due import FollowUp, list_due, open_follow_ups
from einhorn.services.plan_views import SlotView, slot_views
from einhorn.services.ports import RecentInteraction, UnitOfWork


@dataclass(frozen=True, slots=True)
class Dashboard:
    goal: str | None  # the current goal in words, None before one is set
    contacts: int
    interactions: int
    tier_counts: dict[Tier, int]
    due: list[DueEntry]
    due_total: int
    recent: list[RecentInteraction]
    lunches: list[SlotView]  # the planned lunches of the coming week
    follow_ups: list[FollowUp] = field(default_factory=list)  # after events, with whom
    review_due_on: dt.date | None = None  # None without a goal
    load: Load | None = None  # the weekly time budget against the cadences' load


def get_dashboard(
    *,
    uow: UnitOfWork,
    today: dt.date,
    due_limit: int = 10,
    recent_limit: int = 5,
    full: bool = False,
) -> Dashboard:
    """The overview; ``full`` adds follow-ups, the next review and the budget (the web page)."""
    counts = uow.contacts.tier_counts()
    goal = uow.goals.current()
    extra: dict[str, Any] = {}
    if full:
        from einhorn.services.strategy import budget, review_due_on

        extra = {
            "follow_ups": open_follow_ups(uow=uow, today=today),
            "review_due_on": review_due_on(uow=uow),
            "load": budget(uow=uow, today=today) if goal else None,
        }
    return Dashboard(
        goal=goal.describe() if goal else None,
        contacts=sum(counts.values()),
        interactions=uow.interactions.count(),
        tier_counts=counts,
        due=list_due(uow=uow, today=today, limit=due_limit),
        due_total=uow.contacts.count_due(today=today, horizon_days=DUE_SOON_DAYS),
        recent=uow.interactions.recent(recent_limit),
        lunches=[
            view
            for view in slot_views(uow, uow.plans.slots(today, today + dt.timedelta(days=6)))
            if view.name and view.slot.status is not SlotStatus.SKIPPED
        ],
        **extra,
    )
