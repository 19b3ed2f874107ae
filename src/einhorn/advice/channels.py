"""Which online networks to invest in, keep, or skip, for this goal (step 6 of the method).

The rules are data (``rules/channels.toml``): each network names the goal kinds it serves,
its regions and sectors, and why. The advisor also looks at the user's own network: where
the people at the target companies are.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from einhorn.advice.relevance import Reason
from einhorn.domain.contacts import name_key
from einhorn.domain.goals import Goal
from einhorn.i18n import N_

# Contacts at target companies that make a network worth investing in, and their share.
TARGET_MIN = 3
TARGET_SHARE = 0.3


class Verdict(StrEnum):
    INVEST = "invest"
    KEEP = "keep"
    SKIP = "skip"

    @property
    def label(self) -> str:
        return {
            Verdict.INVEST: N_("invest"),
            Verdict.KEEP: N_("keep a profile"),
            Verdict.SKIP: N_("skip"),
        }[self]


@dataclass(frozen=True, slots=True)
class Network:
    name: str
    label: str
    invest: frozenset[str]
    keep: frozenset[str]
    regions: frozenset[str]
    sectors: tuple[str, ...]
    reason: dict[str, str]  # language → text
    checklist: dict[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class ChannelAdvice:
    network: Network
    verdict: Verdict
    reasons: tuple[Reason, ...]


def load_networks(path: Path | None = None) -> list[Network]:
    if path is None:
        return _default_networks()
    return _parse(tomllib.loads(path.read_text(encoding="utf-8")))


@cache
def _default_networks() -> list[Network]:
    text = resources.files("einhorn.advice").joinpath("rules/channels.toml").read_text("utf-8")
    return _parse(tomllib.loads(text))


def _parse(data: dict[str, Any]) -> list[Network]:
    return [
        Network(
            name=item["name"],
            label=item.get("label", item["name"]),
            invest=frozenset(item.get("invest", [])),
            keep=frozenset(item.get("keep", [])),
            regions=frozenset(item.get("regions", [])),
            sectors=tuple(name_key(s) for s in item.get("sectors", [])),
            reason={"de": item.get("reason_de", ""), "en": item.get("reason_en", "")},
            checklist={
                "de": tuple(item.get("checklist_de", [])),
                "en": tuple(item.get("checklist_en", [])),
            },
        )
        for item in data.get("network", [])
    ]


def advise(
    goal: Goal, networks: Sequence[Network], at_targets: dict[str, int], targets_known: int
) -> list[ChannelAdvice]:
    """One piece of advice per network; ``at_targets``: network → contacts at the target
    companies with a profile there, of ``targets_known`` contacts at those companies."""
    return [_advise(goal, n, at_targets.get(n.name, 0), targets_known) for n in networks]


def _advise(goal: Goal, network: Network, on: int, of: int) -> ChannelAdvice:
    kind = goal.kind.value
    rank = 2 if kind in network.invest else 1 if kind in network.keep else 0
    reasons: list[Reason] = []
    if rank:
        reasons.append(Reason(N_("serves your goal: {goal}"), rank, {"goal": goal.kind.label}))
    if network.regions and goal.region.value not in network.regions:
        rank = max(0, rank - 1)
        reasons.append(Reason(N_("matters mostly elsewhere than your region"), -1))
    sector = _sector_match(goal, network)
    if sector:
        rank = max(1, rank + (1 if rank else 0))
        reasons.append(Reason(N_("strong in your sector {sector}"), 1, {"sector": sector}))
    if of and on >= TARGET_MIN and on / of >= TARGET_SHARE:
        rank = 2
        reasons.append(
            Reason(
                N_("{on} of {of} contacts at your target companies are here"),
                2,
                {"on": on, "of": of},
            )
        )
    verdict = (Verdict.SKIP, Verdict.KEEP, Verdict.INVEST)[min(rank, 2)]
    return ChannelAdvice(network, verdict, tuple(reasons))


def _sector_match(goal: Goal, network: Network) -> str:
    for sector in (*goal.target_sectors, goal.sector):
        folded = name_key(sector)
        if folded and any(word in folded or folded in word for word in network.sectors):
            return sector
    return ""
