"""The dashboard: the goal, tier counts, who is due and what happened lately."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from einhorn.domain.due import DUE_SOON_DAYS, DueEntry
from einhorn.domain.tiers import Tier
from einhorn.services.due import list_due
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


def get_dashboard(
    *, uow: UnitOfWork, today: dt.date, due_limit: int = 10, recent_limit: int = 5
) -> Dashboard:
    counts = uow.contacts.tier_counts()
    goal = uow.goals.current()
    return Dashboard(
        goal=goal.describe() if goal else None,
        contacts=sum(counts.values()),
        interactions=uow.interactions.count(),
        tier_counts=counts,
        due=list_due(uow=uow, today=today, limit=due_limit),
        due_total=uow.contacts.count_due(today=today, horizon_days=DUE_SOON_DAYS),
        recent=uow.interactions.recent(recent_limit),
    )
