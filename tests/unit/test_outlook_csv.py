"""Outlook's CSV export: desktop in English, German and French, Outlook.com, every encoding."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from einhorn.domain.contacts import Contact
from einhorn.errors import ImportFormatError
from einhorn.interchange.csv_rows import parse_birthday
from einhorn.interchange.outlook_csv import (
    ENGLISH,
    FRENCH,
    GERMAN,
    QUIRKS,
    language_of,
    looks_like_outlook,
    read_outlook,
)
from einhorn.interchange.records import Level, ParseResult
from einhorn.interchange.sniff import decode_text, header_row

DATA = Path(__file__).parents[1] / "data"
FIXTURES = DATA / "outlook"


def _read(name: str) -> ParseResult:
    return read_outlook((FIXTURES / name).read_bytes(), source=name)


def _contacts(name: str) -> dict[str, Contact]:
    return {r.contact.display_name: r.contact for r in _read(name).records}


@pytest.mark.parametrize(
    ("name", "first_contact", "city"),
    [
        ("classic_en.csv", "Dr. Anna Maria Müller", "Munich"),
        ("outlook_com.csv", "Jörg Weiß", "Berlin"),
        ("german_semicolon_cp1252.csv", "Dr. Jürgen Größner", "Köln"),
        ("french_utf16.csv", "François Lefèvre", "Paris"),
        ("utf8_bom.csv", "Zoë Åkesson", "Örnsköldsvik"),
    ],
)
def test_every_export_reads_with_its_umlauts_and_accents_intact(
    name: str, first_contact: str, city: str
) -> None:
    [first, *_] = _read(name).records
    assert (first.contact.display_name, first.contact.city, first.line) == (first_contact, city, 2)


def test_classic_export_maps_names_company_phones_and_categories() -> None:
    anna = _contacts("classic_en.csv")["Dr. Anna Maria Müller"]
    assert (anna.title, anna.given_name, anna.family_name) == ("Dr.", "Anna Maria", "Müller")
    assert (anna.company, anna.department, anna.position) == ("Siemens AG", "HR", "Head of HR")
    assert anna.emails == ["anna.mueller@siemens.example"]
    assert anna.phones == ["+49 89 636-00", "+49 171 2345678"]
    assert anna.tags == ["customers", "trade fair 2024"]
    assert anna.birthday == dt.date(1980, 4, 12)  # 4/12/1980: US month first
    assert anna.notes == "Met at the\nHannover Messe"
    assert anna.profiles == {"linkedin": "https://www.linkedin.com/in/anna-mueller"}


def test_the_business_address_wins_over_home_and_home_serves_when_alone() -> None:
    contacts = _contacts("classic_en.csv")
    assert (contacts["Dr. Anna Maria Müller"].city, contacts["Dr. Anna Maria Müller"].country) == (
        "Munich",
        "Germany",
    )
    assert (contacts["John Smith"].city, contacts["John Smith"].country) == (
        "Boston",
        "United States of America",
    )


def test_an_exchange_address_is_replaced_by_the_smtp_address_of_its_display_name() -> None:
    john = _contacts("classic_en.csv")["John Smith"]
    assert john.emails == ["john.smith@contoso.example"]
    assert (john.title, john.birthday) == ("", None)  # "Mr." is no title; 0/0/00 no birthday


def test_classic_rows_keep_their_lines_and_bad_values_or_rows_are_reported() -> None:
    result = _read("classic_en.csv")
    assert [(r.contact.display_name, r.line) for r in result.records] == [
        ("Dr. Anna Maria Müller", 2),
        ("John Smith", 4),
        ("Lisa Wong", 5),
        ("Tom Baker", 6),  # an over-long position went into the notes
        ("Contoso Ltd.", 7),
    ]
    assert [(i.line, i.reason, i.level, i.detail[:9]) for i in result.issues] == [
        (5, "a value was not kept", Level.NOTE, "phone 'ca"),
        (6, "a value was not kept", Level.NOTE, "position "),
    ]
    assert result.records[3].contact.notes.startswith("position: Senior Vice President")
    lisa = result.records[2].contact
    assert lisa.phones == ["(617) 555-0123"]
    assert lisa.birthday == dt.date(1985, 4, 13)  # 13/04/1985 cannot be month first


def test_german_semicolon_cp1252_export() -> None:
    result = _read("german_semicolon_cp1252.csv")
    juergen, uelkue, bjoern = (r.contact for r in result.records)
    assert (juergen.title, juergen.given_name, juergen.family_name) == ("Dr.", "Jürgen", "Größner")
    assert (juergen.company, juergen.department, juergen.position) == (
        "Müller & Söhne GmbH",
        "Vertrieb",
        "Leiter Vertrieb",
    )
    assert juergen.phones == ["0221 123456", "0171 2345678"]
    assert juergen.emails == ["juergen.groessner@mueller-soehne.example"]
    assert juergen.birthday == dt.date(1970, 4, 12)
    assert juergen.tags == ["kunden", "messe düsseldorf"]
    assert juergen.notes == "Grüße an Frau Größner ausrichten"
    assert juergen.profiles == {"xing": "https://www.xing.com/profile/Juergen_Groessner"}
    assert (uelkue.display_name, uelkue.title) == ("Dr. Ülkü Öztürk", "Dr.")  # "Frau Dr."
    assert (uelkue.city, uelkue.birthday) == ("Düsseldorf", None)  # "0.0.00": no birthday
    assert (bjoern.display_name, bjoern.emails, bjoern.phones) == (
        "Björn Weiß",
        [],
        ["0160 1112223"],
    )
    assert [(i.line, i.detail) for i in result.issues] == [(4, "email 'keine'")]


def test_french_utf16_tab_export() -> None:
    result = _read("french_utf16.csv")
    assert [r.line for r in result.records] == [2, 4]
    francois, helene = (r.contact for r in result.records)
    assert (francois.company, francois.department, francois.position) == (
        "Électricité de France",
        "Recherche",
        "Ingénieur en chef",
    )
    assert francois.title == ""  # M. is a form of address
    assert francois.birthday == dt.date(1972, 6, 24)
    assert francois.tags == ["clients", "salon vivatech"]
    assert francois.notes == "Rencontré à Lyon\n— très sympathique"
    assert francois.profiles == {"linkedin": "https://fr.linkedin.com/in/francois-lefevre"}
    assert (helene.display_name, helene.city, helene.country) == (
        "Hélène Dubois",
        "Strasbourg",
        "France",
    )
    assert result.issues == []


def test_outlook_com_export() -> None:
    contacts = _contacts("outlook_com.csv")
    joerg = contacts["Jörg Weiß"]
    assert joerg.emails == ["joerg.weiss@example.de", "j.weiss@weiss-soehne.example"]
    assert joerg.profiles == {"github": "https://github.com/jweiss"}
    assert (joerg.birthday, joerg.tags) == (dt.date(1975, 9, 1), ["lieferanten"])
    sophie = contacts["Prof. Sophie Martin"]
    assert (sophie.title, sophie.phones) == ("Prof.", ["+33 6 12 34 56 78"])
    assert sophie.tags == ["conference", "research"]
    assert sophie.profiles == {"website": "https://sophie-martin.example"}


def test_a_utf16_comma_export_reads_like_its_utf8_original() -> None:
    text = decode_text((FIXTURES / "classic_en.csv").read_bytes())
    data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    original, unicode = _read("classic_en.csv"), read_outlook(data, source="unicode.csv")
    assert unicode.records == original.records
    assert [i.line for i in unicode.issues] == [i.line for i in original.issues]


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("classic_en.csv", ENGLISH),
        ("outlook_com.csv", ENGLISH),
        ("german_semicolon_cp1252.csv", GERMAN),
        ("french_utf16.csv", FRENCH),
    ],
)
def test_the_language_of_the_header_is_recognised(name: str, language: object) -> None:
    assert language_of(header_row(decode_text((FIXTURES / name).read_bytes()))) is language


def test_googles_header_is_not_outlooks_and_is_refused() -> None:
    data = (DATA / "google" / "current_family.csv").read_bytes()
    assert not looks_like_outlook(header_row(decode_text(data)))
    with pytest.raises(ImportFormatError) as caught:
        read_outlook(data, source="contacts.csv")
    assert (caught.value.line, caught.value.reason) == (1, "not an Outlook contacts export")
    assert "contacts.csv" in str(caught.value)


def test_a_hand_made_list_with_outlook_column_names_is_no_export_but_reads() -> None:
    data = "Vorname;Nachname;E-Mail-Adresse\r\nJürgen;Größner;jg@example.de\r\n".encode("cp1252")
    assert not looks_like_outlook(header_row(decode_text(data)))
    [record] = read_outlook(data, source="liste.csv").records
    assert (record.contact.display_name, record.contact.emails) == (
        "Jürgen Größner",
        ["jg@example.de"],
    )


@pytest.mark.parametrize(
    ("text", "day_first", "date"),
    [
        ("4/12/1980", False, dt.date(1980, 4, 12)),
        ("4/12/1980", True, dt.date(1980, 12, 4)),
        ("13/04/1985", False, dt.date(1985, 4, 13)),
        ("12.04.1980", False, dt.date(1980, 4, 12)),
        ("1980-04-12", True, dt.date(1980, 4, 12)),
        ("4/12/1980 0:00:00", False, dt.date(1980, 4, 12)),
        ("4/12/80", False, dt.date(1980, 4, 12)),
        ("0/0/00", False, None),
        ("0.0.00", True, None),
        ("--04-12", True, None),
        ("1604-04-12", True, None),
        ("31.02.1980", True, None),
        ("soon", True, None),
        ("", True, None),
    ],
)
def test_birthdays_as_outlook_and_google_write_them(
    text: str, day_first: bool, date: dt.date | None
) -> None:
    assert parse_birthday(text, day_first=day_first) == date


def test_every_quirk_names_its_reason_and_source() -> None:
    assert all(len(entry) == 3 and all(entry) for entry in QUIRKS.values())
