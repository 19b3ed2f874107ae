"""LinkedIn Connections.csv of every era."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from einhorn.errors import ImportFormatError
from einhorn.interchange.linkedin import (
    QUIRKS,
    looks_like_connections,
    parse_connected_on,
    read_connections,
)
from einhorn.interchange.records import Level, ParseResult

FIXTURES = Path(__file__).parents[1] / "data" / "linkedin"


def _read(name: str) -> ParseResult:
    return read_connections((FIXTURES / name).read_bytes(), source=name)


def test_the_header_is_found_after_the_notes_preamble_and_rows_keep_their_line() -> None:
    result = _read("preamble_2024.csv")
    assert [(r.contact.display_name, r.line) for r in result.records] == [
        ("Anna Müller", 5),
        ("Dr. Jens Weber", 7),
        ("Max Bad", 8),
    ]
    anna = result.records[0].contact
    assert anna.profiles == {"linkedin": "https://www.linkedin.com/in/anna-mueller"}
    assert (anna.company, anna.position, anna.emails) == (
        "Siemens AG",
        "Head of HR",
        ["anna@siemens.example"],
    )
    assert anna.created_on == dt.date(2026, 2, 8)
    jens = result.records[1].contact
    assert (jens.title, jens.given_name, jens.family_name) == ("Dr.", "Jens", "Weber")
    assert jens.position == "CTO, Mobility"


def test_hidden_profiles_and_bad_values_are_reported_with_their_line() -> None:
    result = _read("preamble_2024.csv")
    assert [(i.line, i.reason, i.level) for i in result.issues] == [
        (6, "hidden profile; not imported", Level.SKIPPED),
        (8, "a value was not kept", Level.NOTE),
    ]
    assert result.issues[1].detail == "not-an-email"
    # The row itself is kept, without the broken e-mail address.
    kept = [r.contact for r in result.records if r.line == 8]
    assert len(kept) == 1 and kept[0].emails == []


def test_old_exports_without_url_and_with_a_bom_read_too() -> None:
    [record] = _read("no_url_2018.csv").records
    assert record.contact.display_name == "Lena Kraus"
    assert record.contact.profiles == {}
    assert record.contact.created_on == dt.date(2017, 7, 3)


def test_a_csv_that_is_not_a_connections_export_is_refused_naming_the_file() -> None:
    with pytest.raises(ImportFormatError) as caught:
        _read("not_connections.csv")
    assert "not_connections.csv" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "expected"),
    [("preamble_2024.csv", True), ("no_url_2018.csv", True), ("not_connections.csv", False)],
)
def test_the_format_is_recognised_from_the_content(name: str, expected: bool) -> None:
    text = (FIXTURES / name).read_bytes().decode("utf-8-sig")
    assert looks_like_connections(text) is expected


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("08 Feb 2026", dt.date(2026, 2, 8)),
        ("03-Jul-17", dt.date(2017, 7, 3)),
        ("2019-03-01", dt.date(2019, 3, 1)),
        ("soon", None),
        ("", None),
    ],
)
def test_connected_on_dates_of_every_era(text: str, date: dt.date | None) -> None:
    assert parse_connected_on(text) == date


def test_every_quirk_names_its_reason_and_source() -> None:
    assert all(len(entry) == 3 and all(entry) for entry in QUIRKS.values())


def test_an_impossible_connected_on_is_noted_not_replaced_silently() -> None:
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Anna,Eins,,,ACME,,31 Feb 2026\n"
    )
    result = read_connections(data, source="c.csv")
    [record] = result.records
    assert record.contact.created_on is None
    assert [(i.line, i.detail) for i in result.issues] == [(2, "Connected On '31 Feb 2026'")]
