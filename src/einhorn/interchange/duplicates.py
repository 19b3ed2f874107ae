"""Who is who across sources: exact keys first, then fuzzy name + company within blocks.

The same person from LinkedIn, a Xing vCard, Google and the phone must become one contact;
two different people with the same name at different companies must stay two. A match is
``sure`` (merge without asking), ``unsure`` (a person decides) or absent.

Exact keys: e-mail, E.164 phone, LinkedIn/Xing profile URL. Fuzzy: the folded name compared
with rapidfuzz, only against people in the same block (same family-name key or same first
given-name key), so the work grows with the block sizes, never with all pairs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import NamedTuple, Protocol

from einhorn.interchange.keys import company_key, email_key, person_key, phone_key

SURE_NAME = 95  # rapidfuzz token_sort_ratio, 0..100
UNSURE_NAME = 88
SAME_COMPANY = 90  # below: two companies, so two people
SURE_COMPANY = 95  # "Deutsche Bank" and "Deutsche Bahn" score 92: only unsure
_PROFILE_NETWORKS = ("linkedin", "xing")
_SCHEME = re.compile(r"^[a-z]+://")


class Certainty(StrEnum):
    SURE = "sure"
    UNSURE = "unsure"


class MatchKeys(NamedTuple):  # a tuple: made twice per record, so it must be cheap
    exact: frozenset[str]  # "email:…", "phone:…", "linkedin:…"
    name: str
    family: str
    given: str
    company: str


class Match(NamedTuple):
    target: Hashable
    certainty: Certainty
    reason: str  # which key matched, or the scores: explainable


def profile_key(network: str, url: str) -> str:
    """linkedin.com/in/anna-mueller, whatever scheme, www, query or trailing slash."""
    text = _SCHEME.sub("", url.strip().lower())
    text = text.removeprefix("www.").removeprefix("de.").split("?", 1)[0].rstrip("/")
    return f"{network}:{text}"


class Person(Protocol):
    """What identifies a person: a Contact, or a saved contact's Identity."""

    @property
    def display_name(self) -> str: ...
    @property
    def given_name(self) -> str: ...
    @property
    def family_name(self) -> str: ...
    @property
    def company(self) -> str: ...
    @property
    def emails(self) -> Sequence[str]: ...
    @property
    def phones(self) -> Sequence[str]: ...
    @property
    def profiles(self) -> Mapping[str, str]: ...


def match_keys(
    contact: Person, region: str = "DE", phone_keys: Sequence[str] | None = None
) -> MatchKeys:
    """The keys of a person; ``phone_keys`` are E.164 keys already known (the store's)."""
    exact = {f"email:{email_key(e)}" for e in contact.emails} if contact.emails else set()
    if phone_keys is None:
        phone_keys = [key for p in contact.phones if (key := phone_key(p, region))]
    if phone_keys:
        exact.update(f"phone:{key}" for key in phone_keys)
    if contact.profiles:
        exact.update(
            profile_key(n, url) for n, url in contact.profiles.items() if n in _PROFILE_NETWORKS
        )
    given, family = contact.given_name, contact.family_name
    if not (given or family):
        words = contact.display_name.split()
        given, family = " ".join(words[:-1]), words[-1] if words else ""
    return MatchKeys(
        frozenset(exact),
        person_key(given, family),
        person_key("", family),
        person_key(given, "").split(" ")[0],
        company_key(contact.company),
    )


class Matcher:
    """Indexes known people once; ``match`` finds the best one for a newcomer."""

    def __init__(self, known: Iterable[tuple[Hashable, MatchKeys]] = ()) -> None:
        self._exact: dict[str, tuple[Hashable, MatchKeys]] = {}
        # Per block: the members' folded names (one list, so rapidfuzz scores a whole block
        # in one call) and, at the same positions, who they are.
        self._names: dict[str, list[str]] = defaultdict(list)
        self._members: dict[str, list[tuple[Hashable, MatchKeys]]] = defaultdict(list)
        for target, keys in known:
            self.add(target, keys)

    def add(self, target: Hashable, keys: MatchKeys) -> None:
        for key in keys.exact:
            self._exact.setdefault(key, (target, keys))
        if not keys.name:
            return
        for block in _blocks(keys):
            self._names[block].append(keys.name)
            self._members[block].append((target, keys))

    def find_exact(self, key: str) -> Hashable | None:
        """Who holds an exact key like "linkedin:linkedin.com/in/anna", if anybody."""
        found = self._exact.get(key)
        return found[0] if found else None

    def match(self, keys: MatchKeys) -> Match | None:
        for key in sorted(keys.exact):
            if key in self._exact:
                return _exact_match(key, keys, *self._exact[key])
        return self._fuzzy(keys) if keys.name else None

    def _fuzzy(self, keys: MatchKeys) -> Match | None:
        from rapidfuzz import fuzz, process

        best: Match | None = None
        best_score = 0.0
        seen: set[Hashable] = set()
        for block in _blocks(keys):
            names = self._names.get(block)
            if not names:
                continue
            members = self._members[block]
            for _, name, index in process.extract(
                keys.name, names, scorer=fuzz.token_sort_ratio, score_cutoff=UNSURE_NAME, limit=None
            ):
                target, other = members[index]
                if target in seen:
                    continue
                seen.add(target)
                company = (
                    fuzz.token_set_ratio(keys.company, other.company)
                    if keys.company and other.company
                    else None
                )
                if company is not None and company < SAME_COMPANY:
                    continue  # same name, different company: two people
                certainty = (
                    Certainty.SURE
                    if name >= SURE_NAME
                    and company is not None
                    and company >= SURE_COMPANY
                    and _same_given_name(keys.given, other.given)
                    else Certainty.UNSURE
                )
                score = name + (company or 0) / 10
                if score > best_score:
                    reason = f"name {name:.0f}" + (
                        f", company {company:.0f}" if company is not None else ""
                    )
                    best, best_score = Match(target, certainty, reason), score
        return best


def _exact_match(key: str, keys: MatchKeys, target: Hashable, other: MatchKeys) -> Match:
    """A shared e-mail, phone or profile is sure, unless the names say two people: a shared
    info@ address or switchboard number must not merge Anna Schmidt into Bernd Hoffmann."""
    from rapidfuzz import fuzz

    kind = key.split(":", 1)[0]
    if keys.name and other.name:
        # token_set_ratio: "Anna" and "Anna Müller" agree (one is part of the other)
        score = fuzz.token_set_ratio(keys.name, other.name)
        if score < UNSURE_NAME and not _initials_fit(keys.name, other.name):
            return Match(target, Certainty.UNSURE, f"{kind}, name {score:.0f}")
    return Match(target, Certainty.SURE, kind)


def _initials_fit(first: str, second: str) -> bool:
    """ "A. M." or "J. Weber" and "Jens Weber": each word of one name is, in order, a word of
    the other or its initial."""
    for short, full in ((first, second), (second, first)):
        words = iter(full.replace(".", " ").split())
        wanted = short.replace(".", " ").split()
        if wanted and all(
            any(word == part or (len(part) == 1 and word.startswith(part)) for word in words)
            for part in wanted
        ):
            return True
    return False


def _same_given_name(first: str, second: str) -> bool:
    """Daniel and Daniela score 95 but are two people: a sure match needs the same first
    given name, or an initial that fits ("A." and "Anna")."""
    if first == second:
        return True
    a, b = first.rstrip("."), second.rstrip(".")
    return (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _blocks(keys: MatchKeys) -> list[str]:
    blocks = []
    if keys.family:
        blocks.append("f:" + keys.family)
    if keys.given:
        blocks.append("g:" + keys.given + ":" + keys.family[:1])
    return blocks
