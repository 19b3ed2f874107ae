"""Private calendar feeds: the hashes of the secret links that calendar apps poll.

Only the SHA-256 hash of a feed's secret is stored; the secret itself is shown to the user
once and never kept, like a password.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from einhorn.domain.ids import AccountId
from einhorn.store.engine import aware
from einhorn.store.tables import calendar_feeds


class SqlFeedRepository:
    """The acting account's feed links."""

    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id

    def add(self, token_hash: str, created_at: dt.datetime) -> None:
        self._db.execute(
            sa.insert(calendar_feeds).values(
                token_hash=token_hash, account_id=self._account, created_at=created_at
            )
        )

    def created(self) -> list[dt.datetime]:
        rows = self._db.execute(
            sa.select(calendar_feeds.c.created_at)
            .where(calendar_feeds.c.account_id == self._account)
            .order_by(calendar_feeds.c.created_at)
        )
        return [aware(row.created_at) for row in rows]

    def remove_all(self) -> int:
        result = self._db.execute(
            sa.delete(calendar_feeds).where(calendar_feeds.c.account_id == self._account)
        )
        return int(result.rowcount or 0)


def account_of_feed(connection: sa.Connection, token_hash: str) -> AccountId | None:
    """The account whose feed has this hash, or None.

    Unscoped on purpose: a calendar app fetches the feed without a session, and the secret is
    its only credential. The lookup is by hash, so no secret is ever compared or kept.
    """
    found = connection.execute(
        sa.select(calendar_feeds.c.account_id).where(calendar_feeds.c.token_hash == token_hash)
    ).scalar_one_or_none()
    return AccountId(found) if found is not None else None
