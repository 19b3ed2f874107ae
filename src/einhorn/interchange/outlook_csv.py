"""Outlook's CSV export (desktop in English, German or French, and Outlook.com): bytes in,
records and issues out. Each language is one table of column names; adding one is adding
a table to ``LANGUAGES``."""

from __future__ import annotations

import re
from dataclasses import dataclass

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

FORMAT = "outlook"

# quirk → (what it looks like, why it is handled, where it was seen)
QUIRKS = {
    "localised-header": (
        "Vorname;Nachname;…  or  Prénom,Nom,…  instead of First Name,Last Name,…",
        "desktop Outlook names the columns in the language of its installation",
        "Outlook 2010–2021 for Windows, German and French",
    ),
    "unicode-export": (
        "UTF-16 LE with BOM, TAB or comma between columns",
        "what Outlook calls a 'Unicode' file; the encoding and delimiter are sniffed",
        "Outlook for Windows, 'Export to a file'",
    ),
    "empty-birthday": (
        "'0/0/00' in Birthday",
        "Outlook's way of writing 'none'; no note is made",
        "every desktop export",
    ),
    "birthday-order": (
        "'4/12/1980' in an English export, '12.04.1980' or '12/04/1980' in German or French",
        "the language decides month/day order; an impossible order falls back to the other",
        "US and European Windows",
    ),
    "exchange-address": (
        "'/o=ExchangeLabs/ou=…/cn=Recipients/cn=…' as the e-mail address (E-mail Type EX)",
        "an internal Exchange name; the SMTP address is taken from the display name's "
        "parentheses when it is there",
        "contacts copied from a company address book",
    ),
    "three-addresses": (
        "Business, Home and Other address columns",
        "the business city and country are preferred: einhorn is for professional networks",
        "every desktop export",
    ),
    "categories": (
        "'Kunden;Messe 2024' in Categories",
        "several categories in one cell, separated by semicolons",
        "every desktop export",
    ),
    "all-columns": (
        "some 60 (Outlook.com) to 90 (desktop) columns, most of them empty",
        "recognised by at least 12 known columns, so a hand-made 'Vorname;Nachname;"
        "E-Mail-Adresse' list stays a generic CSV; read_outlook itself needs only the names",
        "every export",
    ),
    "google-outlook-csv": (
        "the Outlook.com header written by Google Contacts' 'Outlook CSV' option",
        "read like any Outlook.com file",
        "contacts.google.com export dialog",
    ),
}

_BUSINESS, _HOME, _OTHER = "business", "home", "other"
_EXPORT_COLUMNS = 12  # known columns that tell an export from "Vorname;Nachname;E-Mail-Adresse"
_EXCHANGE_SMTP = re.compile(r"\(([^()\s]+@[^()\s]+)\)")


@dataclass(frozen=True, slots=True)
class Language:
    """One language's column names (lower-case) → field, and how it writes birthdays."""

    columns: dict[str, str]
    day_first: bool


def _phones(*names: str) -> dict[str, str]:
    return dict.fromkeys(names, "phone")


def _emails(addresses: tuple[str, ...], displays: tuple[str, ...]) -> dict[str, str]:
    return dict.fromkeys(addresses, "email") | dict.fromkeys(displays, "email_display")


ENGLISH = Language(
    {
        "title": "title",
        "first name": "given_name",
        "middle name": "given_name",
        "last name": "family_name",
        "company": "company",
        "department": "department",
        "job title": "position",
        "business city": "business_city",
        "business country/region": "business_country",
        "home city": "home_city",
        "home country/region": "home_country",
        "other city": "other_city",
        "other country/region": "other_country",
        **_phones(
            "primary phone",
            "business phone",
            "business phone 2",
            "mobile phone",
            "home phone",
            "home phone 2",
            "other phone",
            "car phone",
        ),
        **_emails(
            ("e-mail address", "e-mail 2 address", "e-mail 3 address"),
            ("e-mail display name", "e-mail 2 display name", "e-mail 3 display name"),
        ),
        "birthday": "birthday",
        "categories": "tags",
        "notes": "notes",
        "web page": "website",
        "personal web page": "website",
    },
    day_first=False,
)
GERMAN = Language(
    {
        "anrede": "title",
        "vorname": "given_name",
        "weitere vornamen": "given_name",
        "nachname": "family_name",
        "firma": "company",
        "abteilung": "department",
        "position": "position",
        "ort geschäftlich": "business_city",
        "land/region geschäftlich": "business_country",
        "ort privat": "home_city",
        "land/region privat": "home_country",
        "weiterer ort": "other_city",
        "weiteres land/region": "other_country",
        "weiteres land/weitere region": "other_country",
        **_phones(
            "haupttelefon",
            "telefon geschäftlich",
            "telefon geschäftlich 2",
            "mobiltelefon",
            "mobiltelefon 2",
            "telefon privat",
            "telefon privat 2",
            "weiteres telefon",
            "autotelefon",
        ),
        **_emails(
            ("e-mail-adresse", "e-mail 2: adresse", "e-mail 3: adresse"),
            (
                "e-mail: angezeigter name",
                "e-mail 2: angezeigter name",
                "e-mail 3: angezeigter name",
            ),
        ),
        "geburtstag": "birthday",
        "kategorien": "tags",
        "notizen": "notes",
        "webseite": "website",
    },
    day_first=True,
)
FRENCH = Language(
    {
        "titre": "title",
        "prénom": "given_name",
        "deuxième prénom": "given_name",
        "nom": "family_name",
        "société": "company",
        "service": "department",
        "titre du poste": "position",
        "ville (bureau)": "business_city",
        "pays/région (bureau)": "business_country",
        "ville (domicile)": "home_city",
        "pays/région (domicile)": "home_country",
        "ville (autre)": "other_city",
        "pays/région (autre)": "other_country",
        **_phones(
            "téléphone principal",
            "téléphone (bureau)",
            "téléphone 2 (bureau)",
            "tél. mobile",
            "téléphone (domicile)",
            "téléphone 2 (domicile)",
            "téléphone (autre)",
            "téléphone (voiture)",
        ),
        **_emails(
            ("adresse de messagerie", "adresse de messagerie 2", "adresse de messagerie 3"),
            (
                "nom complet de l'adresse de messagerie",
                "nom complet de l'adresse de messagerie 2",
                "nom complet de l'adresse de messagerie 3",
            ),
        ),
        "anniversaire": "birthday",
        "catégories": "tags",
        "notes": "notes",
        "page web": "website",
    },
    day_first=True,
)
LANGUAGES = (ENGLISH, GERMAN, FRENCH)


def language_of(header: list[str]) -> Language | None:
    """The language whose table names the most columns, if it has names and an e-mail."""
    keys = {header_key(name) for name in header}
    best = max(LANGUAGES, key=lambda language: len(keys & language.columns.keys()))
    found = {best.columns[key] for key in keys & best.columns.keys()}
    return best if {"given_name", "family_name", "email"} <= found else None


def looks_like_outlook(header: list[str]) -> bool:
    """An Outlook export: it always writes all its columns, a hand-made list has a few."""
    language = language_of(header)
    known = {header_key(name) for name in header} & (language.columns.keys() if language else set())
    return len(known) >= _EXPORT_COLUMNS


def read_outlook(data: bytes, *, source: str) -> ParseResult:
    """Every row as a contact with its line; unreadable rows become issues."""
    table = read_table(data, source=source)
    language = language_of(table.header)
    if language is None:
        raise ImportFormatError(source, table.line, N_("not an Outlook contacts export"))
    columns = column_fields(table.header, language.columns)
    result = ParseResult(format=FORMAT)
    for line, row in table.rows:
        fields = _fields(row_fields(columns, row))
        add_contact(fields, line=line, source=source, result=result, day_first=language.day_first)
    return result


def _fields(fields: Fields) -> Fields:
    """Outlook's columns as einhorn fields: one address, split categories, SMTP addresses."""
    kind = next(
        (
            k
            for k in (_BUSINESS, _HOME, _OTHER)
            if f"{k}_city" in fields or f"{k}_country" in fields
        ),
        _BUSINESS,
    )
    fields["city"] = fields.get(f"{kind}_city", [])
    fields["country"] = fields.get(f"{kind}_country", [])
    fields["tags"] = split_values(fields.get("tags", []), ";")
    fields["email"] = [_smtp(address, fields) for address in fields.get("email", [])]
    return fields


def _smtp(address: str, fields: Fields) -> str:
    """An Exchange name (/o=…) replaced by the address in a display name like 'Anna (a@b.de)'."""
    if not address.startswith("/"):
        return address
    found = [m.group(1) for d in fields.get("email_display", []) if (m := _EXCHANGE_SMTP.search(d))]
    unused = [smtp for smtp in found if smtp not in fields.get("email", [])]
    return unused[0] if unused else address
