"""The JSON shapes of einhorn's objects: one definition for ``--json`` output and exports.

The keys are stable and documented in the README; add keys, never rename or remove them
without raising ``FORMAT_VERSION``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from einhorn.domain.accounts import Account
from einhorn.domain.contacts import Contact, FormOfAddress, Sphere
from einhorn.domain.due import DueEntry
from einhorn.domain.goals import Goal
from einhorn.domain.groups import Event, Group
from einhorn.domain.ids import ContactId
from einhorn.domain.imports import Batch, Source
from einhorn.domain.interactions import Interaction
from einhorn.domain.plans import LunchSlot, Trip
from einhorn.domain.team import TeamMember
from einhorn.domain.tiers import Tier, TierSource

FORMAT_NAME = "einhorn-export"
FORMAT_VERSION = 1


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def lunch_slot_to_dict(slot: LunchSlot) -> dict[str, Any]:
    return {
        "id": slot.id,
        "day": slot.day.isoformat(),
        "status": slot.status.value,
        "contact_id": slot.contact_id,
        "city": slot.city or None,
        "reasons": [reason.to_json() for reason in slot.reasons],
        "interaction_id": slot.interaction_id,
    }


def trip_to_dict(trip: Trip) -> dict[str, Any]:
    return {
        "id": trip.id,
        "city": trip.city,
        "from": trip.from_on.isoformat(),
        "to": trip.to_on.isoformat(),
    }


def team_member_to_dict(member: TeamMember) -> dict[str, Any]:
    return {
        "id": member.id,
        "name": member.name,
        "email": member.email,
        "department": member.department,
        "location": member.location,
        "opted_out": member.opted_out,
        "active": member.active,
    }


def contact_to_dict(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "display_name": contact.display_name,
        "given_name": contact.given_name,
        "family_name": contact.family_name,
        "title": contact.title,
        "form_of_address": contact.form_of_address.value if contact.form_of_address else None,
        "emails": list(contact.emails),
        "phones": list(contact.phones),
        "company": contact.company,
        "position": contact.position,
        "department": contact.department,
        "sector": contact.sector,
        "city": contact.city,
        "country": contact.country,
        "languages": list(contact.languages),
        "profiles": dict(contact.profiles),
        "birthday": _date(contact.birthday),
        "how_met": contact.how_met,
        "sphere": contact.sphere.value,
        "tags": list(contact.tags),
        "notes": contact.notes,
        "wish_list": contact.wish_list,
        "tier": contact.tier.value,
        "tier_source": contact.tier_source.value,
        "cadence_days": contact.cadence_days,
        "created_on": _date(contact.created_on),
        "last_interaction_on": _date(contact.last_interaction_on),
    }


def contact_from_dict(data: dict[str, Any]) -> Contact:
    """The inverse of ``contact_to_dict`` (undoing a merge brings a contact back from it)."""
    return Contact(
        id=ContactId(data["id"]) if data.get("id") is not None else None,
        display_name=data["display_name"],
        given_name=data.get("given_name", ""),
        family_name=data.get("family_name", ""),
        title=data.get("title", ""),
        form_of_address=(
            FormOfAddress(data["form_of_address"]) if data.get("form_of_address") else None
        ),
        emails=list(data.get("emails", [])),
        phones=list(data.get("phones", [])),
        company=data.get("company", ""),
        position=data.get("position", ""),
        department=data.get("department", ""),
        sector=data.get("sector", ""),
        city=data.get("city", ""),
        country=data.get("country", ""),
        languages=list(data.get("languages", [])),
        profiles=dict(data.get("profiles", {})),
        birthday=_parse_date(data.get("birthday")),
        how_met=data.get("how_met", ""),
        sphere=Sphere(data.get("sphere", Sphere.PROFESSIONAL.value)),
        tags=list(data.get("tags", [])),
        notes=data.get("notes", ""),
        wish_list=bool(data.get("wish_list", False)),
        tier=Tier(data.get("tier", Tier.PENGUIN.value)),
        tier_source=TierSource(data.get("tier_source", TierSource.DEFAULT.value)),
        cadence_days=data.get("cadence_days"),
        created_on=_parse_date(data.get("created_on")),
        last_interaction_on=_parse_date(data.get("last_interaction_on")),
    )


def _parse_date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def source_to_dict(source: Source) -> dict[str, Any]:
    return {
        "contact_id": source.contact_id,
        "batch": source.batch_id,
        "file": source.file,
        "line": source.line,
        "format": source.format,
        "values": source.values,
    }


def batch_to_dict(batch: Batch) -> dict[str, Any]:
    """An import or merge as ``einhorn import list`` and ``GET /api/imports`` show it."""
    return {
        "batch": batch.id,
        "kind": batch.kind.value,
        "created_at": batch.created_at.isoformat(timespec="seconds"),
        "files": batch.files,
        "counts": batch.counts,
        "undone_at": batch.undone_at.isoformat(timespec="seconds") if batch.undone_at else None,
    }


def goal_to_dict(goal: Goal) -> dict[str, Any]:
    return {
        "kind": goal.kind.value,
        "role": goal.role,
        "sector": goal.sector,
        "region": goal.region.value,
        "home_city": goal.home_city,
        "target_companies": goal.target_companies,
        "target_roles": goal.target_roles,
        "target_sectors": goal.target_sectors,
        "meetings_per_week": goal.meetings_per_week,
        "minutes_per_week": goal.minutes_per_week,
        "review_every_days": goal.review_every_days,
        "set_at": goal.set_at.isoformat(timespec="seconds") if goal.set_at else None,
    }


def group_fields(group: Group) -> dict[str, Any]:
    return {
        "id": group.id,
        "name": group.name,
        "kind": group.kind.value,
        "city": group.city,
        "url": group.url,
        "engagement": group.engagement.value,
    }


def group_to_dict(group: Group, members: Sequence[int] = ()) -> dict[str, Any]:
    return {**group_fields(group), "member_ids": list(members)}


def event_to_dict(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "name": event.name,
        "date": event.occurred_on.isoformat(),
        "city": event.city,
        "group_id": event.group_id,
        "interaction_id": event.interaction_id,
    }


def interaction_to_dict(interaction: Interaction) -> dict[str, Any]:
    return {
        "id": interaction.id,
        "date": interaction.occurred_on.isoformat(),
        "kind": interaction.kind.value,
        "contact_ids": list(interaction.contact_ids),
        "city": interaction.city,
        "place": interaction.place,
        "note": interaction.note,
        "follow_up_on": _date(interaction.follow_up_on),
    }


def due_entry_to_dict(entry: DueEntry) -> dict[str, Any]:
    return {
        "contact_id": entry.contact_id,
        "display_name": entry.display_name,
        "tier": entry.tier.value,
        "company": entry.company,
        "city": entry.city,
        "last_interaction_on": _date(entry.last_interaction_on),
        "next_due_on": entry.next_due_on.isoformat(),
        "days_overdue": entry.days_overdue,
        "status": entry.status.value,
    }


def account_to_dict(account: Account) -> dict[str, Any]:
    return {
        "name": account.name,
        "default_region": account.default_region,
        "cadence_days": {tier.value: account.cadence.days_for(tier) for tier in Tier},
    }


def export_document(
    account: Account,
    contacts: Sequence[Contact],
    interactions: Sequence[Interaction],
    exported_at: dt.datetime,
    sources: Sequence[Source] = (),
    strategy: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Everything an account holds, as one JSON-ready document."""
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": exported_at.isoformat(timespec="seconds"),
        "account": account_to_dict(account),
        "contacts": [contact_to_dict(c) for c in contacts],
        "interactions": [interaction_to_dict(i) for i in interactions],
        "sources": [source_to_dict(s) for s in sources],
        **(strategy or {}),
    }
