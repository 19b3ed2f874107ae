"""Import batches, provenance, undo records and merge reviews of one account."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from einhorn.domain.ids import AccountId, BatchId, ContactId, InteractionId, ReviewId
from einhorn.domain.imports import (
    Batch,
    BatchKind,
    Change,
    ChangeAction,
    Review,
    ReviewStatus,
    Source,
)
from einhorn.errors import NotFound
from einhorn.i18n import N_
from einhorn.store.bulk import insert_rows
from einhorn.store.contacts import chunks
from einhorn.store.engine import aware
from einhorn.store.ids import allocate_ids
from einhorn.store.tables import batch_changes, contact_sources, import_batches, merge_reviews


class SqlImportRepository:
    def __init__(self, connection: sa.Connection, account_id: AccountId) -> None:
        self._db = connection
        self._account = account_id

    # -- batches ---------------------------------------------------------------------------

    def add_batch(self, batch: Batch) -> Batch:
        [batch_id] = allocate_ids(self._db, import_batches, 1)
        self._db.execute(
            sa.insert(import_batches).values(
                id=batch_id,
                account_id=self._account,
                kind=batch.kind.value,
                created_at=batch.created_at,
                files=list(batch.files),
                counts=dict(batch.counts),
                undone_at=batch.undone_at,
            )
        )
        batch.id = BatchId(batch_id)
        return batch

    def update_batch(self, batch: Batch) -> None:
        self._db.execute(
            sa.update(import_batches)
            .where(self._batch_scope(), import_batches.c.id == batch.id)
            .values(
                files=list(batch.files),
                counts=dict(batch.counts),
                undone_at=batch.undone_at,
            )
        )

    def get_batch(self, batch_id: BatchId) -> Batch:
        row = self._db.execute(
            sa.select(import_batches).where(self._batch_scope(), import_batches.c.id == batch_id)
        ).first()
        if row is None:
            raise NotFound(N_("import"), batch_id)
        return _batch(row)

    def list_batches(self, limit: int) -> list[Batch]:
        rows = self._db.execute(
            sa.select(import_batches)
            .where(self._batch_scope())
            .order_by(import_batches.c.id.desc())
            .limit(limit)
        ).all()
        return [_batch(row) for row in rows]

    def forget_files_of(self, contact_id: ContactId) -> None:
        """Before a contact is erased: file names only this contact came from (a single
        Xing vCard is named after its person) leave the import history, as "…"."""
        own = {s.file for s in self.sources_of(contact_id)}
        shared = (
            set(
                self._db.execute(
                    sa.select(contact_sources.c.file)
                    .where(
                        contact_sources.c.account_id == self._account,
                        contact_sources.c.contact_id != contact_id,
                        contact_sources.c.file.in_(own),
                    )
                    .distinct()
                ).scalars()
            )
            if own
            else set()
        )
        private = own - shared
        if not private:
            return
        for row in self._db.execute(
            sa.select(import_batches.c.id, import_batches.c.files).where(self._batch_scope())
        ).all():
            files = list(row.files or [])
            if any(f in private for f in files):
                self._db.execute(
                    sa.update(import_batches)
                    .where(self._batch_scope(), import_batches.c.id == row.id)
                    .values(files=["…" if f in private else f for f in files])
                )

    def later_batches_touching(
        self, batch_id: BatchId, contact_ids: Sequence[ContactId]
    ) -> list[BatchId]:
        """Batches after ``batch_id``, not undone, that changed any of these contacts (or
        absorbed one of them in a merge)."""
        wanted = set(contact_ids)
        later = sa.select(import_batches.c.id).where(
            self._batch_scope(),
            import_batches.c.id > batch_id,
            import_batches.c.undone_at.is_(None),
        )
        found: set[int] = set()
        for row in self._db.execute(
            sa.select(
                batch_changes.c.batch_id, batch_changes.c.contact_id, batch_changes.c.data
            ).where(
                batch_changes.c.account_id == self._account, batch_changes.c.batch_id.in_(later)
            )
        ):
            absorbed = (row.data or {}).get("contact", {}).get("id")
            if row.contact_id in wanted or absorbed in wanted:
                found.add(row.batch_id)
        return [BatchId(i) for i in sorted(found)]

    # -- provenance ------------------------------------------------------------------------

    def fingerprints(self) -> set[str]:
        return set(
            self._db.execute(
                sa.select(contact_sources.c.fingerprint).where(
                    contact_sources.c.account_id == self._account
                )
            ).scalars()
        )

    def add_sources(self, sources: Sequence[Source]) -> None:
        insert_rows(
            self._db,
            contact_sources,
            [
                {
                    "account_id": self._account,
                    "contact_id": source.contact_id,
                    "batch_id": source.batch_id,
                    "file": source.file,
                    "line": source.line,
                    "format": source.format,
                    "fingerprint": source.fingerprint,
                    "fields": source.values,
                }
                for source in sources
            ],
        )

    def sources_of(self, contact_id: ContactId) -> list[Source]:
        return self._sources(contact_sources.c.contact_id == contact_id)

    def all_sources(self) -> list[Source]:
        return self._sources(sa.true())

    def _sources(self, condition: sa.ColumnElement[bool]) -> list[Source]:
        rows = self._db.execute(
            sa.select(contact_sources)
            .where(contact_sources.c.account_id == self._account, condition)
            .order_by(contact_sources.c.contact_id, contact_sources.c.id)
        )
        return [
            Source(
                contact_id=ContactId(row.contact_id),
                batch_id=BatchId(row.batch_id),
                file=row.file,
                line=row.line,
                format=row.format,
                fingerprint=row.fingerprint,
                values=row.fields,
            )
            for row in rows
        ]

    def move_sources(self, source: ContactId, target: ContactId) -> list[int]:
        """Hand ``source``'s provenance to ``target``; returns the moved rows' ids."""
        ids = list(
            self._db.execute(
                sa.select(contact_sources.c.id).where(
                    contact_sources.c.account_id == self._account,
                    contact_sources.c.contact_id == source,
                )
            ).scalars()
        )
        self._set_source_owner(ids, target)
        return ids

    def return_sources(self, ids: Sequence[int], owner: ContactId) -> None:
        self._set_source_owner(ids, owner)

    def _set_source_owner(self, ids: Sequence[int], owner: ContactId) -> None:
        for chunk in chunks(list(ids)):
            self._db.execute(
                sa.update(contact_sources)
                .where(
                    contact_sources.c.account_id == self._account, contact_sources.c.id.in_(chunk)
                )
                .values(contact_id=owner)
            )

    def source_owners(self, batch_id: BatchId) -> set[ContactId]:
        return {
            ContactId(cid)
            for cid in self._db.execute(
                sa.select(contact_sources.c.contact_id)
                .where(
                    contact_sources.c.account_id == self._account,
                    contact_sources.c.batch_id == batch_id,
                )
                .distinct()
            ).scalars()
        }

    def delete_sources(self, batch_id: BatchId) -> None:
        self._db.execute(
            sa.delete(contact_sources).where(
                contact_sources.c.account_id == self._account,
                contact_sources.c.batch_id == batch_id,
            )
        )

    # -- undo records ----------------------------------------------------------------------

    def add_changes(self, batch_id: BatchId, changes: Sequence[Change]) -> None:
        insert_rows(
            self._db,
            batch_changes,
            [
                {
                    "account_id": self._account,
                    "batch_id": batch_id,
                    "contact_id": change.contact_id,
                    "action": change.action.value,
                    "interaction_id": change.interaction_id,
                    "data": change.data,
                }
                for change in changes
            ],
        )

    def delete_changes(self, batch_id: BatchId) -> None:
        self._db.execute(
            sa.delete(batch_changes).where(
                batch_changes.c.account_id == self._account, batch_changes.c.batch_id == batch_id
            )
        )

    def changes(self, batch_id: BatchId) -> list[Change]:
        return [change for _, change in self._changes(batch_changes.c.batch_id == batch_id)]

    def changes_of(self, contact_id: ContactId) -> list[tuple[BatchId, Change]]:
        return self._changes(batch_changes.c.contact_id == contact_id)

    def _changes(self, condition: sa.ColumnElement[bool]) -> list[tuple[BatchId, Change]]:
        rows = self._db.execute(
            sa.select(batch_changes)
            .where(batch_changes.c.account_id == self._account, condition)
            .order_by(batch_changes.c.id)
        )
        return [
            (
                BatchId(row.batch_id),
                Change(
                    action=ChangeAction(row.action),
                    contact_id=ContactId(row.contact_id),
                    data=row.data or {},
                    interaction_id=(
                        InteractionId(row.interaction_id) if row.interaction_id else None
                    ),
                ),
            )
            for row in rows
        ]

    # -- reviews ---------------------------------------------------------------------------

    def add_reviews(
        self, batch_id: BatchId, pairs: Sequence[tuple[ContactId, ContactId, str]]
    ) -> None:
        insert_rows(
            self._db,
            merge_reviews,
            [
                {
                    "account_id": self._account,
                    "batch_id": batch_id,
                    "contact_id": contact_id,
                    "candidate_id": candidate_id,
                    "reason": reason,
                    "status": ReviewStatus.OPEN.value,
                }
                for contact_id, candidate_id, reason in pairs
            ],
        )

    def reviews_of(self, contact_id: ContactId) -> list[Review]:
        rows = self._db.execute(
            sa.select(merge_reviews)
            .where(
                self._review_scope(),
                sa.or_(
                    merge_reviews.c.contact_id == contact_id,
                    merge_reviews.c.candidate_id == contact_id,
                ),
            )
            .order_by(merge_reviews.c.id)
        )
        return [_review(row) for row in rows]

    def move_reviews(self, source: ContactId, target: ContactId) -> None:
        for column in (merge_reviews.c.contact_id, merge_reviews.c.candidate_id):
            self._db.execute(
                sa.update(merge_reviews)
                .where(self._review_scope(), column == source)
                .values({column.name: target})
            )
        self._db.execute(
            sa.update(merge_reviews)
            .where(self._review_scope(), merge_reviews.c.contact_id == merge_reviews.c.candidate_id)
            .values(status=ReviewStatus.MERGED.value)
        )

    def delete_reviews(self, review_ids: Sequence[ReviewId]) -> None:
        for chunk in chunks(list(review_ids)):
            self._db.execute(
                sa.delete(merge_reviews).where(self._review_scope(), merge_reviews.c.id.in_(chunk))
            )

    def restore_reviews(self, reviews: Sequence[Review]) -> None:
        insert_rows(
            self._db,
            merge_reviews,
            [
                {
                    "id": review.id,
                    "account_id": self._account,
                    "batch_id": review.batch_id,
                    "contact_id": review.contact_id,
                    "candidate_id": review.candidate_id,
                    "reason": review.reason,
                    "status": review.status.value,
                }
                for review in reviews
            ],
        )

    def open_reviews(self, limit: int | None = None) -> list[Review]:
        statement = (
            sa.select(merge_reviews)
            .where(self._review_scope(), merge_reviews.c.status == ReviewStatus.OPEN.value)
            .order_by(merge_reviews.c.id)
        )
        if limit is not None:
            statement = statement.limit(limit)
        return [_review(row) for row in self._db.execute(statement)]

    def count_open_reviews(self) -> int:
        return int(
            self._db.execute(
                sa.select(sa.func.count())
                .select_from(merge_reviews)
                .where(self._review_scope(), merge_reviews.c.status == ReviewStatus.OPEN.value)
            ).scalar_one()
        )

    def get_review(self, review_id: ReviewId) -> Review:
        row = self._db.execute(
            sa.select(merge_reviews).where(self._review_scope(), merge_reviews.c.id == review_id)
        ).first()
        if row is None:
            raise NotFound(N_("review"), review_id)
        return _review(row)

    def set_review_status(self, review_id: ReviewId, status: ReviewStatus) -> None:
        self._db.execute(
            sa.update(merge_reviews)
            .where(self._review_scope(), merge_reviews.c.id == review_id)
            .values(status=status.value)
        )

    def _batch_scope(self) -> sa.ColumnElement[bool]:
        return import_batches.c.account_id == self._account

    def _review_scope(self) -> sa.ColumnElement[bool]:
        return merge_reviews.c.account_id == self._account


def _batch(row: Any) -> Batch:
    return Batch(
        id=BatchId(row.id),
        kind=BatchKind(row.kind),
        created_at=aware(row.created_at),
        files=list(row.files or []),
        counts=dict(row.counts or {}),
        undone_at=aware(row.undone_at) if row.undone_at else None,
    )


def _review(row: Any) -> Review:
    return Review(
        id=ReviewId(row.id),
        batch_id=BatchId(row.batch_id),
        contact_id=ContactId(row.contact_id),
        candidate_id=ContactId(row.candidate_id),
        reason=row.reason,
        status=ReviewStatus(row.status),
    )
