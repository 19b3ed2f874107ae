"""Who is due: overdue and soon-due contacts, straight from the database's due index."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from einhorn.domain.due import DUE_SOON_DAYS, DueEntry
from einhorn.domain.tiers import CadencePolicy, Tier
from einhorn.services.ports import UnitOfWork


def list_due(
    *, uow: UnitOfWork, today: dt.date, limit: int | None = 20, horizon_days: int = DUE_SOON_DAYS
) -> list[DueEntry]:
    return uow.contacts.due(today=today, horizon_days=horizon_days, limit=limit)


def get_cadence_policy(*, uow: UnitOfWork) -> CadencePolicy:
    return uow.account.cadence


def set_tier_cadence(*, uow: UnitOfWork, tier: Tier, days: int | None) -> CadencePolicy:
    """Change the account's cadence for one tier and move every due date with it."""
    account = uow.account
    account.cadence = account.cadence.with_days(tier, days)
    uow.accounts.update(account)
    uow.contacts.refresh_due_dates(account.cadence)
    uow.commit()
    return account.cadence


LOOK_BACK = dt.timedelta(days=30)  # older open follow-ups are left to the contacts' clocks


@dataclass(frozen=True, slots=True)
class FollowUp:
    on: dt.date
    names: list[str]  # the people not heard from since
    about: str  # the interaction's note or place (an event's name)


def open_follow_ups(
    *, uow: UnitOfWork, today: dt.date, horizon_days: int = DUE_SOON_DAYS
) -> list[FollowUp]:
    """Follow-ups due by ``today + horizon_days`` with people not met since the interaction
    (a later interaction with someone settles their follow-up)."""
    horizon = today + dt.timedelta(days=horizon_days)
    pending = [
        item
        for item in uow.interactions.follow_ups(today - LOOK_BACK, until=horizon)
        if item.follow_up_on is not None
    ]
    people = {
        c.key: c
        for c in uow.contacts.get_many(sorted({cid for i in pending for cid in i.contact_ids}))
    }
    found = []
    for item in pending:
        assert item.follow_up_on is not None
        waiting = [
            people[cid].display_name
            for cid in item.contact_ids
            if cid in people
            and (people[cid].last_interaction_on or item.occurred_on) <= item.occurred_on
        ]
        if waiting:
            found.append(FollowUp(item.follow_up_on, waiting, item.note or item.place))
    return found
