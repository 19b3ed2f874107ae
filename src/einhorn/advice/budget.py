"""The weekly load the cadences create, against the goal's time budget, and what would fix it.

20 unicorns every 6 weeks are 20 / 6 = 3.3 meetings a week. When the load is over the
budget, each fix says what it would save, so the user can choose.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from einhorn.advice.relevance import shown_values
from einhorn.domain.tiers import CadencePolicy, Tier
from einhorn.i18n import N_, gettext

DAYS_PER_WEEK = 7
# Minutes a meeting costs, with the way there: unicorns over lunch, the others a coffee.
LUNCH_MINUTES = 90
COFFEE_MINUTES = 45
CALL_MINUTES = 20
_MINUTES = {
    Tier.UNICORN: LUNCH_MINUTES,
    Tier.FLAMINGO: COFFEE_MINUTES,
    Tier.PENGUIN: COFFEE_MINUTES,
}


@dataclass(frozen=True, slots=True)
class TierLoad:
    tier: Tier
    contacts: int
    cadence_days: int | None  # None: never due
    per_week: float


@dataclass(frozen=True, slots=True)
class Fix:
    """A change that brings the load down; ``message`` is a message id for ``values``."""

    message: str
    values: dict[str, object]
    saves_per_week: float = 0.0
    saves_minutes: int = 0
    contact_ids: tuple[int, ...] = ()

    def text(self) -> str:
        return gettext(self.message).format(**shown_values(self.values))


@dataclass(frozen=True, slots=True)
class Load:
    tiers: tuple[TierLoad, ...]
    own_contacts: int  # contacts with a cadence of their own ...
    own_per_week: float  # ... and their load
    meetings_per_week: float
    minutes_per_week: int
    budget_meetings: float
    budget_minutes: int
    fixes: tuple[Fix, ...] = field(default_factory=tuple)

    @property
    def over_budget(self) -> bool:
        return (
            self.meetings_per_week > self.budget_meetings + 1e-9
            or self.minutes_per_week > self.budget_minutes
        )


def weekly_load(
    counts: Mapping[tuple[Tier, int | None], int],
    policy: CadencePolicy,
    budget_meetings: float,
    budget_minutes: int,
    unicorns_least_relevant_first: Sequence[int] = (),
) -> Load:
    """The load of ``counts`` ((tier, own cadence or None) → contacts that can be due)."""
    per_tier: list[TierLoad] = []
    minutes = 0.0
    own_contacts, own_load = 0, 0.0
    for tier in Tier:
        contacts = counts.get((tier, None), 0)
        cadence = policy.days_for(tier)
        weekly = contacts * DAYS_PER_WEEK / cadence if cadence else 0.0
        per_tier.append(TierLoad(tier, contacts, cadence, weekly))
        minutes += weekly * _MINUTES[tier]
    for (tier, days), contacts in counts.items():
        if days:
            own_contacts += contacts
            own_load += contacts * DAYS_PER_WEEK / days
            minutes += contacts * DAYS_PER_WEEK / days * _MINUTES[tier]
    total = sum(t.per_week for t in per_tier) + own_load
    load = Load(
        tuple(per_tier),
        own_contacts,
        own_load,
        total,
        round(minutes),
        budget_meetings,
        budget_minutes,
    )
    if not load.over_budget:
        return load
    return replace(load, fixes=tuple(_fixes(load, unicorns_least_relevant_first)))


def _fixes(load: Load, ranked: Sequence[int]) -> list[Fix]:
    excess = load.meetings_per_week - load.budget_meetings
    by_tier = {t.tier: t for t in load.tiers}
    fixes: list[Fix] = []
    if excess > 0:
        for tier in (Tier.FLAMINGO, Tier.UNICORN):
            if fix := _longer_cadence(by_tier[tier], excess):
                fixes.append(fix)
        if fix := _fewer_unicorns(by_tier[Tier.UNICORN], by_tier[Tier.FLAMINGO], excess, ranked):
            fixes.append(fix)
    unicorns = by_tier[Tier.UNICORN]
    if load.minutes_per_week > load.budget_minutes and unicorns.per_week:
        fixes.append(
            Fix(
                N_("Meet unicorns for coffee instead of lunch"),
                {},
                saves_minutes=round(unicorns.per_week * (LUNCH_MINUTES - COFFEE_MINUTES)),
            )
        )
    flamingos = by_tier[Tier.FLAMINGO]
    if flamingos.per_week:
        fixes.append(
            Fix(
                N_("Call flamingos instead of meeting them for coffee"),
                {},
                saves_minutes=round(flamingos.per_week * (COFFEE_MINUTES - CALL_MINUTES)),
            )
        )
    return fixes


def _longer_cadence(load: TierLoad, excess: float) -> Fix | None:
    """The cadence at which this tier alone brings the load within budget (or, when it
    cannot, no reminders for it at all)."""
    if not (load.contacts and load.cadence_days):
        return None
    room = load.per_week - excess  # what the tier may still take
    weeks_now = load.cadence_days / DAYS_PER_WEEK
    now = int(weeks_now) if weeks_now.is_integer() else round(weeks_now, 1)
    if room <= 0:
        return Fix(
            N_("No reminders for {tier} (cadence none)"),
            {"tier": load.tier.label},
            saves_per_week=load.per_week,
        )
    weeks = math.ceil(load.contacts / room - 1e-9)
    return Fix(
        N_("See {tier} every {weeks} weeks instead of every {now}"),
        {"tier": load.tier.label, "weeks": weeks, "now": now},
        saves_per_week=load.per_week - load.contacts / weeks,
    )


def _fewer_unicorns(
    unicorns: TierLoad, flamingos: TierLoad, excess: float, ranked: Sequence[int]
) -> Fix | None:
    if not (unicorns.cadence_days and ranked):
        return None
    each = DAYS_PER_WEEK / unicorns.cadence_days - (
        DAYS_PER_WEEK / flamingos.cadence_days if flamingos.cadence_days else 0.0
    )
    if each <= 0:
        return None
    count = min(len(ranked), math.ceil(excess / each - 1e-9))  # 16.000000001 is 16
    return Fix(
        N_("Move the {count} least relevant unicorns to flamingo"),
        {"count": count},
        saves_per_week=count * each,
        contact_ids=tuple(ranked[:count]),
    )
