"""Write contacts as vCard 3.0 (RFC 2426): UTF-8, CRLF, folded, every card with UID and FN.

Phone address books read the standard properties; einhorn's own fields travel as
X-EINHORN-* properties, so an export read back into einhorn gives the same contacts.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from einhorn.domain.contacts import Contact

# Labels address books show for profile links (Apple's X-ABLabel item groups).
NETWORK_LABELS = {
    "linkedin": "LinkedIn",
    "xing": "Xing",
    "researchgate": "ResearchGate",
    "github": "GitHub",
    "mastodon": "Mastodon",
    "bluesky": "Bluesky",
    "twitter": "Twitter",
    "instagram": "Instagram",
    "facebook": "Facebook",
    "youtube": "YouTube",
    "website": "Website",
}
_UID_NAMESPACE = uuid.UUID("7f1c1a52-5b0e-4b39-9a63-1d2d6f0c3e11")  # einhorn's own namespace


def contact_uid(contact: Contact) -> str:
    """Stable per account and contact, so a re-export updates the same address-book entry."""
    return f"urn:uuid:{uuid.uuid5(_UID_NAMESPACE, f'{contact.account_id}:{contact.id}')}"


def vcard_text(contact: Contact) -> str:
    import vobject  # only exports need it

    card = vobject.vCard()
    _add(card, "uid", contact_uid(contact))
    _add(card, "fn", contact.display_name)
    _add(
        card,
        "n",
        vobject.vcard.Name(
            family=contact.family_name, given=contact.given_name, prefix=contact.title
        ),
    )
    for email in contact.emails:
        _add(card, "email", email, type_param=["INTERNET"])
    for phone in contact.phones:
        _add(card, "tel", phone)
    if contact.company or contact.department:
        _add(card, "org", [contact.company, *([contact.department] if contact.department else [])])
    if contact.position:
        _add(card, "title", contact.position)
    if contact.city or contact.country:
        _add(card, "adr", vobject.vcard.Address(city=contact.city, country=contact.country))
    if contact.birthday:
        _add(card, "bday", contact.birthday.isoformat())
    if contact.notes:
        _add(card, "note", contact.notes)
    if contact.tags:
        _add(card, "categories", list(contact.tags))
    for number, (network, url) in enumerate(contact.profiles.items(), start=1):
        _add(card, "url", url, group=f"item{number}")
        _add(card, "x-ablabel", NETWORK_LABELS.get(network, network), group=f"item{number}")
    for name, value in _einhorn_fields(contact):
        _add(card, name, value)
    return str(card.serialize())


def vcards_text(contacts: Iterable[Contact]) -> str:
    return "".join(vcard_text(contact) for contact in contacts)


def _einhorn_fields(contact: Contact) -> list[tuple[str, str]]:
    fields = [("x-einhorn-tier", contact.tier.value), ("x-einhorn-sphere", contact.sphere.value)]
    if contact.form_of_address:
        fields.append(("x-einhorn-address", contact.form_of_address.value))
    if contact.sector:
        fields.append(("x-einhorn-sector", contact.sector))
    if contact.how_met:
        fields.append(("x-einhorn-how-met", contact.how_met))
    if contact.languages:
        fields.append(("x-einhorn-languages", ",".join(contact.languages)))
    if contact.wish_list:
        fields.append(("x-einhorn-wish-list", "true"))
    if contact.cadence_days is not None:
        fields.append(("x-einhorn-cadence-days", str(contact.cadence_days)))
    return fields


def _add(
    card: Any,
    name: str,
    value: Any,
    *,
    group: str | None = None,
    type_param: list[str] | None = None,
) -> None:
    line = card.add(name)
    line.value = value
    if group:
        line.group = group
    if type_param:
        line.type_param = type_param[0]
