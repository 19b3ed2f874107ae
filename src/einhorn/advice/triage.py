"""Answering a meeting request: accept, propose a short call, or decline politely.

The method's step 5: time is limited, most coffee requests get a no. The answer follows from
the person's tier, their relevance to the goal and what is left of this week's budget; the
ready-to-send texts are data in ``rules/triage.toml``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

from einhorn.advice.relevance import Reason, Relevance
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.tiers import Tier
from einhorn.i18n import N_

CHEAP = frozenset({InteractionKind.CALL, InteractionKind.VIDEO, InteractionKind.MESSAGE})
FORMS = ("de_sie", "de_du", "en")


class Answer(StrEnum):
    ACCEPT = "accept"
    CALL = "call"  # propose a short call instead
    DECLINE = "decline"

    @property
    def label(self) -> str:
        return {
            Answer.ACCEPT: N_("accept"),
            Answer.CALL: N_("propose a short call"),
            Answer.DECLINE: N_("decline politely"),
        }[self]


@dataclass(frozen=True, slots=True)
class Decision:
    answer: Answer
    reasons: tuple[Reason, ...]


def triage(
    *,
    tier: Tier,
    relevance: Relevance,
    kind: InteractionKind,
    meetings_this_week: int,
    budget_per_week: float,
) -> Decision:
    left = budget_per_week - meetings_this_week
    weight = max(tier, relevance.tier, key=_RANK.__getitem__)
    reasons = [
        Reason(N_("tier: {tier}"), 0, {"tier": tier.label}),
        Reason(
            N_("relevance to your goal: {points} points"),
            relevance.points,
            {"points": relevance.points},
        ),
        Reason(
            N_("{left} of {budget} meetings left this week"),
            0,
            {"left": max(0, round(left, 1)), "budget": budget_per_week},
        ),
    ]
    if kind in CHEAP and weight is not Tier.PENGUIN:
        return Decision(Answer.ACCEPT, (*reasons, Reason(N_("a call costs little time"), 0)))
    if weight is Tier.UNICORN:
        answer = Answer.ACCEPT if left >= 1 else Answer.CALL
    elif weight is Tier.FLAMINGO:
        answer = Answer.CALL
    else:
        answer = Answer.DECLINE
    return Decision(answer, tuple(reasons))


_RANK = {Tier.UNICORN: 2, Tier.FLAMINGO: 1, Tier.PENGUIN: 0}


@cache
def _templates() -> dict[str, Any]:
    text = resources.files("einhorn.advice").joinpath("rules/triage.toml").read_text("utf-8")
    return tomllib.loads(text)


def messages(answer: Answer, kind: InteractionKind, name: str, first: str) -> dict[str, str]:
    """The ready-to-send text in German (Sie and Du) and English."""
    data = _templates()
    texts = {}
    for form in FORMS:
        language = form.split("_")[0]
        kinds = data["kinds"][language]
        texts[form] = data[answer.value][form].format(
            name=name, first=first or name, kind=kinds.get(kind.value, kinds["meeting"])
        )
    return texts
