"""Use cases of #neverlunchalone: a lunch plan over weeks that spends the time where the goal
needs it, keeps what the user accepted, and says why each person is in it."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from pathlib import Path

from einhorn.advice.bubble import bubble_classes
from einhorn.advice.relevance import Rules, load_rules, relevance
from einhorn.domain.contacts import Sphere, name_key
from einhorn.domain.dates import parse_date
from einhorn.domain.due import next_due_on
from einhorn.domain.goals import Goal
from einhorn.domain.ids import ContactId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.plans import (
    DEFAULT_DAYS,
    LunchSlot,
    Reason,
    SlotStatus,
    Trip,
)
from einhorn.domain.tiers import NEVER, Tier, effective_cadence
from einhorn.domain.ties import Tie
from einhorn.errors import Conflict, InvalidInput
from einhorn.i18n import N_, format_date
from einhorn.interchange.icalendar_export import calendar_bytes
from einhorn.interchange.keys import company_key
from einhorn.planning.lunch import (
    Candidate,
    LunchDay,
    LunchPlan,
    LunchProblem,
    Settings,
    solve,
)
from einhorn.services.contacts import resolve_contact
from einhorn.services.export import write_atomically
from einhorn.services.feeds import lunch_items
from einhorn.services.interactions import log_interaction
from einhorn.services.plan_views import (
    PlanOptions,
    PlanReport,
    Shortfall,
    SlotView,
    SolverFigures,
    slot_views,
)
from einhorn.services.ports import ContactOutline, UnitOfWork
from einhorn.services.strategy import GoalTargets, role_level

YEAR = dt.timedelta(days=365)
MAX_WEEKS = 16  # beyond, unicorns fall due 3+ times and the solver proves plans slowly
IN_PERSON = (InteractionKind.LUNCH, InteractionKind.COFFEE, InteractionKind.MEETING)
INTRODUCER_VALUE = 25  # a lunch that opens the way to someone on the wish list
ROLE_LEVELS = {"senior": N_("senior roles"), "staff": N_("staff roles")}


def lunch_pattern(options: PlanOptions) -> tuple[int, ...]:
    """The weekdays of the lunches, checked against ``--per-week``."""
    if options.days is None:
        per_week = 2 if options.per_week is None else options.per_week
        if per_week not in DEFAULT_DAYS:
            raise InvalidInput("per-week", per_week, N_("between 1 and 5 lunches a week"))
        return DEFAULT_DAYS[per_week]
    if options.per_week is not None and options.per_week != len(options.days):
        raise InvalidInput(
            "per-week", options.per_week, N_("give as many --days as lunches per week")
        )
    return options.days


def plan_lunches(*, uow: UnitOfWork, today: dt.date, options: PlanOptions) -> PlanReport:
    """A new plan from ``options.start``: accepted, held and skipped days stay as they are,
    every other day gets the best person the solver finds."""
    problem, candidates = lunch_problem(uow=uow, today=today, options=options)
    start, end = options.start or today + dt.timedelta(days=1), problem.end
    began = time.perf_counter()
    plan = solve(problem, Settings(time_limit=options.time_limit, seed=options.seed))
    seconds = time.perf_counter() - began
    fresh = [
        LunchSlot(
            lunch.day, _contact(lunch.key), SlotStatus.PROPOSED, list(lunch.reasons), lunch.city
        )
        for lunch in plan.lunches
        if not lunch.fixed
    ]
    uow.plans.replace_proposed(start, fresh)
    uow.commit()
    return PlanReport(
        slot_views(uow, uow.plans.slots(start, end - dt.timedelta(days=1))),
        _shortfalls(uow, plan),
        SolverFigures(
            plan.objective,
            plan.bound,
            plan.proven,
            plan.gap,
            plan.considered,
            candidates,
            plan.chance_lunches,
            plan.chance_slots,
            seconds,
        ),
    )


def lunch_problem(
    *, uow: UnitOfWork, today: dt.date, options: PlanOptions
) -> tuple[LunchProblem, int]:
    """The planning problem for ``options``, and how many contacts could have lunch at all.

    Accepted and held lunches are fixed; skipped days are left out.
    """
    weekdays = lunch_pattern(options)
    if not 1 <= options.weeks <= MAX_WEEKS:
        raise InvalidInput("weeks", options.weeks, N_("between 1 and 16 weeks"))
    if not 7 <= options.window_days <= 365:
        raise InvalidInput("window", options.window_days, N_("between 1 and 52 weeks"))
    if not 0 <= options.chance_share <= 1:
        raise InvalidInput("share", options.chance_share, N_("between 0 and 100 %"))
    start = options.start or today + dt.timedelta(days=1)
    if start < today:
        raise InvalidInput("start", start.isoformat(), N_("in the past"))
    end = start + dt.timedelta(weeks=options.weeks)
    kept = {s.day: s for s in uow.plans.slots(start, end) if s.status.kept and s.day < end}
    trips = uow.plans.trips(start)
    days = []
    day = start
    while day < end:
        slot = kept.get(day)
        if (day.weekday() in weekdays or slot) and not (slot and slot.contact_id is None):
            trip = next((t for t in trips if t.covers(day)), None)
            days.append(
                LunchDay(
                    day,
                    city=name_key(trip.city) if trip else "",
                    shown_city=trip.city if trip else "",
                    taken_by=slot.contact_id if slot else None,
                )
            )
        day += dt.timedelta(days=1)
    # Lunches outside the horizon count for the no-repeat window: those planned before it,
    # and accepted ones after it (proposed ones after it give way to this plan).
    booked = tuple(
        (s.contact_id, s.day)
        for s in uow.plans.slots(start - YEAR, end + YEAR)
        if s.contact_id is not None and (s.day < start or (s.day >= end and s.status.kept))
    )
    return _problem(uow, today, days, end, options, booked=booked)


def _contact(key: int | None) -> ContactId | None:
    return ContactId(key) if key is not None else None


def _problem(
    uow: UnitOfWork,
    today: dt.date,
    days: list[LunchDay],
    end: dt.date,
    options: PlanOptions,
    excluded: frozenset[int] = frozenset(),
    booked: tuple[tuple[int, dt.date], ...] = (),
) -> tuple[LunchProblem, int]:
    """The lunch problem for ``days``, and how many contacts could have lunch at all."""
    goal = uow.goals.current()
    fixed = {d.taken_by for d in days if d.taken_by is not None}
    candidates = _candidates(uow, today, goal, fixed, excluded)
    problem = LunchProblem(
        today,
        end,
        tuple(days),
        tuple(candidates),
        name_key(goal.home_city) if goal else "",
        options.window_days,
        options.chance_share,
        booked,
        repeats=len(candidates) < 2 * len(days),  # a small network: people may come again
    )
    return problem, len(candidates)


def _candidates(
    uow: UnitOfWork,
    today: dt.date,
    goal: Goal | None,
    fixed: set[int],
    excluded: frozenset[int],
) -> list[Candidate]:
    """Everyone the plan may choose, with what a lunch with them is worth and why.

    Not the wish list (whom the user does not know yet: their introducers are proposed
    instead), not private contacts, not those set to no reminders; but always the people
    of accepted lunches.
    """
    rules = load_rules()
    people = uow.contacts.outlines()
    policy = uow.account.cadence
    in_group = uow.groups.group_names_by_contact()
    bubble = _Bubble(people, in_group, goal, rules)
    targets = GoalTargets(goal) if goal else None
    met = uow.interactions.counts_since(today - YEAR) if targets else {}
    wishes = [p.id for p in people if p.wish_list]
    introduces = _introducers(people, in_group, uow.ties.touching(wishes) if wishes else [])
    last_lunch = uow.interactions.last_of_kinds(IN_PERSON)
    found = []
    for person in people:
        if person.id in excluded:
            continue
        chosen = person.id in fixed
        if not chosen and (
            person.wish_list or person.sphere is Sphere.PRIVATE or person.cadence_days == NEVER
        ):
            continue
        cadence = effective_cadence(policy, person.tier, person.cadence_days)
        due = next_due_on(
            cadence_days=cadence,
            last_interaction_on=person.last_interaction_on,
            created_on=person.created_on or today,
        )
        reasons: list[Reason] = []
        value = 0
        outside = bubble.outside(person)
        if outside:
            reasons.append(Reason("outside_bubble", {"what": outside}))
        worth_knowing = False
        if targets and person.tier is Tier.PENGUIN:
            facts = targets.facts(person, met.get(person.id, 0))
            if facts.target_company or facts.target_role or facts.target_sector:
                scored = relevance(facts, rules)
                first = scored.reasons[0]
                reasons.append(
                    Reason("worth_knowing", {"why": first.message, "args": first.values})
                )
                value += scored.points
                worth_knowing = True
        if person.id in introduces:  # by id: the name is looked up when shown
            reasons.append(Reason("introduces", {"contact_id": introduces[person.id]}))
            value += INTRODUCER_VALUE
        found.append(
            Candidate(
                person.id,
                person.tier,
                cadence,
                person.last_interaction_on,
                due,
                name_key(person.city),
                value,
                chance=bool(outside) or worth_knowing,
                reasons=tuple(reasons),
                last_lunch=last_lunch.get(person.id),
            )
        )
    return found


class _Bubble:
    """The user's bubble by sector, role level and group; who lies outside it."""

    def __init__(
        self,
        people: Sequence[ContactOutline],
        in_group: dict[ContactId, str],
        goal: Goal | None,
        rules: Rules,
    ) -> None:
        self.rules = rules
        self.in_group = in_group
        self.sectors = bubble_classes(p.sector for p in people)
        if goal and goal.sector:
            self.sectors.add(name_key(goal.sector).casefold())
        self.levels = bubble_classes(role_level(p.position, rules) for p in people)
        self.groups = bubble_classes(in_group.values())

    def outside(self, person: ContactOutline) -> str:
        """What takes the person outside the bubble ("" when nothing does)."""
        sector = " ".join(person.sector.split())
        if sector and sector.casefold() not in self.sectors:
            return sector
        level = role_level(person.position, self.rules)
        if level and self.levels and level not in self.levels:
            return ROLE_LEVELS[level]
        group = self.in_group.get(person.id, "")
        if group and " ".join(group.split()).casefold() not in self.groups:
            return group
        return ""


def _introducers(
    people: Sequence[ContactOutline], in_group: dict[ContactId, str], ties: Sequence[Tie]
) -> dict[int, int]:
    """For each wish-list person, one known contact who can introduce them: someone with a
    recorded tie to them (the strongest first), else a colleague at the same company, else
    someone in the same group (the closest tier first).

    Returns introducer → the wish-list person's id.
    """
    known = [p for p in people if not p.wish_list and p.sphere is not Sphere.PRIVATE]
    askable = {p.id: p for p in known}
    tied: dict[ContactId, list[ContactOutline]] = {}
    for tie in sorted(ties, key=lambda t: -t.strength):
        for wished, other in ((tie.a, tie.b), (tie.b, tie.a)):
            if other in askable:
                tied.setdefault(wished, []).append(askable[other])
    by_company: dict[str, list[ContactOutline]] = {}
    by_group: dict[str, list[ContactOutline]] = {}
    for person in sorted(known, key=lambda p: (p.tier.rank, p.id)):
        if person.company:
            by_company.setdefault(company_key(person.company), []).append(person)
        if person.id in in_group:
            by_group.setdefault(in_group[person.id], []).append(person)
    found: dict[int, int] = {}
    for wish in (p for p in people if p.wish_list):
        options = (
            tied.get(wish.id, [])
            or (by_company.get(company_key(wish.company), []) if wish.company else [])
            or by_group.get(in_group.get(wish.id, ""), [])
        )
        for introducer in options:
            if introducer.id not in found:
                found[introducer.id] = wish.id
                break
    return found


def _shortfalls(uow: UnitOfWork, plan: LunchPlan) -> list[Shortfall]:
    people = {c.key: c for c in uow.contacts.get_many([ContactId(s.key) for s in plan.shortfalls])}
    return [
        Shortfall(
            ContactId(s.key),
            people[ContactId(s.key)].display_name,
            s.tier,
            s.due_on,
            s.cause,
            people[ContactId(s.key)].city,
        )
        for s in plan.shortfalls
        if ContactId(s.key) in people
    ]


def show_plan(*, uow: UnitOfWork, today: dt.date, since: dt.date | None = None) -> PlanReport:
    """The plan from ``since`` (default: today) on."""
    return PlanReport(slot_views(uow, uow.plans.slots(since or today)), [])


def resolve_slot(*, uow: UnitOfWork, ref: str, today: dt.date) -> LunchSlot:
    """A slot by its id (``12``, ``#12``) or its day (``2026-12-01``, ``1.12.2026``)."""
    text = ref.strip().removeprefix("#")
    if text.isascii() and text.isdigit() and len(text) < 9:
        return uow.plans.get_slot(int(text))
    day = parse_date(ref, "slot", today=today)
    found = uow.plans.slots(day, day)
    if not found:
        raise InvalidInput("slot", ref, N_("no lunch is planned that day"))
    return found[0]


def accept_slots(*, uow: UnitOfWork, refs: Sequence[str], today: dt.date) -> list[SlotView]:
    """Confirm lunches: they stay when re-planning. No refs: every proposed lunch ahead that
    has a person."""
    if refs:
        slots = [resolve_slot(uow=uow, ref=ref, today=today) for ref in refs]
        for slot in slots:
            if slot.contact_id is None:
                raise Conflict(
                    N_("Nobody is planned on {day}: swap someone in first."),
                    day=format_date(slot.day),
                )
            _not_held(slot)
            if slot.day < today:  # a past lunch was held or not: done or skip, not accept
                raise InvalidInput("slot", format_date(slot.day), N_("in the past"))
    else:
        slots = [
            s
            for s in uow.plans.slots(today)
            if s.status is SlotStatus.PROPOSED and s.contact_id is not None
        ]
    for slot in slots:
        slot.status = SlotStatus.ACCEPTED
        uow.plans.update_slot(slot)
    uow.commit()
    return slot_views(uow, slots)


def _not_held(slot: LunchSlot) -> None:
    if slot.status is SlotStatus.HELD:
        raise Conflict(N_("The lunch on {day} has been held already."), day=format_date(slot.day))


def skip_slot(*, uow: UnitOfWork, ref: str, today: dt.date) -> SlotView:
    """No lunch that day; re-planning leaves the day free."""
    slot = resolve_slot(uow=uow, ref=ref, today=today)
    _not_held(slot)
    slot.status, slot.contact_id, slot.reasons = SlotStatus.SKIPPED, None, []
    uow.plans.update_slot(slot)
    uow.commit()
    return slot_views(uow, [slot])[0]


def swap_slot(
    *,
    uow: UnitOfWork,
    ref: str,
    today: dt.date,
    with_ref: str | None = None,
    options: PlanOptions | None = None,
) -> SlotView:
    """Another person for a lunch ahead: the one named (then accepted), or the solver's next
    best, with every other planned lunch held as it is."""
    slot = resolve_slot(uow=uow, ref=ref, today=today)
    _not_held(slot)
    if slot.status is SlotStatus.SKIPPED:
        raise Conflict(
            N_("{day} is skipped: plan again to have a lunch that day."), day=format_date(slot.day)
        )
    if slot.day < today:
        raise InvalidInput("slot", format_date(slot.day), N_("in the past"))
    options = options or PlanOptions()
    others = tuple(
        (s.contact_id, s.day)
        for s in uow.plans.slots(slot.day - YEAR, slot.day + YEAR)
        if s.contact_id is not None and s.id != slot.id
    )
    if with_ref is not None:
        chosen = resolve_contact(uow=uow, ref=with_ref)
        window = options.window_days
        near = [d for key, d in others if key == chosen and abs((d - slot.day).days) < window]
        if near:
            raise Conflict(
                N_(
                    "{name} has a lunch planned on {day} already: "
                    "nobody twice within {weeks} weeks."
                ),
                name=uow.contacts.get(chosen).display_name,
                day=format_date(near[0]),
                weeks=window // 7,
            )
        slot.contact_id, slot.status, slot.reasons = chosen, SlotStatus.ACCEPTED, [Reason("chosen")]
    else:
        trip = next((t for t in uow.plans.trips(slot.day) if t.covers(slot.day)), None)
        day = LunchDay(
            slot.day,
            city=name_key(trip.city) if trip else "",
            shown_city=trip.city if trip else "",
        )
        excluded = frozenset({slot.contact_id} if slot.contact_id else set())
        problem, _ = _problem(
            uow, today, [day], slot.day + dt.timedelta(days=1), options, excluded, others
        )
        plan = solve(problem, Settings(time_limit=options.time_limit, seed=options.seed))
        [lunch] = plan.lunches
        slot.contact_id = _contact(lunch.key)
        slot.reasons = list(lunch.reasons)
        slot.status = SlotStatus.PROPOSED
    uow.plans.update_slot(slot)
    uow.commit()
    return slot_views(uow, [slot])[0]


def hold_slot(*, uow: UnitOfWork, ref: str, today: dt.date, note: str = "") -> SlotView:
    """The lunch took place: log it as an interaction (the person's clock restarts)."""
    slot = resolve_slot(uow=uow, ref=ref, today=today)
    if slot.contact_id is None:
        raise Conflict(N_("Nobody is planned on {day}."), day=format_date(slot.day))
    _not_held(slot)
    if slot.day > today:
        raise InvalidInput("slot", format_date(slot.day), N_("in the future: log it once held"))
    logged = log_interaction(
        uow=uow,
        kind=InteractionKind.LUNCH,
        refs=[f"#{slot.contact_id}"],
        occurred_on=slot.day,
        today=today,
        note=note,
        city=slot.city,
    )
    slot.status, slot.interaction_id = SlotStatus.HELD, logged.interaction.id
    uow.plans.update_slot(slot)
    uow.commit()
    return slot_views(uow, [slot])[0]


def plan_calendar(
    *, uow: UnitOfWork, out: Path, now: dt.datetime, views: Sequence[SlotView]
) -> int:
    """The planned lunches with a person as calendar events at noon; returns the count."""
    items = lunch_items(uow=uow, views=views)
    write_atomically(out, calendar_bytes(items, stamp=now).decode("utf-8"), newline="")
    return len(items)


def add_trip(*, uow: UnitOfWork, trip: Trip, today: dt.date) -> Trip:
    if trip.to_on < today:
        raise InvalidInput("to", format_date(trip.to_on), N_("in the past"))
    saved = uow.plans.add_trip(trip)
    uow.commit()
    return saved


def remove_trip(*, uow: UnitOfWork, trip_id: int) -> None:
    uow.plans.delete_trip(trip_id)
    uow.commit()
