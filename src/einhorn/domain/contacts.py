"""A contact: a person in the user's network, with what is known about them."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any

from einhorn.domain import limits
from einhorn.domain.ids import AccountId, ContactId
from einhorn.domain.tiers import Tier, TierSource
from einhorn.errors import InvalidInput
from einhorn.i18n import N_


class Sphere(StrEnum):
    PRIVATE = "private"
    PROFESSIONAL = "professional"
    BOTH = "both"

    @property
    def label(self) -> str:
        return {
            Sphere.PRIVATE: N_("private"),
            Sphere.PROFESSIONAL: N_("professional"),
            Sphere.BOTH: N_("both"),
        }[self]


_SPHERE_WORDS = {
    "private": Sphere.PRIVATE,
    "privat": Sphere.PRIVATE,
    "professional": Sphere.PROFESSIONAL,
    "beruflich": Sphere.PROFESSIONAL,
    "both": Sphere.BOTH,
    "beides": Sphere.BOTH,
}


def parse_sphere(text: str, field: str = "sphere") -> Sphere:
    sphere = _SPHERE_WORDS.get(text.strip().casefold())
    if sphere is None:
        raise InvalidInput(
            field, text, N_("use private/privat, professional/beruflich or both/beides")
        )
    return sphere


class FormOfAddress(StrEnum):
    """How the user addresses the person in German: informal Du or formal Sie."""

    DU = "du"
    SIE = "sie"


# Words that clear an optional value, in English and German.
CLEAR_WORDS = frozenset({"", "-", "none", "keine", "kein", "keiner"})


def is_clear_word(text: str) -> bool:
    return text.strip().casefold() in CLEAR_WORDS


def parse_form_of_address(text: str, field: str = "address") -> FormOfAddress | None:
    value = text.strip().casefold()
    if is_clear_word(value):
        return None
    try:
        return FormOfAddress(value)
    except ValueError:
        raise InvalidInput(field, text, N_("use du or sie")) from None


# Networks einhorn knows by name; any other lower-case word is accepted too.
KNOWN_NETWORKS = (
    "linkedin",
    "xing",
    "researchgate",
    "website",
    "github",
    "mastodon",
    "bluesky",
    "twitter",
    "instagram",
    "facebook",
    "youtube",
)
_NETWORK_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
_EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Digits and the separators people use; an extension may follow ("… ext 102").
_PHONE_RE = re.compile(r"^\+?[0-9 ()/.\-]{3,}( ext \d{1,6})?$")


def looks_like_email(text: str) -> bool:
    return bool(_EMAIL_RE.match(text.strip().lower()))


def normalise_email(text: str, field: str = "email") -> str:
    value = text.strip().lower()
    if not _EMAIL_RE.match(value):
        raise InvalidInput(field, text, N_("not an email address"))
    return value


def normalise_phone(text: str, field: str = "phone") -> str:
    value = " ".join(text.split())
    if not _PHONE_RE.match(value):
        raise InvalidInput(field, text, N_("not a phone number"))
    return value


def normalise_network(text: str, field: str = "profile") -> str:
    value = text.strip().casefold()
    if not _NETWORK_RE.match(value):
        raise InvalidInput(field, text, N_("a network is one word, like linkedin or xing"))
    return value


def normalise_tag(text: str) -> str:
    return " ".join(text.strip().split()).casefold()


def name_key(text: str) -> str:
    """Case- and accent-folded form of a name, for matching what people type: Müller ~ muller."""
    if text.isascii():  # the common case, and ten times faster than decomposing
        return " ".join(text.lower().split())
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.replace("ß", "ss").split())


# The one-line text fields besides the name, trimmed on every change.
TEXT_FIELDS = (
    "given_name",
    "family_name",
    "title",
    "company",
    "position",
    "department",
    "sector",
    "city",
    "country",
    "how_met",
)
# field → (its name for people, its length limit)
FIELD_LIMITS = {
    "display_name": (N_("name"), limits.NAME),
    "given_name": (N_("given name"), limits.NAME_PART),
    "family_name": (N_("family name"), limits.NAME_PART),
    "title": (N_("title"), limits.TITLE),
    "company": (N_("company"), limits.ORGANISATION),
    "position": (N_("position"), limits.ORGANISATION),
    "department": (N_("department"), limits.ORGANISATION),
    "sector": (N_("sector"), limits.PLACE),
    "city": (N_("city"), limits.PLACE),
    "country": (N_("country"), limits.COUNTRY),
}


@dataclass(slots=True)
class Contact:
    """One person. ``id`` is None until the store has saved it."""

    display_name: str
    given_name: str = ""
    family_name: str = ""
    title: str = ""
    form_of_address: FormOfAddress | None = None
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    company: str = ""
    position: str = ""
    department: str = ""
    sector: str = ""
    city: str = ""
    country: str = ""
    languages: list[str] = field(default_factory=list)
    profiles: dict[str, str] = field(default_factory=dict)
    birthday: dt.date | None = None
    how_met: str = ""
    sphere: Sphere = Sphere.PROFESSIONAL
    tags: list[str] = field(default_factory=list)
    notes: str = ""
    wish_list: bool = False
    tier: Tier = Tier.PENGUIN
    tier_source: TierSource = TierSource.DEFAULT
    cadence_days: int | None = None
    id: ContactId | None = None
    account_id: AccountId | None = None
    created_on: dt.date | None = None
    last_interaction_on: dt.date | None = None

    def __post_init__(self) -> None:
        self.normalise()

    @classmethod
    def saved(cls, **values: Any) -> Contact:
        """A contact as the store holds it: normalised when it was saved, so not again.

        Every field must be given. Loading 30,000 contacts for a merge spends more than a
        second in ``normalise`` otherwise.
        """
        contact = cls.__new__(cls)
        for name in _FIELD_NAMES:
            setattr(contact, name, values[name])
        return contact

    def normalise(self) -> None:
        """Trim text, derive a display name, fold duplicates; raises InvalidInput on nonsense."""
        for name in TEXT_FIELDS:  # called for every imported record: empty fields cost nothing
            value = getattr(self, name)
            if value:
                setattr(self, name, " ".join(str(value).split()))
            elif value != "":
                setattr(self, name, "")
        self.display_name = " ".join(self.display_name.split()) or compose_display_name(
            self.title, self.given_name, self.family_name
        )
        if not self.display_name:
            raise InvalidInput("name", "", N_("a contact needs a name"))
        self._check_lengths()
        if self.emails:
            self.emails = _unique(normalise_email(e) for e in self.emails)
        if self.phones:
            self.phones = _unique(normalise_phone(p) for p in self.phones)
        if self.tags:
            self.tags = sorted(_unique(t for t in (normalise_tag(t) for t in self.tags) if t))
        if self.languages:
            self.languages = _unique(lang.strip() for lang in self.languages if lang.strip())
        if self.profiles:
            self.profiles = {
                normalise_network(k): v.strip() for k, v in self.profiles.items() if v.strip()
            }
        if self.cadence_days is not None and self.cadence_days < 0:
            raise InvalidInput("cadence", self.cadence_days, N_("between 1 day and 5 years"))

    def _check_lengths(self) -> None:
        for name, (label, limit) in FIELD_LIMITS.items():
            value = getattr(self, name)
            if len(value) > limit:
                limits.check_length(label, value, limit)
        for email in self.emails:
            limits.check_length("email", email, limits.EMAIL)
        for phone in self.phones:
            limits.check_length("phone", phone, limits.PHONE)
        for tag in self.tags:
            limits.check_length("tag", tag, limits.TAG)
        for url in self.profiles.values():
            limits.check_length("profile", url, limits.URL)

    @property
    def key(self) -> ContactId:
        """The id of a saved contact."""
        if self.id is None:
            raise ValueError("contact has not been saved yet")
        return self.id

    @property
    def name_key(self) -> str:
        return name_key(self.display_name)

    def search_text(self) -> str:
        """Everything the full-text index should find this contact by."""
        parts = [
            self.display_name,
            self.given_name,
            self.family_name,
            self.title,
            self.company,
            self.position,
            self.department,
            self.sector,
            self.city,
            self.country,
            self.how_met,
            self.notes,
            *self.tags,
            *self.emails,
        ]
        return " ".join(p for p in parts if p)


_FIELD_NAMES = tuple(f.name for f in fields(Contact))


def compose_display_name(title: str, given: str, family: str) -> str:
    return " ".join(part for part in (title, given, family) if part)


def _unique(values: Iterable[str]) -> list[str]:
    """Drop repeats, keep the first-seen order."""
    return list(dict.fromkeys(values))
