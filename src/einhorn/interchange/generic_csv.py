"""Any other contact CSV: columns recognised by their common English and German names, or
named by the user with ``--map 'Kontakt=display_name,Arbeitgeber=company'``."""

from __future__ import annotations

import re

from einhorn.errors import ImportFormatError, InvalidInput
from einhorn.i18n import N_
from einhorn.interchange.csv_rows import (
    Fields,
    Table,
    add_contact,
    column_fields,
    header_key,
    read_table,
    row_fields,
    split_values,
)
from einhorn.interchange.records import ParseResult

FORMAT = "csv"

# quirk → (what it looks like, why it is handled, where it was seen)
QUIRKS = {
    "spelling": (
        "E-Mail, E-Mail-Adresse, email, e_mail; First Name, first_name, Vorname",
        "hand-made lists spell column names freely; case, spaces, '-', '_' and '.' are ignored",
        "club member lists, CRM and event-tool exports, spreadsheets",
    ),
    "several-values": (
        "'anna@a.example; anna@b.example' or 'Kunde, Messe' in one cell",
        "people keep lists in one cell; e-mails, phones and tags are split",
        "spreadsheets kept by hand",
    ),
    "family-comma-given": (
        "'Meyer, Thomas' in a single name column",
        "address books sort by family name; the contact is named 'Thomas Meyer'",
        "lists exported from Outlook's 'File As' and from club registers",
    ),
    "no-known-names": (
        "Kontakt;Mail;Arbeitgeber",
        "einhorn does not guess a name column; the user names it with --map",
        "exports of event and newsletter tools",
    ),
}

# The einhorn fields a column may feed.
FIELDS = (
    "display_name",
    "title",
    "given_name",
    "family_name",
    "email",
    "phone",
    "company",
    "position",
    "department",
    "sector",
    "city",
    "country",
    "tags",
    "notes",
    "birthday",
    "how_met",
    "linkedin",
    "xing",
    "researchgate",
    "github",
    "website",
)
_NAME_FIELDS = {"display_name", "given_name", "family_name"}
# field → column names it is recognised by, written as _loose_key spells them.
_KNOWN = {
    "display_name": ("name", "fullname", "displayname", "anzeigename", "vollständigername"),
    "title": ("titel", "akademischertitel"),
    "given_name": ("firstname", "givenname", "vorname"),
    "family_name": ("lastname", "surname", "familyname", "nachname", "familienname"),
    "email": ("email", "mail", "emailaddress", "emailadresse", "mailadresse"),
    "phone": (
        *("phone", "phonenumber", "telephone", "tel", "telefon", "telefonnummer"),
        *("mobile", "mobil", "mobilephone", "mobiltelefon", "handy", "cell"),
    ),
    "company": ("company", "organization", "organisation", "firma", "unternehmen", "employer"),
    "position": ("position", "jobtitle", "role", "rolle", "funktion"),
    "department": ("department", "abteilung"),
    "sector": ("sector", "industry", "branche"),
    "city": ("city", "town", "ort", "stadt", "wohnort"),
    "country": ("country", "land"),
    "tags": ("tags", "tag", "labels", "categories", "kategorien", "groups", "gruppen"),
    "notes": ("notes", "note", "notiz", "notizen", "bemerkung", "bemerkungen", "kommentar"),
    "birthday": ("birthday", "birthdate", "dateofbirth", "geburtstag", "geburtsdatum"),
    "how_met": ("howmet", "kennengelernt", "wiekennengelernt"),
    "linkedin": ("linkedin", "linkedinurl", "linkedinprofil"),
    "xing": ("xing", "xingprofil"),
    "researchgate": ("researchgate",),
    "github": ("github",),
    "website": ("website", "webseite", "homepage", "url", "web", "internetseite"),
}
_DEFAULT_COLUMNS = {alias: field for field, aliases in _KNOWN.items() for alias in aliases}
_LOOSE = re.compile(r"[\s._-]+")
_SEPARATORS = {
    "email": re.compile(r"[,;\s]+"),
    "phone": re.compile(r"[,;]"),
    "tags": re.compile(r"[,;]"),
}


def _loose_key(name: str) -> str:
    return _LOOSE.sub("", header_key(name))


def parse_mapping(text: str) -> dict[str, str]:
    """``"Name=display_name,Firma=company"`` as {column: field}; InvalidInput on a bad pair."""
    mapping: dict[str, str] = {}
    for pair in (part.strip() for part in text.split(",")):
        if not pair:
            continue
        column, equals, field = (part.strip() for part in pair.partition("="))
        if not (equals and column and field):
            raise InvalidInput("--map", pair, N_("write Column=field, pairs separated by commas"))
        if column in mapping:
            raise InvalidInput("--map", pair, N_("this column is already mapped"))
        mapping[column] = _checked_field(pair, field)
    if not mapping:
        raise InvalidInput("--map", text, N_("write Column=field, pairs separated by commas"))
    return mapping


def _checked_field(pair: str, field: str) -> str:
    if field.casefold() not in FIELDS:
        raise InvalidInput("--map", pair, N_("no such einhorn field"))
    return field.casefold()


def read_generic(data: bytes, *, source: str, mapping: dict[str, str] | None = None) -> ParseResult:
    """Every row as a contact with its line; unreadable rows become issues."""
    table = read_table(data, source=source)
    columns = _recognised(table, source) if mapping is None else _mapped(table, mapping, source)
    result = ParseResult(format=FORMAT)
    for line, row in table.rows:
        add_contact(_split(row_fields(columns, row)), line=line, source=source, result=result)
    return result


def _recognised(table: Table, source: str) -> list[str]:
    columns = column_fields(table.header, _DEFAULT_COLUMNS, _loose_key)
    if not _NAME_FIELDS & set(columns):
        raise ImportFormatError(
            source, table.line, N_("no name column found; name one with --map Column=display_name")
        )
    return columns


def _mapped(table: Table, mapping: dict[str, str], source: str) -> list[str]:
    """Only the columns the mapping names are read: what the user asked for, nothing more."""
    present = {header_key(name) for name in table.header}
    for column in mapping:
        if header_key(column) not in present:
            raise ImportFormatError(
                source, table.line, N_("a column named in --map is not in the header"), column
            )
    wanted = {
        header_key(column): _checked_field(f"{column}={f}", f) for column, f in mapping.items()
    }
    return column_fields(table.header, wanted)


def _split(fields: Fields) -> Fields:
    """E-mails, phones and tags kept several to a cell, as single values."""
    return {
        name: split_values(values, _SEPARATORS[name]) if name in _SEPARATORS else values
        for name, values in fields.items()
    }
