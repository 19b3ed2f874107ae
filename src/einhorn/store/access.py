"""Server mode's access tables: logins, invitations, sessions and failed sign-ins.

Not scoped to an account: this is how a request finds its account. Only digests of tokens
are stored (``einhorn.services.access.digest``).
"""

from __future__ import annotations

import datetime as dt
from typing import Self

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from einhorn.domain.accounts import Account
from einhorn.domain.ids import AccountId
from einhorn.errors import Conflict
from einhorn.i18n import N_
from einhorn.services.access import Invitation, Login
from einhorn.store.accounts import SqlAccountRepository
from einhorn.store.engine import aware
from einhorn.store.tables import invitations, login_attempts, logins, web_sessions
from einhorn.store.transaction import SqlTransaction


class SqlAccessRepository:
    def __init__(self, connection: sa.Connection) -> None:
        self._db = connection

    def add_account(self, name: str) -> AccountId:
        return SqlAccountRepository(self._db).add(Account(name=name)).key

    # -- invitations --

    def add_invitation(self, token_hash: str, now: dt.datetime, expires_at: dt.datetime) -> None:
        self._db.execute(
            sa.insert(invitations).values(
                token_hash=token_hash, created_at=now, expires_at=expires_at
            )
        )

    def invitation(self, token_hash: str) -> Invitation | None:
        row = self._db.execute(
            sa.select(invitations.c.expires_at, invitations.c.used_at).where(
                invitations.c.token_hash == token_hash
            )
        ).first()
        if row is None:
            return None
        used = aware(row.used_at) if row.used_at is not None else None
        return Invitation(token_hash, aware(row.expires_at), used)

    def use_invitation(self, token_hash: str, account_id: AccountId, now: dt.datetime) -> bool:
        # The condition on used_at makes a second, concurrent sign-up with the same link fail.
        result = self._db.execute(
            sa.update(invitations)
            .where(invitations.c.token_hash == token_hash, invitations.c.used_at.is_(None))
            .values(used_at=now, account_id=account_id)
        )
        return bool(result.rowcount)

    # -- logins --

    def login(self, username: str) -> Login | None:
        row = self._db.execute(sa.select(logins).where(logins.c.username == username)).first()
        if row is None:
            return None
        return Login(AccountId(row.account_id), row.username, row.password_hash)

    def add_login(self, login: Login, now: dt.datetime) -> None:
        try:
            with self._db.begin_nested():
                self._db.execute(
                    sa.insert(logins).values(
                        account_id=login.account_id,
                        username=login.username,
                        password_hash=login.password_hash,
                        created_at=now,
                    )
                )
        except IntegrityError as exc:  # taken between the check and the insert
            raise Conflict(
                N_("The user name {username!r} is taken; choose another."),
                username=login.username,
            ) from exc

    def set_password_hash(self, account_id: AccountId, password_hash: str) -> None:
        self._db.execute(
            sa.update(logins)
            .where(logins.c.account_id == account_id)
            .values(password_hash=password_hash)
        )

    # -- sessions --

    def add_session(
        self, token_hash: str, account_id: AccountId, now: dt.datetime, expires_at: dt.datetime
    ) -> None:
        self._db.execute(
            sa.insert(web_sessions).values(
                token_hash=token_hash, account_id=account_id, created_at=now, expires_at=expires_at
            )
        )

    def session_account(self, token_hash: str, now: dt.datetime) -> AccountId | None:
        found = self._db.execute(
            sa.select(web_sessions.c.account_id).where(
                web_sessions.c.token_hash == token_hash, web_sessions.c.expires_at > now
            )
        ).scalar()
        return AccountId(found) if found is not None else None

    def delete_session(self, token_hash: str) -> None:
        self._db.execute(sa.delete(web_sessions).where(web_sessions.c.token_hash == token_hash))

    def delete_expired_sessions(self, now: dt.datetime) -> None:
        self._db.execute(sa.delete(web_sessions).where(web_sessions.c.expires_at <= now))

    # -- failed sign-ins --

    def add_failure(self, username: str, address: str, at: dt.datetime) -> None:
        self._db.execute(
            sa.insert(login_attempts).values(username=username, address=address, at=at)
        )

    def failures(
        self, *, since: dt.datetime, username: str | None = None, address: str | None = None
    ) -> list[dt.datetime]:
        query = sa.select(login_attempts.c.at).where(login_attempts.c.at > since)
        if username is not None:
            query = query.where(login_attempts.c.username == username)
        if address is not None:
            query = query.where(login_attempts.c.address == address)
        return [aware(at) for at in self._db.execute(query).scalars()]

    def forget_failures(
        self, *, before: dt.datetime | None = None, username: str | None = None
    ) -> None:
        conditions: list[sa.ColumnElement[bool]] = []
        if before is not None:
            conditions.append(login_attempts.c.at <= before)
        if username is not None:
            conditions.append(login_attempts.c.username == username)
        if conditions:
            self._db.execute(sa.delete(login_attempts).where(*conditions))


class SqlAccessUnitOfWork(SqlTransaction):
    """One transaction over the access tables; leaving without commit() rolls back."""

    access: SqlAccessRepository

    def __enter__(self) -> Self:
        self.access = SqlAccessRepository(self._begin())
        return self
