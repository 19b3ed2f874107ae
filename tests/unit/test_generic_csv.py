"""Any other contact CSV: columns recognised by their common names, or mapped with --map."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from einhorn.errors import ImportFormatError, InvalidInput
from einhorn.interchange.generic_csv import FIELDS, QUIRKS, parse_mapping, read_generic
from einhorn.interchange.records import Level, ParseResult

FIXTURES = Path(__file__).parents[1] / "data" / "csv"
NEEDS_MAP = "Kontakt=display_name,Mail=email,Arbeitgeber=company,Notiz=notes"


def _read(name: str, mapping: dict[str, str] | None = None) -> ParseResult:
    return read_generic((FIXTURES / name).read_bytes(), source=name, mapping=mapping)


def test_german_columns_and_semicolons_are_recognised() -> None:
    result = _read("german_semicolon.csv")
    assert result.format == "csv"
    assert [(r.contact.display_name, r.line) for r in result.records] == [
        ("Dr. Anna Müller", 2),
        ("Jens Weber", 3),
        ("info@nobody.example", 5),
        ("Otto Lang", 7),
        ("Grete Schmitt", 8),
    ]
    anna = result.records[0].contact
    assert (anna.title, anna.given_name, anna.family_name) == ("Dr.", "Anna", "Müller")
    assert (anna.emails, anna.phones) == (["anna@mueller.example"], ["0221 1234567"])
    assert (anna.company, anna.position) == ("Müller GmbH", "Geschäftsführerin")
    assert (anna.city, anna.country) == ("Köln", "Deutschland")
    assert anna.tags == ["kunde", "messe"]
    assert anna.notes == "Mag Kaffee; kein Tee"
    assert anna.birthday == dt.date(1980, 4, 12)
    assert anna.profiles == {"linkedin": "https://www.linkedin.com/in/anna-mueller"}
    assert anna.how_met == "Hannover Messe 2024"


def test_a_cell_with_several_emails_gives_several_emails() -> None:
    jens = _read("german_semicolon.csv").records[1].contact
    assert jens.emails == ["jens@weber.example", "jens.weber@privat.example"]
    assert (jens.phones, jens.city) == (["+49 171 2345678"], "Berlin")


def test_rows_without_a_name_or_too_long_values_are_reported_with_their_line() -> None:
    result = _read("german_semicolon.csv")
    assert [(i.line, i.reason, i.level) for i in result.issues] == [
        (6, "row without a name; not imported", Level.SKIPPED),
        (7, "a value was not kept", Level.NOTE),  # kept, the long position in the notes
    ]
    assert result.issues[1].detail == "position → notes"


def test_a_file_without_a_known_name_column_asks_for_a_mapping() -> None:
    with pytest.raises(ImportFormatError) as caught:
        _read("needs_map.csv")
    assert (caught.value.file, caught.value.line) == ("needs_map.csv", 1)
    assert "--map" in str(caught.value)


def test_with_a_mapping_the_file_reads_and_family_comma_given_is_turned_round() -> None:
    result = _read("needs_map.csv", parse_mapping(NEEDS_MAP))
    assert [(r.contact.display_name, r.line) for r in result.records] == [
        ("Thomas Meyer", 2),
        ("Petra Schulz", 3),
        ("Dr. Ines Wolf", 5),
    ]
    thomas, petra, ines = (r.contact for r in result.records)
    assert (thomas.given_name, thomas.family_name, thomas.company) == (
        "Thomas",
        "Meyer",
        "Deutsche Bahn AG",
    )
    assert (thomas.emails, thomas.notes) == (["thomas.meyer@example.de"], "Bahncard 100")
    assert petra.notes == "Zwei\nZeilen"
    assert (ines.title, ines.given_name, ines.family_name) == ("Dr.", "Ines", "Wolf")
    assert result.issues == []


def test_a_mapping_reads_only_the_columns_it_names() -> None:
    result = _read("needs_map.csv", {"kontakt": "display_name"})
    assert [r.contact.emails for r in result.records] == [[], [], []]
    assert [r.contact.company for r in result.records] == ["", "", ""]


def test_a_mapped_column_missing_from_the_header_is_named() -> None:
    with pytest.raises(ImportFormatError) as caught:
        _read("needs_map.csv", {"Kontakt": "display_name", "Telefon": "phone"})
    assert caught.value.line == 1
    assert "Telefon" in str(caught.value)


def test_an_excel_sep_line_names_the_delimiter_and_is_no_header() -> None:
    [record] = _read("excel_sep_line.csv").records
    assert (record.contact.display_name, record.line) == ("Klaus Fischer", 3)
    assert (record.contact.emails, record.contact.company) == (
        ["klaus@fischer.example"],
        "Fischer & Co.",
    )


@pytest.mark.parametrize(
    ("data", "line"),
    [(b"", None), (b"\r\n\r\n", None), (b"Datum;Betrag\r\n01.02.2026;12,50\r\n", 1)],
    ids=["empty", "blank", "no-name-column"],
)
def test_files_that_are_no_contact_list_are_refused(data: bytes, line: int | None) -> None:
    with pytest.raises(ImportFormatError) as caught:
        read_generic(data, source="x.csv", mapping=None)
    assert caught.value.line == line


def test_an_unreadable_csv_row_is_refused_with_its_line() -> None:
    data = b'Name,Notes\nAnna,ok\nJens,"' + b"x" * 200_000 + b'"\n'
    with pytest.raises(ImportFormatError) as caught:
        read_generic(data, source="big.csv", mapping=None)
    assert (caught.value.line, caught.value.reason) == (3, "unreadable CSV row")


def test_a_mapping_is_parsed_from_the_command_line_text() -> None:
    assert parse_mapping("Name=display_name, Firma = company,,E-Mail=EMAIL") == {
        "Name": "display_name",
        "Firma": "company",
        "E-Mail": "email",
    }


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Name=nickname", "Name=nickname"),
        ("Name", "Name"),
        ("=email", "=email"),
        ("Name=", "Name="),
        (" , ", " , "),
    ],
)
def test_a_bad_mapping_names_the_bad_pair(text: str, shown: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_mapping(text)
    assert (caught.value.field, caught.value.value) == ("--map", shown)


def test_the_fields_a_mapping_may_target() -> None:
    assert {"display_name", "given_name", "family_name", "email", "phone", "company"} <= set(FIELDS)
    assert {"tags", "notes", "birthday", "linkedin", "xing", "website", "how_met"} <= set(FIELDS)


def test_every_quirk_names_its_reason_and_source() -> None:
    assert all(len(entry) == 3 and all(entry) for entry in QUIRKS.values())


def test_a_column_mapped_twice_is_refused() -> None:
    with pytest.raises(InvalidInput, match="already mapped"):
        parse_mapping("Mail=email,Mail=phone")
