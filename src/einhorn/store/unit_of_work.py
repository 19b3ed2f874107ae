"""One transaction bound to one account; leaving without commit() rolls everything back."""

from __future__ import annotations

import datetime as dt
from typing import Self

import sqlalchemy as sa

from einhorn.domain.accounts import Account
from einhorn.domain.ids import AccountId
from einhorn.store.accounts import SqlAccountRepository
from einhorn.store.contacts import SqlContactRepository
from einhorn.store.feeds import SqlFeedRepository
from einhorn.store.goals import SqlChannelRepository, SqlGoalRepository, SqlReviewRepository
from einhorn.store.groups import SqlGroupRepository
from einhorn.store.imports import SqlImportRepository
from einhorn.store.interactions import SqlInteractionRepository
from einhorn.store.plans import SqlPlanRepository
from einhorn.store.team import SqlTeamRepository
from einhorn.store.ties import SqlTieRepository
from einhorn.store.transaction import SqlTransaction


class SqlUnitOfWork(SqlTransaction):
    account: Account
    accounts: SqlAccountRepository
    contacts: SqlContactRepository
    interactions: SqlInteractionRepository
    imports: SqlImportRepository
    goals: SqlGoalRepository
    channels: SqlChannelRepository
    reviews: SqlReviewRepository
    groups: SqlGroupRepository
    plans: SqlPlanRepository
    team: SqlTeamRepository
    ties: SqlTieRepository
    feeds: SqlFeedRepository

    def __init__(
        self, engine: sa.Engine, account_id: AccountId, today: dt.date | None = None
    ) -> None:
        super().__init__(engine)
        self._account_id = account_id
        self._today = today or dt.date.today()

    def __enter__(self) -> Self:
        connection = self._begin()
        self.accounts = SqlAccountRepository(connection)
        self.account = self.accounts.get(self._account_id)
        self.contacts = SqlContactRepository(
            connection,
            self._account_id,
            self.account.cadence,
            self._today,
            self.account.default_region,
        )
        self.interactions = SqlInteractionRepository(connection, self._account_id, self.contacts)
        self.imports = SqlImportRepository(connection, self._account_id)
        self.goals = SqlGoalRepository(connection, self._account_id)
        self.channels = SqlChannelRepository(connection, self._account_id)
        self.reviews = SqlReviewRepository(connection, self._account_id)
        self.groups = SqlGroupRepository(connection, self._account_id)
        self.plans = SqlPlanRepository(connection, self._account_id)
        self.team = SqlTeamRepository(connection, self._account_id)
        self.ties = SqlTieRepository(connection, self._account_id)
        self.feeds = SqlFeedRepository(connection, self._account_id)
        return self

    def checkpoint(self) -> None:
        """After an erasure: fold SQLite's write-ahead log into the database and empty it, so
        no copy of erased pages stays behind in the -wal file."""
        if self._connection is not None and self._engine.dialect.name == "sqlite":
            self._connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def rollback(self) -> None:
        if self._transaction is not None and self._transaction.is_active:
            self._transaction.rollback()
