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


@dataclass(frozen=True, slots=True)
class StructureSummary:
    """The review's short look at the network's structure (issue 6), in the user's language.

    ``brokers`` are names: the report shows them, but they are not kept with the review's
    figures, so erasing a contact leaves no trace of them in the history.
    """

    contacts: int
    ties: int
    clusters: int
    largest_clusters: list[tuple[str, int]]  # title, size
    effective_size: float
    efficiency: float
    constraint: float
    reading: str  # what the constraint says, in words
    ei_index: float | None  # of the ties among the contacts, by sector
    ei_expected: float | None  # the same if ties fell at random
    weak_ties_outside: int
    brokers: list[str] = field(default_factory=list)


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
    structure: StructureSummary | None = None  # None: no contacts yet
    id: int | None = None
