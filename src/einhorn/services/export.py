"""Export all of an account's data (the DSGVO right of access, and a way out)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from pathlib import Path

from einhorn.domain.contacts import name_key
from einhorn.errors import InvalidInput
from einhorn.i18n import gettext
from einhorn.interchange.csv_export import contacts_csv
from einhorn.interchange.icalendar_export import CalendarItem, calendar_bytes
from einhorn.interchange.json_export import (
    event_to_dict,
    export_document,
    goal_to_dict,
    group_to_dict,
    lunch_slot_to_dict,
    team_member_to_dict,
    trip_to_dict,
)
from einhorn.interchange.vcard_export import vcard_text, vcards_text
from einhorn.services.ports import ContactQuery, UnitOfWork


def export_json(*, uow: UnitOfWork, out: Path, now: dt.datetime) -> tuple[int, int]:
    """Write the account's data to ``out`` atomically; returns (contacts, interactions)."""
    contacts = uow.contacts.list_(ContactQuery())
    interactions = uow.interactions.list_all()
    groups = uow.groups.list_()
    strategy = {
        "goals": [goal_to_dict(goal) for goal in uow.goals.history()],
        "channels": {
            network: {"present": present, "url": url}
            for network, (present, url) in uow.channels.presence().items()
        },
        "groups": [group_to_dict(g, uow.groups.members(g.id or 0)) for g in groups],
        "events": [event_to_dict(e) for e in uow.groups.events()],
        "lunch_plan": [lunch_slot_to_dict(slot) for slot in uow.plans.slots(dt.date.min)],
        "trips": [trip_to_dict(trip) for trip in uow.plans.trips()],
        "ties": [
            {"a": t.a, "b": t.b, "kind": t.kind.value, "strength": t.strength}
            for t in uow.ties.all()
        ],
        "team": {
            "members": [team_member_to_dict(m) for m in uow.team.members()],
            "rounds": [
                {
                    "number": r.number,
                    "lunch_on": r.lunch_on.isoformat(),
                    "groups": [list(group) for group in r.groups],
                }
                for r in uow.team.rounds()
            ],
        },
    }
    document = export_document(
        uow.account,
        contacts,
        interactions,
        now,
        sources=uow.imports.all_sources(),
        strategy=strategy,
    )
    write_atomically(out, json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    return len(contacts), len(interactions)


def export_vcard(*, uow: UnitOfWork, out: Path, split: bool = False) -> int:
    """All contacts as vCard 3.0: one file, or with ``split`` one file per contact in the
    folder ``out``. Returns how many contacts were written."""
    contacts = uow.contacts.list_(ContactQuery())
    if not split:
        write_atomically(out, vcards_text(contacts), newline="")
        return len(contacts)
    for contact in contacts:
        write_atomically(
            out / vcard_file_name(contact.key, contact.display_name),
            vcard_text(contact),
            newline="",
        )
    return len(contacts)


def export_csv(*, uow: UnitOfWork, out: Path) -> int:
    """All contacts as one CSV file (columns as in the JSON export)."""
    contacts = uow.contacts.list_(ContactQuery())
    write_atomically(out, contacts_csv(contacts), newline="")
    return len(contacts)


def export_ics(
    *, uow: UnitOfWork, out: Path, today: dt.date, now: dt.datetime, horizon_days: int = 90
) -> int:
    """Open follow-ups and who is due in the next ``horizon_days`` as calendar reminders.

    An overdue contact is reminded of today, not on a day already past. Returns the count.
    """
    items: list[CalendarItem] = []
    follow_ups = uow.interactions.follow_ups(today)
    names = {
        c.key: c.display_name
        for c in uow.contacts.get_many(
            sorted({cid for item in follow_ups for cid in item.contact_ids})
        )
    }
    for interaction in follow_ups:
        assert interaction.follow_up_on is not None and interaction.id is not None
        who = ", ".join(names[c] for c in interaction.contact_ids if c in names)
        items.append(
            CalendarItem(
                uid=f"einhorn-follow-up-{uow.account.key}-{interaction.id}",
                day=interaction.follow_up_on,
                summary=gettext("Follow up: {names}").format(names=who),
                description=interaction.note,
            )
        )
    for entry in uow.contacts.due(today=today, horizon_days=horizon_days, limit=None):
        items.append(
            CalendarItem(
                uid=f"einhorn-due-{uow.account.key}-{entry.contact_id}",
                day=max(entry.next_due_on, today),
                summary=gettext("Get in touch: {name} ({tier})").format(
                    name=entry.display_name, tier=gettext(entry.tier.label)
                ),
            )
        )
    write_atomically(out, calendar_bytes(items, stamp=now).decode("utf-8"), newline="")
    return len(items)


def vcard_file_name(contact_id: int, name: str) -> str:
    """``42-anna-muller.vcf``: unique by id, readable by name, safe on every file system."""
    slug = "-".join(re.findall(r"[a-z0-9]+", name_key(name)))[:60] or "contact"
    return f"{contact_id}-{slug}.vcf"


def write_atomically(path: Path, text: str, newline: str | None = None) -> None:
    """Write beside the target and rename, so a crash never leaves half a file."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8", newline=newline)
        partial.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):  # the folder may not even exist
            partial.unlink(missing_ok=True)
        raise InvalidInput("OUT", str(path), exc.strerror or str(exc)) from exc
