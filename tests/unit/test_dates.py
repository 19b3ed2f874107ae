"""Dates as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from einhorn.domain.dates import parse_date
from einhorn.errors import InvalidInput

TODAY = dt.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-11-26", dt.date(2026, 11, 26)),
        ("2026-1-5", dt.date(2026, 1, 5)),
        ("  2026-11-26  ", dt.date(2026, 11, 26)),
        ("26.11.2026", dt.date(2026, 11, 26)),
        ("1.2.2026", dt.date(2026, 2, 1)),
        ("26.11.26", dt.date(2026, 11, 26)),
        ("01.01.00", dt.date(2000, 1, 1)),
        ("31.12.99", dt.date(2099, 12, 31)),
        ("29.02.2028", dt.date(2028, 2, 29)),
    ],
)
def test_iso_and_german_dates_are_read(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("today", TODAY),
        ("heute", TODAY),
        ("Heute", TODAY),
        ("yesterday", dt.date(2026, 11, 26)),
        ("gestern", dt.date(2026, 11, 26)),
        ("tomorrow", dt.date(2026, 11, 28)),
        (" MORGEN ", dt.date(2026, 11, 28)),
    ],
)
def test_relative_words_count_from_the_given_today(word: str, expected: dt.date) -> None:
    assert parse_date(word, today=TODAY) == expected


def test_relative_words_cross_month_and_year_boundaries() -> None:
    assert parse_date("morgen", today=dt.date(2026, 12, 31)) == dt.date(2027, 1, 1)
    assert parse_date("gestern", today=dt.date(2026, 3, 1)) == dt.date(2026, 2, 28)


@pytest.mark.parametrize(
    "text", ["", "soon", "2026/11/26", "26.11.", "26.11.226", "11-26-2026", "20261126"]
)
def test_a_date_in_an_unknown_shape_is_rejected_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, "birthday")
    assert caught.value.field == "birthday"
    assert caught.value.value == text
    assert str(caught.value).startswith(f"birthday: {text!r} is not valid")
    assert "2026-11-26 or 26.11.2026" in str(caught.value)


@pytest.mark.parametrize(
    "text", ["2026-02-30", "2026-13-01", "31.04.2026", "29.02.2025", "0.1.2026"]
)
def test_a_day_that_is_not_in_the_calendar_is_rejected_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_date(text, "follow-up")
    assert caught.value.field == "follow-up"
    assert "no such day in the calendar" in str(caught.value)
