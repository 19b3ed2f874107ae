"""How one-sided the network is (the method's step 10: leave the filter bubble).

For each attribute (sector, role level, city) the Blau index 1 − Σ pᵢ² (0: everyone alike;
near 1: spread over many classes) and the normalised entropy H / ln k (1: evenly spread over
the k classes present). Contacts without the attribute form their own class "unknown", and
coverage says how many have it at all, so a thin record is not mistaken for a bubble.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

UNKNOWN = ""
TOP = 3


@dataclass(frozen=True, slots=True)
class Diversity:
    contacts: int
    known: int  # contacts with the attribute
    classes: int  # distinct values among them
    blau: float
    entropy: float
    top: tuple[tuple[str, float], ...]  # the largest classes and their shares

    @property
    def coverage(self) -> float:
        return self.known / self.contacts if self.contacts else 0.0


def blau_index(counts: Counter[str]) -> float:
    total = sum(counts.values())
    if not total:
        return 0.0
    return 1.0 - sum((n / total) ** 2 for n in counts.values())


def normalised_entropy(counts: Counter[str]) -> float:
    total = sum(counts.values())
    present = [n for n in counts.values() if n]
    if total == 0 or len(present) < 2:
        return 0.0
    entropy = -sum(n / total * math.log(n / total) for n in present)
    return entropy / math.log(len(present))


def diversity(values: Iterable[str]) -> Diversity:
    """The spread of ``values`` ("" = unknown, a class of its own)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}  # shown as first written: "Köln", not "köln"
    for value in values:
        shown = " ".join(value.split())
        key = shown.casefold()
        counts[key] += 1
        spelling.setdefault(key, shown)
    contacts = sum(counts.values())
    known = contacts - counts.get(UNKNOWN, 0)
    top = tuple((spelling[key], n / contacts) for key, n in counts.most_common() if key != UNKNOWN)[
        :TOP
    ]
    return Diversity(
        contacts=contacts,
        known=known,
        classes=len([v for v in counts if v != UNKNOWN]),
        blau=blau_index(counts),
        entropy=normalised_entropy(counts),
        top=top,
    )


def missing(targets: Iterable[str], present: Iterable[str]) -> list[str]:
    """The targets no contact matches (case ignored; a target inside a value matches)."""
    values = {" ".join(v.split()).casefold() for v in present if v.strip()}
    return [target for target in targets if not any(target.casefold() in value for value in values)]


def bubble_classes(values: Iterable[str], share: float = 0.5) -> set[str]:
    """The user's bubble in one attribute: the largest classes (folded) that together hold
    at least ``share`` of the contacts who have the attribute. Empty when nobody has it."""
    counts = Counter(" ".join(v.split()).casefold() for v in values if v.strip())
    total = sum(counts.values())
    inside: set[str] = set()
    covered = 0
    for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        if total and covered / total >= share:
            break
        inside.add(key)
        covered += count
    return inside
