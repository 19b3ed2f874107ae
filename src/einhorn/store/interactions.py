"""The interaction repository; writing an interaction restarts its contacts' clocks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from einhorn.domain.ids import AccountId, ContactId, InteractionId
from einhorn.domain.interactions import Interaction, InteractionKind
from einhorn.errors import NotFound
from einhorn.i18n import N_
from einhorn.services.ports import RecentInteraction
from einhorn.store.bulk import insert_rows
from einhorn.store.contacts import SqlContactRepository, chunks
from einhorn.store.ids import allocate_ids
from einhorn.store.tables import contacts, interaction_contacts, interactions


class SqlInteractionRepository:
    def __init__(
        self, connection: sa.Connection, account_id: AccountId, contacts_repo: SqlContactRepository
    ) -> None:
        self._db = connection
        self._account = account_id
        self._contacts = contacts_repo

    def _scope(self) -> sa.ColumnElement[bool]:
        return interactions.c.account_id == self._account

    def add(self, interaction: Interaction) -> Interaction:
        self.add_many([interaction])
        return interaction

    def add_many(self, new: Sequence[Interaction]) -> int:
        """Insert interactions with their participants and restart the participants' clocks."""
        if not new:
            return 0
        # Only this account's contacts can take part: any other id is simply not found.
        wanted = sorted({cid for item in new for cid in item.contact_ids})
        known = self._existing_ids(wanted)
        for cid in wanted:
            if cid not in known:
                raise NotFound(N_("contact"), cid)
        now = dt.datetime.now(dt.UTC)
        rows: list[dict[str, Any]] = []
        links: list[dict[str, int]] = []
        for interaction_id, item in zip(
            allocate_ids(self._db, interactions, len(new)), new, strict=True
        ):
            item.id = InteractionId(interaction_id)
            rows.append(
                {
                    "id": interaction_id,
                    "account_id": self._account,
                    "occurred_on": item.occurred_on,
                    "kind": item.kind.value,
                    "city": item.city,
                    "place": item.place,
                    "note": item.note,
                    "follow_up_on": item.follow_up_on,
                    "created_at": now,
                }
            )
            links.extend(
                {"interaction_id": interaction_id, "contact_id": cid, "account_id": self._account}
                for cid in item.contact_ids
            )
        insert_rows(self._db, interactions, rows)
        insert_rows(self._db, interaction_contacts, links)
        self._contacts.set_last_interaction(wanted)
        return len(new)

    def _existing_ids(self, ids: Sequence[ContactId]) -> set[ContactId]:
        found: set[ContactId] = set()
        for chunk in chunks(ids):
            found.update(
                ContactId(i)
                for i in self._db.execute(
                    sa.select(contacts.c.id).where(
                        contacts.c.account_id == self._account, contacts.c.id.in_(chunk)
                    )
                ).scalars()
            )
        return found

    def get(self, interaction_id: InteractionId) -> Interaction:
        found = self._load(
            sa.select(interactions).where(self._scope(), interactions.c.id == interaction_id)
        )
        if not found:
            raise NotFound(N_("interaction"), interaction_id)
        return found[0]

    def delete(self, interaction_id: InteractionId) -> None:
        interaction = self.get(interaction_id)
        self._db.execute(
            sa.delete(interactions).where(self._scope(), interactions.c.id == interaction_id)
        )
        self._contacts.set_last_interaction(interaction.contact_ids)

    def move_participations(self, source: ContactId, target: ContactId) -> list[list[int]]:
        """Hand ``source``'s interactions to ``target`` (a merge); returns
        ``[interaction id, 1 if target already took part else 0]`` per interaction, which
        ``return_participations`` needs to undo it."""
        moved = [
            [interaction_id, 0]
            for interaction_id in self._db.execute(
                sa.select(interaction_contacts.c.interaction_id).where(
                    interaction_contacts.c.account_id == self._account,
                    interaction_contacts.c.contact_id == source,
                )
            ).scalars()
        ]
        shared = self._participating(target, [item[0] for item in moved])
        for item in moved:
            item[1] = int(item[0] in shared)
        self._db.execute(
            sa.delete(interaction_contacts).where(
                interaction_contacts.c.account_id == self._account,
                interaction_contacts.c.contact_id == source,
            )
        )
        self._link(target, [item[0] for item in moved if not item[1]])
        self._contacts.set_last_interaction([target])
        return moved

    def return_participations(
        self, target: ContactId, source: ContactId, moved: Sequence[Sequence[int]]
    ) -> None:
        """Undo ``move_participations``: ``source`` takes part again, ``target`` only where it
        did before. Interactions erased since are left out."""
        existing = {
            row
            for row in self._db.execute(
                sa.select(interactions.c.id).where(
                    self._scope(), interactions.c.id.in_([item[0] for item in moved])
                )
            ).scalars()
        }
        self._link(source, [item[0] for item in moved if item[0] in existing])
        given_back = [item[0] for item in moved if not item[1]]
        for chunk in chunks(given_back):
            self._db.execute(
                sa.delete(interaction_contacts).where(
                    interaction_contacts.c.account_id == self._account,
                    interaction_contacts.c.contact_id == target,
                    interaction_contacts.c.interaction_id.in_(chunk),
                )
            )
        self._contacts.set_last_interaction([target, source])

    def _participating(self, contact_id: ContactId, ids: Sequence[int]) -> set[int]:
        found: set[int] = set()
        for chunk in chunks(list(ids)):
            found.update(
                self._db.execute(
                    sa.select(interaction_contacts.c.interaction_id).where(
                        interaction_contacts.c.account_id == self._account,
                        interaction_contacts.c.contact_id == contact_id,
                        interaction_contacts.c.interaction_id.in_(chunk),
                    )
                ).scalars()
            )
        return found

    def _link(self, contact_id: ContactId, ids: Sequence[int]) -> None:
        insert_rows(
            self._db,
            interaction_contacts,
            [
                {"interaction_id": i, "contact_id": contact_id, "account_id": self._account}
                for i in ids
            ],
        )

    def contacts_in_other_interactions(
        self, contact_ids: Sequence[ContactId], known: set[InteractionId]
    ) -> set[ContactId]:
        found: set[ContactId] = set()
        for chunk in chunks(list(contact_ids)):
            for contact_id, interaction_id in self._db.execute(
                sa.select(
                    interaction_contacts.c.contact_id, interaction_contacts.c.interaction_id
                ).where(
                    interaction_contacts.c.account_id == self._account,
                    interaction_contacts.c.contact_id.in_(chunk),
                )
            ):
                if interaction_id not in known:
                    found.add(ContactId(contact_id))
        return found

    def count_between(
        self, since: dt.date, until: dt.date, kinds: Sequence[InteractionKind]
    ) -> int:
        return int(
            self._db.execute(
                sa.select(sa.func.count())
                .select_from(interactions)
                .where(
                    self._scope(),
                    interactions.c.occurred_on >= since,
                    interactions.c.occurred_on <= until,
                    interactions.c.kind.in_([kind.value for kind in kinds]),
                )
            ).scalar_one()
        )

    def participants_of_kinds(self, kinds: Sequence[InteractionKind]) -> set[ContactId]:
        rows = self._db.execute(
            sa.select(interaction_contacts.c.contact_id)
            .join(interactions, interactions.c.id == interaction_contacts.c.interaction_id)
            .where(
                interaction_contacts.c.account_id == self._account,
                interactions.c.kind.in_([kind.value for kind in kinds]),
            )
            .distinct()
        ).scalars()
        return {ContactId(cid) for cid in rows}

    def last_of_kinds(self, kinds: Sequence[InteractionKind]) -> dict[ContactId, dt.date]:
        rows = self._db.execute(
            sa.select(interaction_contacts.c.contact_id, sa.func.max(interactions.c.occurred_on))
            .join(interactions, interactions.c.id == interaction_contacts.c.interaction_id)
            .where(
                interaction_contacts.c.account_id == self._account,
                interactions.c.kind.in_([kind.value for kind in kinds]),
            )
            .group_by(interaction_contacts.c.contact_id)
        )
        return {ContactId(cid): day for cid, day in rows}

    def counts_since(self, since: dt.date) -> dict[ContactId, int]:
        rows = self._db.execute(
            sa.select(interaction_contacts.c.contact_id, sa.func.count())
            .join(interactions, interactions.c.id == interaction_contacts.c.interaction_id)
            .where(
                interaction_contacts.c.account_id == self._account,
                interactions.c.occurred_on >= since,
            )
            .group_by(interaction_contacts.c.contact_id)
        )
        return {ContactId(cid): count for cid, count in rows}

    def delete_orphans(self) -> int:
        """Remove interactions that no longer have any participant (after an erasure)."""
        orphaned = sa.select(interactions.c.id).where(
            self._scope(),
            ~sa.exists().where(interaction_contacts.c.interaction_id == interactions.c.id),
        )
        ids = list(self._db.execute(orphaned).scalars())
        if ids:
            self._db.execute(
                sa.delete(interactions).where(self._scope(), interactions.c.id.in_(ids))
            )
        return len(ids)

    def list_for_contact(
        self, contact_id: ContactId, limit: int | None = None
    ) -> list[Interaction]:
        statement = (
            sa.select(interactions)
            .join(interaction_contacts, interaction_contacts.c.interaction_id == interactions.c.id)
            .where(self._scope(), interaction_contacts.c.contact_id == contact_id)
            .order_by(interactions.c.occurred_on.desc(), interactions.c.id.desc())
        )
        if limit is not None:
            statement = statement.limit(limit)
        return self._load(statement)

    def follow_ups(self, since: dt.date, until: dt.date | None = None) -> list[Interaction]:
        query = sa.select(interactions).where(self._scope(), interactions.c.follow_up_on >= since)
        if until is not None:
            query = query.where(interactions.c.follow_up_on <= until)
        return self._load(query.order_by(interactions.c.follow_up_on, interactions.c.id))

    def list_all(self) -> list[Interaction]:
        return self._load(
            sa.select(interactions)
            .where(self._scope())
            .order_by(interactions.c.occurred_on, interactions.c.id)
        )

    def recent(self, limit: int) -> list[RecentInteraction]:
        found = self._load(
            sa.select(interactions)
            .where(self._scope())
            .order_by(interactions.c.occurred_on.desc(), interactions.c.id.desc())
            .limit(limit)
        )
        ids = sorted({cid for item in found for cid in item.contact_ids})
        names: dict[int, str] = {
            row.id: row.display_name
            for row in self._db.execute(
                sa.select(contacts.c.id, contacts.c.display_name).where(
                    contacts.c.account_id == self._account, contacts.c.id.in_(ids)
                )
            )
        }
        return [
            RecentInteraction(item, [names[cid] for cid in item.contact_ids if cid in names])
            for item in found
        ]

    def count(self) -> int:
        return int(
            self._db.execute(
                sa.select(sa.func.count()).select_from(interactions).where(self._scope())
            ).scalar_one()
        )

    def _load(self, statement: sa.Select[Any]) -> list[Interaction]:
        rows = self._db.execute(statement).all()
        if not rows:
            return []
        participants: dict[int, list[ContactId]] = defaultdict(list)
        ids = [row.id for row in rows]
        for chunk in chunks(ids):
            for interaction_id, contact_id in self._db.execute(
                sa.select(interaction_contacts.c.interaction_id, interaction_contacts.c.contact_id)
                .where(
                    interaction_contacts.c.account_id == self._account,
                    interaction_contacts.c.interaction_id.in_(chunk),
                )
                .order_by(interaction_contacts.c.interaction_id, interaction_contacts.c.contact_id)
            ):
                participants[interaction_id].append(ContactId(contact_id))
        return [
            Interaction(
                id=InteractionId(row.id),
                occurred_on=row.occurred_on,
                kind=InteractionKind(row.kind),
                contact_ids=participants[row.id],
                city=row.city,
                place=row.place,
                note=row.note,
                follow_up_on=row.follow_up_on,
            )
            for row in rows
        ]
