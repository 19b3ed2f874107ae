"""An interaction: a lunch, a call, a message — anything that restarts a contact's clock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from einhorn.domain import limits
from einhorn.domain.ids import ContactId, InteractionId
from einhorn.errors import InvalidInput
from einhorn.i18n import N_


class InteractionKind(StrEnum):
    LUNCH = "lunch"
    COFFEE = "coffee"
    CALL = "call"
    VIDEO = "video"
    MESSAGE = "message"
    EMAIL = "email"
    MEETING = "meeting"
    EVENT = "event"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    InteractionKind.LUNCH: N_("lunch"),
    InteractionKind.COFFEE: N_("coffee"),
    InteractionKind.CALL: N_("call"),
    InteractionKind.VIDEO: N_("video call"),
    InteractionKind.MESSAGE: N_("message"),
    InteractionKind.EMAIL: N_("email"),
    InteractionKind.MEETING: N_("meeting"),
    InteractionKind.EVENT: N_("event"),
}

_KIND_WORDS: dict[str, InteractionKind] = {
    **{kind.value: kind for kind in InteractionKind},
    "mittagessen": InteractionKind.LUNCH,
    "mittag": InteractionKind.LUNCH,
    "kaffee": InteractionKind.COFFEE,
    "anruf": InteractionKind.CALL,
    "telefonat": InteractionKind.CALL,
    "videocall": InteractionKind.VIDEO,
    "videoanruf": InteractionKind.VIDEO,
    "nachricht": InteractionKind.MESSAGE,
    "e-mail": InteractionKind.EMAIL,
    "mail": InteractionKind.EMAIL,
    "treffen": InteractionKind.MEETING,
    "veranstaltung": InteractionKind.EVENT,
}


def parse_kind(text: str, field: str = "kind") -> InteractionKind:
    """A kind from its English or German name: "lunch" and "Mittagessen" are the same."""
    kind = _KIND_WORDS.get(text.strip().casefold())
    if kind is None:
        raise InvalidInput(
            field, text, N_("use lunch, coffee, call, video, message, email, meeting or event")
        )
    return kind


@dataclass(slots=True)
class Interaction:
    """One encounter with one or more contacts on one day."""

    occurred_on: dt.date
    kind: InteractionKind
    contact_ids: list[ContactId] = field(default_factory=list)
    city: str = ""
    place: str = ""
    note: str = ""
    follow_up_on: dt.date | None = None
    id: InteractionId | None = None

    def __post_init__(self) -> None:
        self.contact_ids = list(dict.fromkeys(self.contact_ids))
        self.city = " ".join(self.city.split())
        self.place = " ".join(self.place.split())
        self.note = self.note.strip()
        limits.check_length("city", self.city, limits.PLACE)
        limits.check_length("place", self.place, limits.ORGANISATION)
        if self.follow_up_on is not None and self.follow_up_on < self.occurred_on:
            raise InvalidInput(
                "follow-up",
                self.follow_up_on.isoformat(),
                N_("the follow-up cannot be before the interaction"),
            )
