"""What the web's plan page shows at once: the lunches, the trips ahead, whether the calendar
feed is on. Light on purpose (no solver): the page opens without loading it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from einhorn.domain.plans import Trip
from einhorn.services.plan_views import SlotView, slot_views
from einhorn.services.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class PlanBoard:
    since: dt.date
    slots: list[SlotView]
    trips: list[Trip]
    feed_since: dt.datetime | None  # when the active feed link was made; None: no feed


def plan_board(*, uow: UnitOfWork, today: dt.date) -> PlanBoard:
    """The plan from the Monday of last week on, so that last week's lunches can still be
    marked as held; the trips not yet over; the calendar feed's state."""
    since = today - dt.timedelta(days=today.weekday() + 7)
    made = uow.feeds.created()
    return PlanBoard(
        since,
        slot_views(uow, uow.plans.slots(since)),
        uow.plans.trips(today),
        made[-1] if made else None,
    )


def slot_view(*, uow: UnitOfWork, slot_id: int) -> SlotView:
    """One slot with its person as the plan shows it (NotFound for another account's)."""
    return slot_views(uow, [uow.plans.get_slot(slot_id)])[0]
