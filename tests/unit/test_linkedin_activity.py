"""LinkedIn messages.csv and Invitations.csv: who was in touch, and when."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from einhorn.errors import ImportFormatError
from einhorn.interchange.linkedin_activity import (
    QUIRKS,
    ActivityResult,
    Contacted,
    parse_sent_at,
    read_invitations,
    read_messages,
)
from einhorn.interchange.records import Level

FIXTURES = Path(__file__).parents[1] / "data" / "linkedin"
ANNA = "linkedin:linkedin.com/in/anna-mueller"
JENS = "linkedin:linkedin.com/in/jens-weber"
LENA = "linkedin:linkedin.com/in/lena-kraus"
EVA = "linkedin:linkedin.com/in/eva-einhorn"
ANNA_URL = "https://www.linkedin.com/in/anna-mueller"
EVA_URL = "https://www.linkedin.com/in/eva-einhorn"
HEADER = "FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"


def _messages(**options: str) -> ActivityResult:
    data = (FIXTURES / "messages_2024.csv").read_bytes()
    return read_messages(data, source="messages_2024.csv", **options)


def _invitations() -> ActivityResult:
    data = (FIXTURES / "invitations_2024.csv").read_bytes()
    return read_invitations(data, source="invitations_2024.csv")


def _who(result: ActivityResult) -> list[tuple[str, str, dt.date, str, int]]:
    return [(c.profile, c.name, c.on, c.kind, c.line) for c in result.contacted]


def test_every_other_participant_is_kept_once_with_the_latest_day_and_its_line() -> None:
    assert _who(_messages()) == [
        (ANNA, "Anna Müller", dt.date(2024, 3, 2), "message", 2),
        (JENS, "Jens Weber", dt.date(2024, 2, 11), "message", 8),
        (LENA, "Lena Kraus", dt.date(2024, 2, 11), "message", 8),
        ("", "Tom Roth", dt.date(2024, 5, 5), "message", 12),
    ]


def test_the_owner_is_found_as_the_profile_in_the_most_messages_and_left_out() -> None:
    result = _messages()
    assert result.owner == EVA
    assert all(c.name != "Eva Einhorn" for c in result.contacted)


def test_drafts_are_not_contacts_and_bad_dates_are_issues_with_their_line() -> None:
    result = _messages()
    assert "Max Bad" not in {c.name for c in result.contacted}
    assert [(i.file, i.line, i.reason, i.detail, i.level) for i in result.issues] == [
        ("messages_2024.csv", 10, "date not readable; row not imported", "someday", Level.ERROR),
        (
            "messages_2024.csv",
            11,
            "date not readable; row not imported",
            "1899-12-31 10:00:00 UTC",
            Level.ERROR,
        ),
    ]


def test_no_message_content_is_kept() -> None:
    result = _messages()
    assert {f.name for f in dataclasses.fields(Contacted)} == {
        "profile",
        "name",
        "on",
        "kind",
        "line",
    }
    assert "Beamer" not in repr(result) and "Gespräch" not in repr(result)


def test_a_given_own_profile_wins_over_the_guess() -> None:
    data = (HEADER + f"Anna,{ANNA_URL},Eva,{EVA_URL},2024-01-15,Hi\n").encode()
    result = read_messages(data, source="m.csv", own_profile=ANNA_URL + "/")
    assert _who(result) == [(EVA, "Eva", dt.date(2024, 1, 15), "message", 2)]
    assert result.issues == []


def test_when_the_owner_cannot_be_told_everyone_is_reported_with_a_note() -> None:
    data = (HEADER + f"Anna,{ANNA_URL},Eva,{EVA_URL},2024-01-15,Hi\n").encode()
    result = read_messages(data, source="m.csv")
    assert [c.name for c in result.contacted] == ["Anna", "Eva"]
    assert [(i.line, i.reason, i.level) for i in result.issues] == [
        (None, "account owner not recognised; everyone is reported", Level.NOTE)
    ]
    assert result.owner == ""


def test_old_exports_without_profile_urls_find_the_owner_by_name() -> None:
    data = (
        "CONVERSATION ID,FROM,TO,DATE,SUBJECT,CONTENT\n"
        "c1,Eva Einhorn,Anna Müller,2019-03-01 10:00:00 UTC,,Hallo\n"
        "c1,Anna Müller,Eva Einhorn,2019-03-02 10:00:00 UTC,,Hallo zurück\n"
        'c2,Eva Einhorn,"Jens Weber, Lena Kraus",2019-04-01 10:00:00 UTC,,Gruppe\n'
    ).encode()
    result = read_messages(data, source="m.csv")
    assert _who(result) == [
        ("", "Anna Müller", dt.date(2019, 3, 2), "message", 3),
        ("", "Jens Weber", dt.date(2019, 4, 1), "message", 4),
        ("", "Lena Kraus", dt.date(2019, 4, 1), "message", 4),
    ]
    assert result.owner == ""


def test_invitations_name_the_other_person_by_direction_with_the_latest_day() -> None:
    assert _who(_invitations()) == [
        (ANNA, "Anna Müller", dt.date(2024, 3, 1), "invitation", 7),
        (JENS, "Jens Weber", dt.date(2024, 2, 20), "invitation", 3),
    ]


def test_invitations_tell_the_owner_and_report_unreadable_rows() -> None:
    result = _invitations()
    assert result.owner == EVA
    assert [(i.file, i.line, i.reason, i.detail) for i in result.issues] == [
        ("invitations_2024.csv", 5, "date not readable; row not imported", "13/45/24, 1:00 PM"),
        (
            "invitations_2024.csv",
            6,
            "invitation direction not readable; row not imported",
            "SIDEWAYS",
        ),
    ]


@pytest.mark.parametrize(
    ("read", "reason"),
    [
        (read_messages, "no messages header row (FROM, TO, DATE)"),
        (read_invitations, "no invitations header row (From, To, Sent At)"),
    ],
)
def test_a_csv_of_another_kind_is_refused_naming_the_file(
    read: Callable[..., ActivityResult], reason: str
) -> None:
    data = (FIXTURES / "preamble_2024.csv").read_bytes()
    with pytest.raises(ImportFormatError) as caught:
        read(data, source="wrong.csv")
    assert (caught.value.file, caught.value.reason) == ("wrong.csv", reason)


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2024-01-15 10:23:45 UTC", dt.date(2024, 1, 15)),
        ("2024/05/24 18:04:01 UTC", dt.date(2024, 5, 24)),
        ("1/15/24, 3:12 PM", dt.date(2024, 1, 15)),
        ("12/31/2023, 11:59 PM", dt.date(2023, 12, 31)),
        ("2201-01-01 00:00:00 UTC", None),
        ("1899-12-31", None),
        ("13/45/24, 1:00 PM", None),
        ("", None),
    ],
)
def test_sent_at_dates_keep_only_the_day(text: str, date: dt.date | None) -> None:
    assert parse_sent_at(text) == date


def test_every_quirk_names_its_reason_and_source() -> None:
    assert all(len(entry) == 3 and all(entry) for entry in QUIRKS.values())
