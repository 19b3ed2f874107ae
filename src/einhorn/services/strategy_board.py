"""The strategy at a glance: the goal and everything that follows from it (tier suggestions,
time budget, channels), the groups and events, and the online/offline gaps, read in one unit
of work for the web's strategy page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from einhorn.advice.budget import Load
from einhorn.domain.goals import Goal
from einhorn.services.groups import GroupsOverview, list_groups
from einhorn.services.ports import UnitOfWork
from einhorn.services.strategy import (
    ChannelReport,
    Gaps,
    TierSuggestion,
    budget,
    channel_advice,
    gaps,
    suggest_tiers,
)


@dataclass(frozen=True, slots=True)
class StrategyBoard:
    goal: Goal | None  # None before one is set: then nothing that follows from it is known
    suggestions: list[TierSuggestion]
    load: Load | None
    channels: ChannelReport | None
    groups: GroupsOverview
    gaps: Gaps


def strategy_board(*, uow: UnitOfWork, today: dt.date) -> StrategyBoard:
    """Everything the strategy page shows; without a goal only the groups and the gaps."""
    goal = uow.goals.current()
    return StrategyBoard(
        goal=goal,
        suggestions=suggest_tiers(uow=uow, today=today) if goal else [],
        load=budget(uow=uow, today=today) if goal else None,
        channels=channel_advice(uow=uow) if goal else None,
        groups=list_groups(uow=uow),
        gaps=gaps(uow=uow),
    )


def goal_or_none(*, uow: UnitOfWork) -> Goal | None:
    """The current goal, or None before one is set (the wizard starts empty then)."""
    return uow.goals.current()
