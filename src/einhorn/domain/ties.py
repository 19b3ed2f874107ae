"""Ties: who among the user's contacts knows whom.

A tie the user recorded has a kind and a strength (1 weak … 3 strong). Ties einhorn infers
(same company now, same group, met at the same event) are weak and marked as inferred: they
are a guess, shown as such, and never stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from einhorn.domain.ids import ContactId
from einhorn.errors import InvalidInput
from einhorn.i18n import N_


class TieKind(StrEnum):
    KNOWS = "knows"
    COLLEAGUE = "colleague"
    INTRODUCED = "introduced"
    FAMILY = "family"
    # inferred, never stored:
    SAME_COMPANY = "same_company"
    SAME_GROUP = "same_group"
    SAME_EVENT = "same_event"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def inferred(self) -> bool:
        return self in _INFERRED


_INFERRED = frozenset({TieKind.SAME_COMPANY, TieKind.SAME_GROUP, TieKind.SAME_EVENT})
_LABELS = {
    TieKind.KNOWS: N_("knows"),
    TieKind.COLLEAGUE: N_("colleague"),
    TieKind.INTRODUCED: N_("introduced"),
    TieKind.FAMILY: N_("family"),
    TieKind.SAME_COMPANY: N_("same company"),
    TieKind.SAME_GROUP: N_("same group"),
    TieKind.SAME_EVENT: N_("met at the same event"),
}

_KIND_WORDS = {
    "knows": TieKind.KNOWS,
    "kennt": TieKind.KNOWS,
    "colleague": TieKind.COLLEAGUE,
    "kollege": TieKind.COLLEAGUE,
    "kollegin": TieKind.COLLEAGUE,
    "introduced": TieKind.INTRODUCED,
    "vorgestellt": TieKind.INTRODUCED,
    "family": TieKind.FAMILY,
    "familie": TieKind.FAMILY,
}

WEAKEST, STRONGEST = 1, 3
INFERRED_STRENGTH = 1


def parse_tie_kind(text: str) -> TieKind:
    kind = _KIND_WORDS.get(text.strip().casefold())
    if kind is None:
        raise InvalidInput(
            "kind", text, N_("use knows/kennt, colleague/Kollege, introduced/vorgestellt or family")
        )
    return kind


@dataclass(frozen=True, slots=True)
class Tie:
    """An undirected tie; ``a < b`` always (``Tie.between`` orders them)."""

    a: ContactId
    b: ContactId
    kind: TieKind = TieKind.KNOWS
    strength: int = 2
    created_at: dt.datetime | None = None

    @classmethod
    def between(
        cls,
        one: ContactId,
        other: ContactId,
        kind: TieKind = TieKind.KNOWS,
        strength: int = 2,
        created_at: dt.datetime | None = None,
    ) -> Tie:
        if one == other:
            raise InvalidInput("contact", str(one), N_("a tie needs two different people"))
        if not WEAKEST <= strength <= STRONGEST:
            raise InvalidInput("strength", strength, N_("between 1 (weak) and 3 (strong)"))
        a, b = sorted((one, other))
        return cls(a, b, kind, strength, created_at)

    @property
    def inferred(self) -> bool:
        return self.kind.inferred
