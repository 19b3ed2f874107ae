"""One transaction bound to one account; leaving without commit() rolls everything back."""

from __future__ import annotations

import datetime as dt
from types import TracebackType
from typing import Self

import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from einhorn.domain.accounts import Account
from einhorn.domain.ids import AccountId
from einhorn.errors import StorageError
from einhorn.store.accounts import SqlAccountRepository
from einhorn.store.contacts import SqlContactRepository
from einhorn.store.engine import first_line
from einhorn.store.feeds import SqlFeedRepository
from einhorn.store.goals import SqlChannelRepository, SqlGoalRepository, SqlReviewRepository
from einhorn.store.groups import SqlGroupRepository
from einhorn.store.imports import SqlImportRepository
from einhorn.store.interactions import SqlInteractionRepository
from einhorn.store.plans import SqlPlanRepository
from einhorn.store.team import SqlTeamRepository
from einhorn.store.ties import SqlTieRepository


class SqlUnitOfWork:
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
        self._engine = engine
        self._account_id = account_id
        self._today = today or dt.date.today()
        self._connection: sa.Connection | None = None
        self._transaction: sa.RootTransaction | None = None

    def __enter__(self) -> Self:
        self._connection = self._engine.connect()
        self._transaction = self._connection.begin()
        self.accounts = SqlAccountRepository(self._connection)
        self.account = self.accounts.get(self._account_id)
        self.contacts = SqlContactRepository(
            self._connection,
            self._account_id,
            self.account.cadence,
            self._today,
            self.account.default_region,
        )
        self.interactions = SqlInteractionRepository(
            self._connection, self._account_id, self.contacts
        )
        self.imports = SqlImportRepository(self._connection, self._account_id)
        self.goals = SqlGoalRepository(self._connection, self._account_id)
        self.channels = SqlChannelRepository(self._connection, self._account_id)
        self.reviews = SqlReviewRepository(self._connection, self._account_id)
        self.groups = SqlGroupRepository(self._connection, self._account_id)
        self.plans = SqlPlanRepository(self._connection, self._account_id)
        self.team = SqlTeamRepository(self._connection, self._account_id)
        self.ties = SqlTieRepository(self._connection, self._account_id)
        self.feeds = SqlFeedRepository(self._connection, self._account_id)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if self._transaction is not None and self._transaction.is_active:
                self._transaction.rollback()
        finally:
            if self._connection is not None:
                self._connection.close()
            self._connection = self._transaction = None
        if isinstance(exc, SQLAlchemyError):
            raise StorageError(
                self._engine.url.render_as_string(hide_password=True), first_line(exc)
            ) from exc

    def commit(self) -> None:
        if self._transaction is None:
            raise RuntimeError("unit of work is not open")
        self._transaction.commit()
        self._transaction = self._connection.begin() if self._connection else None

    def checkpoint(self) -> None:
        """After an erasure: fold SQLite's write-ahead log into the database and empty it, so
        no copy of erased pages stays behind in the -wal file."""
        if self._connection is not None and self._engine.dialect.name == "sqlite":
            self._connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def rollback(self) -> None:
        if self._transaction is not None and self._transaction.is_active:
            self._transaction.rollback()
