"""Unicorns, flamingos and penguins: how a person spends limited time, never a verdict on people.

Each tier has a default cadence (how often to be in touch); an account may change the policy
and a single contact may override it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from einhorn.errors import InvalidInput
from einhorn.i18n import N_


class Tier(StrEnum):
    UNICORN = "unicorn"
    FLAMINGO = "flamingo"
    PENGUIN = "penguin"

    @property
    def rank(self) -> int:
        """Sort order: unicorns first."""
        return _RANK[self]

    @property
    def label(self) -> str:
        """The msgid of the tier's name, to be translated where it is shown."""
        return _LABELS[self]


_RANK = {Tier.UNICORN: 0, Tier.FLAMINGO: 1, Tier.PENGUIN: 2}
_LABELS = {Tier.UNICORN: N_("unicorn"), Tier.FLAMINGO: N_("flamingo"), Tier.PENGUIN: N_("penguin")}

# Everything a user may type for a tier, in English and German, singular and plural.
_TIER_WORDS: dict[str, Tier] = {
    "unicorn": Tier.UNICORN,
    "unicorns": Tier.UNICORN,
    "einhorn": Tier.UNICORN,
    "einhörner": Tier.UNICORN,
    "einhoerner": Tier.UNICORN,
    "flamingo": Tier.FLAMINGO,
    "flamingos": Tier.FLAMINGO,
    "penguin": Tier.PENGUIN,
    "penguins": Tier.PENGUIN,
    "pinguin": Tier.PENGUIN,
    "pinguine": Tier.PENGUIN,
}


def parse_tier(text: str, field: str = "tier") -> Tier:
    """A tier from its English or German name, any case: "Einhorn" and "unicorn" are the same."""
    tier = _TIER_WORDS.get(text.strip().casefold())
    if tier is None:
        raise InvalidInput(field, text, N_("use unicorn/Einhorn, flamingo or penguin/Pinguin"))
    return tier


class TierSource(StrEnum):
    """Who placed a contact in its tier; a tier set by the user is never overwritten silently."""

    DEFAULT = "default"
    USER = "user"
    SUGGESTION = "suggestion"


DEFAULT_CADENCE_DAYS: dict[Tier, int | None] = {
    Tier.UNICORN: 6 * 7,
    Tier.FLAMINGO: 12 * 7,
    Tier.PENGUIN: None,
}


@dataclass(frozen=True, slots=True)
class CadencePolicy:
    """Days between contacts per tier; None means no reminder for that tier."""

    unicorn_days: int | None = DEFAULT_CADENCE_DAYS[Tier.UNICORN]
    flamingo_days: int | None = DEFAULT_CADENCE_DAYS[Tier.FLAMINGO]
    penguin_days: int | None = DEFAULT_CADENCE_DAYS[Tier.PENGUIN]

    def days_for(self, tier: Tier) -> int | None:
        return {
            Tier.UNICORN: self.unicorn_days,
            Tier.FLAMINGO: self.flamingo_days,
            Tier.PENGUIN: self.penguin_days,
        }[tier]

    def with_days(self, tier: Tier, days: int | None) -> CadencePolicy:
        return replace(self, **{f"{tier.value}_days": days})


# A contact's own cadence of NEVER means: no reminders for this person, whatever the tier.
NEVER = 0


def effective_cadence(policy: CadencePolicy, tier: Tier, override_days: int | None) -> int | None:
    """A contact's own cadence wins over its tier's; NEVER means no cadence at all."""
    if override_days is None:
        return policy.days_for(tier)
    return None if override_days == NEVER else override_days


_CADENCE_RE = re.compile(r"^\s*(\d+)\s*([dwm]?)\s*$", re.IGNORECASE)
_UNIT_DAYS = {"": 7, "w": 7, "d": 1, "m": 30}
_NO_CADENCE = {"none", "never", "off", "keine", "nie", "aus", "-"}
MAX_CADENCE_DAYS = 5 * 365


def parse_cadence(text: str, field: str = "cadence") -> int | None:
    """``6w``, ``42d``, ``3m`` or a bare number of weeks; ``none``/``keine`` for no reminders."""
    if text.strip().casefold() in _NO_CADENCE:
        return None
    match = _CADENCE_RE.match(text)
    if match is None:
        raise InvalidInput(field, text, N_("write it like 6w, 42d, 3m or none"))
    days = int(match.group(1)) * _UNIT_DAYS[match.group(2).lower()]
    if not 1 <= days <= MAX_CADENCE_DAYS:
        raise InvalidInput(field, text, N_("between 1 day and 5 years"))
    return days


_FOLLOW_TIER = {"default", "standard", "tier", "stufe"}


def parse_own_cadence(text: str, field: str = "cadence") -> int | None:
    """A contact's own cadence: days, NEVER for ``none``/``keine``, None for ``default``
    (follow the tier again)."""
    if text.strip().casefold() in _FOLLOW_TIER:
        return None
    days = parse_cadence(text, field)
    return NEVER if days is None else days


def describe_cadence(days: int | None) -> str:
    """Compact, language-neutral form: 6w, 10d, or — for none."""
    if days is None or days == NEVER:
        return "—"
    return f"{days // 7}w" if days % 7 == 0 else f"{days}d"
