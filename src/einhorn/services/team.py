"""Use cases of team mode: import the roster, pair a round, show the history, erase a person."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from einhorn.domain.contacts import name_key, normalise_email
from einhorn.domain.team import GroupSize, TeamMember, TeamRound, group_pairs, round_stats
from einhorn.errors import EinhornError, InvalidInput, NotFound
from einhorn.i18n import N_, gettext, ngettext
from einhorn.interchange.icalendar_export import CalendarItem, calendar_bytes
from einhorn.services.export import write_atomically
from einhorn.services.ports import UnitOfWork

if TYPE_CHECKING:
    from einhorn.interchange.roster_csv import RosterIssue

MAX_ROSTER_BYTES = 50 * 1024 * 1024  # far beyond any company's roster
MAX_ROUNDS = 100  # two years of weekly lunches per run


class RosterRejected(EinhornError):
    """A roster with bad rows: nothing was imported; ``issues`` names each bad cell."""

    def __init__(self, file: str, issues: list[RosterIssue]) -> None:
        super().__init__(
            N_("{file}: {count} bad rows; nothing was changed."), file=file, count=len(issues)
        )
        self.issues = issues


@dataclass(frozen=True, slots=True)
class RosterImport:
    """What an import changed; ``active`` is who is on the roster now."""

    added: int
    updated: int
    unchanged: int
    retired: int  # no longer listed: kept for the history, never paired
    active: int
    opted_out: int


@dataclass(frozen=True, slots=True)
class TeamHistory:
    rounds: list[TeamRound]  # each with its stats
    members: dict[int, TeamMember]  # everybody in them, inactive members too


def import_roster(*, uow: UnitOfWork, path: Path, dry_run: bool = False) -> RosterImport:
    """Read the roster at ``path`` and make the stored roster match it, by email; all or
    nothing. People no longer listed become inactive; listed again, they are back."""
    from einhorn.interchange.roster_csv import read_roster  # the CSV machinery: on import only
    from einhorn.services.import_sources import read_limited

    name, data = read_limited(path, MAX_ROSTER_BYTES, N_("larger than 50 MB; not a roster"))
    roster = read_roster(data, source=name)
    if roster.issues:
        raise RosterRejected(name, roster.issues)
    stored = {member.email: member for member in uow.team.members()}
    listed = {member.email for _line, member in roster.members}
    new: list[TeamMember] = []
    changed: list[TeamMember] = []
    for _line, member in roster.members:
        old = stored.get(member.email)
        if old is None:
            new.append(member)
        elif not old.active or not old.same_record(member):
            member.id = old.id
            changed.append(member)
    retired = [m for m in stored.values() if m.active and m.email not in listed]
    for member in retired:
        member.active = False
    uow.team.add_members(new)
    uow.team.update_members(changed + retired)
    if not dry_run:
        uow.commit()
    return RosterImport(
        added=len(new),
        updated=len(changed),
        unchanged=len(roster.members) - len(new) - len(changed),
        retired=len(retired),
        active=len(roster.members),
        opted_out=sum(member.opted_out for _line, member in roster.members),
    )


def first_lunch_day(today: dt.date) -> dt.date:
    """Today, or the Monday after a weekend."""
    return today + dt.timedelta(days=max(0, 7 - today.weekday()) if today.weekday() >= 5 else 0)


def pair_team(
    *,
    uow: UnitOfWork,
    rounds: int,
    group_size: GroupSize,
    seed: int,
    first_on: dt.date,
    every_days: int,
    ics_dir: Path | None = None,
    now: dt.datetime,
) -> TeamHistory:
    """Plan and store ``rounds`` rounds for everybody active and not opted out, continuing
    the stored history without repeats; with ``ics_dir``, one calendar file per person."""
    from einhorn.planning.team import plan_rounds  # rustworkx: only when pairing

    if not 1 <= rounds <= MAX_ROUNDS:
        raise InvalidInput("--rounds", rounds, N_("between 1 and 100"))
    if not 1 <= every_days <= 365:
        raise InvalidInput("--every", every_days, N_("between 1 and 365"))
    everybody = {member.key: member for member in uow.team.members()}
    people = [member for member in everybody.values() if member.pairable]
    if len(people) < 2:
        raise InvalidInput(
            N_("team"),
            len(people),
            N_("at least two people are needed for a round: einhorn team import ROSTER.csv"),
        )
    planned = plan_rounds(
        people,
        uow.team.met_pairs(),
        rounds=rounds,
        first_number=uow.team.last_round_number() + 1,
        group_size=group_size,
        seed=seed,
    )
    saved = [
        uow.team.add_round(
            TeamRound(
                number=plan.number,
                lunch_on=first_on + dt.timedelta(days=every_days * index),
                groups=plan.groups,
                created_at=now,
                stats=plan.stats,
            )
        )
        for index, plan in enumerate(planned)
    ]
    if ics_dir is not None:
        write_calendars(uow=uow, rounds=saved, members=everybody, out=ics_dir, now=now)
    uow.commit()
    return TeamHistory(saved, everybody)


def team_history(*, uow: UnitOfWork) -> TeamHistory:
    """Every round with its groups and how good each was (repeats counted against the
    rounds before it)."""
    members = {member.key: member for member in uow.team.members()}
    rounds = uow.team.rounds()
    met: set[tuple[int, int]] = set()
    for team_round in rounds:
        team_round.stats = round_stats(team_round.groups, members, met)
        met.update(p for group in team_round.groups for p in group_pairs(group))
    return TeamHistory(rounds, members)


def erase_member(*, uow: UnitOfWork, email: str) -> TeamMember:
    """Forget a colleague and their place in every round (DSGVO erasure)."""
    try:
        key = normalise_email(email)
    except InvalidInput:
        raise NotFound(N_("team member"), email) from None
    found = [member for member in uow.team.members() if member.email == key]
    if not found:
        raise NotFound(N_("team member"), email)
    uow.team.delete_member(found[0].key)
    uow.commit()
    uow.checkpoint()
    return found[0]


def write_calendars(
    *,
    uow: UnitOfWork,
    rounds: list[TeamRound],
    members: dict[int, TeamMember],
    out: Path,
    now: dt.datetime,
) -> int:
    """One .ics file per person with their lunch of each round; returns how many files."""
    items: dict[int, list[CalendarItem]] = {}
    for team_round in rounds:
        for group in team_round.groups:
            for member_id in group:
                others = [members[other] for other in group if other != member_id]
                items.setdefault(member_id, []).append(
                    CalendarItem(
                        uid=f"einhorn-team-{uow.account.key}-{team_round.number}-{member_id}",
                        day=team_round.lunch_on,
                        summary=gettext("Lunch with {names}").format(
                            names=", ".join(m.name for m in others)
                        ),
                        description=_description(team_round.number, others),
                    )
                )
    for member_id, calendar in items.items():
        member = members[member_id]
        write_atomically(
            out / calendar_file_name(member_id, member.name),
            calendar_bytes(calendar, stamp=now).decode("utf-8"),
            newline="",
        )
    return len(items)


def _description(number: int, others: list[TeamMember]) -> str:
    lines = [gettext("#neverlunchalone, round {number}").format(number=number)]
    for other in others:
        where = " · ".join(filter(None, (other.department, other.location)))
        lines.append(f"{other.name} <{other.email}>" + (f" ({where})" if where else ""))
    count = len(others)
    lines.append(ngettext("Say hello to your colleague.", "Say hello to your colleagues.", count))
    return "\n".join(lines)


def calendar_file_name(member_id: int, name: str) -> str:
    """``7-anna-berg.ics``: unique by id, readable by name, safe on every file system."""
    slug = "-".join(re.findall(r"[a-z0-9]+", name_key(name)))[:60] or "member"
    return f"{member_id}-{slug}.ics"
