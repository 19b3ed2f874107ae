"""The periodic review (step 8, "Auf die Probe stellen"): plan against reality, kept so the
next review shows what changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from einhorn.domain.tiers import Tier


@dataclass(frozen=True, slots=True)
class TierMove:
    contact_id: int
    display_name: str
    before: Tier
    after: Tier


@dataclass(slots=True)
class StrategyReview:
    """What a review found; ``tiers`` (contact id → tier) lets the next one see the moves."""

    created_at: dt.datetime
    since: dt.date
    until: dt.date
    goal: str
    meetings_held: int
    meetings_budget: float
    tier_counts: dict[str, int]
    tier_counts_before: dict[str, int] | None
    moves: list[TierMove]
    neglected_unicorns: list[str]
    new_contacts: int
    blau: dict[str, float]  # attribute → Blau index now
    blau_before: dict[str, float] | None
    channels: dict[str, bool]  # network → present
    groups: dict[str, str]  # group name → engagement
    suggestions: list[str]  # in words, in the user's language
    tiers: dict[int, str] = field(default_factory=dict)
    id: int | None = None
