"""The lunch plan as the services hand it out: options, slots with their people, what the
plan cannot do. Light on purpose (no solver, no strategy rules): the dashboard and the
command line import it at start-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from einhorn.domain.ids import ContactId
from einhorn.domain.plans import (
    DEFAULT_CHANCE_SHARE,
    DEFAULT_NO_REPEAT_DAYS,
    LunchSlot,
    Reason,
    describe_reasons,
)
from einhorn.domain.tiers import Tier
from einhorn.services.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class PlanOptions:
    weeks: int = 12
    per_week: int | None = None  # default: as many as days, else 2
    days: tuple[int, ...] | None = None  # weekdays, Monday = 0
    start: dt.date | None = None  # default: tomorrow
    window_days: int = DEFAULT_NO_REPEAT_DAYS
    chance_share: float = DEFAULT_CHANCE_SHARE
    seed: int = 0
    time_limit: float = 10.0


@dataclass(frozen=True, slots=True)
class SlotView:
    slot: LunchSlot
    name: str  # "" for a day without a person
    tier: Tier | None
    reasons: tuple[Reason, ...] = ()  # as shown: people named by their current names

    @property
    def why(self) -> str:
        return describe_reasons(list(self.reasons))


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A cadence the plan cannot keep; ``cause`` is "slots" or "elsewhere"."""

    contact_id: ContactId
    name: str
    tier: Tier
    due_on: dt.date
    cause: str
    city: str


@dataclass(frozen=True, slots=True)
class SolverFigures:
    objective: int
    bound: int | None  # None: the solver found no plan in time (the simple rule's is used)
    optimal: bool  # proven the best possible plan
    gap: float | None
    considered: int  # contacts in the model
    candidates: int  # contacts who could have lunch
    chance_lunches: int
    chance_slots: int
    seconds: float


@dataclass(frozen=True, slots=True)
class PlanReport:
    slots: list[SlotView]
    shortfalls: list[Shortfall]
    solver: SolverFigures | None = None  # only for a new plan


def slot_views(uow: UnitOfWork, slots: Sequence[LunchSlot]) -> list[SlotView]:
    """Slots with their people. A reason that names someone (an introduction) stores their
    id and is shown with their current name, or not at all once they are erased."""
    ids = {s.contact_id for s in slots if s.contact_id}
    ids |= {named for s in slots for r in s.reasons if (named := _named(r)) is not None}
    people = {c.key: c for c in uow.contacts.get_many(sorted(ids))}
    views = []
    for slot in slots:
        person = people.get(slot.contact_id) if slot.contact_id else None
        shown = []
        for reason in slot.reasons:
            named = _named(reason)
            if named is None:
                shown.append(reason)
            elif named in people:
                shown.append(Reason(reason.code, {"name": people[named].display_name}))
        views.append(
            SlotView(
                slot,
                person.display_name if person else "",
                person.tier if person else None,
                tuple(shown),
            )
        )
    return views


def _named(reason: Reason) -> ContactId | None:
    value = reason.values.get("contact_id")
    return ContactId(int(value)) if isinstance(value, int) else None
