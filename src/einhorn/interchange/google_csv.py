"""Google Contacts' CSV export of both header families: bytes in, records and issues out."""

from __future__ import annotations

import re

from einhorn.errors import ImportFormatError
from einhorn.i18n import N_
from einhorn.interchange.csv_rows import (
    Fields,
    add_contact,
    column_fields,
    header_key,
    read_table,
    row_fields,
    split_values,
)
from einhorn.interchange.records import ParseResult

FORMAT = "google"

# quirk → (what it looks like, why it is handled, where it was seen)
QUIRKS = {
    "current-header": (
        "First Name,Middle Name,Last Name,…,Labels,E-mail 1 - Label,E-mail 1 - Value,…",
        "Google renamed every column when Contacts was redesigned",
        "contacts.google.com exports since about 2023",
    ),
    "legacy-header": (
        "Name,Given Name,Additional Name,Family Name,…,Group Membership,E-mail 1 - Type,…",
        "older exports are still lying in people's download folders and backups",
        "'Google CSV' exports of 2010–2022",
    ),
    "numbered-columns": (
        "E-mail 1 - Value, E-mail 2 - Value, … only as many as the fullest contact needs",
        "a file without any e-mail has no e-mail column; columns are found by pattern",
        "every Google export",
    ),
    "triple-colon": (
        "'anna@a.example ::: anna@b.example' in one cell",
        "Google puts all values of one label into one cell",
        "e-mails, phones, websites and labels in both header families",
    ),
    "system-groups": (
        "'* myContacts', '* starred', '* friends' among the labels",
        "Google's own groups, not the user's; even 'starred' is dropped: it is a screen "
        "favourite, and einhorn's tiers say who matters",
        "Labels and Group Membership columns",
    ),
    "year-unknown-birthday": (
        "'--04-12' for a birthday entered without a year",
        "einhorn's birthday needs a year; noted as not kept",
        "contacts synced from Android phones",
    ),
    "name-prefix": (
        "'Dr.' or 'Prof. Dr.' in Name Prefix, also 'Mr.' or 'Frau'",
        "an academic title becomes the contact's title; forms of address are dropped",
        "contacts typed in by hand and synced from Outlook",
    ),
    "profile-links": (
        "LinkedIn, Xing, ResearchGate or GitHub URLs among the websites",
        "they are profiles, found by the link's host; the first other link is the website",
        "Website N - Value columns",
    ),
}

_NUMBER = re.compile(r" \d+ - ")
_MULTI = re.compile(r"\s*:::\s*")
# Column (numbers replaced by #) → einhorn field; both header families in one table.
_COLUMNS = {
    "first name": "given_name",
    "middle name": "given_name",
    "last name": "family_name",
    "name prefix": "title",
    "organization name": "company",
    "organization title": "position",
    "organization department": "department",
    "labels": "tags",
    "name": "display_name",
    "given name": "given_name",
    "additional name": "given_name",
    "family name": "family_name",
    "group membership": "tags",
    "organization # - name": "company",
    "organization # - title": "position",
    "organization # - department": "department",
    "birthday": "birthday",
    "notes": "notes",
    "e-mail # - value": "email",
    "phone # - value": "phone",
    "website # - value": "website",
    "address # - city": "city",
    "address # - country": "country",
}
_GROUP_COLUMNS = {"labels", "group membership"}
_NAME_COLUMNS = {"first name", "given name", "name"}


def _key(name: str) -> str:
    return _NUMBER.sub(" # - ", header_key(name))


def looks_like_google(header: list[str]) -> bool:
    """True for either family of Google's header: a group column, a prefix and a name."""
    keys = {header_key(name) for name in header}
    return bool(keys & _GROUP_COLUMNS and keys & _NAME_COLUMNS) and "name prefix" in keys


def read_google(data: bytes, *, source: str) -> ParseResult:
    """Every row as a contact with its line; unreadable rows become issues."""
    table = read_table(data, source=source)
    if not looks_like_google(table.header):
        raise ImportFormatError(source, table.line, N_("not a Google Contacts export"))
    columns = column_fields(table.header, _COLUMNS, _key)
    result = ParseResult(format=FORMAT)
    for line, row in table.rows:
        fields = _split(row_fields(columns, row))
        add_contact(fields, line=line, source=source, result=result, day_first=True)
    return result


def _split(fields: Fields) -> Fields:
    """Cells with ' ::: ' as single values; Google's own groups left out of the tags."""
    split = {
        name: values if name == "notes" else split_values(values, _MULTI)
        for name, values in fields.items()
    }
    split["tags"] = [tag for tag in split.get("tags", []) if not tag.startswith("*")]
    return split
