"""Interactions: what kind they were and whom they involved."""

from __future__ import annotations

import datetime as dt

import pytest

from einhorn.domain.ids import ContactId
from einhorn.domain.interactions import Interaction, InteractionKind, parse_kind
from einhorn.errors import InvalidInput
from tests.factories import make_interaction


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("lunch", InteractionKind.LUNCH),
        ("Mittagessen", InteractionKind.LUNCH),
        ("mittag", InteractionKind.LUNCH),
        ("Kaffee", InteractionKind.COFFEE),
        ("coffee", InteractionKind.COFFEE),
        ("Anruf", InteractionKind.CALL),
        ("telefonat", InteractionKind.CALL),
        ("video", InteractionKind.VIDEO),
        ("Videoanruf", InteractionKind.VIDEO),
        ("videocall", InteractionKind.VIDEO),
        ("Nachricht", InteractionKind.MESSAGE),
        ("E-Mail", InteractionKind.EMAIL),
        ("mail", InteractionKind.EMAIL),
        ("  EMAIL ", InteractionKind.EMAIL),
        ("Treffen", InteractionKind.MEETING),
        ("Veranstaltung", InteractionKind.EVENT),
        ("event", InteractionKind.EVENT),
    ],
)
def test_kinds_are_read_from_english_and_german_words(text: str, kind: InteractionKind) -> None:
    assert parse_kind(text) is kind


@pytest.mark.parametrize("text", ["", "dinner", "abendessen", "video call"])
def test_an_unknown_kind_is_rejected_naming_the_field(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_kind(text, "--kind")
    assert caught.value.field == "--kind"
    assert caught.value.value == text
    assert "use lunch, coffee, call" in str(caught.value)


def test_the_video_kind_is_labelled_video_call() -> None:
    assert InteractionKind.VIDEO.label == "video call"
    assert InteractionKind.LUNCH.label == "lunch"


def test_repeated_contacts_in_one_interaction_are_kept_once_in_first_seen_order() -> None:
    interaction = make_interaction(ContactId(3), ContactId(1), ContactId(3), ContactId(2))
    assert interaction.contact_ids == [3, 1, 2]


def test_place_and_city_have_whitespace_collapsed_and_the_note_is_trimmed() -> None:
    interaction = make_interaction(
        city="  Bad   Godesberg ", place=" Café  Bonn ", note="\n talked about AI \n"
    )
    assert interaction.city == "Bad Godesberg"
    assert interaction.place == "Café Bonn"
    assert interaction.note == "talked about AI"


def test_a_follow_up_on_the_same_day_is_accepted() -> None:
    day = dt.date(2026, 11, 1)
    assert make_interaction(occurred_on=day, follow_up_on=day).follow_up_on == day


def test_a_follow_up_before_the_interaction_is_rejected_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        Interaction(
            occurred_on=dt.date(2026, 11, 2),
            kind=InteractionKind.CALL,
            follow_up_on=dt.date(2026, 11, 1),
        )
    assert caught.value.field == "follow-up"
    assert caught.value.value == "2026-11-01"
    assert "cannot be before the interaction" in str(caught.value)
