"""Duplicates across sources: one person stays one, two people stay two."""

from __future__ import annotations

import random

import pytest

from einhorn.interchange.duplicates import Certainty, Matcher, match_keys, profile_key
from tests.factories import make_contact


def _matcher(*people: object) -> Matcher:
    return Matcher((n, match_keys(p)) for n, p in enumerate(people))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("known", "newcomer", "reason"),
    [
        (
            {"emails": ["Anna@Siemens.com"]},
            {"display_name": "A. M.", "company": "", "emails": ["anna@siemens.com"]},
            "email",
        ),
        (
            {"phones": ["0221 1234567"]},
            {"display_name": "Anna", "company": "", "phones": ["+49 (0)221 1234567"]},
            "phone",
        ),
        (
            {"profiles": {"linkedin": "https://www.linkedin.com/in/anna-mueller/"}},
            {
                "display_name": "Anna M.",
                "company": "",
                "profiles": {"linkedin": "http://linkedin.com/in/anna-mueller?trk=x"},
            },
            "linkedin",
        ),
    ],
)
def test_an_exact_key_is_a_sure_match_whatever_else_differs(
    known: dict[str, object], newcomer: dict[str, object], reason: str
) -> None:
    match = _matcher(make_contact(**known)).match(match_keys(make_contact(**newcomer)))
    assert match is not None and match.target == 0
    assert (match.certainty, match.reason) == (Certainty.SURE, reason)


def test_the_same_name_at_the_same_company_is_sure_despite_spelling() -> None:
    known = make_contact(given_name="Anna", family_name="Müller", company="Siemens AG")
    newcomer = make_contact(
        display_name="", given_name="Anna", family_name="Mueller", company="Siemens"
    )
    match = _matcher(known).match(match_keys(newcomer))
    assert match is not None and match.certainty is Certainty.SURE
    assert "company" in match.reason


def test_the_same_name_without_a_company_to_compare_is_for_a_person_to_decide() -> None:
    known = make_contact(given_name="Anna", family_name="Müller", company="Siemens AG")
    newcomer = make_contact(given_name="Anna", family_name="Müller", company="")
    match = _matcher(known).match(match_keys(newcomer))
    assert match is not None and match.certainty is Certainty.UNSURE


def test_two_people_with_one_name_at_different_companies_stay_two() -> None:
    known = make_contact(given_name="Thomas", family_name="Müller", company="Siemens AG")
    newcomer = make_contact(given_name="Thomas", family_name="Müller", company="FC Bayern")
    assert _matcher(known).match(match_keys(newcomer)) is None


def test_different_names_never_match() -> None:
    known = make_contact(given_name="Anna", family_name="Müller", company="Siemens AG")
    newcomer = make_contact(given_name="Jens", family_name="Weber", company="Siemens AG")
    assert _matcher(known).match(match_keys(newcomer)) is None


def test_profile_keys_ignore_scheme_www_query_and_slash() -> None:
    assert profile_key("xing", "https://www.xing.com/profile/Lena_Kraus/?sc=1") == profile_key(
        "xing", "xing.com/profile/lena_kraus"
    )


def test_many_variants_of_many_people_find_their_twin_and_nobody_else() -> None:
    """A small ground truth: each person once as LinkedIn would spell them, once as a phone
    would; the matcher must pair every twin and merge no two different people."""
    rng = random.Random(5)
    given = ["Anna", "Jens", "Lena", "Thomas", "Jörg", "Özlem", "Maria", "Stefan", "Julia"]
    family = ["Müller", "Weber", "Schmidt", "Weiß", "Yılmaz", "Becker", "Krüger", "Hoffmann"]
    companies = ["Siemens AG", "Robert Bosch GmbH", "SAP SE", "Kraus & Partner mbB", "BASF SE"]
    people = [(g, f, c) for g in given for f in family for c in companies]
    rng.shuffle(people)
    people = people[:150]
    known = [
        make_contact(display_name="", given_name=g, family_name=f, company=c) for g, f, c in people
    ]
    matcher = _matcher(*known)
    spelled = {"ü": "ue", "ö": "oe", "ß": "ss", "ı": "i"}
    for index, (g, f, c) in enumerate(people):
        variant_family = "".join(spelled.get(ch, ch) for ch in f)
        variant = make_contact(
            display_name="", given_name=g, family_name=variant_family, company=c.split(" ")[0]
        )
        match = matcher.match(match_keys(variant))
        assert match is not None and match.target == index, (g, f, c, match)


def test_similar_company_names_are_never_a_sure_match() -> None:
    bank = make_contact(display_name="Thomas Schmidt", company="Deutsche Bank AG")
    match = _matcher(bank).match(
        match_keys(make_contact(display_name="Thomas Schmidt", company="Deutsche Bahn"))
    )
    assert match is not None and match.certainty is Certainty.UNSURE


@pytest.mark.parametrize("spelling", ["Jan Boehm", "Jan Böhm", "Jan Bohm"])
def test_transliterated_umlauts_are_one_name(spelling: str) -> None:
    known = make_contact(display_name="Jan Böhm", company="Ford-Werke GmbH")
    match = _matcher(known).match(
        match_keys(make_contact(display_name=spelling, company="Ford-Werke"))
    )
    assert match is not None and match.certainty is Certainty.SURE


def test_a_shared_office_address_does_not_make_two_people_one() -> None:
    anna = make_contact(display_name="Anna Schmidt", emails=["info@mueller.example"])
    match = _matcher(anna).match(
        match_keys(make_contact(display_name="Bernd Hoffmann", emails=["info@mueller.example"]))
    )
    assert match is not None and match.certainty is Certainty.UNSURE
    assert match.reason.startswith("email, name")


@pytest.mark.parametrize("short", ["A. M.", "Anna", "A. Müller"])
def test_a_shared_key_with_a_shorter_form_of_the_name_is_sure(short: str) -> None:
    anna = make_contact(display_name="Anna Müller", emails=["anna@x.example"])
    match = _matcher(anna).match(
        match_keys(make_contact(display_name=short, company="", emails=["anna@x.example"]))
    )
    assert match is not None and match.certainty is Certainty.SURE


@pytest.mark.parametrize(("known", "new"), [("Daniel", "Daniela"), ("Jan", "Jana")])
def test_close_first_names_at_one_company_are_only_unsure(known: str, new: str) -> None:
    person = make_contact(display_name=f"{known} Schmidt", company="Siemens AG")
    match = _matcher(person).match(
        match_keys(make_contact(display_name=f"{new} Schmidt", company="Siemens AG"))
    )
    assert match is not None and match.certainty is Certainty.UNSURE
