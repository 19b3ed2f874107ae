"""``einhorn groups add|list|show|join`` and ``einhorn events add|list``: offline networking."""

from typing import Annotated, Any

import typer

from einhorn.cli.context import opened_app, optional_date, today
from einhorn.cli.output import bold, console, escape, new_table, print_json, say
from einhorn.domain.groups import Event, Group, parse_engagement, parse_group_kind
from einhorn.i18n import format_date
from einhorn.i18n import gettext as _
from einhorn.interchange.json_export import group_fields
from einhorn.services.groups import (
    FOLLOW_UP_DAYS,
    add_event,
    add_group,
    find_event,
    group_suggestion,
    join_group,
    names_of,
    show_group,
)

JSON = typer.Option("--json", help=_("Print JSON (for scripts)."))


def register(app: typer.Typer) -> None:
    groups = typer.Typer(
        help=_(
            "Groups you network in: chambers (IHK), associations, clubs, working groups, "
            "regulars' tables, meetups, alumni and online groups, with your engagement."
        ),
        no_args_is_help=True,
    )
    app.add_typer(groups, name="groups")
    groups.command("add", help=_('Add a group: einhorn groups add "IHK Köln" --kind ihk.'))(
        groups_add
    )
    groups.command(
        "list", help=_("Your groups with engagement and members; kinds your goal suggests.")
    )(groups_list)
    groups.command("show", help=_("A group with its members and events."))(groups_show)
    groups.command(
        "join",
        help=_(
            "Climb the engagement ladder (interested, attends, member, working-group, "
            "speaker, board) and record contacts as members."
        ),
    )(groups_join)
    events = typer.Typer(
        help=_("Events you attended and whom you met there."), no_args_is_help=True
    )
    app.add_typer(events, name="events")
    events.command(
        "add",
        help=_(
            "Record an event and whom you met; new people become contacts on the spot, and "
            "each person gets a follow-up (default: 3 days later) on the due list."
        ),
    )(events_add)
    events.command("list", help=_("Events, newest first, with whom you met."))(events_list)
    events.command("show", help=_("One event: when, where, which group, whom you met."))(
        events_show
    )


def _group_to_dict(group: Group, members: int | None = None) -> dict[str, Any]:
    data = group_fields(group)
    if members is not None:
        data["members"] = members
    return data


def groups_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=_("The group's name."))],
    kind: Annotated[
        str,
        typer.Option(
            help=_(
                "chamber/IHK, association/Verband, club/Verein, working-group/Arbeitskreis, "
                "regulars-table/Stammtisch, meetup, alumni or online."
            )
        ),
    ],
    city: Annotated[str, typer.Option(help=_("Where it meets."))] = "",
    url: Annotated[str, typer.Option(help=_("Its web address."))] = "",
    engagement: Annotated[
        str, typer.Option(help=_("Your engagement (default: interested)."))
    ] = "interested",
    as_json: Annotated[bool, JSON] = False,
) -> None:
    group = Group(
        name=name,
        kind=parse_group_kind(kind),
        city=city,
        url=url,
        engagement=parse_engagement(engagement),
    )
    with opened_app(ctx) as app, app.uow(today()) as uow:
        saved = add_group(uow=uow, group=group)
    if as_json:
        print_json(_group_to_dict(saved))
    else:
        say(_("Added group #{id} {name}.").format(id=saved.id, name=saved.name))


def groups_list(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        found = uow.groups.list_()
        members = uow.groups.member_counts()
        suggestion = group_suggestion(uow=uow)
    if as_json:
        print_json(
            {
                "groups": [_group_to_dict(g, members.get(g.id or 0, 0)) for g in found],
                "suggested_kinds": [k.value for k in suggestion.kinds] if suggestion else [],
                "suggested_step": suggestion.step if suggestion else "",
            }
        )
        return
    if found:
        table = new_table()
        for header in ("#", _("Group"), _("Kind"), _("Engagement"), _("Members")):
            table.add_column(header)
        for group in found:
            table.add_row(
                str(group.id),
                escape(group.name + (f" ({group.city})" if group.city else "")),
                escape(_(group.kind.label)),
                escape(_(group.engagement.label)),
                str(members.get(group.id or 0, 0)),
            )
        console.print(table)
    else:
        say(_("No groups yet: einhorn groups add NAME --kind KIND"))
    if suggestion:
        kinds = ", ".join(_(kind.label) for kind in suggestion.kinds)
        say(
            _("For your goal, worth a look: {kinds}. {step}").format(
                kinds=kinds, step=suggestion.step
            )
        )


def groups_show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help=_("Id or part of the group's name."))],
    as_json: Annotated[bool, JSON] = False,
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        detail = show_group(uow=uow, ref=ref)
        met = {e.id: names_of(uow, e.met or []) for e in detail.events}
    if as_json:
        print_json(
            {
                **_group_to_dict(detail.group, len(detail.members)),
                "member_names": [c.display_name for c in detail.members],
                "events": [
                    {
                        "id": e.id,
                        "name": e.name,
                        "date": e.occurred_on.isoformat(),
                        "met": met[e.id],
                    }
                    for e in detail.events
                ],
            }
        )
        return
    group = detail.group
    console.print(f"{bold(group.name)}  #{group.id}  {escape(_(group.kind.label))}")
    say(_("Engagement: {level}").format(level=_(group.engagement.label)))
    if detail.members:
        say(_("Members: {names}").format(names=", ".join(c.display_name for c in detail.members)))
    for event in detail.events:
        names = ", ".join(met[event.id])
        say(f"  {format_date(event.occurred_on)}  {event.name}" + (f" — {names}" if names else ""))


def groups_join(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help=_("Id or part of the group's name."))],
    engagement: Annotated[
        str | None, typer.Option(help=_("Your new engagement on the ladder."))
    ] = None,
    member: Annotated[
        list[str] | None, typer.Option(help=_("A contact who is a member (repeat for more)."))
    ] = None,
) -> None:
    level = parse_engagement(engagement) if engagement else None
    with opened_app(ctx) as app, app.uow(today()) as uow:
        group = join_group(uow=uow, ref=ref, engagement=level, member_refs=member or [])
    say(_("{name}: {level}.").format(name=group.name, level=_(group.engagement.label)))


def events_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help=_("The event's name."))],
    date: Annotated[
        str | None, typer.Option(help=_("When (2026-11-26, 26.11.2026, today); default today."))
    ] = None,
    group: Annotated[str | None, typer.Option(help=_("The group that held it."))] = None,
    city: Annotated[str, typer.Option(help=_("Where (city)."))] = "",
    met: Annotated[
        list[str] | None, typer.Option(help=_("A contact you met there (repeat for more)."))
    ] = None,
    new: Annotated[
        list[str] | None,
        typer.Option(help=_("Somebody new you met: becomes a contact (repeat for more).")),
    ] = None,
    follow_up_days: Annotated[
        int, typer.Option(help=_("Days until the follow-up with each person met."))
    ] = FOLLOW_UP_DAYS,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    event = Event(name=name, occurred_on=optional_date(date, "--date") or today(), city=city)
    with opened_app(ctx) as app, app.uow(today()) as uow:
        saved, created = add_event(
            uow=uow,
            event=event,
            group_ref=group,
            met_refs=met or [],
            new_names=new or [],
            today=today(),
            follow_up_days=follow_up_days,
        )
        names = names_of(uow, saved.met or [])
    if as_json:
        print_json(
            {
                "id": saved.id,
                "name": saved.name,
                "date": saved.occurred_on.isoformat(),
                "group_id": saved.group_id,
                "met": names,
                "created": [c.id for c in created],
            }
        )
        return
    say(
        _("Recorded {name} on {date}.").format(name=saved.name, date=format_date(saved.occurred_on))
    )
    if names:
        say(
            _("Met: {names}; follow up within {days} days.").format(
                names=", ".join(names), days=follow_up_days
            )
        )


def events_list(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        found = uow.groups.events()
        met = {e.id: names_of(uow, e.met or []) for e in found}
    if as_json:
        print_json(
            [
                {
                    "id": e.id,
                    "name": e.name,
                    "date": e.occurred_on.isoformat(),
                    "group_id": e.group_id,
                    "met": met[e.id],
                }
                for e in found
            ]
        )
        return
    if not found:
        say(_("No events yet: einhorn events add NAME --met NAME"))
    for event in found:
        names = ", ".join(met[event.id])
        say(f"{format_date(event.occurred_on)}  {event.name}" + (f" — {names}" if names else ""))


def events_show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help=_("Id or part of the event's name."))],
    as_json: Annotated[bool, JSON] = False,
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        event = find_event(uow=uow, ref=ref)
        names = names_of(uow, event.met or [])
        group = uow.groups.get(event.group_id).name if event.group_id else ""
    if as_json:
        print_json(
            {
                "id": event.id,
                "name": event.name,
                "date": event.occurred_on.isoformat(),
                "city": event.city,
                "group": group,
                "met": names,
            }
        )
        return
    console.print(f"{bold(event.name)}  #{event.id}  {escape(format_date(event.occurred_on))}")
    for line in (event.city, group, ", ".join(names)):
        if line:
            say(f"  {line}")
