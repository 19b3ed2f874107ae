"""Use cases of the strategy: the goal, tier suggestions from it, the weekly time budget."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass

from einhorn.advice.bubble import Diversity, diversity, missing
from einhorn.advice.budget import Load, weekly_load
from einhorn.advice.channels import ChannelAdvice, advise, load_networks
from einhorn.advice.relevance import (
    Facts,
    Relevance,
    Rules,
    load_rules,
    relevance,
    seniority_word,
)
from einhorn.advice.triage import Decision, messages, triage
from einhorn.domain.contacts import Contact, Sphere, name_key, normalise_network
from einhorn.domain.goals import Goal
from einhorn.domain.ids import ContactId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.limits import URL, check_length
from einhorn.domain.reviews import StrategyReview, TierMove
from einhorn.domain.tiers import Tier, TierSource
from einhorn.errors import Conflict, NotFound
from einhorn.i18n import N_, gettext, ngettext
from einhorn.interchange.keys import company_key, split_name
from einhorn.services.contacts import resolve_contact
from einhorn.services.ports import ContactOutline, UnitOfWork
from einhorn.services.structure import structure_summary

YEAR = dt.timedelta(days=365)


def set_goal(*, uow: UnitOfWork, goal: Goal, now: dt.datetime) -> Goal:
    """Make ``goal`` the current goal; the one before stays in the history."""
    goal.set_at = now
    saved = uow.goals.add(goal)
    uow.commit()
    return saved


def current_goal(*, uow: UnitOfWork) -> Goal:
    goal = uow.goals.current()
    if goal is None:
        raise Conflict(N_("No goal yet: set one with einhorn goal set."))
    return goal


@dataclass(frozen=True, slots=True)
class TierSuggestion:
    contact_id: ContactId
    display_name: str
    current: Tier
    suggested: Tier
    set_by_hand: bool
    relevance: Relevance


def suggest_tiers(
    *, uow: UnitOfWork, today: dt.date, rules: Rules | None = None
) -> list[TierSuggestion]:
    """Every contact whose tier the goal suggests to change, most relevant first."""
    goal = current_goal(uow=uow)
    rules = rules or load_rules()
    targets = GoalTargets(goal)
    met = uow.interactions.counts_since(today - YEAR)
    found = []
    for contact in uow.contacts.outlines():
        scored = relevance(targets.facts(contact, met.get(contact.id, 0)), rules)
        if scored.tier is not contact.tier:
            found.append(
                TierSuggestion(
                    contact.id,
                    contact.display_name,
                    contact.tier,
                    scored.tier,
                    contact.tier_source is TierSource.USER,
                    scored,
                )
            )
    return sorted(found, key=lambda s: (-s.relevance.points, name_key(s.display_name)))


def apply_tier_suggestions(
    *, uow: UnitOfWork, suggestions: list[TierSuggestion], include_manual: bool = False
) -> int:
    """Move the suggested contacts; a tier set by hand only with ``include_manual``."""
    moves = [
        (s.contact_id, s.suggested) for s in suggestions if include_manual or not s.set_by_hand
    ]
    uow.contacts.set_tiers(moves, TierSource.SUGGESTION)
    uow.commit()
    return len(moves)


def accept_tier_suggestions(
    *, uow: UnitOfWork, today: dt.date, contact_ids: Collection[ContactId] | None = None
) -> int:
    """Move the contacts the user picked from the suggestions, in one unit of work.

    The suggestions are made again, so a pick that is no longer suggested moves nothing.
    A pick is the user's own decision: it moves a tier set by hand too. ``None`` accepts
    every suggestion except those tiers set by hand (as ``einhorn suggest tiers --apply``).
    """
    suggestions = suggest_tiers(uow=uow, today=today)
    if contact_ids is None:
        return apply_tier_suggestions(uow=uow, suggestions=suggestions)
    picked = set(contact_ids)
    chosen = [s for s in suggestions if s.contact_id in picked]
    return apply_tier_suggestions(uow=uow, suggestions=chosen, include_manual=True)


class GoalTargets:
    """The goal's targets, folded once, to compare with each contact."""

    def __init__(self, goal: Goal) -> None:
        self.companies = [(name, set(company_key(name).split())) for name in goal.target_companies]
        self.roles = [(role, name_key(role)) for role in goal.target_roles]
        self.sectors = [(sector, name_key(sector)) for sector in goal.target_sectors]

    def facts(self, contact: ContactOutline, meetings: int) -> Facts:
        return Facts(
            target_company=self.company_of(contact.company),
            target_role=_first_within(self.roles, contact.position),
            target_sector=_first_within(self.sectors, contact.sector),
            position=contact.position,
            meetings_last_year=meetings,
            wish_list=contact.wish_list,
            private_only=contact.sphere is Sphere.PRIVATE,
        )

    def company_of(self, company: str) -> str:
        """The target company the contact works at: "Siemens" for "Siemens Healthineers AG"."""
        if not company or not self.companies:
            return ""
        words = set(company_key(company).split())
        return next((name for name, target in self.companies if target and target <= words), "")


def _first_within(targets: list[tuple[str, str]], text: str) -> str:
    folded = name_key(text)
    return next((name for name, key in targets if key and key in folded), "") if folded else ""


def budget(*, uow: UnitOfWork, today: dt.date, rules: Rules | None = None) -> Load:
    """The weekly load of the tiers' cadences against the goal's budget, with fixes."""
    goal = current_goal(uow=uow)
    ranked = _unicorns_least_relevant_first(uow, goal, today, rules or load_rules())
    return weekly_load(
        uow.contacts.cadence_counts(),
        uow.account.cadence,
        goal.meetings_per_week,
        goal.minutes_per_week,
        ranked,
    )


def _unicorns_least_relevant_first(
    uow: UnitOfWork, goal: Goal, today: dt.date, rules: Rules
) -> list[int]:
    targets = GoalTargets(goal)
    met = uow.interactions.counts_since(today - YEAR)
    scored = [
        (relevance(targets.facts(c, met.get(c.id, 0)), rules).points, name_key(c.display_name), c)
        for c in uow.contacts.outlines(Tier.UNICORN)
        if not c.wish_list and c.cadence_days is None  # own cadences don't follow the tier
    ]
    return [c.id for _, _, c in sorted(scored, key=lambda item: (item[0], item[1]))]


IN_PERSON = (
    InteractionKind.LUNCH,
    InteractionKind.COFFEE,
    InteractionKind.MEETING,
    InteractionKind.EVENT,
)


@dataclass(frozen=True, slots=True)
class TriageResult:
    contact_id: ContactId | None  # None: somebody who is not among the contacts
    display_name: str
    decision: Decision
    messages: dict[str, str]  # "de_sie", "de_du", "en"
    form_of_address: str | None


def triage_request(
    *, uow: UnitOfWork, ref: str, kind: InteractionKind, today: dt.date
) -> TriageResult:
    """Accept, propose a call or decline a meeting request from ``ref``, with the text."""
    goal = current_goal(uow=uow)
    contact = uow.contacts.get(resolve_contact(uow=uow, ref=ref))
    met = uow.interactions.counts_since(today - YEAR).get(contact.key, 0)
    return _triage(uow, goal, contact, met, kind, today)


def triage_anyone(
    *, uow: UnitOfWork, who: str, company: str, kind: InteractionKind, today: dt.date
) -> TriageResult:
    """Like ``triage_request``, and for somebody who is not a contact yet: a request from a
    stranger weighs like a penguin's, unless ``company`` is one of the goal's targets.

    An id (``#12``) must name a contact; a name that matches none is taken as a stranger's.
    """
    try:
        return triage_request(uow=uow, ref=who, kind=kind, today=today)
    except NotFound:
        if who.strip().removeprefix("#").isdigit():
            raise
    stranger = Contact(display_name=who, company=company)
    return _triage(uow, current_goal(uow=uow), stranger, 0, kind, today)


def _triage(
    uow: UnitOfWork, goal: Goal, contact: Contact, met: int, kind: InteractionKind, today: dt.date
) -> TriageResult:
    outline = ContactOutline(
        contact.id or ContactId(0),
        contact.display_name,
        contact.company,
        contact.position,
        contact.sector,
        contact.tier,
        contact.tier_source,
        contact.wish_list,
        contact.sphere,
    )
    monday = today - dt.timedelta(days=today.weekday())
    decision = triage(
        tier=contact.tier,
        relevance=relevance(GoalTargets(goal).facts(outline, met), load_rules()),
        kind=kind,
        meetings_this_week=uow.interactions.count_between(monday, today, IN_PERSON),
        budget_per_week=goal.meetings_per_week,
    )
    parts = split_name(contact.display_name)  # "Dr. Anna Müller": Anna, never "Dr."
    first = contact.given_name or parts.given or parts.family or contact.display_name
    return TriageResult(
        contact.id,
        contact.display_name,
        decision,
        messages(decision.answer, kind, contact.display_name, first),
        contact.form_of_address.value if contact.form_of_address else None,
    )


@dataclass(frozen=True, slots=True)
class Bubble:
    """The network's spread by attribute, for all contacts and for the year's new ones."""

    all: dict[str, Diversity]
    new: dict[str, Diversity]
    new_contacts: int
    missing_sectors: list[str]
    missing_roles: list[str]


def bubble(*, uow: UnitOfWork, today: dt.date, rules: Rules | None = None) -> Bubble:
    return _bubble(
        uow.goals.current(),
        uow.contacts.outlines(),
        today,
        rules or load_rules(),
        uow.groups.group_names_by_contact(),
    )


def _bubble(
    goal: Goal | None,
    people: list[ContactOutline],
    today: dt.date,
    rules: Rules,
    in_group: dict[ContactId, str],
) -> Bubble:
    recent = [p for p in people if p.created_on and p.created_on > today - YEAR]
    return Bubble(
        all=_spread(people, rules, in_group),
        new=_spread(recent, rules, in_group),
        new_contacts=len(recent),
        missing_sectors=missing(goal.target_sectors, (p.sector for p in people)) if goal else [],
        missing_roles=missing(goal.target_roles, (p.position for p in people)) if goal else [],
    )


def _spread(
    people: list[ContactOutline], rules: Rules, in_group: dict[ContactId, str]
) -> dict[str, Diversity]:
    return {
        "sector": diversity(p.sector for p in people),
        "role": diversity(role_level(p.position, rules) for p in people),
        "city": diversity(p.city for p in people),
        "group": diversity(in_group.get(p.id, "") for p in people),
    }


def role_level(position: str, rules: Rules) -> str:
    """ "senior" or "staff" from the position's words; "" (unknown) without a position."""
    if not position.strip():
        return ""
    return "senior" if seniority_word(position, rules) else "staff"


@dataclass(frozen=True, slots=True)
class ChannelReport:
    advice: list[ChannelAdvice]
    presence: dict[str, tuple[bool, str]]  # network → (present, URL), as recorded
    targets_known: int  # contacts at the goal's target companies


def channel_advice(*, uow: UnitOfWork) -> ChannelReport:
    """Invest, keep or skip for each network, from the goal and where the people at the
    target companies are."""
    goal = current_goal(uow=uow)
    targets = GoalTargets(goal)
    at_targets = [c.id for c in uow.contacts.outlines() if targets.company_of(c.company)]
    on: Counter[str] = Counter()
    for networks in uow.contacts.profile_networks(at_targets).values():
        on.update(networks)
    return ChannelReport(
        advise(goal, load_networks(), dict(on), len(at_targets)),
        uow.channels.presence(),
        len(at_targets),
    )


def set_channel(*, uow: UnitOfWork, network: str, present: bool, url: str) -> None:
    # The column holds limits.URL characters; PostgreSQL would refuse a longer address.
    uow.channels.set(normalise_network(network), present, check_length("url", url.strip(), URL))
    uow.commit()


@dataclass(frozen=True, slots=True)
class Gap:
    contact_id: ContactId
    display_name: str
    tier: Tier
    step: str  # a message id: the suggested next step


@dataclass(frozen=True, slots=True)
class Gaps:
    met_not_connected: list[Gap]  # met in person, no profile on any network
    connected_never_met: list[Gap]  # a profile somewhere, never met in person


# The next step for someone connected online but never met, by tier.
_MEET_STEP = {
    Tier.UNICORN: N_("suggest a coffee or lunch"),
    Tier.FLAMINGO: N_("suggest a short call"),
    Tier.PENGUIN: N_("write a message or comment on a post"),
}


def gaps(*, uow: UnitOfWork) -> Gaps:
    """Step 7: online and offline belong together. Who was met but is not connected, and
    who is connected but was never met, unicorns first."""
    met = uow.interactions.participants_of_kinds(IN_PERSON)
    online = uow.contacts.with_profiles()
    people = sorted(
        uow.contacts.outlines(), key=lambda c: (_RANK_ORDER[c.tier], name_key(c.display_name))
    )
    return Gaps(
        [
            Gap(c.id, c.display_name, c.tier, N_("connect on LinkedIn or Xing"))
            for c in people
            if c.id in met and c.id not in online
        ],
        [
            Gap(c.id, c.display_name, c.tier, _MEET_STEP[c.tier])
            for c in people
            if c.id in online and c.id not in met and not c.wish_list
        ],
    )


_RANK_ORDER = {Tier.UNICORN: 0, Tier.FLAMINGO: 1, Tier.PENGUIN: 2}


def make_review(
    *,
    uow: UnitOfWork,
    today: dt.date,
    now: dt.datetime,
    publish: Callable[[StrategyReview], None] | None = None,
) -> StrategyReview:
    """Step 8: the goal against what happened since the last review, kept for the next.

    ``publish`` (writing the report) runs before the review is kept: when it fails, nothing
    is stored and the next review still compares with the last one.
    """
    review = preview_review(uow=uow, today=today, now=now)
    uow.reviews.add(review)
    if publish is not None:
        publish(review)
    uow.commit()
    return review


def preview_review(*, uow: UnitOfWork, today: dt.date, now: dt.datetime) -> StrategyReview:
    """The review ``make_review`` would keep now, without keeping it (the web shows it on a
    GET, which must change nothing; saving it is a separate request)."""
    goal = current_goal(uow=uow)
    before = uow.reviews.latest()
    # The days after the last review, today included: a day is never counted twice.
    since = (
        before.until + dt.timedelta(days=1)
        if before
        else today - dt.timedelta(days=goal.review_every_days - 1)
    )
    days = max(0, (today - since).days + 1)
    people = uow.contacts.outlines()
    tiers = {int(c.id): c.tier.value for c in people}
    counts = Counter(c.tier.value for c in people)
    # The bubble from the contacts read above: reading them again and spreading them twice
    # cost a third of the review's time on 30,000 contacts.
    found = _bubble(goal, people, today, load_rules(), uow.groups.group_names_by_contact())
    spread = found.all
    load = budget(uow=uow, today=today)
    suggestions = [fix.text() for fix in load.fixes]
    suggestions += [
        gettext("Meet someone from the sector {sector}").format(sector=sector)
        for sector in found.missing_sectors
    ]
    shape = structure_summary(uow=uow, today=today)
    if shape and shape.weak_ties_outside:
        suggestions.append(
            ngettext(
                "Renew your weak tie outside your clusters (einhorn structure names them)",
                "Renew one of your {count} weak ties outside your clusters "
                "(einhorn structure names them)",
                shape.weak_ties_outside,
            ).format(count=shape.weak_ties_outside)
        )
    return StrategyReview(
        created_at=now,
        since=since,
        until=today,
        goal=goal.describe(),
        meetings_held=uow.interactions.count_between(since, today, IN_PERSON),
        meetings_budget=round(goal.meetings_per_week * days / 7, 1),
        tier_counts={tier.value: counts.get(tier.value, 0) for tier in Tier},
        tier_counts_before=before.tier_counts if before else None,
        moves=_moves(before, people),
        neglected_unicorns=[
            entry.display_name
            for entry in uow.contacts.due(today=today, horizon_days=0, limit=None)
            if entry.tier is Tier.UNICORN and entry.next_due_on < today
        ],
        new_contacts=sum(1 for c in people if c.created_on and c.created_on >= since),
        blau={key: round(item.blau, 3) for key, item in spread.items()},
        blau_before=before.blau if before else None,
        channels={k: present for k, (present, _) in uow.channels.presence().items()},
        groups={g.name: g.engagement.value for g in uow.groups.list_()},
        suggestions=suggestions,
        tiers=tiers,
        structure=shape,
    )


def _moves(before: StrategyReview | None, people: list[ContactOutline]) -> list[TierMove]:
    if before is None:
        return []
    return [
        TierMove(int(c.id), c.display_name, Tier(before.tiers[int(c.id)]), c.tier)
        for c in people
        if int(c.id) in before.tiers and before.tiers[int(c.id)] != c.tier.value
    ]


def review_due_on(*, uow: UnitOfWork) -> dt.date | None:
    """When the next review is due: one interval after the last (or after the goal was
    set); None without a goal."""
    goal = uow.goals.current()
    if goal is None:
        return None
    last = uow.reviews.latest()
    start = last.until if last else (goal.set_at.date() if goal.set_at else None)
    return start + dt.timedelta(days=goal.review_every_days) if start else None


def review_history(*, uow: UnitOfWork, limit: int | None = None) -> list[StrategyReview]:
    """The kept reviews, newest first; each carries the figures of the one before it
    (``tier_counts_before``, ``blau_before``), so the change needs no second look-up."""
    return uow.reviews.history(limit=limit)
