"""A change to a contact, as the user asked for it: None means "leave as it is"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import MISSING, Field, dataclass, field, fields

from einhorn.domain.contacts import (
    TEXT_FIELDS,
    Contact,
    FormOfAddress,
    Sphere,
    compose_display_name,
    normalise_tag,
)

# Fields a patch may simply overwrite; lists and maps get add/remove operations instead.
SCALARS = ("display_name", *TEXT_FIELDS, "notes")


@dataclass(slots=True)
class ContactPatch:
    display_name: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    title: str | None = None
    company: str | None = None
    position: str | None = None
    department: str | None = None
    sector: str | None = None
    city: str | None = None
    country: str | None = None
    how_met: str | None = None
    notes: str | None = None
    form_of_address: FormOfAddress | None = None
    clear_form_of_address: bool = False
    sphere: Sphere | None = None
    birthday: dt.date | None = None
    clear_birthday: bool = False
    wish_list: bool | None = None
    cadence_days: int | None = None
    reset_cadence: bool = False
    add_emails: list[str] = field(default_factory=list)
    remove_emails: list[str] = field(default_factory=list)
    add_phones: list[str] = field(default_factory=list)
    remove_phones: list[str] = field(default_factory=list)
    add_tags: list[str] = field(default_factory=list)
    remove_tags: list[str] = field(default_factory=list)
    add_languages: list[str] = field(default_factory=list)
    set_profiles: dict[str, str] = field(default_factory=dict)
    remove_profiles: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        """True when the patch asks for nothing (``wish_list=False`` is a request, too)."""
        return all(getattr(self, f.name) == _default(f) for f in fields(self))


def _default(f: Field[object]) -> object:
    return f.default_factory() if f.default_factory is not MISSING else f.default


def apply_patch(contact: Contact, patch: ContactPatch) -> Contact:
    """Apply ``patch`` to ``contact`` in place and re-normalise it; returns the contact."""
    # A display name that was built from the parts follows them; one the user chose stays.
    derived = contact.display_name == compose_display_name(
        contact.title, contact.given_name, contact.family_name
    )
    for name in SCALARS:
        value = getattr(patch, name)
        if value is not None:
            setattr(contact, name, value)
    if patch.display_name is None and derived:
        contact.display_name = (
            compose_display_name(contact.title, contact.given_name, contact.family_name)
            or contact.display_name
        )
    if patch.form_of_address is not None or patch.clear_form_of_address:
        contact.form_of_address = patch.form_of_address
    if patch.sphere is not None:
        contact.sphere = patch.sphere
    if patch.birthday is not None or patch.clear_birthday:
        contact.birthday = patch.birthday
    if patch.wish_list is not None:
        contact.wish_list = patch.wish_list
    if patch.cadence_days is not None or patch.reset_cadence:
        contact.cadence_days = patch.cadence_days
    contact.emails = _edit(contact.emails, patch.add_emails, patch.remove_emails, _fold_email)
    contact.phones = _edit(contact.phones, patch.add_phones, patch.remove_phones, _fold_space)
    contact.tags = _edit(contact.tags, patch.add_tags, patch.remove_tags, normalise_tag)
    contact.languages = [*contact.languages, *patch.add_languages]
    contact.profiles = {**contact.profiles, **patch.set_profiles}
    for network in patch.remove_profiles:
        contact.profiles.pop(network.strip().casefold(), None)
    contact.normalise()
    return contact


def _fold_email(text: str) -> str:
    return text.strip().lower()


def _fold_space(text: str) -> str:
    return " ".join(text.split())


def _edit(
    values: list[str], add: list[str], remove: list[str], fold: Callable[[str], str]
) -> list[str]:
    """Add, then remove, comparing values the way the contact stores them."""
    dropped = {fold(v) for v in remove}
    return [v for v in [*values, *add] if fold(v) not in dropped]
