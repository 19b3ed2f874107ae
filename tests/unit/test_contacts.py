"""A contact normalises what it is given and refuses nonsense."""

from __future__ import annotations

from typing import Any

import pytest

from einhorn.domain.contacts import (
    Contact,
    FormOfAddress,
    Sphere,
    name_key,
    parse_form_of_address,
    parse_sphere,
)
from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier, TierSource
from einhorn.errors import InvalidInput
from tests.factories import make_contact


def test_the_display_name_is_composed_from_title_given_and_family_name() -> None:
    contact = Contact(display_name="", title=" Dr. ", given_name="Anna", family_name=" Müller ")
    assert contact.display_name == "Dr. Anna Müller"
    assert contact.title == "Dr."
    assert contact.family_name == "Müller"


def test_a_given_display_name_is_kept_with_its_whitespace_collapsed() -> None:
    contact = Contact(display_name="  Anni   M. ", given_name="Anna", family_name="Müller")
    assert contact.display_name == "Anni M."


@pytest.mark.parametrize("overrides", [{}, {"given_name": "  ", "family_name": ""}])
def test_a_contact_without_any_name_is_rejected(overrides: dict[str, Any]) -> None:
    with pytest.raises(InvalidInput) as caught:
        Contact(display_name="   ", **overrides)
    assert caught.value.field == "name"
    assert str(caught.value).startswith("name: ")


def test_text_fields_are_trimmed_and_inner_whitespace_collapsed() -> None:
    contact = make_contact(company="  Siemens   AG ", city="\tKöln\n", how_met=" at  a  fair ")
    assert (contact.company, contact.city, contact.how_met) == ("Siemens AG", "Köln", "at a fair")


def test_emails_are_lowercased_and_deduplicated_in_first_seen_order() -> None:
    contact = make_contact(emails=[" Anna@Example.COM ", "b@example.org", "anna@example.com"])
    assert contact.emails == ["anna@example.com", "b@example.org"]


@pytest.mark.parametrize(
    "email", ["anna", "anna@example", "anna@@example.com", "an na@example.com"]
)
def test_an_invalid_email_is_rejected_naming_the_field_and_value(email: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_contact(emails=[email])
    assert caught.value.field == "email"
    assert caught.value.value == email
    assert "not an email address" in str(caught.value)


def test_phones_have_their_whitespace_collapsed_and_repeats_dropped() -> None:
    contact = make_contact(phones=["+49  221 / 1234", "+49 221 / 1234", "0221 5678"])
    assert contact.phones == ["+49 221 / 1234", "0221 5678"]


@pytest.mark.parametrize("phone", ["call me", "12", "+49 221 abc"])
def test_an_invalid_phone_is_rejected_naming_the_field(phone: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_contact(phones=[phone])
    assert caught.value.field == "phone"


def test_tags_are_folded_deduplicated_sorted_and_blanks_dropped() -> None:
    contact = make_contact(tags=[" Lunch   Buddy", "VIP", "lunch buddy", "  ", "ai", "vip"])
    assert contact.tags == ["ai", "lunch buddy", "vip"]


def test_languages_are_trimmed_deduplicated_and_blanks_dropped() -> None:
    contact = make_contact(languages=[" de", "en", "de ", " "])
    assert contact.languages == ["de", "en"]


def test_profile_networks_are_folded_and_empty_profiles_dropped() -> None:
    contact = make_contact(
        profiles={" LinkedIn ": " https://linkedin.com/in/anna ", "xing": "  ", "my-blog": "x"}
    )
    assert contact.profiles == {"linkedin": "https://linkedin.com/in/anna", "my-blog": "x"}


@pytest.mark.parametrize("network", ["Linked In", "1twitter", "", "a" * 33, "xing!"])
def test_a_profile_network_that_is_not_one_word_is_rejected_naming_the_field(network: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_contact(profiles={network: "https://example.com"})
    assert caught.value.field == "profile"
    assert caught.value.value == network


@pytest.mark.parametrize("days", [-1, -7])
def test_a_negative_cadence_is_rejected(days: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_contact(cadence_days=days)
    assert caught.value.field == "cadence"


def test_an_own_cadence_of_never_switches_reminders_off_whatever_the_tier() -> None:
    from einhorn.domain.tiers import NEVER, CadencePolicy, effective_cadence, parse_own_cadence

    contact = make_contact(cadence_days=NEVER, tier=Tier.UNICORN)
    assert effective_cadence(CadencePolicy(), contact.tier, contact.cadence_days) is None
    assert effective_cadence(CadencePolicy(), contact.tier, None) == 42
    assert parse_own_cadence("keine") == NEVER
    assert parse_own_cadence("default") is None
    assert parse_own_cadence("3w") == 21


@pytest.mark.parametrize(
    ("field", "value"), [("display_name", "x" * 301), ("company", "c" * 301), ("city", "k" * 201)]
)
def test_overlong_values_are_refused_naming_the_field(field: str, value: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        make_contact(**{field: value})
    assert "300" in str(caught.value) or "200" in str(caught.value)
    assert len(str(caught.value)) < 200


def test_a_new_contact_is_a_professional_penguin_placed_by_default() -> None:
    contact = make_contact()
    assert contact.tier is Tier.PENGUIN
    assert contact.tier_source is TierSource.DEFAULT
    assert contact.sphere is Sphere.PROFESSIONAL
    assert contact.cadence_days is None


def test_the_key_of_an_unsaved_contact_raises_and_of_a_saved_one_is_its_id() -> None:
    with pytest.raises(ValueError, match="not been saved"):
        _ = make_contact().key
    assert make_contact(id=ContactId(7)).key == 7


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Müller", "muller"),
        ("  Anna   MÜLLER ", "anna muller"),
        ("Strauß", "strauss"),
        ("José Nuñez", "jose nunez"),
        ("Ærø", "ærø"),
    ],
)
def test_name_keys_fold_case_accents_and_sharp_s(text: str, key: str) -> None:
    assert name_key(text) == key


def test_a_contacts_name_key_is_the_folded_display_name() -> None:
    assert make_contact(display_name="Jürgen Groß").name_key == "jurgen gross"


def test_search_text_holds_names_company_tags_and_emails_but_skips_empty_parts() -> None:
    contact = make_contact(tags=["VIP"], emails=["anna@example.com"], notes="met twice")
    assert contact.search_text() == "Anna Müller Siemens AG Köln met twice vip anna@example.com"


@pytest.mark.parametrize(
    ("text", "sphere"),
    [
        ("private", Sphere.PRIVATE),
        ("Privat", Sphere.PRIVATE),
        ("professional", Sphere.PROFESSIONAL),
        (" BERUFLICH ", Sphere.PROFESSIONAL),
        ("both", Sphere.BOTH),
        ("beides", Sphere.BOTH),
    ],
)
def test_spheres_are_read_from_english_and_german_words(text: str, sphere: Sphere) -> None:
    assert parse_sphere(text) is sphere


def test_an_unknown_sphere_is_rejected_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_sphere("work", "--sphere")
    assert caught.value.field == "--sphere"
    assert str(caught.value).startswith("--sphere: 'work' is not valid")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("du", FormOfAddress.DU),
        (" Du ", FormOfAddress.DU),
        ("SIE", FormOfAddress.SIE),
        ("", None),
        ("-", None),
        ("none", None),
    ],
)
def test_the_form_of_address_is_du_sie_or_nothing(
    text: str, expected: FormOfAddress | None
) -> None:
    assert parse_form_of_address(text) is expected


@pytest.mark.parametrize("text", ["ihr", "formal", "d u"])
def test_an_unknown_form_of_address_is_rejected_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_form_of_address(text)
    assert caught.value.field == "address"
    assert "use du or sie" in str(caught.value)


def test_a_profile_network_of_thirty_two_characters_is_the_longest_accepted() -> None:
    network = "a" * 32
    assert make_contact(profiles={network: "x"}).profiles == {network: "x"}
