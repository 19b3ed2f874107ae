"""Use case: who can introduce me to a person, a company or a sector — each way in, in words."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass
from enum import StrEnum

from einhorn.domain.contacts import name_key
from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier
from einhorn.domain.ties import Tie, TieKind
from einhorn.errors import InvalidInput, NotFound
from einhorn.i18n import N_, gettext, ngettext
from einhorn.insight.graph import Person
from einhorn.insight.intro import DEFAULT_LIMIT, IntroPath, Neighbourhood, introduction_paths
from einhorn.interchange.keys import company_key
from einhorn.services.ports import UnitOfWork

MAX_LIMIT = 50
MANY = 2_000  # contacts beyond which reading all ties beats looking theirs up


class TargetKind(StrEnum):
    AUTO = "auto"
    PERSON = "person"
    COMPANY = "company"
    SECTOR = "sector"

    @property
    def label(self) -> str:
        return {
            TargetKind.AUTO: N_("any"),
            TargetKind.PERSON: N_("person"),
            TargetKind.COMPANY: N_("company"),
            TargetKind.SECTOR: N_("sector"),
        }[self]


_KIND_WORDS = {
    "auto": TargetKind.AUTO,
    "person": TargetKind.PERSON,
    "person/in": TargetKind.PERSON,
    "company": TargetKind.COMPANY,
    "firma": TargetKind.COMPANY,
    "unternehmen": TargetKind.COMPANY,
    "sector": TargetKind.SECTOR,
    "branche": TargetKind.SECTOR,
}


def parse_target_kind(text: str) -> TargetKind:
    kind = _KIND_WORDS.get(text.strip().casefold())
    if kind is None:
        raise InvalidInput("as", text, N_("use person, company/Firma or sector/Branche"))
    return kind


@dataclass(frozen=True, slots=True)
class Step:
    """One person on a path, with how they are tied to the next one."""

    contact_id: ContactId
    name: str
    about: str  # "Head of HR at Siemens"
    tier: str
    link: TieKind | None  # the tie to the next person; None for the target


@dataclass(frozen=True, slots=True)
class Introduction:
    steps: list[Step]
    chance: float
    sentence: str  # the whole path in words, in the user's language


@dataclass(frozen=True, slots=True)
class IntroReport:
    target: str
    kind: TargetKind
    targets: int  # contacts who are (or work at, or in) the target
    paths: list[Introduction]


def introductions(
    *,
    uow: UnitOfWork,
    target: str,
    today: dt.date,
    kind: TargetKind = TargetKind.AUTO,
    limit: int = DEFAULT_LIMIT,
) -> IntroReport:
    """Distinct first introducers to ``target``, best chance first."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput("limit", limit, N_("between 1 and 50"))
    people = people_of(uow)
    found_kind, goal = _targets(uow, people, target, kind)
    groups = uow.groups.memberships()
    events = [event.met or [] for event in uow.groups.events()]
    # Only the ties within two steps of the targets can be on a path.
    if len(goal) > MANY:  # most of the network is near: one scan of all ties
        neighbourhood = Neighbourhood(people, uow.ties.all(), groups, events)
    else:
        neighbourhood = Neighbourhood(people, uow.ties.touching(goal), groups, events)
        first_ring = {edge.other(t) for t in goal for edge in neighbourhood.edges(t)} - goal
        neighbourhood.add_ties(_ties_of(uow, first_ring))
    paths = introduction_paths(neighbourhood, goal, today, limit=limit)
    return IntroReport(
        target.strip(),
        found_kind,
        len(goal),
        [_in_words(path, people, today) for path in paths],
    )


def _ties_of(uow: UnitOfWork, contact_ids: set[ContactId]) -> list[Tie]:
    """The ties touching these contacts; for many of them, one scan of all ties is faster
    than looking them up."""
    if len(contact_ids) > MANY:
        return uow.ties.all()
    return uow.ties.touching(contact_ids)


def people_of(uow: UnitOfWork) -> dict[ContactId, Person]:
    """Every contact as a Person of the network."""
    tiers = {tier.value: tier for tier in Tier}
    return {
        ContactId(i): Person(
            ContactId(i),
            name,
            tiers[tier],
            company,
            company_key(company) if company else "",
            sector,
            position,
            city,
            last,
            bool(wish),
        )
        for i, name, tier, company, sector, position, city, last, wish in uow.contacts.people_rows()
    }


def _targets(
    uow: UnitOfWork, people: dict[ContactId, Person], text: str, kind: TargetKind
) -> tuple[TargetKind, set[ContactId]]:
    """The contacts the target means: a person, everyone at a company, or in a sector."""
    wanted = name_key(text)
    if not wanted:
        raise InvalidInput("target", text, N_("name a person, a company or a sector"))
    named = uow.contacts.find_by_name(text, limit=10)  # exact names first, else containing
    exact = any(name_key(name) == wanted for _, name in named)
    if named and (kind is TargetKind.PERSON or (kind is TargetKind.AUTO and exact)):
        return TargetKind.PERSON, {cid for cid, _ in named}
    if kind in (TargetKind.AUTO, TargetKind.COMPANY):
        words = set(company_key(text).split())
        staff = {p.id for p in people.values() if words and words <= set(p.company_key.split())}
        if staff:
            return TargetKind.COMPANY, staff
    if kind in (TargetKind.AUTO, TargetKind.SECTOR):
        sector = {p.id for p in people.values() if p.sector and wanted in name_key(p.sector)}
        if sector:
            return TargetKind.SECTOR, sector
    if kind is TargetKind.AUTO and named:
        return TargetKind.PERSON, {cid for cid, _ in named}
    raise NotFound(N_("person, company or sector"), text)


_LINKS = {
    TieKind.KNOWS: N_("knows"),
    TieKind.COLLEAGUE: N_("works with"),
    TieKind.INTRODUCED: N_("was introduced to"),
    TieKind.FAMILY: N_("is family of"),
    TieKind.SAME_COMPANY: N_("may know (same company)"),
    TieKind.SAME_GROUP: N_("may know (same group)"),
    TieKind.SAME_EVENT: N_("may know (met at the same event)"),
}


def _about(person: Person) -> str:
    if person.position and person.company:
        return gettext("{position} at {company}").format(
            position=person.position, company=person.company
        )
    return person.position or person.company or person.sector


def _met(person: Person, today: dt.date) -> str:
    if person.last_met is None:
        return gettext("not met yet")
    days = (today - person.last_met).days
    if days < 7:
        return gettext("met this week")
    if days < 31:
        return gettext("met this month")
    months = days // 30
    return ngettext("met {n} month ago", "met {n} months ago", months).format(n=months)


def _in_words(path: IntroPath, people: dict[ContactId, Person], today: dt.date) -> Introduction:
    steps = []
    for index, person_id in enumerate(path.people):
        person = people[person_id]
        link = path.edges[index].kind if index < len(path.edges) else None
        steps.append(Step(person_id, person.name, _about(person), person.tier.value, link))
    first = people[path.first]
    who = gettext("{name} ({tier}, {met})").format(
        name=first.name, tier=gettext(first.tier.label), met=_met(first, today)
    )
    if path.hops == 1:
        sentence = gettext("You know {who} yourself").format(who=who)
        if steps[0].about:
            sentence += f": {steps[0].about}"
    else:
        sentence = _chain(steps, who)
    return Introduction(steps, path.chance, sentence)


def _chain(steps: list[Step], who: str) -> str:
    """ "Anna Müller (unicorn, met last month) knows Jens Weber, Head of HR at Siemens";
    a third step starts again with its person's name: "…; Jens Weber works with …"."""
    parts = []
    for index, (step, following) in enumerate(itertools.pairwise(steps)):
        assert step.link is not None
        described = f"{following.name}, {following.about}" if following.about else following.name
        start = who if index == 0 else step.name
        parts.append(f"{start} {gettext(_LINKS[step.link])} {described}")
    return "; ".join(parts)
