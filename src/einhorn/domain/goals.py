"""The goal (step 1 of the method): what the user wants to reach, and the time they have.

Every suggestion einhorn makes follows from the current goal. Setting a goal again keeps the
old one in the history, so a review can show how the goal moved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from einhorn.domain import limits
from einhorn.domain.choices import parse_choice
from einhorn.errors import InvalidInput
from einhorn.i18n import N_, gettext


class GoalKind(StrEnum):
    CAREER = "career"
    EXPERT = "expert"  # be seen as an expert in one's field
    FOUNDER = "founder"  # be known locally as a founder or solopreneur
    JOB_SEARCH = "job-search"
    INTERNATIONAL = "international"
    RESEARCH = "research"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    GoalKind.CAREER: N_("career"),
    GoalKind.EXPERT: N_("visibility as an expert"),
    GoalKind.FOUNDER: N_("local visibility as a founder"),
    GoalKind.JOB_SEARCH: N_("job search"),
    GoalKind.INTERNATIONAL: N_("international work"),
    GoalKind.RESEARCH: N_("research"),
}
_KIND_WORDS = {
    "career": GoalKind.CAREER,
    "karriere": GoalKind.CAREER,
    "expert": GoalKind.EXPERT,
    "experte": GoalKind.EXPERT,
    "expertin": GoalKind.EXPERT,
    "founder": GoalKind.FOUNDER,
    "gründer": GoalKind.FOUNDER,
    "gründerin": GoalKind.FOUNDER,
    "job-search": GoalKind.JOB_SEARCH,
    "jobsuche": GoalKind.JOB_SEARCH,
    "international": GoalKind.INTERNATIONAL,
    "research": GoalKind.RESEARCH,
    "forschung": GoalKind.RESEARCH,
}


def parse_goal_kind(text: str) -> GoalKind:
    return parse_choice(
        _KIND_WORDS,
        text,
        "kind",
        N_(
            "use career/Karriere, expert/Experte, founder/Gründer, job-search/Jobsuche, "
            "international or research/Forschung"
        ),
    )


class Region(StrEnum):
    DACH = "dach"  # Germany, Austria, Switzerland
    INTERNATIONAL = "international"


def parse_region(text: str) -> Region:
    try:
        return Region(text.strip().casefold())
    except ValueError:
        raise InvalidInput("region", text, N_("use dach or international")) from None


DEFAULT_MEETINGS_PER_WEEK = 2.0
DEFAULT_MINUTES_PER_WEEK = 180
DEFAULT_REVIEW_DAYS = 91  # quarterly
MAX_MEETINGS_PER_WEEK = 50.0


@dataclass(slots=True)
class Goal:
    kind: GoalKind
    role: str = ""
    sector: str = ""
    region: Region = Region.DACH
    home_city: str = ""
    target_companies: list[str] = field(default_factory=list)
    target_roles: list[str] = field(default_factory=list)
    target_sectors: list[str] = field(default_factory=list)
    meetings_per_week: float = DEFAULT_MEETINGS_PER_WEEK
    minutes_per_week: int = DEFAULT_MINUTES_PER_WEEK
    review_every_days: int = DEFAULT_REVIEW_DAYS
    set_at: dt.datetime | None = None

    def __post_init__(self) -> None:
        for name in ("role", "sector", "home_city"):
            value = " ".join(getattr(self, name).split())
            limits.check_length(name, value, limits.ORGANISATION)
            setattr(self, name, value)
        for name in ("target_companies", "target_roles", "target_sectors"):
            setattr(self, name, _clean(getattr(self, name)))
        if not 0.5 <= self.meetings_per_week <= MAX_MEETINGS_PER_WEEK:
            raise InvalidInput("--meetings", self.meetings_per_week, N_("between 0.5 and 50"))
        if not 0 < self.minutes_per_week <= 7 * 24 * 60:
            raise InvalidInput(
                "--minutes", self.minutes_per_week, N_("between 1 and 10080 (a whole week)")
            )
        if not 7 <= self.review_every_days <= 366:
            raise InvalidInput(
                "--review-weeks", self.review_every_days // 7, N_("between 1 and 52 weeks")
            )

    def describe(self) -> str:
        """ "career — Siemens, Deutsche Bahn", in the user's language."""
        targets = ", ".join(self.target_companies or self.target_sectors or self.target_roles)
        return gettext(self.kind.label) + (f" — {targets}" if targets else "")


def _clean(values: Iterable[str]) -> list[str]:
    cleaned = [" ".join(v.split()) for v in values if v.strip()]
    for value in cleaned:
        limits.check_length("target", value, limits.ORGANISATION)
    return list(dict.fromkeys(cleaned))
