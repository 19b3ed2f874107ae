"""Read vCard 2.1, 3.0 and 4.0 files into contacts: bytes in, records and issues out.

The bytes are cleaned first (``vcard_bytes``), then vobject parses each card; this module
maps the properties onto einhorn's contact. Reading never raises for a bad card: the card is
reported as an issue with its line, and the others are read.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from typing import Any

from einhorn.domain.contacts import (
    Contact,
    Sphere,
    compose_display_name,
    normalise_email,
    normalise_phone,
    parse_form_of_address,
    parse_sphere,
)
from einhorn.domain.dates import parse_date
from einhorn.domain.tiers import TierSource, parse_tier
from einhorn.errors import EinhornError, ImportFormatError
from einhorn.i18n import N_
from einhorn.interchange.records import (
    ImportIssue,
    Level,
    ParseResult,
    fitted_contact,
    kept_values,
)
from einhorn.interchange.vcard_bytes import split_cards

FORMAT = "vcard"
# Labels (X-ABLabel, TYPE) and hosts that name a network, lower-case.
_NETWORKS = {
    "linkedin": "linkedin",
    "xing": "xing",
    "researchgate": "researchgate",
    "github": "github",
    "mastodon": "mastodon",
    "bsky": "bluesky",
    "bluesky": "bluesky",
    "twitter": "twitter",
    "x.com": "twitter",
    "instagram": "instagram",
    "facebook": "facebook",
    "youtube": "youtube",
}
_ACADEMIC = re.compile(r"^(prof\.?|dr\.?|dipl\.?-?\w*\.?|mag\.?)(\s|$)", re.IGNORECASE)


class _CollectVobjectComplaints(logging.Handler):
    """vobject logs the lines it skips; einhorn reports them as issues instead."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextlib.contextmanager
def _vobject_complaints() -> Iterator[list[str]]:
    logger = logging.getLogger("vobject")
    handler = _CollectVobjectComplaints()
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def read_vcards(data: bytes, *, source: str) -> ParseResult:
    """Every card in ``data`` (one file) as a contact, or as an issue naming its line."""
    import vobject  # imported here: the CLI starts without it

    result = ParseResult(format=FORMAT)
    for card in split_cards(data):
        result.issues.extend(
            ImportIssue(source, line, N_("not a vCard property; skipped"), level=Level.NOTE)
            for line, _ in card.skipped
        )
        with _vobject_complaints() as complaints:
            try:
                component = vobject.readOne(card.text, ignoreUnreadable=True)
                dropped: list[str] = []
                contact = _contact(component, dropped)
            except EinhornError as exc:
                result.issues.append(
                    ImportIssue(source, card.line, N_("card not imported"), str(exc))
                )
                continue
            except Exception as exc:  # the parser library's own errors, of any kind
                result.issues.append(
                    ImportIssue(
                        source, card.line, N_("unreadable card"), f"{type(exc).__name__}: {exc}"
                    )
                )
                continue
        result.issues.extend(
            ImportIssue(
                source, card.line, N_("a line of the card was skipped"), message, Level.NOTE
            )
            for message in complaints
        )
        result.add(contact, card.line, source, dropped)
    if not result.records and not result.issues:
        raise ImportFormatError(source, None, N_("no vCard in the file"))
    return result


def _values(component: Any, name: str) -> list[Any]:
    """The card's properties of one name (vobject keeps them by lower-case name)."""
    return list(component.contents.get(name.lower(), []))


def _first_text(component: Any, name: str) -> str:
    for child in _values(component, name):
        value = child.value
        text = ";".join(value) if isinstance(value, list) else str(value)
        if text.strip():
            return text.strip()
    return ""


def _text(value: Any) -> str:
    """A vobject value as one string: structured parts can be lists."""
    if isinstance(value, (list, tuple)):
        return " ".join(_text(v) for v in value if v)
    return str(value or "").strip()


def _phone_text(value: str) -> str:
    """``tel:`` URIs (vCard 4.0) as the number people write; an extension kept after it."""
    text = value.strip().removeprefix("tel:")
    number, _, params = text.partition(";")
    extension = next((p.split("=", 1)[1] for p in params.split(";") if p.startswith("ext=")), "")
    return f"{number} ext {extension}" if extension else number


def _contact(component: Any, dropped: list[str]) -> Contact:
    given, family, title = _names(component)
    company, department = _organisation(component)
    city, country = _address(component)
    emails = kept_values(
        [_text(c.value) for c in _values(component, "EMAIL")], normalise_email, "email", dropped
    )
    phones = kept_values(
        [_phone_text(_text(c.value)) for c in _values(component, "TEL")],
        normalise_phone,
        "phone",
        dropped,
    )
    # A card may have no name at all (a company's switchboard): name it by what it has.
    fallback = company or (emails[0] if emails else "") or (phones[0] if phones else "")
    return fitted_contact(
        dropped,
        display_name=_first_text(component, "FN")
        or compose_display_name(title, given, family)
        or fallback,
        given_name=given,
        family_name=family,
        title=title,
        emails=emails,
        phones=phones,
        company=company,
        department=department,
        position=_first_text(component, "TITLE") or _first_text(component, "ROLE"),
        city=city,
        country=country,
        profiles=_profiles(component),
        birthday=_birthday(component, dropped),
        notes=_first_text(component, "NOTE"),
        tags=[
            _text(t)
            for c in _values(component, "CATEGORIES")
            for t in (c.value if isinstance(c.value, list) else [c.value])
            if _text(t)
        ],
        **{"sphere": Sphere.PROFESSIONAL if company else Sphere.PRIVATE}
        | _einhorn_fields(component),
    )


def _einhorn_fields(component: Any) -> dict[str, Any]:
    """einhorn's own fields from an einhorn export (X-EINHORN-*), for a lossless round trip."""
    text = {
        name: _first_text(component, f"X-EINHORN-{name.upper()}")
        for name in (
            "tier",
            "sphere",
            "address",
            "sector",
            "how-met",
            "languages",
            "wish-list",
            "cadence-days",
        )
    }
    fields: dict[str, Any] = {}
    if text["tier"]:
        fields["tier"] = parse_tier(text["tier"], "X-EINHORN-TIER")
        fields["tier_source"] = TierSource.USER
    if text["sphere"]:
        fields["sphere"] = parse_sphere(text["sphere"], "X-EINHORN-SPHERE")
    if text["address"]:
        fields["form_of_address"] = parse_form_of_address(text["address"], "X-EINHORN-ADDRESS")
    if text["sector"]:
        fields["sector"] = text["sector"]
    if text["how-met"]:
        fields["how_met"] = text["how-met"]
    if text["languages"]:
        fields["languages"] = text["languages"].split(",")
    if text["wish-list"]:
        fields["wish_list"] = text["wish-list"].lower() == "true"
    if text["cadence-days"].isdigit():
        fields["cadence_days"] = int(text["cadence-days"])
    return fields


def _names(component: Any) -> tuple[str, str, str]:
    """(given, family, academic title) from N; a title also hides in FN-less cards' prefix."""
    for child in _values(component, "N"):
        name = child.value
        given = " ".join(p for p in (_text(name.given), _text(name.additional)) if p)
        prefix = _text(name.prefix)
        return given, _text(name.family), prefix if _ACADEMIC.match(prefix) else ""
    return "", "", ""


def _organisation(component: Any) -> tuple[str, str]:
    for child in _values(component, "ORG"):
        values = child.value if isinstance(child.value, list) else [child.value]
        parts = [text for text in (_text(v) for v in values) if text]
        if parts:
            return parts[0], " · ".join(parts[1:])
    return "", ""


def _address(component: Any) -> tuple[str, str]:
    for child in _values(component, "ADR"):
        address = child.value
        city, country = _text(address.city), _text(address.country)
        if city or country:
            return city, country
    return "", ""


def _birthday(component: Any, dropped: list[str]) -> Any:
    whole = _first_text(component, "BDAY")
    text = whole[:10]
    if not text:
        return None
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        return parse_date(text, "BDAY")
    except EinhornError:
        dropped.append(f"BDAY {whole!r}")  # a partial date (--0228) or nonsense: noted
        return None


def _profiles(component: Any) -> dict[str, str]:
    """Profile URLs by network, from X-ABLabel groups, TYPE parameters or the host name."""
    labels = {
        child.group: str(child.value).strip().lower()
        for child in _values(component, "X-ABLABEL")
        if child.group
    }
    profiles: dict[str, str] = {}
    for child in _values(component, "URL") + _values(component, "X-SOCIALPROFILE"):
        url = str(child.value).strip()
        if not url:
            continue
        hints = [
            labels.get(child.group, ""),
            *[t.lower() for t in child.params.get("TYPE", [])],
            url.lower(),
        ]
        network = next(
            (name for hint in hints for key, name in _NETWORKS.items() if key in hint), "website"
        )
        profiles.setdefault(network, url)
    return profiles
