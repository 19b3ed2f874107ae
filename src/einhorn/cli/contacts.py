"""``einhorn contacts add|list|show|edit|remove``."""

from types import SimpleNamespace
from typing import Annotated

import typer

from einhorn.cli.context import MAX_ROWS, in_range, opened_app, optional_date, today
from einhorn.cli.output import bold, console, escape, grid, print_json, say, tier_text
from einhorn.cli.render import PeopleTable
from einhorn.domain.contacts import (
    Contact,
    Sphere,
    is_clear_word,
    parse_form_of_address,
    parse_sphere,
)
from einhorn.domain.patches import ContactPatch
from einhorn.domain.tiers import Tier, TierSource, describe_cadence, parse_own_cadence, parse_tier
from einhorn.errors import InvalidInput
from einhorn.i18n import N_, format_date
from einhorn.i18n import gettext as _
from einhorn.interchange.json_export import (
    contact_to_dict,
    interaction_to_dict,
    source_to_dict,
)
from einhorn.services import contacts as service
from einhorn.services.ports import ContactQuery


def _profiles(values: list[str]) -> dict[str, str]:
    profiles = {}
    for value in values:
        network, sep, url = value.partition("=")
        if not sep or not url.strip():
            raise InvalidInput("--profile", value, N_("write NETWORK=URL, e.g. linkedin=https://…"))
        profiles[network] = url
    return profiles


def _name_parts_or_fail(name: str | None, given: str | None, family: str | None) -> str:
    if not (name or given or family):
        raise InvalidInput("name", "", N_("give a NAME or --given/--family"))
    return name or ""


def register(app: typer.Typer) -> None:
    group = typer.Typer(help=_("Add, list, show, edit and erase contacts."), no_args_is_help=True)
    app.add_typer(group, name="contacts")
    options = _shared_options()
    for define in (_add_command, _list_command, _show_command, _edit_command, _remove_command):
        define(group, options)


def _shared_options() -> SimpleNamespace:
    """Options several commands share, built after the language is set (help is translated)."""
    return SimpleNamespace(
        given=typer.Option(help=_("Given name.")),
        family=typer.Option(help=_("Family name.")),
        title=typer.Option(help=_("Academic title: Dr., Prof. Dr.")),
        company=typer.Option(help=_("Company or organisation.")),
        position=typer.Option(help=_("Position or role.")),
        department=typer.Option(help=_("Department.")),
        sector=typer.Option(help=_("Sector, e.g. Maschinenbau.")),
        city=typer.Option(help=_("City.")),
        country=typer.Option(help=_("Country.")),
        how_met=typer.Option(help=_("How you met.")),
        ref=typer.Argument(help=_("Id or an unambiguous part of the name.")),
        json_flag=typer.Option("--json", help=_("Print JSON (for scripts).")),
    )


def _add_command(group: typer.Typer, o: SimpleNamespace) -> None:
    @group.command(
        "add", help=_("Add a contact. Tiers: unicorn/Einhorn, flamingo, penguin/Pinguin.")
    )
    def add(
        ctx: typer.Context,
        name: Annotated[
            str | None,
            typer.Argument(help=_('Display name, e.g. "Dr. Anna Müller".'), show_default=False),
        ] = None,
        given: Annotated[str | None, o.given] = None,
        family: Annotated[str | None, o.family] = None,
        title: Annotated[str | None, o.title] = None,
        address: Annotated[str | None, typer.Option(help=_("Form of address: du or sie."))] = None,
        email: Annotated[list[str] | None, typer.Option(help=_("Email (repeatable)."))] = None,
        phone: Annotated[list[str] | None, typer.Option(help=_("Phone (repeatable)."))] = None,
        company: Annotated[str | None, o.company] = None,
        position: Annotated[str | None, o.position] = None,
        department: Annotated[str | None, o.department] = None,
        sector: Annotated[str | None, o.sector] = None,
        city: Annotated[str | None, o.city] = None,
        country: Annotated[str | None, o.country] = None,
        language: Annotated[
            list[str] | None, typer.Option(help=_("Language spoken (repeatable)."))
        ] = None,
        profile: Annotated[
            list[str] | None,
            typer.Option(help=_("Profile NETWORK=URL, e.g. xing=https://… (repeatable).")),
        ] = None,
        birthday: Annotated[
            str | None, typer.Option(help=_("Birthday (2026-11-26 or 26.11.2026)."))
        ] = None,
        how_met: Annotated[str | None, o.how_met] = None,
        sphere: Annotated[
            str | None,
            typer.Option(help=_("private, professional or both (default professional).")),
        ] = None,
        tag: Annotated[list[str] | None, typer.Option(help=_("Tag (repeatable)."))] = None,
        notes: Annotated[str | None, typer.Option(help=_("Free notes."))] = None,
        wish: Annotated[
            bool,
            typer.Option(
                "--wish", help=_("On the wish list: someone to get to know, not yet met.")
            ),
        ] = False,
        tier: Annotated[str | None, typer.Option(help=_("Tier (default penguin)."))] = None,
        cadence: Annotated[
            str | None,
            typer.Option(help=_("Own cadence instead of the tier's: 4w, 30d, 3m or none.")),
        ] = None,
        as_json: Annotated[bool, o.json_flag] = False,
    ) -> None:
        contact = Contact(
            display_name=_name_parts_or_fail(name, given, family),
            given_name=given or "",
            family_name=family or "",
            title=title or "",
            form_of_address=parse_form_of_address(address, "--address") if address else None,
            emails=email or [],
            phones=phone or [],
            company=company or "",
            position=position or "",
            department=department or "",
            sector=sector or "",
            city=city or "",
            country=country or "",
            languages=language or [],
            profiles=_profiles(profile or []),
            birthday=optional_date(birthday, "--birthday"),
            how_met=how_met or "",
            sphere=parse_sphere(sphere, "--sphere") if sphere else Sphere.PROFESSIONAL,
            tags=tag or [],
            notes=notes or "",
            wish_list=wish,
            tier=parse_tier(tier, "--tier") if tier else Tier.PENGUIN,
            tier_source=TierSource.USER if tier else TierSource.DEFAULT,
            cadence_days=parse_own_cadence(cadence, "--cadence") if cadence else None,
        )
        with opened_app(ctx) as app, app.uow(today()) as uow:
            saved = service.create_contact(uow=uow, contact=contact, today=today())
        if as_json:
            print_json(contact_to_dict(saved))
        else:
            say(_("Added #{id} {name}.").format(id=saved.id, name=saved.display_name))


def _list_command(group: typer.Typer, o: SimpleNamespace) -> None:
    @group.command(
        "list",
        help=_("List contacts, unicorns first; filter by tier, tag, sphere, wish list and text."),
    )
    def list_(
        ctx: typer.Context,
        tier: Annotated[str | None, typer.Option(help=_("Only this tier."))] = None,
        tag: Annotated[str | None, typer.Option(help=_("Only contacts with this tag."))] = None,
        sphere: Annotated[
            str | None, typer.Option(help=_("Only private, professional or both."))
        ] = None,
        wish: Annotated[
            bool | None,
            typer.Option(
                "--wish/--no-wish",
                help=_("Only wish-list contacts (--no-wish: only the others)."),
                show_default=False,
            ),
        ] = None,
        search: Annotated[
            str | None,
            typer.Option(
                "--search", "-s", help=_("Full-text search: names, company, city, notes, tags.")
            ),
        ] = None,
        limit: Annotated[int, typer.Option(metavar="N", help=_("Show at most N."))] = 50,
        offset: Annotated[int, typer.Option(metavar="N", help=_("Skip the first N."))] = 0,
        as_json: Annotated[bool, o.json_flag] = False,
    ) -> None:
        query = ContactQuery(
            limit=in_range(limit, "--limit", 1, MAX_ROWS),
            offset=in_range(offset, "--offset", 0, MAX_ROWS),
            tier=parse_tier(tier, "--tier") if tier else None,
            tag=tag,
            sphere=parse_sphere(sphere, "--sphere") if sphere else None,
            wish_list=wish,
            text=search,
        )
        with opened_app(ctx) as app, app.uow(today()) as uow:
            found, total = service.list_contacts(uow=uow, query=query)
        if as_json:
            print_json({"total": total, "contacts": [contact_to_dict(c) for c in found]})
            return
        if not found:
            say(_("No contacts match."))
            return
        optional = (_("Company"), _("City"), _("Position"))
        people = PeopleTable(
            _("Company"), _("Position"), _("City"), _("Last contact"), optional=optional
        )
        for contact in found:
            wish_mark = " ✨" if contact.wish_list else ""
            people.add_row(
                contact.key,
                contact.display_name + wish_mark,
                contact.tier,
                escape(contact.company),
                escape(contact.position),
                escape(contact.city),
                format_date(contact.last_interaction_on),
            )
        console.print(people.table)
        if total > len(found):
            say(
                _("{shown} of {total} shown; use --limit and --offset for more.").format(
                    shown=len(found), total=total
                )
            )


def _show_command(group: typer.Typer, o: SimpleNamespace) -> None:
    @group.command("show", help=_("Show one contact with its history and due date."))
    def show(
        ctx: typer.Context,
        ref: Annotated[str, o.ref],
        as_json: Annotated[bool, o.json_flag] = False,
    ) -> None:
        with opened_app(ctx) as app, app.uow(today()) as uow:
            detail = service.get_contact(uow=uow, ref=ref, today=today())
        if as_json:
            print_json(
                {
                    **contact_to_dict(detail.contact),
                    "cadence_days": detail.cadence_days,
                    "next_due_on": detail.next_due_on.isoformat() if detail.next_due_on else None,
                    "status": detail.status.value,
                    "interactions": [interaction_to_dict(i) for i in detail.interactions],
                    "sources": [source_to_dict(s) for s in detail.sources],
                }
            )
            return
        _render_detail(detail)


def _edit_command(group: typer.Typer, o: SimpleNamespace) -> None:
    @group.command("edit", help=_("Change a contact; only the options you give change."))
    def edit(
        ctx: typer.Context,
        ref: Annotated[str, o.ref],
        name: Annotated[str | None, typer.Option("--name", help=_("New display name."))] = None,
        given: Annotated[str | None, o.given] = None,
        family: Annotated[str | None, o.family] = None,
        title: Annotated[str | None, o.title] = None,
        address: Annotated[
            str | None, typer.Option(help=_("Form of address: du, sie, or none/keine."))
        ] = None,
        email: Annotated[list[str] | None, typer.Option(help=_("Add an email."))] = None,
        remove_email: Annotated[list[str] | None, typer.Option(help=_("Remove an email."))] = None,
        phone: Annotated[list[str] | None, typer.Option(help=_("Add a phone."))] = None,
        remove_phone: Annotated[list[str] | None, typer.Option(help=_("Remove a phone."))] = None,
        company: Annotated[str | None, o.company] = None,
        position: Annotated[str | None, o.position] = None,
        department: Annotated[str | None, o.department] = None,
        sector: Annotated[str | None, o.sector] = None,
        city: Annotated[str | None, o.city] = None,
        country: Annotated[str | None, o.country] = None,
        language: Annotated[list[str] | None, typer.Option(help=_("Add a language."))] = None,
        profile: Annotated[
            list[str] | None, typer.Option(help=_("Set a profile NETWORK=URL."))
        ] = None,
        remove_profile: Annotated[
            list[str] | None, typer.Option(help=_("Remove the profile on NETWORK."))
        ] = None,
        birthday: Annotated[
            str | None, typer.Option(help=_("Birthday, or none/keine to clear it."))
        ] = None,
        how_met: Annotated[str | None, o.how_met] = None,
        sphere: Annotated[
            str | None, typer.Option(help=_("private, professional or both."))
        ] = None,
        tag: Annotated[list[str] | None, typer.Option(help=_("Add a tag."))] = None,
        untag: Annotated[list[str] | None, typer.Option(help=_("Remove a tag."))] = None,
        notes: Annotated[str | None, typer.Option(help=_("Replace the notes."))] = None,
        wish: Annotated[
            bool | None,
            typer.Option(
                "--wish/--no-wish", help=_("Put on or take off the wish list."), show_default=False
            ),
        ] = None,
        cadence: Annotated[
            str | None,
            typer.Option(help=_("Own cadence (4w, 30d, 3m, none), or default to follow the tier.")),
        ] = None,
        as_json: Annotated[bool, o.json_flag] = False,
    ) -> None:
        clear_birthday = birthday is not None and is_clear_word(birthday)
        own_cadence = parse_own_cadence(cadence, "--cadence") if cadence else None
        patch = ContactPatch(
            display_name=name,
            given_name=given,
            family_name=family,
            title=title,
            company=company,
            position=position,
            department=department,
            sector=sector,
            city=city,
            country=country,
            how_met=how_met,
            notes=notes,
            form_of_address=parse_form_of_address(address, "--address") if address else None,
            clear_form_of_address=address is not None
            and parse_form_of_address(address, "--address") is None,
            sphere=parse_sphere(sphere, "--sphere") if sphere else None,
            birthday=None if clear_birthday else optional_date(birthday, "--birthday"),
            clear_birthday=clear_birthday,
            wish_list=wish,
            cadence_days=own_cadence,
            reset_cadence=cadence is not None and own_cadence is None,
            add_emails=email or [],
            remove_emails=remove_email or [],
            add_phones=phone or [],
            remove_phones=remove_phone or [],
            add_tags=tag or [],
            remove_tags=untag or [],
            add_languages=language or [],
            set_profiles=_profiles(profile or []),
            remove_profiles=remove_profile or [],
        )
        with opened_app(ctx) as app, app.uow(today()) as uow:
            saved = service.update_contact(uow=uow, ref=ref, patch=patch)
        if as_json:
            print_json(contact_to_dict(saved))
        else:
            say(_("Updated #{id} {name}.").format(id=saved.id, name=saved.display_name))


def _remove_command(group: typer.Typer, o: SimpleNamespace) -> None:
    @group.command(
        "remove",
        help=_("Erase a contact and everything about them (DSGVO erasure). Cannot be undone."),
    )
    def remove(
        ctx: typer.Context,
        ref: Annotated[str, o.ref],
        yes: Annotated[bool, typer.Option("--yes", "-y", help=_("Do not ask."))] = False,
        as_json: Annotated[bool, o.json_flag] = False,
    ) -> None:
        with opened_app(ctx) as app:
            if not yes:
                with app.uow(today()) as uow:
                    target = service.get_contact(uow=uow, ref=ref, today=today(), history=0)
                typer.confirm(
                    _("Erase {name} and all their data for good?").format(
                        name=target.contact.display_name
                    ),
                    abort=True,
                )
                ref = f"#{target.contact.id}"  # erase exactly the person confirmed
            with app.uow(today()) as uow:
                report = service.erase_contact(uow=uow, ref=ref)
        if as_json:
            print_json(
                {
                    "erased": report.contact_id,
                    "display_name": report.display_name,
                    "interactions_removed": report.interactions_removed,
                }
            )
        else:
            say(
                _(
                    "Erased {name}: the contact, its details and {count} interactions only they "
                    "took part in."
                ).format(name=report.display_name, count=report.interactions_removed)
            )


def _render_detail(detail: service.ContactDetail) -> None:
    contact = detail.contact
    heading = f"{bold(contact.display_name)}  #{contact.id}  {tier_text(contact.tier)}"
    if contact.wish_list:
        heading += "  ✨ " + escape(_("wish list"))
    console.print(heading)
    rows: list[tuple[str, str]] = [
        (
            _("Position"),
            " · ".join(p for p in (contact.position, contact.department, contact.company) if p),
        ),
        (_("Sector"), contact.sector),
        (_("City"), ", ".join(p for p in (contact.city, contact.country) if p)),
        (_("Email"), ", ".join(contact.emails)),
        (_("Phone"), ", ".join(contact.phones)),
        (_("Profiles"), "  ".join(f"{k}: {v}" for k, v in contact.profiles.items())),
        (_("Languages"), ", ".join(contact.languages)),
        (
            _("Form of address"),
            contact.form_of_address.value.capitalize() if contact.form_of_address else "",
        ),
        (_("Birthday"), format_date(contact.birthday) if contact.birthday else ""),
        (_("Sphere"), _(contact.sphere.label)),
        (_("How we met"), contact.how_met),
        (_("Tags"), ", ".join(contact.tags)),
        (_("Notes"), contact.notes),
        (_("Cadence"), describe_cadence(detail.cadence_days)),
        (_("Last contact"), format_date(contact.last_interaction_on)),
        (
            _("Next due"),
            f"{format_date(detail.next_due_on)} ({_(detail.status.label)})"
            if detail.next_due_on
            else "—",
        ),
    ]
    table = grid(padding=(0, 2))
    table.add_column(style="dim")
    table.add_column()
    for label, value in rows:
        if value:
            table.add_row(escape(label), escape(value))
    console.print(table)
    if detail.sources:
        console.print("\n" + bold(_("Sources")))
        for source in detail.sources:
            where = f"{source.file}, {_('line')} {source.line}" if source.line else source.file
            console.print(escape(f"  {where} ({source.format}, {_('import')} {source.batch_id})"))
    if detail.interactions:
        console.print("\n" + bold(_("History")))
        for item in detail.interactions:
            place = f" · {item.city}" if item.city else ""
            note = f" — {item.note}" if item.note else ""
            console.print(
                escape(f"  {format_date(item.occurred_on)}  {_(item.kind.label)}{place}{note}")
            )
