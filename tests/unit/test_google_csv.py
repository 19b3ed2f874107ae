"""Google Contacts' CSV export, current and legacy header families."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from einhorn.domain.contacts import Contact, Sphere
from einhorn.errors import ImportFormatError
from einhorn.interchange.csv_rows import profile_network
from einhorn.interchange.google_csv import QUIRKS, looks_like_google, read_google
from einhorn.interchange.records import Level, ParseResult
from einhorn.interchange.sniff import header_row

DATA = Path(__file__).parents[1] / "data"
FIXTURES = DATA / "google"


def _read(name: str) -> ParseResult:
    return read_google((FIXTURES / name).read_bytes(), source=name)


def _contacts(name: str) -> dict[str, Contact]:
    return {r.contact.display_name: r.contact for r in _read(name).records}


def test_current_rows_keep_the_line_they_start_on_though_values_span_lines() -> None:
    result = _read("current_family.csv")
    assert [(r.contact.display_name, r.line) for r in result.records] == [
        ("Dr. Anna Maria Müller", 2),
        ("Jens Weber", 6),
        ("Lena Kraus", 7),
        ("Stadtwerke Köln", 8),
        ("Tim Becker", 10),  # an over-long company went into the notes
        ("Sophie Martin", 11),
    ]


def test_current_family_maps_names_organisation_address_and_birthday() -> None:
    anna = _contacts("current_family.csv")["Dr. Anna Maria Müller"]
    assert (anna.title, anna.given_name, anna.family_name) == ("Dr.", "Anna Maria", "Müller")
    assert (anna.company, anna.position, anna.department) == (
        "Siemens AG",
        "Head of HR",
        "Personal",
    )
    assert (anna.city, anna.country) == ("München", "Deutschland")
    assert anna.birthday == dt.date(1980, 4, 12)
    assert anna.notes == "Kennt Jens aus Erlangen.\nMag Espresso."
    assert (anna.how_met, anna.sphere) == ("", Sphere.PROFESSIONAL)


def test_triple_colon_cells_are_several_values_and_profile_links_are_sorted_out() -> None:
    contacts = _contacts("current_family.csv")
    anna = contacts["Dr. Anna Maria Müller"]
    assert anna.emails == ["anna.mueller@siemens.example", "anna@mueller.example"]
    assert anna.phones == ["+49 171 2345678"]
    assert anna.profiles == {
        "linkedin": "https://www.linkedin.com/in/anna-mueller",
        "xing": "https://www.xing.com/profile/Anna_Mueller",
        "website": "https://anna-mueller.example",
    }
    assert contacts["Jens Weber"].phones == ["0221 1234567", "+49 221 7654321"]


def test_system_groups_are_dropped_and_the_users_labels_become_tags() -> None:
    contacts = _contacts("current_family.csv")
    assert contacts["Dr. Anna Maria Müller"].tags == ["kunden"]  # "* starred" dropped too
    assert contacts["Jens Weber"].tags == ["xing"]
    assert contacts["Lena Kraus"].tags == []


def test_a_form_of_address_in_the_prefix_is_no_title() -> None:
    jens = _contacts("current_family.csv")["Jens Weber"]
    assert (jens.title, jens.display_name) == ("", "Jens Weber")


def test_a_contact_without_a_name_is_named_by_its_organisation() -> None:
    works = _contacts("current_family.csv")["Stadtwerke Köln"]
    assert (works.given_name, works.family_name, works.company) == ("", "", "Stadtwerke Köln")
    assert works.emails == ["info@stadtwerke-koeln.example"]


def test_bad_values_are_noted_bad_rows_reported_and_the_rest_is_read() -> None:
    result = _read("current_family.csv")
    assert [(i.line, i.reason, i.level) for i in result.issues] == [
        (6, "a value was not kept", Level.NOTE),
        (7, "a value was not kept", Level.NOTE),
        (9, "row without a name; not imported", Level.SKIPPED),
        (10, "a value was not kept", Level.NOTE),
    ]
    assert result.issues[0].detail == "birthday '--07-03'"  # year unknown: no birthday
    assert result.issues[1].detail == "email 'lena(at)kraus.example'"
    assert result.issues[3].detail == "company → notes"
    tim = _contacts("current_family.csv")["Tim Becker"]
    assert (tim.company, tim.notes.startswith("company: Becker Consulting")) == ("", True)
    assert _contacts("current_family.csv")["Lena Kraus"].phones == ["0171 5555555"]


def test_legacy_family_reads_organisation_columns_and_group_membership() -> None:
    result = _read("legacy_family.csv")
    assert [(r.contact.display_name, r.line) for r in result.records] == [
        ("Prof. Dr. Karl-Heinz Schröder", 2),
        ("Miriam Özdemir", 3),
        ("Paulina van der Berg", 4),
    ]
    assert result.issues == []
    karl = result.records[0].contact
    assert (karl.title, karl.given_name, karl.family_name) == (
        "Prof. Dr.",
        "Karl-Heinz",
        "Schröder",
    )
    assert karl.emails == [
        "k.schroeder@uni-koeln.example",
        "schroeder@example.org",
        "karlheinz@schroeder.example",
    ]
    assert karl.phones == ["+49 221 470-0", "0172 9876543", "0172 1111111"]
    assert (karl.company, karl.position, karl.department) == (
        "Universität zu Köln",
        "Lehrstuhlinhaber",
        "Informatik",
    )
    assert (karl.city, karl.country, karl.birthday) == ("Köln", "Germany", dt.date(1958, 11, 30))
    assert karl.tags == ["forschung"]
    assert karl.profiles == {
        "researchgate": "https://www.researchgate.net/profile/Karl-Heinz-Schroeder"
    }


def test_legacy_group_membership_keeps_only_the_users_groups() -> None:
    miriam = _contacts("legacy_family.csv")["Miriam Özdemir"]
    assert miriam.tags == ["kunden", "xing"]
    assert miriam.profiles == {"xing": "https://www.xing.com/profile/Miriam_Oezdemir"}


def test_a_legacy_row_with_only_the_full_name_is_split_for_matching() -> None:
    paulina = _contacts("legacy_family.csv")["Paulina van der Berg"]
    assert (paulina.given_name, paulina.family_name) == ("Paulina", "van der Berg")
    assert paulina.phones == ["+31 6 12345678"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("google/current_family.csv", True),
        ("google/legacy_family.csv", True),
        ("outlook/classic_en.csv", False),
        ("outlook/outlook_com.csv", False),
        ("linkedin/preamble_2024.csv", False),
        ("csv/german_semicolon.csv", False),
    ],
)
def test_googles_header_is_recognised_by_its_columns(path: str, expected: bool) -> None:
    header = header_row((DATA / path).read_bytes().decode("utf-8-sig"))
    assert looks_like_google(header) is expected


def test_a_file_that_is_not_a_google_export_is_refused_naming_file_and_line() -> None:
    data = (DATA / "outlook" / "outlook_com.csv").read_bytes()
    with pytest.raises(ImportFormatError) as caught:
        read_google(data, source="outlook_com.csv")
    assert (caught.value.file, caught.value.line) == ("outlook_com.csv", 1)
    assert caught.value.reason == "not a Google Contacts export"


@pytest.mark.parametrize(
    ("url", "network"),
    [
        ("https://www.linkedin.com/in/anna-mueller", "linkedin"),
        ("https://de.linkedin.com/in/anna-mueller/", "linkedin"),
        ("linkedin.com/in/anna", "linkedin"),
        ("https://www.xing.com/profile/Anna_Mueller", "xing"),
        ("http://xing.de/profile/Anna", "xing"),
        ("https://www.researchgate.net/profile/Karl", "researchgate"),
        ("https://github.com/jweiss", "github"),
        ("https://notlinkedin.com.example/in/anna", "website"),
        ("https://anna-mueller.example/linkedin.com", "website"),
    ],
)
def test_profile_links_are_classified_by_their_host(url: str, network: str) -> None:
    assert profile_network(url) == network


def test_every_quirk_names_its_reason_and_source() -> None:
    assert all(len(entry) == 3 and all(entry) for entry in QUIRKS.values())
