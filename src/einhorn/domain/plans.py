"""The lunch plan (#neverlunchalone): slots on days, a person in each, and why.

A slot's reasons are codes with values, stored as they are and put into words when shown,
so a plan made in English reads in German too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from einhorn.domain import limits
from einhorn.domain.ids import ContactId, InteractionId
from einhorn.domain.tiers import Tier
from einhorn.errors import InvalidInput
from einhorn.i18n import N_, format_date, gettext, ngettext

DEFAULT_NO_REPEAT_DAYS = 8 * 7  # nobody twice within eight weeks
DEFAULT_CHANCE_SHARE = 0.25  # a quarter of the lunches outside the bubble


class SlotStatus(StrEnum):
    PROPOSED = "proposed"  # replaced by the next plan
    ACCEPTED = "accepted"  # confirmed: stays when re-planning
    SKIPPED = "skipped"  # no lunch that day
    HELD = "held"  # took place, logged as an interaction

    @property
    def label(self) -> str:
        return {
            SlotStatus.PROPOSED: N_("proposed"),
            SlotStatus.ACCEPTED: N_("accepted"),
            SlotStatus.SKIPPED: N_("skipped"),
            SlotStatus.HELD: N_("held"),
        }[self]

    @property
    def kept(self) -> bool:
        """A re-plan keeps this slot (and its person) as it is."""
        return self is not SlotStatus.PROPOSED


@dataclass(frozen=True, slots=True)
class Reason:
    """One reason for a slot: a code and its values, e.g. ("last_met", {"weeks": 9})."""

    code: str
    values: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> list[Any]:
        return [self.code, self.values]

    @classmethod
    def from_json(cls, data: list[Any]) -> Reason:
        return cls(str(data[0]), dict(data[1]) if len(data) > 1 else {})

    def describe(self) -> str:
        """The reason in the current language."""
        v = self.values
        match self.code:
            case "tier":
                return gettext(Tier(v.get("tier", "penguin")).label)
            case "last_met":
                weeks = int(v.get("weeks", 0))
                if not weeks:
                    return gettext(N_("last met this week"))
                return ngettext("last met {n} week ago", "last met {n} weeks ago", weeks).format(
                    n=weeks
                )
            case "again":
                after = dt.date.fromisoformat(str(v.get("after")))
                return gettext(N_("again after the lunch on {date}")).format(
                    date=format_date(after)
                )
            case "never_met":
                return gettext(N_("not met yet"))
            case "overdue":
                weeks = int(v.get("weeks", 0))
                return ngettext("overdue by {n} week", "overdue by {n} weeks", weeks).format(
                    n=weeks
                )
            case "due":
                return gettext(N_("due on {date}")).format(date=v.get("date", ""))
            case "outside_bubble":
                what = gettext(str(v.get("what", "")))  # a sector as written, or a level
                return gettext(N_("outside your bubble: {what}")).format(what=what)
            case "worth_knowing":
                why = gettext(str(v.get("why", ""))).format(**v.get("args", {}))
                return gettext(N_("worth getting to know: {why}")).format(why=why)
            case "introduces":
                return gettext(N_("can introduce you to {name}")).format(name=v.get("name", ""))
            case "in_city":
                return gettext(N_("you are in {city}")).format(city=v.get("city", ""))
            case "nobody_in_city":
                return gettext(N_("nobody you know in {city} is free")).format(
                    city=v.get("city", "")
                )
            case "nobody_fits":
                return gettext(N_("nobody can come that day"))
            case "chosen":
                return gettext(N_("your choice"))
            case _:
                return self.code


def describe_reasons(reasons: list[Reason]) -> str:
    """ "unicorn · last met 9 weeks ago" """
    return " · ".join(reason.describe() for reason in reasons)


@dataclass(slots=True)
class LunchSlot:
    """A lunch on ``day``; ``contact_id`` is None for a skipped day or a slot nobody fits."""

    day: dt.date
    contact_id: ContactId | None
    status: SlotStatus = SlotStatus.PROPOSED
    reasons: list[Reason] = field(default_factory=list)
    city: str = ""  # set when the slot lies in a trip
    id: int | None = None
    interaction_id: InteractionId | None = None


@dataclass(slots=True)
class Trip:
    """Away in ``city`` from ``from_on`` to ``to_on`` (both included)."""

    city: str
    from_on: dt.date
    to_on: dt.date
    id: int | None = None

    def __post_init__(self) -> None:
        self.city = " ".join(self.city.split())
        if not self.city:
            raise InvalidInput("city", "", N_("name the city"))
        limits.check_length(N_("city"), self.city, limits.PLACE)
        if self.to_on < self.from_on:
            raise InvalidInput("to", self.to_on.isoformat(), N_("before the first day"))
        if (self.to_on - self.from_on).days > 366:
            raise InvalidInput("to", self.to_on.isoformat(), N_("a trip lasts at most a year"))

    def covers(self, day: dt.date) -> bool:
        return self.from_on <= day <= self.to_on


_WEEKDAYS = {
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{name: i for i, name in enumerate(("mo", "di", "mi", "do", "fr", "sa", "so"))},
    **{
        name: i
        for i, name in enumerate(
            ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
        )
    },
    **{
        name: i
        for i, name in enumerate(
            ("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag")
        )
    },
}
# Lunch days for a number of lunches a week, when the user names none.
DEFAULT_DAYS = {1: (1,), 2: (1, 3), 3: (0, 2, 4), 4: (0, 1, 3, 4), 5: (0, 1, 2, 3, 4)}


def parse_weekdays(text: str, field: str = "days") -> tuple[int, ...]:
    """ "tue,thu" or "di,do" → (1, 3); Monday is 0."""
    days = set()
    for word in text.replace(";", ",").split(","):
        key = word.strip().casefold().rstrip(".")
        if not key:
            continue
        if key not in _WEEKDAYS:
            raise InvalidInput(field, word.strip(), N_("use weekdays like mon,tue or mo,di"))
        days.add(_WEEKDAYS[key])
    if not days:
        raise InvalidInput(field, text, N_("name at least one weekday"))
    return tuple(sorted(days))
