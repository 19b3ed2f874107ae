"""Which kinds of groups serve a goal (rules in ``rules/groups.toml``), so that the user can
widen the network where it counts: the founder who wants local visibility gets the IHK."""

from __future__ import annotations

import tomllib
from collections.abc import Set
from functools import cache
from importlib import resources
from typing import Any

from einhorn.domain.goals import GoalKind
from einhorn.domain.groups import GroupKind


@cache
def _rules() -> dict[str, Any]:
    text = resources.files("einhorn.advice").joinpath("rules/groups.toml").read_text("utf-8")
    return tomllib.loads(text)


def suggested_kinds(
    goal: GoalKind, have: Set[GroupKind], language: str
) -> tuple[list[GroupKind], str]:
    """The kinds of group that serve ``goal`` and are not among ``have``, and the first
    step worth taking there (in ``language``, de or en)."""
    rule = _rules().get(goal.value)
    if rule is None:
        return [], ""
    kinds = [GroupKind(kind) for kind in rule["kinds"] if GroupKind(kind) not in have]
    return kinds, rule["step_de" if language == "de" else "step_en"]
