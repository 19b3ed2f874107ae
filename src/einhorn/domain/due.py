"""When each contact is due: the clock restarts with any logged interaction.

A contact never met is due from the day it was added, so a new unicorn shows up at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier
from einhorn.i18n import N_

DUE_SOON_DAYS = 7


class DueStatus(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {
            DueStatus.OK: N_("ok"),
            DueStatus.DUE_SOON: N_("due soon"),
            DueStatus.OVERDUE: N_("overdue"),
        }[self]


def next_due_on(
    *,
    cadence_days: int | None,
    last_interaction_on: dt.date | None,
    created_on: dt.date,
    wish_list: bool = False,
) -> dt.date | None:
    """The day the next contact is due, or None when the contact has no cadence.

    A wish-list person (someone to get to know) is never due: there is no contact to keep.
    """
    if cadence_days is None or wish_list:
        return None
    if last_interaction_on is None:
        return created_on
    return last_interaction_on + dt.timedelta(days=cadence_days)


def due_status(
    next_due: dt.date | None, today: dt.date, soon_days: int = DUE_SOON_DAYS
) -> DueStatus:
    if next_due is None:
        return DueStatus.OK
    if next_due < today:
        return DueStatus.OVERDUE
    if (next_due - today).days <= soon_days:
        return DueStatus.DUE_SOON
    return DueStatus.OK


@dataclass(frozen=True, slots=True)
class DueEntry:
    """One line of the who-is-due list."""

    contact_id: ContactId
    display_name: str
    tier: Tier
    company: str
    city: str
    last_interaction_on: dt.date | None
    next_due_on: dt.date
    today: dt.date

    @property
    def days_overdue(self) -> int:
        """Positive when overdue, zero or negative (days left) when not yet."""
        return (self.today - self.next_due_on).days

    @property
    def status(self) -> DueStatus:
        return due_status(self.next_due_on, self.today)
