"""Patches change a contact as asked and leave everything else alone."""

from __future__ import annotations

import datetime as dt

import pytest

from einhorn.domain.contacts import Contact, FormOfAddress, Sphere
from einhorn.domain.patches import ContactPatch, apply_patch
from einhorn.errors import InvalidInput
from tests.factories import make_contact


def _anna(**overrides: object) -> Contact:
    values: dict[str, object] = {"display_name": "", "given_name": "Anna", "family_name": "Müller"}
    values.update(overrides)
    return make_contact(**values)


def test_applying_a_patch_changes_the_contact_in_place_and_returns_it() -> None:
    contact = make_contact()
    assert apply_patch(contact, ContactPatch(company="Bosch")) is contact
    assert contact.company == "Bosch"


def test_scalars_are_overwritten_normalised_and_untouched_fields_stay() -> None:
    contact = make_contact(position="CTO")
    apply_patch(contact, ContactPatch(city="  Bad   Honnef ", notes="likes jazz"))
    assert contact.city == "Bad Honnef"
    assert contact.notes == "likes jazz"
    assert contact.company == "Siemens AG"
    assert contact.position == "CTO"
    assert contact.display_name == "Anna Müller"


def test_an_empty_string_clears_a_scalar() -> None:
    contact = apply_patch(make_contact(), ContactPatch(company=""))
    assert contact.company == ""


@pytest.mark.parametrize(
    ("patch", "name"),
    [
        (ContactPatch(family_name="Schmidt"), "Anna Schmidt"),
        (ContactPatch(given_name="Annette"), "Annette Müller"),
        (ContactPatch(title="Prof."), "Prof. Anna Müller"),
        (ContactPatch(title="Dr.", family_name="Schmidt"), "Dr. Anna Schmidt"),
    ],
)
def test_the_display_name_is_derived_again_when_a_name_part_changes(
    patch: ContactPatch, name: str
) -> None:
    assert apply_patch(_anna(), patch).display_name == name


def test_an_explicit_display_name_wins_over_changed_name_parts() -> None:
    contact = apply_patch(_anna(), ContactPatch(family_name="Schmidt", display_name="Anni"))
    assert contact.display_name == "Anni"
    assert contact.family_name == "Schmidt"


def test_a_patch_without_name_parts_keeps_a_custom_display_name() -> None:
    contact = apply_patch(_anna(display_name="Anni"), ContactPatch(city="Bonn"))
    assert contact.display_name == "Anni"


def test_added_emails_are_normalised_and_not_duplicated() -> None:
    contact = make_contact(emails=["anna@example.com"])
    apply_patch(contact, ContactPatch(add_emails=["ANNA@example.com", " Anna@Work.DE "]))
    assert contact.emails == ["anna@example.com", "anna@work.de"]


def test_emails_are_removed_case_insensitively_and_others_kept() -> None:
    contact = make_contact(emails=["anna@example.com", "anna@work.de"])
    apply_patch(contact, ContactPatch(remove_emails=[" ANNA@Example.com "]))
    assert contact.emails == ["anna@work.de"]


def test_adding_an_invalid_email_is_rejected_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        apply_patch(make_contact(), ContactPatch(add_emails=["not-an-address"]))
    assert caught.value.field == "email"


def test_tags_are_added_folded_and_removed_case_insensitively() -> None:
    contact = make_contact(tags=["vip", "ai"])
    apply_patch(contact, ContactPatch(add_tags=["Board Member", "AI"], remove_tags=["VIP"]))
    assert contact.tags == ["ai", "board member"]


def test_phones_are_added_and_removed() -> None:
    contact = make_contact(phones=["0221 1234"])
    apply_patch(contact, ContactPatch(add_phones=["+49 30 5678"], remove_phones=[" 0221 1234 "]))
    assert contact.phones == ["+49 30 5678"]


def test_added_languages_are_appended_without_repeats() -> None:
    contact = make_contact(languages=["de"])
    apply_patch(contact, ContactPatch(add_languages=["en", "de"]))
    assert contact.languages == ["de", "en"]


def test_profiles_are_set_by_network_replaced_and_removed_case_insensitively() -> None:
    contact = make_contact(profiles={"linkedin": "old", "github": "anna"})
    apply_patch(
        contact,
        ContactPatch(set_profiles={"LinkedIn": "new", "XING": "x"}, remove_profiles=[" GitHub "]),
    )
    assert contact.profiles == {"linkedin": "new", "xing": "x"}


def test_setting_a_profile_to_an_invalid_network_is_rejected_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        apply_patch(make_contact(), ContactPatch(set_profiles={"my network": "x"}))
    assert caught.value.field == "profile"


def test_a_birthday_is_set_kept_when_not_mentioned_and_cleared_on_request() -> None:
    contact = make_contact(birthday=dt.date(1980, 5, 17))
    apply_patch(contact, ContactPatch(city="Bonn"))
    assert contact.birthday == dt.date(1980, 5, 17)
    apply_patch(contact, ContactPatch(birthday=dt.date(1981, 6, 1)))
    assert contact.birthday == dt.date(1981, 6, 1)
    apply_patch(contact, ContactPatch(clear_birthday=True))
    assert contact.birthday is None


def test_a_cadence_is_set_kept_when_not_mentioned_and_reset_to_the_tiers() -> None:
    contact = make_contact(cadence_days=14)
    apply_patch(contact, ContactPatch(notes="x"))
    assert contact.cadence_days == 14
    apply_patch(contact, ContactPatch(cadence_days=30))
    assert contact.cadence_days == 30
    apply_patch(contact, ContactPatch(reset_cadence=True))
    assert contact.cadence_days is None


def test_the_form_of_address_is_set_and_cleared_on_request() -> None:
    contact = make_contact(form_of_address=FormOfAddress.SIE)
    apply_patch(contact, ContactPatch(form_of_address=FormOfAddress.DU))
    assert contact.form_of_address is FormOfAddress.DU
    apply_patch(contact, ContactPatch(city="Bonn"))
    assert contact.form_of_address is FormOfAddress.DU
    apply_patch(contact, ContactPatch(clear_form_of_address=True))
    assert contact.form_of_address is None


def test_sphere_and_wish_list_are_changed_only_when_given() -> None:
    contact = make_contact(wish_list=True)
    apply_patch(contact, ContactPatch(city="Bonn"))
    assert contact.wish_list is True
    assert contact.sphere is Sphere.PROFESSIONAL
    apply_patch(contact, ContactPatch(sphere=Sphere.BOTH, wish_list=False))
    assert contact.wish_list is False
    assert contact.sphere is Sphere.BOTH


def test_a_patch_with_nothing_asked_is_empty() -> None:
    assert ContactPatch().is_empty()


@pytest.mark.parametrize(
    "patch",
    [
        ContactPatch(city="Bonn"),
        ContactPatch(company=""),
        ContactPatch(wish_list=True),
        ContactPatch(cadence_days=30),
        ContactPatch(clear_birthday=True),
        ContactPatch(reset_cadence=True),
        ContactPatch(add_tags=["vip"]),
        ContactPatch(remove_profiles=["xing"]),
        ContactPatch(set_profiles={"xing": "x"}),
        ContactPatch(sphere=Sphere.PRIVATE),
    ],
)
def test_a_patch_that_asks_for_anything_is_not_empty(patch: ContactPatch) -> None:
    assert not patch.is_empty()


def test_taking_someone_off_the_wish_list_is_not_an_empty_patch() -> None:
    assert not ContactPatch(wish_list=False).is_empty()


def test_a_new_title_keeps_a_display_name_that_was_not_built_from_parts() -> None:
    contact = make_contact(display_name="Anna Müller")
    apply_patch(contact, ContactPatch(title="Dr."))
    assert contact.display_name == "Anna Müller"
    assert contact.title == "Dr."


def test_a_display_name_built_from_parts_follows_a_new_title() -> None:
    contact = make_contact(display_name="", given_name="Anna", family_name="Müller")
    apply_patch(contact, ContactPatch(title="Dr."))
    assert contact.display_name == "Dr. Anna Müller"


def test_removals_match_values_as_they_are_stored() -> None:
    contact = make_contact(tags=["Lunch Buddy"], phones=["+49 221 1234"])
    apply_patch(
        contact, ContactPatch(remove_tags=["lunch  BUDDY"], remove_phones=["+49  221 1234"])
    )
    assert contact.tags == []
    assert contact.phones == []
