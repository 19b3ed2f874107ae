"""The composition root: settings → engine → schema → account → units of work.

The only module that imports ``einhorn.store``; interfaces get an ``App`` and pass its
unit-of-work factory to the services.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from einhorn.config import Settings
from einhorn.domain.accounts import LOCAL_ACCOUNT_NAME, Account
from einhorn.domain.ids import AccountId
from einhorn.errors import StorageError

if TYPE_CHECKING:
    import sqlalchemy as sa

    from einhorn.services.access import AccessUnitOfWork
    from einhorn.services.ports import UnitOfWork


@dataclass(slots=True)
class App:
    settings: Settings
    engine: sa.Engine
    account_id: AccountId

    def uow(self, today: dt.date | None = None, account_id: AccountId | None = None) -> UnitOfWork:
        """A unit of work for this app's account, or for ``account_id`` (server mode)."""
        from einhorn.store.unit_of_work import SqlUnitOfWork

        return SqlUnitOfWork(self.engine, account_id or self.account_id, today=today)

    def close(self) -> None:
        self.engine.dispose()


def _describe(settings: Settings) -> str:
    from sqlalchemy.engine import make_url

    return make_url(settings.database_url).render_as_string(hide_password=True)


@contextmanager
def _storage_errors(settings: Settings) -> Iterator[None]:
    """Driver and file-system failures become one StorageError naming the database."""
    from sqlalchemy.exc import SQLAlchemyError

    from einhorn.store.engine import first_line

    try:
        yield
    except (SQLAlchemyError, OSError) as exc:
        raise StorageError(_describe(settings), first_line(exc)) from exc


def open_engine(settings: Settings) -> sa.Engine:
    from einhorn.store.engine import create_engine
    from einhorn.store.migrate import ensure_schema

    with _storage_errors(settings):
        engine = create_engine(settings.database_url)
        try:
            ensure_schema(engine)
        except BaseException:
            engine.dispose()
            raise
    return engine


def open_app(settings: Settings, account_name: str = LOCAL_ACCOUNT_NAME) -> App:
    """Open (creating and migrating on first use) the database and the account to act as."""
    from einhorn.store.accounts import SqlAccountRepository

    engine = open_engine(settings)
    with _storage_errors(settings), engine.begin() as connection:
        accounts = SqlAccountRepository(connection)
        account = accounts.get_by_name(account_name) or accounts.add(Account(name=account_name))
    return App(settings=settings, engine=engine, account_id=account.key)


def create_account(app: App, name: str) -> AccountId:
    """A further account in the same database (server mode; tests of account isolation)."""
    from einhorn.store.accounts import SqlAccountRepository

    with app.engine.begin() as connection:
        return SqlAccountRepository(connection).add(Account(name=name)).key


def database_revision(settings: Settings) -> tuple[str, str | None, str]:
    """(database shown without password, its revision, the revision this version needs)."""
    from einhorn.store.engine import create_engine
    from einhorn.store.migrate import HEAD_REVISION, current_revision

    with _storage_errors(settings):
        engine = create_engine(settings.database_url)
        try:
            with engine.connect() as connection:
                return _describe(settings), current_revision(connection), HEAD_REVISION
        finally:
            engine.dispose()


def upgrade_database(settings: Settings) -> tuple[str, str | None, str]:
    open_engine(settings).dispose()
    return database_revision(settings)


def open_access(app: App) -> AccessUnitOfWork:
    """A unit of work over server mode's logins, invitations and sessions (every account's:
    it is how a request finds its account)."""
    from einhorn.store.access import SqlAccessUnitOfWork

    return SqlAccessUnitOfWork(app.engine)


def feed_account(app: App, token: str) -> AccountId | None:
    """The account whose private calendar feed has this secret, or None (unknown, revoked or
    malformed: the caller answers all three alike).

    Unscoped on purpose: a calendar app fetches the feed without a session; the secret is its
    only credential, and it is looked up by its hash, never compared as it is.
    """
    from einhorn.services.feeds import feed_token_hash, is_feed_token
    from einhorn.store.feeds import account_of_feed

    if not is_feed_token(token):
        return None
    with _storage_errors(app.settings), app.engine.connect() as connection:
        return account_of_feed(connection, feed_token_hash(token))
