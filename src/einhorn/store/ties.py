"""Ties between contacts that the user recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from typing import Any

import sqlalchemy as sa

from einhorn.domain.ids import AccountId, ContactId
from einhorn.domain.ties import Tie, TieKind
from einhorn.errors import NotFound
from einhorn.i18n import N_
from einhorn.store.engine import aware
from einhorn.store.tables import ties

CHUNK = 5_000  # ids per query: well below every database's limit of bound parameters


class SqlTieRepository:
    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id

    def put(self, tie: Tie, now: dt.datetime) -> Tie:
        where = (ties.c.account_id == self._account, ties.c.a_id == tie.a, ties.c.b_id == tie.b)
        changed = self._db.execute(
            sa.update(ties).where(*where).values(kind=tie.kind.value, strength=tie.strength)
        ).rowcount
        if not changed:
            self._db.execute(
                sa.insert(ties).values(
                    account_id=self._account,
                    a_id=tie.a,
                    b_id=tie.b,
                    kind=tie.kind.value,
                    strength=tie.strength,
                    created_at=now,
                )
            )
        row = self._db.execute(sa.select(ties).where(*where)).one()
        return _tie(row)

    def remove(self, one: ContactId, other: ContactId) -> None:
        a, b = sorted((one, other))
        result = self._db.execute(
            sa.delete(ties).where(
                ties.c.account_id == self._account, ties.c.a_id == a, ties.c.b_id == b
            )
        )
        if not result.rowcount:
            raise NotFound(N_("tie"), f"{a}–{b}")

    def of(self, contact_id: ContactId) -> list[Tie]:
        rows = self._db.execute(
            sa.select(ties)
            .where(
                ties.c.account_id == self._account,
                sa.or_(ties.c.a_id == contact_id, ties.c.b_id == contact_id),
            )
            .order_by(ties.c.id)
        )
        return [_tie(row) for row in rows]

    def all(self) -> list[Tie]:
        rows = self._db.execute(
            sa.select(ties.c.a_id, ties.c.b_id, ties.c.kind, ties.c.strength)
            .where(ties.c.account_id == self._account)
            .order_by(ties.c.id)
        ).all()
        kinds = {kind.value: kind for kind in TieKind}
        return [
            Tie(ContactId(a), ContactId(b), kinds[kind], strength) for a, b, kind, strength in rows
        ]

    def touching(self, contact_ids: Collection[ContactId]) -> list[Tie]:
        kinds = {kind.value: kind for kind in TieKind}
        ids = sorted(contact_ids)
        found: dict[tuple[int, int], Tie] = {}
        # One query per end: each uses its own index (an OR of the two would scan the table).
        for column in (ties.c.a_id, ties.c.b_id):
            for start in range(0, len(ids), CHUNK):
                rows = self._db.execute(
                    sa.select(ties.c.a_id, ties.c.b_id, ties.c.kind, ties.c.strength).where(
                        ties.c.account_id == self._account, column.in_(ids[start : start + CHUNK])
                    )
                ).all()
                for a, b, kind, strength in rows:
                    found[a, b] = Tie(ContactId(a), ContactId(b), kinds[kind], strength)
        return list(found.values())

    def count(self) -> int:
        return int(
            self._db.execute(
                sa.select(sa.func.count())
                .select_from(ties)
                .where(ties.c.account_id == self._account)
            ).scalar_one()
        )


def _tie(row: sa.Row[Any]) -> Tie:
    return Tie(
        ContactId(row.a_id),
        ContactId(row.b_id),
        TieKind(row.kind),
        row.strength,
        aware(row.created_at),
    )
