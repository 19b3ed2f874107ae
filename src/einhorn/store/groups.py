"""The account's groups, their members among the contacts, and the events attended."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from einhorn.domain.contacts import name_key
from einhorn.domain.groups import Engagement, Event, Group, GroupKind
from einhorn.domain.ids import AccountId, ContactId
from einhorn.errors import NotFound
from einhorn.i18n import N_
from einhorn.store.bulk import insert_rows
from einhorn.store.tables import events, group_members, groups, interaction_contacts


class SqlGroupRepository:
    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id

    def add(self, group: Group) -> Group:
        result = self._db.execute(
            sa.insert(groups).values(account_id=self._account, **self._row(group))
        )
        group.id = result.inserted_primary_key[0] if result.inserted_primary_key else None
        return group

    def update(self, group: Group) -> None:
        self._db.execute(
            sa.update(groups)
            .where(groups.c.account_id == self._account, groups.c.id == group.id)
            .values(**self._row(group))
        )

    @staticmethod
    def _row(group: Group) -> dict[str, Any]:
        return {
            "name": group.name,
            "name_key": name_key(group.name),
            "kind": group.kind.value,
            "city": group.city,
            "url": group.url.strip(),
            "engagement": group.engagement.value,
        }

    def get(self, group_id: int) -> Group:
        row = self._db.execute(
            sa.select(groups).where(groups.c.account_id == self._account, groups.c.id == group_id)
        ).first()
        if row is None:
            raise NotFound(N_("group"), group_id)
        return _group(row)

    def find(self, fragment: str) -> list[Group]:
        """Groups named exactly ``fragment`` (folded), or else those containing it."""
        key = name_key(fragment)
        rows = self._db.execute(
            sa.select(groups)
            .where(groups.c.account_id == self._account, groups.c.name_key.contains(key))
            .order_by(groups.c.name_key)
        ).all()
        exact = [row for row in rows if row.name_key == key]
        return [_group(row) for row in (exact or rows)]

    def list_(self) -> list[Group]:
        rows = self._db.execute(
            sa.select(groups)
            .where(groups.c.account_id == self._account)
            .order_by(groups.c.name_key)
        )
        return [_group(row) for row in rows]

    def add_members(self, group_id: int, contact_ids: Sequence[ContactId]) -> None:
        known = set(self.members(group_id))
        insert_rows(
            self._db,
            group_members,
            [
                {"group_id": group_id, "contact_id": cid, "account_id": self._account}
                for cid in dict.fromkeys(contact_ids)
                if cid not in known
            ],
        )

    def members(self, group_id: int) -> list[ContactId]:
        rows = self._db.execute(
            sa.select(group_members.c.contact_id).where(
                group_members.c.account_id == self._account, group_members.c.group_id == group_id
            )
        ).scalars()
        return [ContactId(cid) for cid in rows]

    def group_names_by_contact(self) -> dict[ContactId, str]:
        """Each member's group (the first by name when in several)."""
        rows = self._db.execute(
            sa.select(group_members.c.contact_id, groups.c.name)
            .join(groups, groups.c.id == group_members.c.group_id)
            .where(group_members.c.account_id == self._account)
            .order_by(group_members.c.contact_id, groups.c.name_key)
        )
        found: dict[ContactId, str] = {}
        for contact_id, name in rows:
            found.setdefault(ContactId(contact_id), name)
        return found

    def memberships(self) -> dict[int, list[ContactId]]:
        rows = self._db.execute(
            sa.select(group_members.c.group_id, group_members.c.contact_id)
            .where(group_members.c.account_id == self._account)
            .order_by(group_members.c.group_id, group_members.c.contact_id)
        )
        found: dict[int, list[ContactId]] = {}
        for group_id, contact_id in rows:
            found.setdefault(group_id, []).append(ContactId(contact_id))
        return found

    def member_counts(self) -> dict[int, int]:
        rows = self._db.execute(
            sa.select(group_members.c.group_id, sa.func.count())
            .where(group_members.c.account_id == self._account)
            .group_by(group_members.c.group_id)
        )
        return {group_id: count for group_id, count in rows}

    def add_event(self, event: Event) -> Event:
        result = self._db.execute(
            sa.insert(events).values(
                account_id=self._account,
                name=event.name,
                occurred_on=event.occurred_on,
                city=event.city,
                group_id=event.group_id,
                interaction_id=event.interaction_id,
            )
        )
        event.id = result.inserted_primary_key[0] if result.inserted_primary_key else None
        return event

    def events(self, group_id: int | None = None) -> list[Event]:
        statement = sa.select(events).where(events.c.account_id == self._account)
        if group_id is not None:
            statement = statement.where(events.c.group_id == group_id)
        rows = self._db.execute(statement.order_by(events.c.occurred_on.desc())).all()
        met = self._met([row.interaction_id for row in rows if row.interaction_id])
        return [
            Event(
                name=row.name,
                occurred_on=row.occurred_on,
                group_id=row.group_id,
                city=row.city,
                interaction_id=row.interaction_id,
                met=met.get(row.interaction_id, []),
                id=row.id,
            )
            for row in rows
        ]

    def _met(self, interaction_ids: list[int]) -> dict[int, list[ContactId]]:
        found: dict[int, list[ContactId]] = {}
        if not interaction_ids:
            return found
        for interaction_id, contact_id in self._db.execute(
            sa.select(interaction_contacts.c.interaction_id, interaction_contacts.c.contact_id)
            .where(
                interaction_contacts.c.account_id == self._account,
                interaction_contacts.c.interaction_id.in_(interaction_ids),
            )
            .order_by(interaction_contacts.c.contact_id)
        ):
            found.setdefault(interaction_id, []).append(ContactId(contact_id))
        return found


def _group(row: Any) -> Group:
    return Group(
        name=row.name,
        kind=GroupKind(row.kind),
        city=row.city,
        url=row.url,
        engagement=Engagement(row.engagement),
        id=row.id,
    )
