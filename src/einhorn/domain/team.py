"""Team mode (#neverlunchalone in a company): the roster, pairing rounds and their groups."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import combinations
from typing import Literal

from einhorn.domain import limits
from einhorn.domain.contacts import normalise_email
from einhorn.errors import InvalidInput
from einhorn.i18n import N_

GroupSize = Literal[2, 3]
Pair = tuple[int, int]  # two member ids, the smaller first


@dataclass(slots=True)
class TeamMember:
    """A colleague on the roster; ``email`` identifies them across roster imports."""

    name: str
    email: str
    department: str = ""
    location: str = ""
    opted_out: bool = False
    active: bool = True  # False once a newer roster no longer lists them
    id: int | None = None

    def __post_init__(self) -> None:
        self.name = limits.check_length(N_("name"), " ".join(self.name.split()), limits.NAME)
        if not self.name:
            raise InvalidInput(N_("name"), self.name, N_("must not be empty"))
        self.email = normalise_email(limits.check_length(N_("email"), self.email, limits.EMAIL))
        self.department = limits.check_length(
            N_("department"), " ".join(self.department.split()), limits.ORGANISATION
        )
        self.location = limits.check_length(
            N_("location"), " ".join(self.location.split()), limits.PLACE
        )

    @property
    def key(self) -> int:
        if self.id is None:
            raise ValueError("team member has not been saved yet")
        return self.id

    @property
    def pairable(self) -> bool:
        """On the current roster and not opted out: in every round."""
        return self.active and not self.opted_out

    def same_record(self, other: TeamMember) -> bool:
        """The roster says the same about both (name, department, location, opt-out)."""
        return (self.name, self.department, self.location, self.opted_out) == (
            other.name,
            other.department,
            other.location,
            other.opted_out,
        )


@dataclass(slots=True)
class TeamRound:
    """One round: each group (member ids) has lunch together on ``lunch_on``."""

    number: int
    lunch_on: dt.date
    groups: list[tuple[int, ...]]
    created_at: dt.datetime | None = None
    id: int | None = None
    stats: RoundStats | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class RoundStats:
    """How good a round is: its pairs (a group of three has three), and how many of them
    cross departments, share a location, or met before."""

    people: int
    groups: int
    pairs: int
    cross_department: int
    same_location: int
    repeated: int


def pair(a: int, b: int) -> Pair:
    return (a, b) if a < b else (b, a)


def group_pairs(group: tuple[int, ...]) -> list[Pair]:
    """Everyone in a group meets everyone else in it."""
    return [pair(a, b) for a, b in combinations(group, 2)]


def cross_department(a: TeamMember, b: TeamMember) -> bool:
    """Both departments known and different (an unknown department counts as neither)."""
    return bool(a.department and b.department) and a.department.casefold() != (
        b.department.casefold()
    )


def same_location(a: TeamMember, b: TeamMember) -> bool:
    """Both locations known and the same."""
    return bool(a.location and b.location) and a.location.casefold() == b.location.casefold()


def round_stats(
    groups: list[tuple[int, ...]], members: dict[int, TeamMember], met_before: set[Pair]
) -> RoundStats:
    pairs = [p for group in groups for p in group_pairs(group)]
    return RoundStats(
        people=sum(len(group) for group in groups),
        groups=len(groups),
        pairs=len(pairs),
        cross_department=sum(cross_department(members[a], members[b]) for a, b in pairs),
        same_location=sum(same_location(members[a], members[b]) for a, b in pairs),
        repeated=sum(p in met_before for p in pairs),
    )
