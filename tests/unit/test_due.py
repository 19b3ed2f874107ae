"""When a contact is due, and how due it is."""

from __future__ import annotations

import datetime as dt

import pytest

from einhorn.domain.due import DUE_SOON_DAYS, DueEntry, DueStatus, due_status, next_due_on
from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier

TODAY = dt.date(2026, 11, 27)
CREATED = dt.date(2026, 10, 1)


def test_a_contact_without_cadence_is_never_due_even_after_an_interaction() -> None:
    assert next_due_on(cadence_days=None, last_interaction_on=None, created_on=CREATED) is None
    assert (
        next_due_on(cadence_days=None, last_interaction_on=dt.date(2026, 11, 1), created_on=CREATED)
        is None
    )


def test_a_contact_never_met_is_due_from_the_day_it_was_added() -> None:
    assert next_due_on(cadence_days=42, last_interaction_on=None, created_on=CREATED) == CREATED


def test_an_interaction_restarts_the_clock_by_the_cadence() -> None:
    due = next_due_on(cadence_days=42, last_interaction_on=dt.date(2026, 11, 1), created_on=CREATED)
    assert due == dt.date(2026, 12, 13)


@pytest.mark.parametrize(
    ("next_due", "expected"),
    [
        (None, DueStatus.OK),
        (TODAY - dt.timedelta(days=30), DueStatus.OVERDUE),
        (TODAY - dt.timedelta(days=1), DueStatus.OVERDUE),
        (TODAY, DueStatus.DUE_SOON),
        (TODAY + dt.timedelta(days=1), DueStatus.DUE_SOON),
        (TODAY + dt.timedelta(days=DUE_SOON_DAYS), DueStatus.DUE_SOON),
        (TODAY + dt.timedelta(days=DUE_SOON_DAYS + 1), DueStatus.OK),
    ],
)
def test_due_status_is_overdue_before_today_due_soon_within_a_week_and_ok_after(
    next_due: dt.date | None, expected: DueStatus
) -> None:
    assert due_status(next_due, TODAY) is expected


def test_the_due_soon_window_can_be_narrowed_to_today_only() -> None:
    assert due_status(TODAY, TODAY, soon_days=0) is DueStatus.DUE_SOON
    assert due_status(TODAY + dt.timedelta(days=1), TODAY, soon_days=0) is DueStatus.OK


def test_due_status_labels_are_english_msgids() -> None:
    assert [s.label for s in DueStatus] == ["ok", "due soon", "overdue"]


def _entry(next_due: dt.date) -> DueEntry:
    return DueEntry(
        contact_id=ContactId(1),
        display_name="Anna Müller",
        tier=Tier.UNICORN,
        company="Siemens AG",
        city="Köln",
        last_interaction_on=None,
        next_due_on=next_due,
        today=TODAY,
    )


@pytest.mark.parametrize(
    ("next_due", "days_overdue", "status"),
    [
        (dt.date(2026, 11, 17), 10, DueStatus.OVERDUE),
        (dt.date(2026, 11, 26), 1, DueStatus.OVERDUE),
        (TODAY, 0, DueStatus.DUE_SOON),
        (dt.date(2026, 12, 4), -7, DueStatus.DUE_SOON),
        (dt.date(2026, 12, 5), -8, DueStatus.OK),
    ],
)
def test_a_due_entry_counts_days_overdue_as_positive_and_days_left_as_negative(
    next_due: dt.date, days_overdue: int, status: DueStatus
) -> None:
    entry = _entry(next_due)
    assert entry.days_overdue == days_overdue
    assert entry.status is status
