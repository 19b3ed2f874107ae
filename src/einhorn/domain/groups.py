"""Offline networking (step 7): groups (chambers, associations, clubs, working groups, …),
the user's engagement in each, and events where people were met."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from einhorn.domain import limits
from einhorn.domain.choices import parse_choice
from einhorn.domain.ids import ContactId
from einhorn.errors import InvalidInput
from einhorn.i18n import N_


class GroupKind(StrEnum):
    CHAMBER = "chamber"  # IHK, Handwerkskammer
    ASSOCIATION = "association"  # Verband
    CLUB = "club"  # Verein
    WORKING_GROUP = "working-group"  # Arbeitskreis
    REGULARS_TABLE = "regulars-table"  # Stammtisch
    MEETUP = "meetup"
    ALUMNI = "alumni"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    GroupKind.CHAMBER: N_("chamber (IHK, Handwerkskammer)"),
    GroupKind.ASSOCIATION: N_("association"),
    GroupKind.CLUB: N_("club"),
    GroupKind.WORKING_GROUP: N_("working group"),
    GroupKind.REGULARS_TABLE: N_("regulars' table"),
    GroupKind.MEETUP: N_("meetup"),
    GroupKind.ALUMNI: N_("alumni network"),
    GroupKind.ONLINE: N_("online group"),
}
_KIND_WORDS = {
    **{kind.value: kind for kind in GroupKind},
    "ihk": GroupKind.CHAMBER,
    "kammer": GroupKind.CHAMBER,
    "handwerkskammer": GroupKind.CHAMBER,
    "verband": GroupKind.ASSOCIATION,
    "verein": GroupKind.CLUB,
    "arbeitskreis": GroupKind.WORKING_GROUP,
    "stammtisch": GroupKind.REGULARS_TABLE,
    "alumni-netzwerk": GroupKind.ALUMNI,
}


def parse_group_kind(text: str) -> GroupKind:
    return parse_choice(
        _KIND_WORDS,
        text,
        "kind",
        N_(
            "use chamber/IHK, association/Verband, club/Verein, working-group/Arbeitskreis, "
            "regulars-table/Stammtisch, meetup, alumni or online"
        ),
    )


class Engagement(StrEnum):
    """The ladder of engagement in a group, lowest first."""

    INTERESTED = "interested"
    ATTENDS = "attends"
    MEMBER = "member"
    WORKING_GROUP = "working-group"
    SPEAKER = "speaker"
    BOARD = "board"

    @property
    def label(self) -> str:
        return _ENGAGEMENT_LABELS[self]

    @property
    def step(self) -> int:
        return list(Engagement).index(self)


_ENGAGEMENT_LABELS = {
    Engagement.INTERESTED: N_("interested"),
    Engagement.ATTENDS: N_("attends"),
    Engagement.MEMBER: N_("member"),
    Engagement.WORKING_GROUP: N_("in a working group"),
    Engagement.SPEAKER: N_("gives talks"),
    Engagement.BOARD: N_("on the board"),
}
_ENGAGEMENT_WORDS = {
    **{level.value: level for level in Engagement},
    "interessiert": Engagement.INTERESTED,
    "besucht": Engagement.ATTENDS,
    "mitglied": Engagement.MEMBER,
    "arbeitskreis": Engagement.WORKING_GROUP,
    "vortrag": Engagement.SPEAKER,
    "vorstand": Engagement.BOARD,
}


def parse_engagement(text: str) -> Engagement:
    return parse_choice(
        _ENGAGEMENT_WORDS,
        text,
        "engagement",
        N_(
            "use interested, attends, member, working-group, speaker or board "
            "(interessiert, besucht, Mitglied, Arbeitskreis, Vortrag, Vorstand)"
        ),
    )


@dataclass(slots=True)
class Group:
    name: str
    kind: GroupKind
    city: str = ""
    url: str = ""
    engagement: Engagement = Engagement.INTERESTED
    id: int | None = None

    def __post_init__(self) -> None:
        self.name = " ".join(self.name.split())
        if not self.name:
            raise InvalidInput("name", "", N_("a group needs a name"))
        limits.check_length("name", self.name, limits.ORGANISATION)
        self.city = " ".join(self.city.split())
        limits.check_length("city", self.city, limits.PLACE)
        limits.check_length("url", self.url.strip(), limits.URL)


@dataclass(slots=True)
class Event:
    """An event attended; the people met are the participants of its interaction."""

    name: str
    occurred_on: dt.date
    group_id: int | None = None
    city: str = ""
    interaction_id: int | None = None
    met: list[ContactId] | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        self.name = " ".join(self.name.split())
        if not self.name:
            raise InvalidInput("name", "", N_("an event needs a name"))
        limits.check_length("name", self.name, limits.ORGANISATION)
