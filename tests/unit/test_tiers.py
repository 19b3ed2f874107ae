"""Tiers, cadence policies and the cadence words people type."""

from __future__ import annotations

import pytest

from einhorn.domain.tiers import (
    MAX_CADENCE_DAYS,
    CadencePolicy,
    Tier,
    describe_cadence,
    effective_cadence,
    parse_cadence,
    parse_tier,
)
from einhorn.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("unicorn", Tier.UNICORN),
        ("Unicorns", Tier.UNICORN),
        ("Einhorn", Tier.UNICORN),
        ("  EINHÖRNER ", Tier.UNICORN),
        ("einhoerner", Tier.UNICORN),
        ("flamingo", Tier.FLAMINGO),
        ("Flamingos", Tier.FLAMINGO),
        ("penguin", Tier.PENGUIN),
        ("PENGUINS", Tier.PENGUIN),
        ("Pinguin", Tier.PENGUIN),
        ("pinguine", Tier.PENGUIN),
    ],
)
def test_tiers_are_read_from_english_and_german_names_in_any_case(
    text: str, expected: Tier
) -> None:
    assert parse_tier(text) is expected


@pytest.mark.parametrize("text", ["", "dragon", "unicornz", "ein horn"])
def test_an_unknown_tier_word_is_rejected_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_tier(text, "--tier")
    assert caught.value.field == "--tier"
    assert caught.value.value == text
    assert str(caught.value).startswith(f"--tier: {text!r} is not valid")


def test_tiers_sort_unicorns_first_and_penguins_last() -> None:
    ordered = sorted([Tier.PENGUIN, Tier.UNICORN, Tier.FLAMINGO], key=lambda t: t.rank)
    assert ordered == [Tier.UNICORN, Tier.FLAMINGO, Tier.PENGUIN]


def test_each_tier_label_is_its_english_msgid() -> None:
    assert [t.label for t in Tier] == ["unicorn", "flamingo", "penguin"]


def test_by_default_unicorns_are_due_every_six_weeks_flamingos_twelve_penguins_never() -> None:
    policy = CadencePolicy()
    assert policy.days_for(Tier.UNICORN) == 42
    assert policy.days_for(Tier.FLAMINGO) == 84
    assert policy.days_for(Tier.PENGUIN) is None


def test_changing_one_tier_of_a_policy_returns_a_new_policy_and_leaves_the_old_one() -> None:
    old = CadencePolicy()
    new = old.with_days(Tier.PENGUIN, 180)
    assert new.days_for(Tier.PENGUIN) == 180
    assert new.days_for(Tier.UNICORN) == 42
    assert old.days_for(Tier.PENGUIN) is None


@pytest.mark.parametrize(
    ("tier", "override", "expected"),
    [
        (Tier.UNICORN, None, 42),
        (Tier.UNICORN, 10, 10),
        (Tier.FLAMINGO, None, 84),
        (Tier.PENGUIN, None, None),
        (Tier.PENGUIN, 30, 30),
    ],
)
def test_a_contacts_own_cadence_wins_over_its_tiers(
    tier: Tier, override: int | None, expected: int | None
) -> None:
    assert effective_cadence(CadencePolicy(), tier, override) == expected


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("6w", 42),
        ("6W", 42),
        (" 6 w ", 42),
        ("42d", 42),
        ("3m", 90),
        ("6", 42),
        ("1d", 1),
        (f"{MAX_CADENCE_DAYS}d", MAX_CADENCE_DAYS),
        ("60m", 1800),
    ],
)
def test_cadences_are_read_as_weeks_days_months_or_bare_weeks(text: str, days: int) -> None:
    assert parse_cadence(text) == days


@pytest.mark.parametrize("text", ["none", "None", "never", "off", "keine", "Nie", "aus", " - "])
def test_words_for_no_cadence_mean_no_reminders(text: str) -> None:
    assert parse_cadence(text) is None


@pytest.mark.parametrize("text", ["", "six weeks", "6x", "6.5w", "-3w", "w6", "6 w d"])
def test_a_cadence_that_is_not_a_number_and_unit_is_rejected_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_cadence(text, "--cadence")
    assert caught.value.field == "--cadence"
    assert str(caught.value).startswith("--cadence: ")
    assert "6w, 42d, 3m or none" in str(caught.value)


@pytest.mark.parametrize("text", ["0d", "0w", f"{MAX_CADENCE_DAYS + 1}d", "261w", "61m"])
def test_a_cadence_outside_one_day_to_five_years_is_rejected(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_cadence(text)
    assert caught.value.field == "cadence"
    assert "between 1 day and 5 years" in str(caught.value)


@pytest.mark.parametrize(
    ("days", "text"), [(42, "6w"), (7, "1w"), (10, "10d"), (90, "90d"), (None, "—")]
)
def test_a_cadence_is_described_in_weeks_when_whole_and_in_days_otherwise(
    days: int | None, text: str
) -> None:
    assert describe_cadence(days) == text


@pytest.mark.parametrize("text", ["6w", "10d", "12w"])
def test_describing_a_parsed_cadence_gives_back_the_same_text(text: str) -> None:
    assert describe_cadence(parse_cadence(text)) == text
