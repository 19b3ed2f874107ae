"""Use cases of offline networking: groups, engagement, events and the people met there."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from einhorn.advice.groups import suggested_kinds
from einhorn.domain.contacts import Contact, name_key
from einhorn.domain.groups import Engagement, Event, Group, GroupKind
from einhorn.domain.ids import ContactId
from einhorn.domain.interactions import Interaction, InteractionKind
from einhorn.errors import AmbiguousReference, Conflict, InvalidInput, NotFound
from einhorn.i18n import N_, current_language
from einhorn.services.contacts import MAX_ID, resolve_contact
from einhorn.services.ports import UnitOfWork

FOLLOW_UP_DAYS = 3  # after an event, a follow-up with each person met


@dataclass(frozen=True, slots=True)
class GroupDetail:
    group: Group
    members: list[Contact]
    events: list[Event]


@dataclass(frozen=True, slots=True)
class EventView:
    event: Event
    group: str  # the name of the group that held it, or ""
    met: list[str]  # the names of the people met there


@dataclass(frozen=True, slots=True)
class GroupsOverview:
    groups: list[tuple[Group, int]]  # each group with its members among the contacts
    events: list[EventView]  # the newest first
    events_total: int
    suggestion: GroupSuggestion | None


@dataclass(frozen=True, slots=True)
class GroupSuggestion:
    kinds: list[GroupKind]  # kinds that serve the goal and are not among the user's groups
    step: str  # the first step, in the user's language


def add_group(*, uow: UnitOfWork, group: Group) -> Group:
    if any(name_key(g.name) == name_key(group.name) for g in uow.groups.find(group.name)):
        raise Conflict(N_("A group named {name!r} exists already."), name=group.name)
    saved = uow.groups.add(group)
    uow.commit()
    return saved


def resolve_group(*, uow: UnitOfWork, ref: str) -> Group:
    """A group by id or an unambiguous part of its name."""
    text = ref.strip().removeprefix("#")
    if text.isascii() and text.isdigit():
        if int(text) > MAX_ID:  # beyond any stored id; the database would refuse the number
            raise NotFound(N_("group"), ref)
        return uow.groups.get(int(text))
    found = uow.groups.find(ref)
    if not found:
        raise NotFound(N_("group"), ref)
    if len(found) > 1:
        raise AmbiguousReference(
            ref,
            [(g.id or 0, g.name) for g in found[:10]],
            len(found),
            N_("{ref!r} matches {count} groups: {listed}. Use the id or more of the name."),
        )
    return found[0]


def join_group(
    *, uow: UnitOfWork, ref: str, engagement: Engagement | None, member_refs: list[str]
) -> Group:
    """Move up (or down) the engagement ladder, and record contacts as members."""
    group = resolve_group(uow=uow, ref=ref)
    assert group.id is not None
    if engagement is not None:
        group.engagement = engagement
        uow.groups.update(group)
    uow.groups.add_members(group.id, [resolve_contact(uow=uow, ref=r) for r in member_refs])
    uow.commit()
    return group


def show_group(*, uow: UnitOfWork, ref: str) -> GroupDetail:
    group = resolve_group(uow=uow, ref=ref)
    assert group.id is not None
    members = uow.contacts.get_many(uow.groups.members(group.id))
    return GroupDetail(group, members, uow.groups.events(group.id))


def add_event(
    *,
    uow: UnitOfWork,
    event: Event,
    group_ref: str | None,
    met_refs: list[str],
    new_names: list[str],
    today: dt.date,
    follow_up_days: int = FOLLOW_UP_DAYS,
) -> tuple[Event, list[Contact]]:
    """Record an event and whom you met there: new people become contacts on the spot, and
    one event interaction with a follow-up restarts everybody's clock."""
    if group_ref:
        event.group_id = resolve_group(uow=uow, ref=group_ref).id
    if (met_refs or new_names) and event.occurred_on > today:
        raise InvalidInput(
            "--date",
            event.occurred_on.isoformat(),
            N_("in the future: record whom you met after the event"),
        )
    met = [resolve_contact(uow=uow, ref=ref) for ref in met_refs]
    new = [Contact(display_name=name, how_met=event.name, city=event.city) for name in new_names]
    for contact in new:
        contact.created_on = event.occurred_on
    met += uow.contacts.add_many(new)
    if met:
        if not 0 <= follow_up_days <= 365:
            raise InvalidInput("--follow-up-days", follow_up_days, N_("between 0 and 365"))
        interaction = Interaction(
            occurred_on=event.occurred_on,
            kind=InteractionKind.EVENT,
            contact_ids=list(dict.fromkeys(met)),
            city=event.city,
            place=event.name,
            follow_up_on=event.occurred_on + dt.timedelta(days=follow_up_days),
        )
        uow.interactions.add(interaction)
        event.interaction_id = interaction.id
    saved = uow.groups.add_event(event)
    saved.met = list(dict.fromkeys(met))
    uow.commit()
    return saved, new


def find_event(*, uow: UnitOfWork, ref: str) -> Event:
    """An event by id or an unambiguous part of its name (the newest first)."""
    text = ref.strip().removeprefix("#")
    found = uow.groups.events()
    if text.isascii() and text.isdigit():
        matches = [e for e in found if e.id == int(text)]
    else:
        key = name_key(ref)
        exact = [e for e in found if name_key(e.name) == key]
        matches = exact or [e for e in found if key and key in name_key(e.name)]
    if not matches:
        raise NotFound(N_("event"), ref)
    if len(matches) > 1:
        raise AmbiguousReference(
            ref,
            [(e.id or 0, e.name) for e in matches[:10]],
            len(matches),
            N_("{ref!r} matches {count} events: {listed}. Use the id or more of the name."),
        )
    return matches[0]


def group_suggestion(*, uow: UnitOfWork) -> GroupSuggestion | None:
    """Kinds of groups that serve the goal and that the user has none of yet."""
    goal = uow.goals.current()
    if goal is None:
        return None
    have = {group.kind for group in uow.groups.list_()}
    kinds, step = suggested_kinds(goal.kind, have, current_language())
    return GroupSuggestion(kinds, step) if kinds else None


def list_groups(*, uow: UnitOfWork, events: int = 20) -> GroupsOverview:
    """The groups with their member counts, the newest ``events`` with whom was met, and the
    kinds of group the goal suggests (``einhorn groups list`` and ``events list`` in one)."""
    groups = uow.groups.list_()
    members = uow.groups.member_counts()
    names = {g.id: g.name for g in groups}
    found = uow.groups.events()
    return GroupsOverview(
        [(g, members.get(g.id or 0, 0)) for g in groups],
        [
            EventView(
                e, names.get(e.group_id, "") if e.group_id else "", names_of(uow, e.met or [])
            )
            for e in found[:events]
        ],
        len(found),
        group_suggestion(uow=uow),
    )


def names_of(uow: UnitOfWork, contact_ids: list[ContactId]) -> list[str]:
    return [c.display_name for c in uow.contacts.get_many(contact_ids)]
