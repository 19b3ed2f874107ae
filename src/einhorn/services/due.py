"""Who is due: overdue and soon-due contacts, straight from the database's due index."""

from __future__ import annotations

import datetime as dt

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
