"""What the contact CSV readers share: rows with their file line, columns mapped to einhorn
fields, multi-value cells, birthdays, profile links, and the contact built from one row."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from einhorn.domain.contacts import normalise_email, normalise_phone
from einhorn.domain.dates import MAX_YEAR, MIN_YEAR
from einhorn.errors import EinhornError, ImportFormatError
from einhorn.i18n import N_
from einhorn.interchange.csv_lines import rows_with_lines
from einhorn.interchange.keys import split_name, split_title, strip_decorations
from einhorn.interchange.records import (
    ImportIssue,
    Level,
    ParseResult,
    fitted_contact,
    kept_values,
)
from einhorn.interchange.sniff import decode_text, header_row, sniff_delimiter

# One row's values by einhorn field name (see generic_csv.FIELDS), in column order.
Fields = dict[str, list[str]]

# Host names that identify a profile network; any other link is the contact's website.
_NETWORK_HOSTS = {
    "linkedin.com": "linkedin",
    "xing.com": "xing",
    "xing.de": "xing",
    "researchgate.net": "researchgate",
    "github.com": "github",
}
PROFILE_FIELDS = ("linkedin", "xing", "researchgate", "github", "website")
_DATE = re.compile(r"^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$")
# How a prefix or Outlook's Title column addresses someone; never part of einhorn's title.
_FORMS_OF_ADDRESS = frozenset(
    {"herr", "frau", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "miss", "m.", "mme", "mlle"}
)
_INVERTED = re.compile(r"^\s*([^,]+),\s*([^,]+?)\s*$")
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^/@]*@)?([^/:?#]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV file's header, the line it stands on, and the non-empty rows after it."""

    header: list[str]
    line: int
    rows: list[tuple[int, list[str]]]


def read_table(data: bytes, *, source: str) -> Table:
    """Decode, sniff the delimiter, and split ``data`` into a header and rows with lines."""
    text = decode_text(data)
    delimiter = sniff_delimiter(text)
    rows = [
        (number, row)
        for number, row in rows_with_lines(text, delimiter, source=source)
        if any(cell.strip() for cell in row)
    ]
    header = header_row(text)
    while rows and [cell.strip() for cell in rows[0][1]] != header:
        rows.pop(0)  # Excel's 'sep=;' line
    if not rows:
        raise ImportFormatError(source, None, N_("no header row"))
    (line, _), *body = rows
    return Table(header, line, body)


def header_key(name: str) -> str:
    """A column name as the tables spell it: composed, lower-case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", name).strip().strip('"').casefold().split())


def column_fields(
    header: list[str], table: Mapping[str, str], key: Callable[[str], str] = header_key
) -> list[str]:
    """The field each column feeds, "" for the columns einhorn does not read."""
    return [table.get(key(name), "") for name in header]


def row_fields(columns: list[str], row: list[str]) -> Fields:
    """The row's non-empty values gathered by field, several columns may feed one field."""
    fields: Fields = {}
    for name, cell in zip(columns, row, strict=False):
        if name and cell.strip():
            fields.setdefault(name, []).append(cell.strip())
    return fields


def first(fields: Fields, name: str) -> str:
    values = fields.get(name, [])
    return values[0] if values else ""


def split_values(values: list[str], separator: str | re.Pattern[str]) -> list[str]:
    """Every value of cells that hold several (``a ::: b``, ``Kunden;Messe``), trimmed."""
    parts = [
        part.strip()
        for value in values
        for part in (
            separator.split(value) if isinstance(separator, re.Pattern) else value.split(separator)
        )
    ]
    return [part for part in parts if part]


def parse_birthday(text: str, *, day_first: bool = True) -> dt.date | None:
    """1980-04-12, 12.04.1980, 4/12/1980 (day_first=False) or 12/4/1980; None if not a date.

    A year before 1900 is Apple's and Google's "year unknown" (1604, or none in --04-12):
    no birthday, since einhorn's birthday needs a year.
    """
    match = _DATE.match(text.strip().split(" ")[0].split("T")[0])
    if not match:
        return None
    a, separator, b, c = match.groups()
    if len(a) == 4:
        candidates = [(a, b, c)]
    elif separator == "/":
        day_month = [(c, b, a), (c, a, b)]
        candidates = day_month if day_first else day_month[::-1]
    else:
        candidates = [(c, b, a)]
    for year, month, day in candidates:
        date = _date(_full_year(year), int(month), int(day))
        if date:
            return date
    return None


def is_empty_date(text: str) -> bool:
    """Outlook writes 0/0/00 for 'no birthday'."""
    return not text.strip() or set(re.sub(r"\D", "", text)) <= {"0"}


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) > 2:
        return year
    this_year = dt.date.today().year % 100  # a birthday is never in the future
    return 2000 + year if year <= this_year else 1900 + year


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def profile_network(url: str) -> str:
    """linkedin, xing, researchgate or github by the link's host; else website."""
    match = _HOST.match(url.strip())
    host = match.group(1).lower() if match else ""
    for domain, network in _NETWORK_HOSTS.items():
        if host == domain or host.endswith("." + domain):
            return network
    return "website"


def add_contact(
    fields: Fields, *, line: int, source: str, result: ParseResult, day_first: bool = True
) -> None:
    """The row as a contact in ``result``, or an issue; bad single values are left out."""
    dropped: list[str] = []
    emails = kept_values(fields.get("email", []), normalise_email, "email", dropped)
    phones = kept_values(fields.get("phone", []), normalise_phone, "phone", dropped)
    title, given, family, display = _names(fields)
    if not (display or given or family):  # named the way Google and Outlook list it
        display = first(fields, "company") or next(iter(emails + phones), "")
    if not (display or given or family):
        result.issues.append(
            ImportIssue(source, line, N_("row without a name; not imported"), level=Level.SKIPPED)
        )
        return
    try:
        contact = fitted_contact(
            dropped,
            display_name=display,
            title=title,
            given_name=given,
            family_name=family,
            emails=emails,
            phones=phones,
            profiles=_profiles(fields, dropped),
            birthday=_birthday(first(fields, "birthday"), day_first, dropped),
            **_texts(fields),
        )
    except EinhornError as exc:
        result.issues.append(ImportIssue(source, line, N_("row not imported"), str(exc)))
        return
    result.add(contact, line, source, dropped)


def _texts(fields: Fields) -> dict[str, Any]:
    """The plain text fields, and the tags."""
    texts: dict[str, Any] = {
        name: first(fields, name)
        for name in ("company", "position", "department", "sector", "city", "country", "how_met")
    }
    texts["notes"] = "\n".join(fields.get("notes", []))
    texts["tags"] = fields.get("tags", [])
    return texts


def _names(fields: Fields) -> tuple[str, str, str, str]:
    """(academic title, given, family, display name); only an academic title is kept."""
    title = _academic(first(fields, "title"))
    given = " ".join(fields.get("given_name", []))
    family = first(fields, "family_name")
    display = first(fields, "display_name")
    if given or family:
        in_given, given = split_title(given)
        return title or in_given, given, family, display
    if display:  # one name column: its parts still serve matching
        display = _natural_order(display)
        parts = split_name(display)
        return title or parts.title, parts.given, parts.family, display
    return title, "", "", ""


def _academic(prefix: str) -> str:
    """The academic title in a name prefix: 'Frau Dr.' → 'Dr.'; 'Mr.' → ''."""
    words = prefix.split()
    while words and words[0].casefold() in _FORMS_OF_ADDRESS:
        words.pop(0)
    title, rest = split_title(" ".join(words))
    return "" if rest else title


def _natural_order(name: str) -> str:
    """'Meyer, Thomas' (as address books sort) → 'Thomas Meyer'; 'Anna Müller, MBA' stays."""
    match = _INVERTED.match(name)
    if not match or strip_decorations(name) != " ".join(name.replace(",", " ").split()):
        return name
    return f"{match.group(2).strip()} {match.group(1).strip()}"


def _profiles(fields: Fields, dropped: list[str]) -> dict[str, str]:
    """Profile links by network; a named network column wins over a guess from the host."""
    profiles: dict[str, str] = {}
    for name in PROFILE_FIELDS:
        for url in fields.get(name, []):
            network = name if name != "website" else profile_network(url)
            if profiles.setdefault(network, url) != url:
                dropped.append(f"{network} {url!r}")
    return profiles


def _birthday(text: str, day_first: bool, dropped: list[str]) -> dt.date | None:
    date = parse_birthday(text, day_first=day_first)
    if date is None and not is_empty_date(text):
        dropped.append(f"birthday {text!r}")
    return date
