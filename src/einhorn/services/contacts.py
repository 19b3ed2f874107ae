"""Use cases about contacts: add, find, list, change, tier and erase."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from einhorn.domain.contacts import Contact
from einhorn.domain.due import DueStatus, due_status, next_due_on
from einhorn.domain.ids import ContactId
from einhorn.domain.imports import Source
from einhorn.domain.interactions import Interaction
from einhorn.domain.patches import ContactPatch, apply_patch
from einhorn.domain.tiers import Tier, TierSource, effective_cadence
from einhorn.errors import AmbiguousReference, EinhornError, InvalidInput, NotFound
from einhorn.i18n import N_
from einhorn.interchange.json_export import (
    contact_to_dict,
    event_to_dict,
    group_fields,
    interaction_to_dict,
    lunch_slot_to_dict,
    source_to_dict,
)
from einhorn.services.ports import ContactQuery, UnitOfWork

MAX_CANDIDATES = 10
MAX_ID = 2**31 - 1  # ids are 32-bit integers on PostgreSQL
MAX_BULK = 1_000  # contacts one bulk change may name (a page shows 50)
PERSON_FORMAT = "einhorn-person"


@dataclass(frozen=True, slots=True)
class ContactDetail:
    """A contact with its history and where it stands on the due list."""

    contact: Contact
    interactions: list[Interaction]
    cadence_days: int | None
    next_due_on: dt.date | None
    status: DueStatus
    sources: list[Source] = field(default_factory=list)  # where imported values came from
    # The display names of the others who took part in the listed interactions.
    companions: dict[ContactId, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ErasureReport:
    contact_id: ContactId
    display_name: str
    interactions_removed: int


def resolve_contact(*, uow: UnitOfWork, ref: str) -> ContactId:
    """An id (``42`` or ``#42``) or an unambiguous part of a name."""
    text = ref.strip()
    if not text:
        raise InvalidInput("contact", ref, N_("give an id or a part of a name"))
    number = text.removeprefix("#")
    if number.isascii() and number.isdigit():
        if int(number) > MAX_ID:  # beyond any stored id; the database would refuse the number
            raise NotFound(N_("contact"), text)
        return uow.contacts.get(ContactId(int(number))).key
    candidates = uow.contacts.find_by_name(text, limit=MAX_CANDIDATES)
    if not candidates:
        raise NotFound(N_("contact"), text)
    if len(candidates) > 1:
        raise AmbiguousReference(text, candidates, uow.contacts.count_by_name(text))
    return candidates[0][0]


def create_contact(*, uow: UnitOfWork, contact: Contact, today: dt.date) -> Contact:
    contact.created_on = today
    if contact.tier is not Tier.PENGUIN and contact.tier_source is TierSource.DEFAULT:
        contact.tier_source = TierSource.USER
    saved = uow.contacts.add(contact)
    uow.commit()
    return saved


def get_contact(
    *, uow: UnitOfWork, ref: str, today: dt.date, history: int | None = 20
) -> ContactDetail:
    contact = uow.contacts.get(resolve_contact(uow=uow, ref=ref))
    cadence = effective_cadence(uow.account.cadence, contact.tier, contact.cadence_days)
    due = next_due_on(
        cadence_days=cadence,
        last_interaction_on=contact.last_interaction_on,
        created_on=contact.created_on or today,
        wish_list=contact.wish_list,
    )
    interactions = uow.interactions.list_for_contact(contact.key, limit=history)
    others = sorted({cid for i in interactions for cid in i.contact_ids} - {contact.key})
    return ContactDetail(
        contact=contact,
        interactions=interactions,
        cadence_days=cadence,
        next_due_on=due,
        status=due_status(due, today),
        sources=uow.imports.sources_of(contact.key),
        companions={c.key: c.display_name for c in uow.contacts.get_many(others)},
    )


def list_contacts(*, uow: UnitOfWork, query: ContactQuery) -> tuple[list[Contact], int]:
    """The page of contacts asked for, and how many match in all."""
    return uow.contacts.list_(query), uow.contacts.count(query)


def update_contact(*, uow: UnitOfWork, ref: str, patch: ContactPatch) -> Contact:
    if patch.is_empty():
        raise EinhornError(N_("Nothing to change: give at least one option."))
    contact = uow.contacts.get(resolve_contact(uow=uow, ref=ref))
    saved = uow.contacts.update(apply_patch(contact, patch))
    uow.commit()
    return saved


def set_tier(*, uow: UnitOfWork, ref: str, tier: Tier) -> tuple[Contact, Tier]:
    """Place a contact in a tier by hand; returns the contact and its previous tier."""
    contact = uow.contacts.get(resolve_contact(uow=uow, ref=ref))
    previous = contact.tier
    contact.tier = tier
    contact.tier_source = TierSource.USER
    saved = uow.contacts.update(contact)
    uow.commit()
    return saved, previous


def erase_contact(*, uow: UnitOfWork, ref: str) -> ErasureReport:
    """DSGVO erasure: the person, every detail and every interaction only they took part in."""
    contact = uow.contacts.get(resolve_contact(uow=uow, ref=ref))
    uow.imports.forget_files_of(contact.key)  # "anna-mueller.vcf" names her too
    uow.contacts.delete(contact.key)
    # Interactions shared with others stay for the others, without this person in them.
    removed = uow.interactions.delete_orphans()
    uow.reviews.forget(contact.key, contact.display_name)  # stored reviews name people too
    uow.contacts.purge_erased()
    uow.commit()
    uow.checkpoint()
    return ErasureReport(contact.key, contact.display_name, removed)


def set_tiers(*, uow: UnitOfWork, contact_ids: Sequence[ContactId], tier: Tier) -> int:
    """Place several contacts in one tier by hand, all or none; returns how many.

    An id that is not the account's changes nothing and is named in the error.
    """
    wanted = list(dict.fromkeys(contact_ids))
    if not wanted:
        raise InvalidInput("contact", "", N_("choose at least one contact"))
    if len(wanted) > MAX_BULK:
        raise InvalidInput("contact", len(wanted), N_("at most 1000 contacts at once"))
    beyond = [cid for cid in wanted if not 1 <= cid <= MAX_ID]  # no stored id is out there
    if beyond:
        raise NotFound(N_("contact"), beyond[0])
    found = {c.key for c in uow.contacts.get_many(wanted)}
    missing = [cid for cid in wanted if cid not in found]
    if missing:
        raise NotFound(N_("contact"), missing[0])
    uow.contacts.set_tiers([(cid, tier) for cid in wanted], TierSource.USER)
    uow.commit()
    return len(wanted)


def export_person(*, uow: UnitOfWork, ref: str, now: dt.datetime) -> dict[str, Any]:
    """Everything einhorn holds about one person, as one JSON-ready document (the DSGVO
    right of access, Art. 15).

    Other people appear only by id (in shared interactions, ties, groups): their data is
    not this person's to receive (Art. 15(4)).
    """
    contact = uow.contacts.get(resolve_contact(uow=uow, ref=ref))
    key = contact.key
    member_of = {gid for gid, members in uow.groups.memberships().items() if key in members}
    return {
        "format": PERSON_FORMAT,
        "version": 1,
        "exported_at": now.isoformat(timespec="seconds"),
        "contact": contact_to_dict(contact),
        "interactions": [interaction_to_dict(i) for i in uow.interactions.list_for_contact(key)],
        "ties": [
            {"other": t.b if t.a == key else t.a, "kind": t.kind.value, "strength": t.strength}
            for t in uow.ties.of(key)
        ],
        "groups": [group_fields(g) for g in uow.groups.list_() if g.id in member_of],
        "events": [event_to_dict(e) for e in uow.groups.events() if key in (e.met or [])],
        "lunch_plan": [
            lunch_slot_to_dict(s) for s in uow.plans.slots(dt.date.min) if s.contact_id == key
        ],
        "sources": [source_to_dict(s) for s in uow.imports.sources_of(key)],
        "import_history": [
            {
                "batch": batch_id,
                "action": change.action.value,
                "data": change.data,
                "interaction_id": change.interaction_id,
            }
            for batch_id, change in uow.imports.changes_of(key)
        ],
        "duplicate_reviews": [
            {
                "batch": review.batch_id,
                "contact_id": review.contact_id,
                "candidate_id": review.candidate_id,
                "reason": review.reason,
                "status": review.status.value,
            }
            for review in uow.imports.reviews_of(key)
        ],
    }
