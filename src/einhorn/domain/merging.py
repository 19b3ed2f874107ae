"""Folding what one source knows about a person into a contact, and taking it out again.

A merge never overwrites: the contact keeps its name and every value it has; the other side
only fills empty fields and adds list values (emails, phones, tags, languages, profiles) and
notes. What it added is recorded in a ``MergeDiff``, so an undo removes exactly that and
leaves alone whatever the user changed afterwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import operator
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any

from einhorn.domain.contacts import TEXT_FIELDS, Contact, FormOfAddress

LISTS = ("emails", "phones", "tags", "languages")
NOTES_GAP = "\n\n"


@dataclass(slots=True)
class MergeDiff:
    """What a merge added to a contact."""

    filled: dict[str, str] = field(default_factory=dict)
    added: dict[str, list[str]] = field(default_factory=dict)
    profiles: dict[str, str] = field(default_factory=dict)
    birthday: dt.date | None = None
    form_of_address: FormOfAddress | None = None
    notes: str = ""

    def __bool__(self) -> bool:
        return bool(
            self.filled
            or self.added
            or self.profiles
            or self.birthday
            or self.form_of_address
            or self.notes
        )

    def extend(self, later: MergeDiff) -> None:
        """Add what a later merge into the same contact added (one undo takes out both)."""
        self.filled.update(later.filled)
        for name, values in later.added.items():
            self.added.setdefault(name, []).extend(values)
        self.profiles.update(later.profiles)
        self.birthday = self.birthday or later.birthday
        self.form_of_address = self.form_of_address or later.form_of_address
        self.notes += later.notes

    def to_json(self) -> dict[str, Any]:
        return {
            "filled": self.filled,
            "added": self.added,
            "profiles": self.profiles,
            "birthday": self.birthday.isoformat() if self.birthday else None,
            "form_of_address": self.form_of_address.value if self.form_of_address else None,
            "notes": self.notes,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MergeDiff:
        return cls(
            filled=dict(data.get("filled", {})),
            added={k: list(v) for k, v in data.get("added", {}).items()},
            profiles=dict(data.get("profiles", {})),
            birthday=dt.date.fromisoformat(data["birthday"]) if data.get("birthday") else None,
            form_of_address=(
                FormOfAddress(data["form_of_address"]) if data.get("form_of_address") else None
            ),
            notes=data.get("notes", ""),
        )


def absorb(
    target: Contact, other: Contact, phone_key: Callable[[str], str] | None = None
) -> MergeDiff:
    """Add what ``other`` knows and ``target`` lacks to ``target``; returns what was added.
    ``phone_key`` (the number in E.164) tells two spellings of one number apart from two
    numbers.

    Lists and the profiles are replaced, never changed in place: whoever holds the old ones
    (an import's record of what a source said) keeps them as they were.
    """
    diff = MergeDiff()
    for name in TEXT_FIELDS:  # a merge fills what is empty, never overwrites
        value = getattr(other, name)
        if value and not getattr(target, name):
            setattr(target, name, value)
            diff.filled[name] = value
    for name in LISTS:
        have = getattr(target, name)
        new = [value for value in getattr(other, name) if value not in have]
        if name == "phones" and phone_key and new:  # 0221 1234567 is +49 221 1234567
            known = {phone_key(phone) for phone in have}
            new = [phone for phone in new if phone_key(phone) not in known]
        if new:
            setattr(target, name, [*have, *new])
            diff.added[name] = new
    for network, url in other.profiles.items():
        if network not in target.profiles:
            diff.profiles[network] = url
    if diff.profiles:
        target.profiles = {**target.profiles, **diff.profiles}
    if other.birthday and not target.birthday:
        target.birthday = diff.birthday = other.birthday
    if other.form_of_address and not target.form_of_address:
        target.form_of_address = diff.form_of_address = other.form_of_address
    if other.notes and other.notes not in target.notes:
        diff.notes = (NOTES_GAP if target.notes else "") + other.notes
        target.notes += diff.notes
    if "tags" in diff.added:
        target.tags = sorted(target.tags)  # from valid contacts: keeping them sorted suffices
    return diff


def revert(target: Contact, diff: MergeDiff) -> None:
    """Take out what ``diff`` added, where the contact still holds it unchanged."""
    for name, value in diff.filled.items():
        if getattr(target, name) == value:
            setattr(target, name, "")
    for name, values in diff.added.items():
        setattr(target, name, [v for v in getattr(target, name) if v not in values])
    for network, url in diff.profiles.items():
        if target.profiles.get(network) == url:
            del target.profiles[network]
    if diff.birthday and target.birthday == diff.birthday:
        target.birthday = None
    if diff.form_of_address and target.form_of_address == diff.form_of_address:
        target.form_of_address = None
    if diff.notes and diff.notes in target.notes:
        target.notes = target.notes.replace(diff.notes, "", 1)
    target.normalise()


# What a user can change about a contact (not its id, not what interactions move).
_STATE = operator.attrgetter(
    *(
        f.name
        for f in fields(Contact)
        if f.name not in {"id", "account_id", "created_on", "last_interaction_on"}
    )
)


def state_of(contact: Contact) -> str:
    """A short fingerprint of everything a user can edit: equal states, equal contacts.
    An import records it for each contact it creates; its undo keeps a contact whose state
    has changed since."""
    return hashlib.blake2b(repr(_STATE(contact)).encode("utf-8"), digest_size=12).hexdigest()
