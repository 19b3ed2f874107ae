"""``einhorn team import|list|pair|history|erase``: #neverlunchalone for a company."""

import datetime as dt
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

from einhorn.cli.context import in_range, opened_app, optional_date, today
from einhorn.cli.output import console, escape, new_table, print_error, print_json, say
from einhorn.domain.team import GroupSize, RoundStats, TeamMember, TeamRound
from einhorn.i18n import format_date, ngettext
from einhorn.i18n import gettext as _
from einhorn.interchange.json_export import team_member_to_dict
from einhorn.services.team import (
    RosterRejected,
    TeamHistory,
    erase_member,
    first_lunch_day,
    import_roster,
    pair_team,
    team_history,
)

JSON = typer.Option("--json", help=_("Print JSON (for scripts)."))
SHOWN_ISSUES = 100


def register(app: typer.Typer) -> None:
    team = typer.Typer(
        help=_(
            "Team mode: pair colleagues for lunch, across departments and at the same "
            "location, everybody every round, no pair twice as long as that is possible."
        ),
        no_args_is_help=True,
    )
    app.add_typer(team, name="team")
    team.command(
        "import",
        help=_(
            "Read the roster (CSV: Name, E-Mail, Abteilung/Department, Standort/Location, "
            "Abgemeldet/Opt-out). Updates people by email; people no longer listed are kept "
            "for the history but not paired. A file with bad rows changes nothing."
        ),
    )(team_import)
    team.command("list", help=_("The roster: who is paired, who opted out, who left."))(team_list)
    team.command(
        "pair",
        help=_(
            "Pair the next rounds and store them: groups of two (one of three when the count "
            "is odd), or of three with --group-size 3; nobody is ever left out."
        ),
    )(team_pair)
    team.command("history", help=_("Every round so far, with its groups and how good it was."))(
        team_history_command
    )
    team.command(
        "erase",
        help=_("Erase a colleague and their place in every round (DSGVO). Cannot be undone."),
    )(team_erase)


def _stats_to_dict(stats: RoundStats | None) -> dict[str, int]:
    if stats is None:
        return {}
    return {
        "people": stats.people,
        "groups": stats.groups,
        "pairs": stats.pairs,
        "cross_department": stats.cross_department,
        "same_location": stats.same_location,
        "repeated": stats.repeated,
    }


def _round_to_dict(team_round: TeamRound, members: dict[int, TeamMember]) -> dict[str, Any]:
    return {
        "number": team_round.number,
        "date": team_round.lunch_on.isoformat(),
        "groups": [
            [
                {"id": i, "name": members[i].name, "email": members[i].email}
                for i in group
                if i in members
            ]
            for group in team_round.groups
        ],
        "stats": _stats_to_dict(team_round.stats),
    }


def team_import(
    ctx: typer.Context,
    roster: Annotated[Path, typer.Argument(help=_("The roster as a CSV file."))],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Check and count, but change nothing."))
    ] = False,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    try:
        with opened_app(ctx) as app, app.uow(today()) as uow:
            report = import_roster(uow=uow, path=roster, dry_run=dry_run)
    except RosterRejected as exc:
        for issue in exc.issues[:SHOWN_ISSUES]:
            print_error(str(issue))
        if len(exc.issues) > SHOWN_ISSUES:
            print_error(_("… and {count} more.").format(count=len(exc.issues) - SHOWN_ISSUES))
        print_error(str(exc))
        raise typer.Exit(1) from None
    if as_json:
        print_json({**asdict(report), "dry_run": dry_run})
        return
    say(
        _(
            "Roster: {added} new, {updated} updated, {unchanged} unchanged, {retired} no "
            "longer listed; {active} people, {opted_out} of them opted out."
        ).format(**asdict(report))
    )
    if dry_run:
        say(_("Dry run: nothing was changed."))


def team_list(
    ctx: typer.Context,
    show_all: Annotated[
        bool, typer.Option("--all", help=_("Also people no longer on the roster."))
    ] = False,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        members = [m for m in uow.team.members() if show_all or m.active]
    if as_json:
        print_json([team_member_to_dict(m) for m in members])
        return
    if not members:
        say(_("Nobody on the roster yet: einhorn team import ROSTER.csv"))
        return
    table = new_table()
    for header in (_("Name"), _("Email"), _("Department"), _("Location"), _("Status")):
        table.add_column(header)
    for member in members:
        status = (
            _("left") if not member.active else _("opted out") if member.opted_out else _("paired")
        )
        table.add_row(
            escape(member.name),
            escape(member.email),
            escape(member.department),
            escape(member.location),
            status,
        )
    console.print(table)
    paired = sum(m.pairable for m in members)
    say(
        ngettext("{count} person is paired.", "{count} people are paired.", paired).format(
            count=paired
        )
    )


def team_pair(
    ctx: typer.Context,
    rounds: Annotated[int, typer.Option(help=_("How many rounds to plan (1–100)."))] = 1,
    group_size: Annotated[
        int,
        typer.Option(
            "--group-size",
            help=_(
                "2: pairs (one group of three when odd); 3: groups of three (one of four "
                "or one pair when the count is not divisible by three)."
            ),
        ),
    ] = 2,
    on: Annotated[
        str | None,
        typer.Option(help=_("Day of the first round's lunch; default today (Monday at weekends).")),
    ] = None,
    every: Annotated[int, typer.Option(help=_("Days between rounds."))] = 7,
    seed: Annotated[
        int, typer.Option(help=_("Seed of the schedule; keep it to continue the same schedule."))
    ] = 0,
    ics_dir: Annotated[
        Path | None,
        typer.Option("--ics-dir", help=_("Write one calendar file (.ics) per person here.")),
    ] = None,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    in_range(group_size, "--group-size", 2, 3)
    in_range(seed, "--seed", 0, 2**31 - 1)
    first_on = optional_date(on, "--on") or first_lunch_day(today())
    size: GroupSize = 2 if group_size == 2 else 3
    with opened_app(ctx) as app, app.uow(today()) as uow:
        result = pair_team(
            uow=uow,
            rounds=rounds,
            group_size=size,
            seed=seed,
            first_on=first_on,
            every_days=every,
            ics_dir=ics_dir,
            now=dt.datetime.now(dt.UTC),
        )
    _print_rounds(result, as_json)
    if ics_dir is not None and not as_json:
        say(_("Calendar files: {folder}").format(folder=ics_dir))


def team_history_command(ctx: typer.Context, as_json: Annotated[bool, JSON] = False) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        result = team_history(uow=uow)
    if not result.rounds and not as_json:
        say(_("No rounds yet: einhorn team pair"))
        return
    _print_rounds(result, as_json)


def _print_rounds(result: TeamHistory, as_json: bool) -> None:
    if as_json:
        print_json({"rounds": [_round_to_dict(r, result.members) for r in result.rounds]})
        return
    for team_round in result.rounds:
        say(
            _("Round {number} · {date}").format(
                number=team_round.number, date=format_date(team_round.lunch_on)
            )
        )
        if team_round.stats is not None:
            say("  " + _summary(team_round.stats))
        for group in team_round.groups:
            say("  • " + "  +  ".join(_who(result.members.get(i)) for i in group))


def _who(member: TeamMember | None) -> str:
    if member is None:
        return "?"
    where = " · ".join(filter(None, (member.department, member.location)))
    return f"{member.name} ({where})" if where else member.name


def _summary(stats: RoundStats) -> str:
    text = _(
        "{people} people in {groups} groups; of {pairs} pairs {cross} across departments, "
        "{local} at the same location"
    ).format(
        people=stats.people,
        groups=stats.groups,
        pairs=stats.pairs,
        cross=stats.cross_department,
        local=stats.same_location,
    )
    if stats.repeated:
        return (
            text
            + "; "
            + ngettext(
                "{count} pair met before", "{count} pairs met before", stats.repeated
            ).format(count=stats.repeated)
        )
    return text + "; " + _("nobody meets twice")


def team_erase(
    ctx: typer.Context,
    email: Annotated[str, typer.Argument(help=_("The colleague's email address."))],
    yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask."))] = False,
    as_json: Annotated[bool, JSON] = False,
) -> None:
    if not yes:
        typer.confirm(
            _("Erase {email} and their place in every round for good?").format(email=email),
            abort=True,
        )
    with opened_app(ctx) as app, app.uow(today()) as uow:
        member = erase_member(uow=uow, email=email)
    if as_json:
        print_json({"erased": member.id, "email": member.email})
    else:
        say(_("Erased {name} <{email}>.").format(name=member.name, email=member.email))
