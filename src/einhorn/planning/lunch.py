"""The personal lunch plan as an optimisation: whom to have lunch with on which day.

Solved with CP-SAT from OR-Tools. A contact whose cadence falls due k times in the horizon
has k *occurrences* (due on its next due day, then one cadence later each); every other
contact has one. There is a yes/no variable for each occurrence and each day on which the
contact can be met. The objective is the plan's worth, a sum of rewards, so a gap to the
solver's bound reads as "within x % of the best possible plan":

- a lunch is worth its tier's value plus what the goal adds (relevance, an introduction);
- an occurrence earns a reward for every day of the horizon, from its due day on, that it
  is not overdue (a late lunch costs by the day, a unicorn's three times a flamingo's);
- the slots that go to people outside the bubble, up to the chance share, earn a reward.

Hard rules: one person per day, one day per occurrence; nobody twice within the no-repeat
window (counting accepted lunches and the last one held; a person's window is at least a
week shorter than their cadence, or the cadence could not be kept); on a trip's days only
people in that city; on days at home only people who live there or whose city is unknown.

With values per (occurrence, day) the model is close to an assignment problem, whose linear
relaxation is tight: CP-SAT proves 200-contact plans optimal in about a second.
``evaluate`` scores any plan by the same rules (a person's lunches fill the occurrences in
order), so the solver's plan and a simple rule's can be compared on one scale.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from einhorn.domain.plans import DEFAULT_CHANCE_SHARE, DEFAULT_NO_REPEAT_DAYS, Reason
from einhorn.domain.tiers import Tier

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

TIER_VALUE = {Tier.UNICORN: 60, Tier.FLAMINGO: 30, Tier.PENGUIN: 10}
LATE_PER_DAY = {Tier.UNICORN: 6, Tier.FLAMINGO: 2, Tier.PENGUIN: 1}
SHARE_SLOT = 200  # a slot for someone outside the bubble, up to the share
TIE_SCALE = 1 << 20  # the worth is scaled by this; tie-breaking preferences fill the rest


@dataclass(frozen=True, slots=True)
class Candidate:
    """A contact the plan may choose. ``city`` is folded ("" when unknown)."""

    key: int
    tier: Tier
    cadence_days: int | None = None
    last_met: dt.date | None = None
    due_on: dt.date | None = None  # the next lunch is due; None without a cadence
    city: str = ""
    value: int = 0  # what one lunch is worth beyond the tier's value
    chance: bool = False  # outside the bubble, or a penguin worth getting to know
    reasons: tuple[Reason, ...] = ()  # why, besides tier and last meeting
    last_lunch: dt.date | None = None  # the last meal or meeting in person: starts the window


@dataclass(frozen=True, slots=True)
class LunchDay:
    day: dt.date
    city: str = ""  # a trip's city, folded; "" at home
    shown_city: str = ""  # the trip's city as the user wrote it
    taken_by: int | None = None  # an accepted lunch: the day is not the solver's to fill


@dataclass(frozen=True, slots=True)
class LunchProblem:
    today: dt.date
    end: dt.date  # the day after the horizon
    days: tuple[LunchDay, ...]
    candidates: tuple[Candidate, ...]
    home_city: str = ""  # folded; "" when unknown: everybody can be met at home
    no_repeat_days: int = DEFAULT_NO_REPEAT_DAYS
    chance_share: float = DEFAULT_CHANCE_SHARE
    # Lunches planned outside the horizon (before it, or accepted after it): they count for
    # the no-repeat window only.
    booked: tuple[tuple[int, dt.date], ...] = ()
    # Whether someone may come again without a cadence asking for it (a small network);
    # without, each person has one free lunch at most, which keeps big models small.
    repeats: bool = True

    @property
    def open_days(self) -> list[int]:
        return [i for i, day in enumerate(self.days) if day.taken_by is None]

    @property
    def chance_slots(self) -> int:
        return math.ceil(self.chance_share * len(self.open_days) - 1e-9)

    def reachable(self, candidate: Candidate, day: LunchDay) -> bool:
        if day.city:
            return candidate.city == day.city
        return not self.home_city or not candidate.city or candidate.city == self.home_city

    def window_days(self, candidate: Candidate) -> int:
        """The candidate's no-repeat window: at least a week shorter than their cadence."""
        if candidate.cadence_days:
            return max(1, min(self.no_repeat_days, candidate.cadence_days - 7))
        return self.no_repeat_days

    def booked_days(self) -> dict[int, list[dt.date]]:
        """Each person's lunches that no decision of the plan can move: accepted ones in the
        horizon and those planned outside it."""
        found: dict[int, list[dt.date]] = defaultdict(list)
        for key, day in self.booked:
            found[key].append(day)
        for lunch_day in self.days:
            if lunch_day.taken_by is not None:
                found[lunch_day.taken_by].append(lunch_day.day)
        return found

    def too_soon(self, candidate: Candidate, day: dt.date, booked: Sequence[dt.date]) -> bool:
        """Within the no-repeat window of the candidate's last lunch in person or of one of
        their ``booked`` lunches."""
        window = self.window_days(candidate)
        if candidate.last_lunch and (day - candidate.last_lunch).days < window:
            return True
        return any(abs((other - day).days) < window for other in booked)

    def options(self, candidate: Candidate, booked: dict[int, list[dt.date]]) -> list[int]:
        """The open days (indexes) on which the candidate can come."""
        mine = booked.get(candidate.key, [])
        return [
            i
            for i in self.open_days
            if self.reachable(candidate, self.days[i])
            and not self.too_soon(candidate, self.days[i].day, mine)
        ]


@dataclass(frozen=True, slots=True)
class PlannedLunch:
    day: dt.date
    key: int | None  # None: nobody fits this day
    reasons: tuple[Reason, ...]
    city: str = ""  # the trip's city as written, "" at home
    fixed: bool = False  # accepted before: kept as it was


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A cadence the plan cannot keep, and why: "elsewhere" (lives in a city no trip
    reaches) or "slots" (not enough lunch slots)."""

    key: int
    tier: Tier
    due_on: dt.date
    cause: str
    city: str = ""


@dataclass(frozen=True, slots=True)
class LunchPlan:
    lunches: list[PlannedLunch]
    shortfalls: list[Shortfall]
    objective: int
    bound: int | None  # None: the solver found no plan in time; this is the simple rule's
    optimal: bool
    considered: int  # candidates the model held after the shortlist
    chance_lunches: int = 0
    chance_slots: int = 0

    @property
    def gap(self) -> float | None:
        """How far the plan may be from the best one (0.0: proven best); None: unknown."""
        if self.bound is None:
            return None
        return (self.bound - self.objective) / self.bound if self.bound > 0 else 0.0

    @property
    def proven(self) -> bool:
        return self.optimal or self.gap == 0.0


@dataclass(frozen=True, slots=True)
class Settings:
    time_limit: float = 10.0  # seconds; the best plan so far is returned with its gap
    seed: int = 0
    workers: int = 8  # CP-SAT's portfolio: 8 workers prove a 200-person plan in ~1 s
    shortlist: bool = True


def due_dates(problem: LunchProblem, candidate: Candidate) -> list[dt.date]:
    """When the candidate's lunches fall due in the horizon: the next due day, then one
    cadence later each."""
    cadence, due = candidate.cadence_days, candidate.due_on
    if not cadence or due is None:
        return []
    dates = []
    start = problem.days[0].day if problem.days else problem.today
    while due < problem.end:
        dates.append(due)
        due = max(due, start) + dt.timedelta(days=cadence)  # overdue: the clock restarts
    return dates


def punctuality(problem: LunchProblem, candidate: Candidate, due: dt.date, day: dt.date) -> int:
    """The reward for a lunch due on ``due`` held on ``day``: the horizon's days from its
    due day on that it is not overdue (days overdue before the plan starts are a given)."""
    start = problem.days[0].day if problem.days else problem.today
    counted_from = max(due, start)
    return LATE_PER_DAY[candidate.tier] * max(0, (problem.end - max(day, counted_from)).days)


def occurrences(problem: LunchProblem, candidate: Candidate) -> list[dt.date | None]:
    """The lunches the candidate can have in the horizon, in order: first those that fall
    due (with their due day), then free ones (None), as many as the no-repeat window lets
    fit into the horizon (without ``problem.repeats``, one free one for those never due)."""
    start = problem.days[0].day if problem.days else problem.today
    most = max(1, math.ceil((problem.end - start).days / problem.window_days(candidate)))
    dues: list[dt.date | None] = list(due_dates(problem, candidate)[:most])
    if not problem.repeats:
        return dues or [None]
    return dues + [None] * (most - len(dues))


def occurrence_reward(
    problem: LunchProblem, candidate: Candidate, due: dt.date | None, day: dt.date, index: int
) -> int:
    """The worth of the candidate's ``index``-th lunch of the plan, due on ``due``, held on
    ``day``: the person's worth (half for a repeat nobody's cadence asks for) and its
    punctuality."""
    worth = TIER_VALUE[candidate.tier] + candidate.value
    if due is None:
        return worth if index == 0 else worth // 2
    return worth + punctuality(problem, candidate, due, day)


def _person_rewards(
    problem: LunchProblem, candidate: Candidate, fixed: Sequence[dt.date], new: Sequence[dt.date]
) -> int:
    """A person's rewards: accepted lunches fill the first occurrences and count only for
    punctuality (their worth is no decision of the plan's); new lunches fill the next."""
    slots = occurrences(problem, candidate)
    if len(new) > max(0, len(slots) - len(fixed)):
        raise ValueError(f"{candidate.key} has more lunches than the horizon holds")
    total = 0
    for index, (due, day) in enumerate(zip(slots, [*fixed, *new], strict=False)):
        if index < len(fixed):
            total += punctuality(problem, candidate, due, day) if due else 0
        else:
            total += occurrence_reward(problem, candidate, due, day, index)
    return total


def evaluate(problem: LunchProblem, chosen: Mapping[int, int]) -> int:
    """The worth of a plan: ``chosen`` maps an open day's index to a candidate's key.

    Accepted lunches fill a person's first occurrences. Raises ValueError when the plan
    breaks a hard rule.
    """
    by_key = {c.key: c for c in problem.candidates}
    fixed: dict[int, list[dt.date]] = defaultdict(list)
    for day in problem.days:
        if day.taken_by is not None:
            fixed[day.taken_by].append(day.day)
    new: dict[int, list[dt.date]] = defaultdict(list)
    booked = problem.booked_days()
    total = 0
    chance = 0
    for index, key in sorted(chosen.items()):
        day = problem.days[index]
        candidate = by_key[key]
        if day.taken_by is not None or not problem.reachable(candidate, day):
            raise ValueError(f"{key} cannot have lunch on {day.day}")
        window = problem.window_days(candidate)
        if problem.too_soon(candidate, day.day, booked.get(key, [])) or any(
            abs((other - day.day).days) < window for other in new[key]
        ):
            raise ValueError(f"{key} twice within the no-repeat window")
        new[key].append(day.day)
        chance += candidate.chance
    for candidate in problem.candidates:
        total += _person_rewards(
            problem, candidate, fixed.get(candidate.key, []), new.get(candidate.key, [])
        )
    return total + SHARE_SLOT * min(chance, problem.chance_slots)


def shortlist(problem: LunchProblem) -> LunchProblem:
    """The candidates a good plan draws on, so that the model stays small for any network.

    Only people who can come on at least one open day count. For each place (home, each
    trip's city) with n open days there, it keeps, 3n each: the unicorns and then the others
    whose cadence falls due in the horizon, most overdue first; the most valuable people
    outside the bubble; and 2n of the most valuable others. The accepted lunches' people
    always stay. Not a proof of optimality: ``benchmarks/bench_plan.py`` compares the plan
    on the shortlist with the whole model's optimum.
    """
    booked = problem.booked_days()
    last_day = problem.days[-1].day if problem.days else problem.today
    fixed = {d.taken_by for d in problem.days if d.taken_by is not None}
    keep: dict[int, Candidate] = {c.key: c for c in problem.candidates if c.key in fixed}
    places: dict[str, int] = defaultdict(int)
    for index in problem.open_days:
        places[problem.days[index].city] += 1
    usable: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in problem.candidates:
        for place in {problem.days[i].city for i in problem.options(candidate, booked)}:
            usable[place].append(candidate)

    def worth(c: Candidate) -> tuple[int, int]:
        return (-(TIER_VALUE[c.tier] + c.value), c.key)

    def urgency(c: Candidate) -> tuple[int, dt.date, int, int]:
        return (c.tier.rank, c.due_on or dt.date.max, *worth(c))

    for place, slots in places.items():
        people = usable[place]
        due = sorted((c for c in people if c.due_on and c.due_on <= last_day), key=urgency)
        pools = (
            ([c for c in due if c.tier is Tier.UNICORN], 3 * slots),
            ([c for c in due if c.tier is not Tier.UNICORN], 3 * slots),
            (sorted((c for c in people if c.chance), key=worth), 3 * slots),
            (sorted(people, key=worth), 2 * slots),
        )
        for pool, count in pools:
            for candidate in pool[:count]:
                keep.setdefault(candidate.key, candidate)
    kept = tuple(sorted(keep.values(), key=lambda c: c.key))
    return replace(problem, candidates=kept)


def solve(problem: LunchProblem, settings: Settings | None = None) -> LunchPlan:
    """The best plan CP-SAT finds within the time limit, with its proven bound."""
    from ortools.sat.python import cp_model  # ~0.4 s to import: only when planning

    settings = settings or Settings()
    began = time.perf_counter()
    everyone = problem.candidates
    if settings.shortlist:
        problem = shortlist(problem)
    booked = problem.booked_days()
    model = cp_model.CpModel()
    days = problem.days
    # (candidate, day) → the occurrence variables; each day's lunch is one of them
    x: dict[tuple[int, int], list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    rewards: list[cp_model.LinearExprT] = []
    chance_vars: list[cp_model.IntVar] = []
    constant = 0
    for ci, candidate in enumerate(problem.candidates):
        open_days = problem.options(candidate, booked)
        taken = [d.day for d in days if d.taken_by == candidate.key]
        constant += _person_rewards(problem, candidate, taken, [])
        if not open_days:
            continue
        for index, due in enumerate(occurrences(problem, candidate)):
            if index < len(taken):
                continue  # filled by an accepted lunch
            chosen_once = []
            for di in open_days:
                var = model.new_bool_var(f"x{ci}_{index}_{di}")
                x[ci, di].append((index, var))
                chosen_once.append(var)
                reward = occurrence_reward(problem, candidate, due, days[di].day, index)
                rewards.append(reward * var)
                if candidate.chance:
                    chance_vars.append(var)
            model.add_at_most_one(chosen_once)
        if len(x[ci, open_days[0]]) < 2:
            continue  # one lunch at most: no window to keep
        window = problem.window_days(candidate)
        for i, di in enumerate(open_days):  # nobody twice within the window
            inside = [
                var
                for dj in open_days[i:]
                if (days[dj].day - days[di].day).days < window
                for _, var in x[ci, dj]
            ]
            if len(inside) > 1:
                model.add_at_most_one(inside)
    by_day: dict[int, list[cp_model.IntVar]] = defaultdict(list)
    for (_, di), options in x.items():
        by_day[di].extend(var for _, var in options)
    for variables in by_day.values():
        model.add_at_most_one(variables)
    share = model.new_int_var(0, problem.chance_slots, "share")
    model.add(sum(chance_vars) >= share)
    rewards.append(SHARE_SLOT * share)
    # A small seeded preference per (person, day) below one point of worth makes the best
    # plan unique, so that the same data and seed give the same plan on every run.
    jitter = random.Random(settings.seed)
    span = max(1, TIE_SCALE // (len(problem.open_days) + 1))  # all ties < one point of worth
    ties = [jitter.randrange(span) * var for options in x.values() for _, var in options]
    model.maximize(
        TIE_SCALE * (cp_model.LinearExpr.sum(rewards) + constant) + cp_model.LinearExpr.sum(ties)
    )
    _hint_simple_rule(model, problem, x, share)

    solver = cp_model.CpSolver()
    # Building the model counts against the time limit too.
    solver.parameters.max_time_in_seconds = max(
        0.05, settings.time_limit - (time.perf_counter() - began)
    )
    solver.parameters.random_seed = settings.seed
    solver.parameters.num_workers = settings.workers
    solver.parameters.cp_model_probing_level = 0
    status = solver.solve(model)
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = {
            di: problem.candidates[ci].key
            for (ci, di), options in x.items()
            if any(solver.value(var) for _, var in options)
        }
    else:  # no plan within the time limit (only on a very slow machine): the simple rule's
        chosen = most_overdue_first(problem)
    objective = evaluate(problem, chosen)  # the plan's worth by the rules, for any plan
    bound = solver.best_objective_bound / TIE_SCALE
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE) and math.isfinite(bound)
    return _explain(
        problem,
        chosen,
        everyone,
        objective=objective,
        bound=max(objective, math.floor(bound)) if found else None,
        optimal=status == cp_model.OPTIMAL,
    )


def _hint_simple_rule(
    model: cp_model.CpModel,
    problem: LunchProblem,
    x: Mapping[tuple[int, int], Sequence[tuple[int, cp_model.IntVar]]],
    share: cp_model.IntVar,
) -> None:
    """Start the search from the simple rule's plan: a long plan has a good one at once."""
    rule = most_overdue_first(problem)
    index = {c.key: ci for ci, c in enumerate(problem.candidates)}
    taken = Counter(d.taken_by for d in problem.days if d.taken_by is not None)
    seen: Counter[int] = Counter()
    hinted: set[int] = set()
    chance = 0
    for di, key in sorted(rule.items()):
        occurrence = taken[key] + seen[key]
        seen[key] += 1
        chance += problem.candidates[index[key]].chance
        for number, var in x.get((index[key], di), []):
            if number == occurrence:
                hinted.add(var.index)
    for options in x.values():
        for _, var in options:
            model.add_hint(var, var.index in hinted)
    model.add_hint(share, min(chance, problem.chance_slots))


def most_overdue_first(problem: LunchProblem) -> dict[int, int]:
    """The obvious rule, as a baseline: each day, the reachable person most overdue (within
    the lunches the horizon holds for them)."""
    chosen: dict[int, int] = {}
    met: dict[int, list[dt.date]] = defaultdict(list)
    booked = problem.booked_days()
    taken = Counter(d.taken_by for d in problem.days if d.taken_by is not None)
    room = {c.key: len(occurrences(problem, c)) - taken[c.key] for c in problem.candidates}
    order = sorted(
        problem.candidates,
        key=lambda c: (c.due_on or dt.date.max, c.tier.rank, -c.value, c.key),
    )
    for di in problem.open_days:
        day = problem.days[di]
        for candidate in order:
            if (
                len(met[candidate.key]) < room[candidate.key]
                and problem.reachable(candidate, day)
                and not problem.too_soon(candidate, day.day, booked.get(candidate.key, []))
                and all(
                    abs((d - day.day).days) >= problem.window_days(candidate)
                    for d in met[candidate.key]
                )
            ):
                chosen[di] = candidate.key
                met[candidate.key].append(day.day)
                break
    return chosen


def _explain(
    problem: LunchProblem,
    chosen: Mapping[int, int],
    everyone: Sequence[Candidate],
    *,
    objective: int,
    bound: int | None,
    optimal: bool,
) -> LunchPlan:
    by_key = {c.key: c for c in problem.candidates}
    lunches = []
    met: dict[int, list[dt.date]] = defaultdict(list)
    for index, day in enumerate(problem.days):
        key = day.taken_by if day.taken_by is not None else chosen.get(index)
        candidate = by_key.get(key) if key is not None else None
        if candidate:
            reasons = _reasons(problem, candidate, day, met[candidate.key])
        else:  # say why the day stays empty
            reasons = (
                (Reason("nobody_in_city", {"city": day.shown_city}),)
                if day.city
                else (Reason("nobody_fits"),)
            )
        if key is not None:
            met[key].append(day.day)
        lunches.append(
            PlannedLunch(day.day, key, reasons, day.shown_city, fixed=day.taken_by is not None)
        )
    chance = sum(1 for key in chosen.values() if by_key[key].chance)
    return LunchPlan(
        lunches,
        _shortfalls(problem, everyone, met),
        objective,
        bound,
        optimal,
        considered=len(problem.candidates),
        chance_lunches=chance,
        chance_slots=min(problem.chance_slots, len(problem.open_days)),
    )


def _reasons(
    problem: LunchProblem, candidate: Candidate, day: LunchDay, before: Sequence[dt.date]
) -> tuple[Reason, ...]:
    """Why this person on this day; ``before``: their earlier lunches in the plan."""
    reasons = [Reason("tier", {"tier": candidate.tier.value})]
    if before:
        reasons.append(Reason("again", {"after": before[-1].isoformat()}))
    elif candidate.last_met:
        reasons.append(
            Reason("last_met", {"weeks": (problem.today - candidate.last_met).days // 7})
        )
    elif candidate.cadence_days is not None:
        reasons.append(Reason("never_met"))
    dues = due_dates(problem, candidate)
    if len(before) < len(dues) and dues[len(before)] < day.day:
        weeks = (day.day - dues[len(before)]).days // 7
        if weeks:
            reasons.append(Reason("overdue", {"weeks": weeks}))
    reasons.extend(candidate.reasons)
    if day.city:
        reasons.append(Reason("in_city", {"city": day.shown_city}))
    return tuple(reasons)


def _shortfalls(
    problem: LunchProblem, everyone: Sequence[Candidate], met: Mapping[int, Sequence[dt.date]]
) -> list[Shortfall]:
    """Cadences that fall due in the horizon and get no lunch by the end of it."""
    trip_cities = {d.city for d in problem.days if d.city}
    found = []
    for candidate in everyone:
        due = candidate.due_on
        if due is None or due >= problem.end or met.get(candidate.key):
            continue
        at_home = problem.reachable(candidate, LunchDay(problem.today))
        cause = "slots" if at_home or candidate.city in trip_cities else "elsewhere"
        found.append(Shortfall(candidate.key, candidate.tier, due, cause, candidate.city))
    return sorted(found, key=lambda s: (s.tier.rank, s.due_on, s.key))
