"""LinkedIn's data export: Connections.csv of every era, bytes in, records and issues out."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from einhorn.domain.contacts import Sphere, looks_like_email
from einhorn.errors import EinhornError, ImportFormatError
from einhorn.i18n import N_
from einhorn.interchange.csv_lines import rows_with_lines
from einhorn.interchange.keys import split_title, strip_decorations
from einhorn.interchange.records import (
    ImportIssue,
    Level,
    ParseResult,
    fitted_contact,
)

FORMAT = "linkedin"

# quirk → (what it looks like, why it is handled, where it was seen)
QUIRKS = {
    "notes-preamble": (
        "'Notes:' and a paragraph about missing e-mail addresses before the header",
        "the header row moves; it is found by its names, never by a line count",
        "exports since about 2021",
    ),
    "no-url-column": (
        "header without URL (First Name,Last Name,Email Address,Company,…)",
        "older exports had no profile links",
        "exports before about 2020",
    ),
    "hidden-profiles": (
        "rows with only 'Connected On' filled in",
        "members who hide their data from exports; counted, not imported",
        "every era",
    ),
    "connected-on": (
        "'08 Feb 2026', older '08-Feb-26' or ISO dates",
        "the format changed over the years",
        "exports of 2016–2026",
    ),
    "decorated-names": (
        "'Anna Müller, MBA 🚀', '(she/her)', '| Head of HR' in name fields",
        "people decorate their LinkedIn name; the contact gets the plain name",
        "everywhere on LinkedIn",
    ),
    "bom": ("UTF-8 byte-order mark", "csv would read it as part of 'First Name'", "Excel saves"),
}

_HEADER = {"first name", "last name"}
_COLUMNS = {
    "first name": "given",
    "last name": "family",
    "url": "url",
    "email address": "email",
    "company": "company",
    "position": "position",
    "connected on": "connected_on",
}
_DATE_FORMATS = ("%d %b %Y", "%d-%b-%y", "%Y-%m-%d", "%m/%d/%y", "%d.%m.%Y")


def looks_like_connections(text: str) -> bool:
    """True when ``text`` (the first kilobytes of a file) is a LinkedIn Connections.csv."""
    head = text[:4000].lower()
    return "first name,last name" in head and "connected on" in head


@lru_cache(maxsize=4096)  # a network has a few thousand distinct days at most
def parse_connected_on(text: str) -> dt.date | None:
    for pattern in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def read_connections(data: bytes, *, source: str) -> ParseResult:
    """Every connection as a contact; hidden profiles and unreadable rows become issues."""
    text = data.decode("utf-8-sig", errors="replace")
    rows = list(rows_with_lines(text, source=source))
    header_index = next(
        (i for i, (_, row) in enumerate(rows) if {cell.strip().lower() for cell in row} >= _HEADER),
        None,
    )
    if header_index is None:
        raise ImportFormatError(source, None, N_("no 'First Name,Last Name' header row"))
    columns = [_COLUMNS.get(cell.strip().lower(), "") for cell in rows[header_index][1]]
    result = ParseResult(format=FORMAT)
    for number, row in rows[header_index + 1 :]:
        if not any(cell.strip() for cell in row):
            continue
        fields = {name: value.strip() for name, value in zip(columns, row, strict=False) if name}
        _read_row(fields, number, source, result)
    return result


def _read_row(fields: dict[str, str], line: int, source: str, result: ParseResult) -> None:
    connected_on = parse_connected_on(fields.get("connected_on", ""))
    if not (fields.get("given") or fields.get("family")):
        result.issues.append(
            ImportIssue(source, line, N_("hidden profile; not imported"), level=Level.SKIPPED)
        )
        return
    if connected_on is None and fields.get("connected_on"):
        result.note(source, line, f"Connected On {fields['connected_on']!r}")
    title, given = split_title(strip_decorations(fields.get("given", "")))
    email = fields.get("email", "")
    if email and not looks_like_email(email):
        result.note(source, line, email)
        email = ""
    dropped: list[str] = []
    try:
        contact = fitted_contact(
            dropped,
            display_name="",
            title=title,
            given_name=given,
            family_name=strip_decorations(fields.get("family", "")),
            emails=[email] if email else [],
            company=fields.get("company", ""),
            position=fields.get("position", ""),
            profiles={"linkedin": fields["url"]} if fields.get("url") else {},
            sphere=Sphere.PROFESSIONAL,
            created_on=connected_on,
        )
    except EinhornError as exc:
        result.issues.append(ImportIssue(source, line, N_("row not imported"), str(exc)))
        return
    result.add(contact, line, source, dropped)
