"""Deciding and undoing: merge two contacts, decide held pairs, undo a batch.

A merge is a batch of its own, so ``einhorn import undo`` takes back a merge exactly as it
takes back an import. Undo works from what the batch recorded: contacts it created are
erased, values it added are taken out (later edits stay), contacts it absorbed come back
with their interactions and provenance, interactions it logged are removed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from einhorn.domain.contacts import Contact
from einhorn.domain.ids import BatchId, ContactId, InteractionId, ReviewId
from einhorn.domain.imports import (
    Batch,
    BatchKind,
    Change,
    ChangeAction,
    Review,
    ReviewStatus,
    Source,
)
from einhorn.domain.merging import MergeDiff, absorb, revert, state_of
from einhorn.domain.ties import Tie, TieKind
from einhorn.errors import Conflict, InvalidInput, NotFound
from einhorn.i18n import N_
from einhorn.interchange.json_export import contact_from_dict, contact_to_dict
from einhorn.interchange.keys import phone_key
from einhorn.services.ports import UnitOfWork


@dataclass(frozen=True, slots=True)
class MergeResult:
    batch: BatchId
    kept: Contact
    absorbed_name: str


@dataclass(frozen=True, slots=True)
class ReviewItem:
    review: Review
    contact: Contact
    candidate: Contact


def merge_contacts(
    *,
    uow: UnitOfWork,
    keep: ContactId,
    other: ContactId,
    now: dt.datetime,
) -> MergeResult:
    """``other`` becomes part of ``keep``: its values, interactions and sources move over."""
    if keep == other:
        raise InvalidInput("contact", f"#{other}", N_("a contact cannot be merged with itself"))
    target = uow.contacts.get(keep)
    absorbed = uow.contacts.get(other)
    snapshot = contact_to_dict(absorbed)
    # Erasing the absorbed contact erases what earlier batches recorded about it; kept here,
    # so that bringing it back also brings back its place in their undo.
    history = [
        {"batch": batch_id, **_change_to_json(change)}
        for batch_id, change in uow.imports.changes_of(other)
    ]
    reviews = [_review_to_json(r) for r in uow.imports.reviews_of(other)]
    diff = absorb(target, absorbed, lambda p: phone_key(p, uow.account.default_region) or p)
    batch = uow.imports.add_batch(Batch(BatchKind.MERGE, now, counts={"merged": 1}))
    assert batch.id is not None
    moved = uow.interactions.move_participations(other, keep)
    sources = uow.imports.move_sources(other, keep)
    uow.imports.move_reviews(other, keep)
    ties = _move_ties(uow, other, keep, now)
    uow.contacts.delete(other)
    uow.contacts.update(target)
    uow.imports.add_changes(
        batch.id,
        [
            Change(
                ChangeAction.ABSORBED,
                keep,
                {
                    "contact": snapshot,
                    "diff": diff.to_json(),
                    "interactions": moved,
                    "sources": sources,
                    "history": history,
                    "reviews": reviews,
                    "ties": ties,
                },
            )
        ],
    )
    uow.commit()
    return MergeResult(batch.id, uow.contacts.get(keep), absorbed.display_name)


def open_reviews(*, uow: UnitOfWork, limit: int | None = None) -> tuple[list[ReviewItem], int]:
    """Held pairs with both contacts, oldest first, and how many there are in all."""
    reviews = uow.imports.open_reviews(limit)
    people = {
        c.key: c
        for c in uow.contacts.get_many(
            sorted({cid for r in reviews for cid in (r.contact_id, r.candidate_id)})
        )
    }
    items = [ReviewItem(r, people[r.contact_id], people[r.candidate_id]) for r in reviews]
    return items, uow.imports.count_open_reviews()


def list_batches(*, uow: UnitOfWork, limit: int = 20) -> list[Batch]:
    """Past imports and merges, newest first."""
    return uow.imports.list_batches(limit)


def get_batch(*, uow: UnitOfWork, batch_id: BatchId) -> Batch:
    """One import or merge of the account; NotFound otherwise."""
    return uow.imports.get_batch(batch_id)


def sources_of(
    *, uow: UnitOfWork, contact_ids: Sequence[ContactId]
) -> dict[ContactId, list[Source]]:
    """Where each contact's values came from (file and line of every record): what a person
    deciding a held pair wants to see next to the values."""
    return {contact_id: uow.imports.sources_of(contact_id) for contact_id in contact_ids}


def current_review(*, uow: UnitOfWork, review_id: ReviewId) -> ReviewItem | None:
    """The pair as it stands now, or None when it is decided or gone (an earlier merge moves
    and settles pairs)."""
    try:
        review = uow.imports.get_review(review_id)
    except NotFound:
        return None
    if review.status is not ReviewStatus.OPEN:
        return None
    contact, candidate = uow.contacts.get_many([review.contact_id, review.candidate_id])
    return ReviewItem(review, contact, candidate)


def decide_review(
    *, uow: UnitOfWork, review_id: ReviewId, same_person: bool, now: dt.datetime
) -> MergeResult | None:
    """Same person: the newer contact is merged into the one known before. Otherwise the
    two stay apart and einhorn stops asking."""
    review = uow.imports.get_review(review_id)
    if review.status is not ReviewStatus.OPEN:
        raise Conflict(N_("Review {id} was already decided."), id=review_id)
    if same_person:
        return merge_contacts(uow=uow, keep=review.candidate_id, other=review.contact_id, now=now)
    uow.imports.set_review_status(review.id, ReviewStatus.SEPARATE)
    uow.commit()
    return None


def undo_batch(*, uow: UnitOfWork, batch_id: BatchId, now: dt.datetime) -> Counter[str]:
    """Take back an import or a merge; returns what was undone, by action."""
    batch = uow.imports.get_batch(batch_id)
    if batch.undone_at is not None:
        raise Conflict(N_("Batch {id} was already undone."), id=batch_id)
    changes = uow.imports.changes(batch_id)
    touched = {change.contact_id for change in changes} | uow.imports.source_owners(batch_id)
    later = uow.imports.later_batches_touching(batch_id, sorted(touched))
    if later:
        raise Conflict(
            N_("Batch {later} changed the same contacts; undo it first."), later=later[-1]
        )
    by_action: dict[ChangeAction, list[Change]] = {action: [] for action in ChangeAction}
    for change in changes:
        by_action[change.action].append(change)
    done: Counter[str] = Counter()
    for change in by_action[ChangeAction.INTERACTION]:
        done["interactions"] += _quietly(uow.interactions.delete, change.interaction_id)
    for change in by_action[ChangeAction.ABSORBED]:
        done["restored"] += _quietly(_bring_back, uow, change, now)
    done["reverted"] = _take_out(uow, by_action[ChangeAction.MERGED])
    created = [change.contact_id for change in by_action[ChangeAction.CREATED]]
    kept = _worked_on_since(
        uow, by_action[ChangeAction.CREATED], by_action[ChangeAction.INTERACTION]
    )
    done["kept"] = len(kept)
    done["removed"] = uow.contacts.delete_many([cid for cid in created if cid not in kept])
    uow.imports.delete_sources(batch_id)
    uow.imports.delete_changes(batch_id)  # they hold personal data; an undo is not redone
    batch.undone_at = now
    uow.imports.update_batch(batch)
    if done["removed"] or done["restored"]:
        uow.contacts.purge_erased()
    uow.commit()
    uow.checkpoint()
    return done


def _worked_on_since(
    uow: UnitOfWork, created: list[Change], logged: list[Change]
) -> set[ContactId]:
    """Contacts the batch created that the user has since edited or met: undo keeps them,
    so that no later work is lost with them. (Edited: its state is no longer the one the
    batch recorded; einhorn's own merges and their undo leave it as it was.)"""
    if not created:
        return set()
    ids = [change.contact_id for change in created]
    ours = {change.interaction_id for change in logged if change.interaction_id is not None}
    kept = uow.interactions.contacts_in_other_interactions(ids, ours)
    recorded = {change.contact_id: change.data.get("state") for change in created}
    kept |= {c.key for c in uow.contacts.get_many(ids) if state_of(c) != recorded[c.key]}
    return kept


def _quietly(action: Callable[..., object], *args: object) -> int:
    """1 when ``action`` undid something, 0 when its object was erased since."""
    try:
        action(*args)
    except NotFound:
        return 0
    return 1


def _take_out(uow: UnitOfWork, changes: list[Change]) -> int:
    """Remove what merges added from contacts that still exist; returns how many."""
    diffs = {change.contact_id: change.data["diff"] for change in changes}
    contacts = uow.contacts.get_many(list(diffs))
    for contact in contacts:
        revert(contact, MergeDiff.from_json(diffs[contact.key]))
    uow.contacts.update_many(contacts)
    return len(contacts)


def _move_ties(
    uow: UnitOfWork, other: ContactId, keep: ContactId, now: dt.datetime
) -> dict[str, Any]:
    """``other``'s ties become ``keep``'s (the stronger one wins where both know someone;
    a tie between the two goes). Returns what undoing it needs."""
    mine = {_partner(t, keep): t for t in uow.ties.of(keep)}
    theirs = uow.ties.of(other)
    changed: list[list[Any]] = []  # keep's ties as they were before
    added: list[int] = []  # partners keep had no tie with
    for tie in theirs:
        partner = _partner(tie, other)
        if partner == keep:
            continue
        before = mine.get(partner)
        if before is not None and before.strength >= tie.strength:
            continue
        if before is not None:
            changed.append(_tie_to_json(before))
        else:
            added.append(partner)
        uow.ties.put(Tie.between(keep, partner, tie.kind, tie.strength), now)
    return {"theirs": [_tie_to_json(t) for t in theirs], "changed": changed, "added": added}


def _return_ties(uow: UnitOfWork, data: dict[str, Any], keep: ContactId, now: dt.datetime) -> None:
    """Undo ``_move_ties`` once the absorbed contact is back (ties to people erased since
    stay gone)."""
    for partner in data.get("added", []):
        _quietly(uow.ties.remove, keep, ContactId(partner))
    everyone = [*data.get("changed", []), *data.get("theirs", [])]
    alive = {c.key for c in uow.contacts.get_many(sorted({i for t in everyone for i in t[:2]}))}
    for a, b, kind, strength in everyone:
        if a in alive and b in alive:
            uow.ties.put(Tie.between(ContactId(a), ContactId(b), TieKind(kind), strength), now)


def _partner(tie: Tie, person: ContactId) -> ContactId:
    return tie.b if tie.a == person else tie.a


def _tie_to_json(tie: Tie) -> list[Any]:
    return [tie.a, tie.b, tie.kind.value, tie.strength]


def _bring_back(uow: UnitOfWork, change: Change, now: dt.datetime) -> None:
    data = change.data
    uow.contacts.get(change.contact_id)  # NotFound when the kept contact was erased since
    absorbed = contact_from_dict(data["contact"])
    uow.contacts.restore(absorbed)
    uow.interactions.return_participations(
        change.contact_id, absorbed.key, data.get("interactions", [])
    )
    uow.imports.return_sources(data.get("sources", []), absorbed.key)
    for entry in data.get("history", []):
        uow.imports.add_changes(BatchId(entry["batch"]), [_change_from_json(entry)])
    _take_out(uow, [change])
    _return_ties(uow, data.get("ties", {}), change.contact_id, now)
    reviews = [_review_from_json(r) for r in data.get("reviews", [])]
    uow.imports.delete_reviews([r.id for r in reviews])  # moved to the kept contact
    uow.imports.restore_reviews(reviews)


def _change_to_json(change: Change) -> dict[str, Any]:
    return {
        "action": change.action.value,
        "contact_id": change.contact_id,
        "interaction_id": change.interaction_id,
        "data": change.data,
    }


def _change_from_json(data: dict[str, Any]) -> Change:
    return Change(
        ChangeAction(data["action"]),
        ContactId(data["contact_id"]),
        data.get("data", {}),
        InteractionId(data["interaction_id"]) if data.get("interaction_id") else None,
    )


def _review_to_json(review: Review) -> dict[str, Any]:
    return {
        "id": review.id,
        "batch": review.batch_id,
        "contact_id": review.contact_id,
        "candidate_id": review.candidate_id,
        "reason": review.reason,
        "status": review.status.value,
    }


def _review_from_json(data: dict[str, Any]) -> Review:
    return Review(
        ReviewId(data["id"]),
        BatchId(data["batch"]),
        ContactId(data["contact_id"]),
        ContactId(data["candidate_id"]),
        data["reason"],
        ReviewStatus(data["status"]),
    )
