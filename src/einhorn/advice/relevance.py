"""How relevant a contact is to the goal, and the tier that follows, with its reasons.

Pure: the service gathers the facts (does the company match a target company, how often
did they meet), this module weighs them with the points in ``rules/relevance.toml``.
Every point comes with a reason in words, so a suggestion can always say why.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from einhorn.domain.contacts import name_key
from einhorn.domain.tiers import Tier
from einhorn.i18n import N_, format_number, gettext


@dataclass(frozen=True, slots=True)
class Facts:
    """What is known about one contact that matters for the goal; "" when nothing."""

    target_company: str = ""  # the target company the contact works at, as the goal names it
    target_role: str = ""
    target_sector: str = ""
    position: str = ""
    meetings_last_year: int = 0
    wish_list: bool = False
    private_only: bool = False


@dataclass(frozen=True, slots=True)
class Reason:
    """``message`` is a message id with {placeholders} filled from ``values``."""

    message: str
    points: int
    values: dict[str, Any] = field(default_factory=dict)

    def text(self) -> str:
        """In the user's language: labels translated, numbers in their format."""
        return gettext(self.message).format(**shown_values(self.values))


def shown_values(values: dict[str, Any]) -> dict[str, Any]:
    """Values as a sentence shows them: tier and goal labels (message ids) translated,
    fractional numbers in the user's number format."""
    return {
        key: gettext(value)
        if key in ("tier", "goal") and isinstance(value, str)
        else format_number(value)
        if isinstance(value, float)
        else value
        for key, value in values.items()
    }


@dataclass(frozen=True, slots=True)
class Relevance:
    points: int
    tier: Tier
    reasons: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class Rules:
    points: dict[str, int]
    unicorn_from: int
    flamingo_from: int
    seniority: re.Pattern[str]


def load_rules(path: Path | None = None) -> Rules:
    """The rules in ``path``, or einhorn's own."""
    if path is None:
        return _default_rules()
    return _parse(tomllib.loads(path.read_text(encoding="utf-8")))


@cache
def _default_rules() -> Rules:
    text = resources.files("einhorn.advice").joinpath("rules/relevance.toml").read_text("utf-8")
    return _parse(tomllib.loads(text))


def _parse(data: dict[str, Any]) -> Rules:
    words = sorted((name_key(w) for w in data["seniority"]["words"]), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, words)) + r")(?!\w)")
    return Rules(
        points={k: int(v) for k, v in data["points"].items()},
        unicorn_from=int(data["tiers"]["unicorn"]),
        flamingo_from=int(data["tiers"]["flamingo"]),
        seniority=pattern,
    )


def seniority_word(position: str, rules: Rules) -> str:
    """The first senior-role word in ``position`` ("Head of HR" → "head"), or ""."""
    match = rules.seniority.search(name_key(position))
    return match.group(1) if match else ""


def relevance(facts: Facts, rules: Rules) -> Relevance:
    points = rules.points
    reasons: list[Reason] = []
    if facts.target_company:
        reasons.append(
            Reason(
                N_("works at target company {company}"),
                points["target_company"],
                {"company": facts.target_company},
            )
        )
    if facts.target_role:
        reasons.append(
            Reason(
                N_("role {role} is a target"), points["target_role"], {"role": facts.target_role}
            )
        )
    if facts.target_sector:
        reasons.append(
            Reason(
                N_("sector {sector} is a target"),
                points["target_sector"],
                {"sector": facts.target_sector},
            )
        )
    if seniority_word(facts.position, rules):
        reasons.append(
            Reason(N_("senior role: {position}"), points["seniority"], {"position": facts.position})
        )
    if facts.meetings_last_year:
        reasons.append(
            Reason(
                N_("met {count}× in the last 12 months"),
                min(points["max_meetings"], facts.meetings_last_year * points["per_meeting"]),
                {"count": facts.meetings_last_year},
            )
        )
    if facts.wish_list:
        reasons.append(Reason(N_("on your wish list"), points["wish_list"]))
    if facts.private_only:
        reasons.append(Reason(N_("a private contact"), points["private_only"]))
    total = sum(reason.points for reason in reasons)
    tier = (
        Tier.UNICORN
        if total >= rules.unicorn_from
        else Tier.FLAMINGO
        if total >= rules.flamingo_from
        else Tier.PENGUIN
    )
    return Relevance(total, tier, tuple(reasons))
