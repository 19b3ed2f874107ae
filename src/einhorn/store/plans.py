"""The lunch plan's slots and the user's trips."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from einhorn.domain.ids import AccountId, ContactId, InteractionId
from einhorn.domain.plans import LunchSlot, Reason, SlotStatus, Trip
from einhorn.errors import NotFound
from einhorn.i18n import N_
from einhorn.store.tables import lunch_slots, travels


class SqlPlanRepository:
    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id

    def slots(self, since: dt.date, until: dt.date | None = None) -> list[LunchSlot]:
        query = sa.select(lunch_slots).where(
            lunch_slots.c.account_id == self._account, lunch_slots.c.slot_on >= since
        )
        if until is not None:
            query = query.where(lunch_slots.c.slot_on <= until)
        return [_slot(row) for row in self._db.execute(query.order_by(lunch_slots.c.slot_on))]

    def get_slot(self, slot_id: int) -> LunchSlot:
        row = self._db.execute(
            sa.select(lunch_slots).where(
                lunch_slots.c.account_id == self._account, lunch_slots.c.id == slot_id
            )
        ).first()
        if row is None:
            raise NotFound(N_("lunch slot"), slot_id)
        return _slot(row)

    def replace_proposed(self, since: dt.date, slots: Sequence[LunchSlot]) -> None:
        self._db.execute(
            sa.delete(lunch_slots).where(
                lunch_slots.c.account_id == self._account,
                lunch_slots.c.slot_on >= since,
                lunch_slots.c.status == SlotStatus.PROPOSED.value,
            )
        )
        for slot in slots:
            result = self._db.execute(
                sa.insert(lunch_slots).values(account_id=self._account, **_row(slot))
            )
            slot.id = result.inserted_primary_key[0] if result.inserted_primary_key else None

    def update_slot(self, slot: LunchSlot) -> None:
        self._db.execute(
            sa.update(lunch_slots)
            .where(lunch_slots.c.account_id == self._account, lunch_slots.c.id == slot.id)
            .values(**_row(slot))
        )

    def add_trip(self, trip: Trip) -> Trip:
        result = self._db.execute(
            sa.insert(travels).values(
                account_id=self._account, city=trip.city, from_on=trip.from_on, to_on=trip.to_on
            )
        )
        trip.id = result.inserted_primary_key[0] if result.inserted_primary_key else None
        return trip

    def trips(self, since: dt.date | None = None) -> list[Trip]:
        query = sa.select(travels).where(travels.c.account_id == self._account)
        if since is not None:
            query = query.where(travels.c.to_on >= since)
        rows = self._db.execute(query.order_by(travels.c.from_on, travels.c.id))
        return [Trip(row.city, row.from_on, row.to_on, row.id) for row in rows]

    def delete_trip(self, trip_id: int) -> None:
        result = self._db.execute(
            sa.delete(travels).where(travels.c.account_id == self._account, travels.c.id == trip_id)
        )
        if not result.rowcount:
            raise NotFound(N_("trip"), trip_id)


def _row(slot: LunchSlot) -> dict[str, Any]:
    return {
        "slot_on": slot.day,
        "contact_id": slot.contact_id,
        "status": slot.status.value,
        "reasons": [reason.to_json() for reason in slot.reasons],
        "city": slot.city,
        "interaction_id": slot.interaction_id,
    }


def _slot(row: sa.Row[Any]) -> LunchSlot:
    return LunchSlot(
        day=row.slot_on,
        contact_id=ContactId(row.contact_id) if row.contact_id is not None else None,
        status=SlotStatus(row.status),
        reasons=[Reason.from_json(item) for item in row.reasons],
        city=row.city,
        id=row.id,
        interaction_id=(
            InteractionId(row.interaction_id) if row.interaction_id is not None else None
        ),
    )
