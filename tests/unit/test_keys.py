"""Match keys: the same person, however each export spells them."""

from __future__ import annotations

import pytest

from einhorn.interchange.keys import (
    NameParts,
    company_key,
    email_key,
    person_key,
    phone_key,
    split_name,
    split_title,
    strip_decorations,
)


@pytest.mark.parametrize(
    "text",
    [
        "0221 1234567",
        "0221/1234567",
        "+49 221 1234567",
        "+49 (0)221 1234567",
        "0049 221 1234567",
        "tel:+492211234567",
    ],
)
def test_every_spelling_of_a_german_number_is_one_e164_key(text: str) -> None:
    assert phone_key(text) == "+492211234567"


def test_the_default_region_decides_numbers_without_a_country_code() -> None:
    assert phone_key("030 1234567", region="DE") == "+49301234567"
    assert phone_key("01 234 56 78", region="AT") == "+4312345678"


@pytest.mark.parametrize("text", ["", "1", "12", "ext 5", "not a number"])
def test_what_is_not_a_phone_number_has_no_key(text: str) -> None:
    assert phone_key(text) is None


def test_emails_match_whatever_their_case() -> None:
    assert email_key("  Anna.Mueller@Siemens.COM ") == "anna.mueller@siemens.com"


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("Anna Müller", NameParts("", "Anna", "Müller")),
        ("Prof. Dr. Jürgen von Weizsäcker", NameParts("Prof. Dr.", "Jürgen", "von Weizsäcker")),
        ("Dr. rer. nat. Anna Schmidt", NameParts("Dr. rer. nat.", "Anna", "Schmidt")),
        ("Dipl.-Ing. Hans van der Berg", NameParts("Dipl.-Ing.", "Hans", "van der Berg")),
        ("Maria de la Cruz", NameParts("", "Maria", "de la Cruz")),
        ("Lisa Marie Schulz", NameParts("", "Lisa Marie", "Schulz")),
        ("Anna Müller, MBA 🚀 (she/her)", NameParts("", "Anna", "Müller")),
        ("Jan", NameParts("", "Jan", "")),
        ("", NameParts("", "", "")),
    ],
)
def test_names_split_into_title_given_and_family(text: str, parts: NameParts) -> None:
    assert split_name(text) == parts


def test_linkedin_decorations_never_reach_the_matching_name() -> None:
    assert strip_decorations("Jens Weber (he/him) | Head of HR 🌍") == "Jens Weber"
    assert strip_decorations("Jens Weber, PhD ✨") == "Jens Weber"
    assert person_key("Jens", "Weber, MBA") == person_key("jens", "weber") == "jens weber"
    assert person_key("Jörg", "Weiß") == person_key("Jorg", "Weiss")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Siemens AG", "siemens"),
        ("Siemens", "siemens"),
        ("Robert Bosch GmbH", "robert bosch"),
        ("Müller GmbH & Co. KG", "muller"),
        ("Freunde des Zoos e.V.", "freunde des zoos"),
        ("Kraus PartG mbB", "kraus"),
        ("ACME, Inc.", "acme"),
        ("Shell plc", "shell"),
        ("Philips N.V.", "philips"),
        ("SAP SE", "sap"),
        ("AG", ""),
        ("Agentur Blau", "agentur blau"),  # a word that starts like a legal form stays
    ],
)
def test_company_keys_ignore_legal_forms(name: str, key: str) -> None:
    assert company_key(name) == key


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("Prof. Dr. Anna", ("Prof. Dr.", "Anna")),
        ("Anna", ("", "Anna")),
        ("Dr.", ("Dr.", "")),
        ("Dr.-Ing. Jens", ("Dr.-Ing.", "Jens")),
        ("Dr. rer. nat. Lena", ("Dr. rer. nat.", "Lena")),
    ],
)
def test_a_title_is_split_from_a_given_name(text: str, split: tuple[str, str]) -> None:
    assert split_title(text) == split
