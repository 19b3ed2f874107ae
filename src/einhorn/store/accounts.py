"""The account repository (not scoped: it is how a unit of work finds its account)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from einhorn.domain.accounts import Account
from einhorn.domain.ids import AccountId
from einhorn.domain.tiers import CadencePolicy
from einhorn.errors import NotFound
from einhorn.i18n import N_
from einhorn.store.tables import accounts


class SqlAccountRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._db = connection

    def get(self, account_id: AccountId) -> Account:
        row = self._db.execute(sa.select(accounts).where(accounts.c.id == account_id)).first()
        if row is None:
            raise NotFound(N_("account"), account_id)
        return _to_account(row)

    def get_by_name(self, name: str) -> Account | None:
        row = self._db.execute(sa.select(accounts).where(accounts.c.name == name)).first()
        return _to_account(row) if row is not None else None

    def add(self, account: Account) -> Account:
        account.id = AccountId(
            self._db.execute(
                sa.insert(accounts)
                .values(**_row(account), name=account.name, created_at=dt.datetime.now(dt.UTC))
                .returning(accounts.c.id)
            ).scalar_one()
        )
        return account

    def update(self, account: Account) -> Account:
        self._db.execute(
            sa.update(accounts).where(accounts.c.id == account.key).values(**_row(account))
        )
        return account


def _row(account: Account) -> dict[str, Any]:
    return {
        "default_region": account.default_region,
        "unicorn_cadence_days": account.cadence.unicorn_days,
        "flamingo_cadence_days": account.cadence.flamingo_days,
        "penguin_cadence_days": account.cadence.penguin_days,
    }


def _to_account(row: sa.Row[Any]) -> Account:
    return Account(
        id=AccountId(row.id),
        name=row.name,
        default_region=row.default_region,
        cadence=CadencePolicy(
            unicorn_days=row.unicorn_cadence_days,
            flamingo_days=row.flamingo_cadence_days,
            penguin_days=row.penguin_cadence_days,
        ),
    )
