"""``einhorn import PATH...``, ``import review``, ``import undo``, ``import list``, ``merge``."""

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated, Any

import click
import typer
from typer.core import TyperGroup

from einhorn.cli.context import in_range, opened_app, today
from einhorn.cli.output import console, escape, new_table, print_json, progress_bar, say
from einhorn.domain.contacts import Contact
from einhorn.domain.ids import BatchId, ReviewId
from einhorn.domain.imports import describe_counts
from einhorn.errors import InvalidInput
from einhorn.i18n import N_, format_date, ngettext
from einhorn.i18n import gettext as _
from einhorn.interchange.json_export import batch_to_dict, contact_to_dict
from einhorn.services.batches import (
    ReviewItem,
    current_review,
    decide_review,
    merge_contacts,
    open_reviews,
    undo_batch,
)
from einhorn.services.contacts import resolve_contact
from einhorn.services.import_sources import ImportFormat
from einhorn.services.imports import ImportReport, ImportRequest, import_files
from einhorn.services.json_views import import_report_to_dict, review_item_to_dict

FILES = "files"  # the subcommand that `einhorn import PATH...` runs
SHOWN_ISSUES = 20


class ImportGroup(TyperGroup):
    """``einhorn import PATH...`` runs ``import files PATH...``; a subcommand name (review,
    undo, list) runs that subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [FILES, *args]
        return super().parse_args(ctx, args)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def register(app: typer.Typer) -> None:
    group = typer.Typer(
        cls=ImportGroup,
        help=_(
            "Import contacts: einhorn import PATH... reads vCards, LinkedIn's export (ZIP or "
            "Connections.csv), Google and Outlook CSV, or any CSV with --map, and merges "
            "duplicates. Subcommands decide held pairs, undo an import and list imports."
        ),
        no_args_is_help=True,
    )
    app.add_typer(group, name="import")
    group.command(FILES, help=_("Import files and folders (also: einhorn import PATH...)."))(files)
    group.command(
        "review",
        help=_(
            "Pairs that may be one person: list them, decide one with ID --merge or "
            "--separate, or decide one by one in a terminal."
        ),
    )(review)
    group.command(
        "undo",
        help=_(
            "Take back an import or a merge: contacts it created are removed, values it "
            "added are taken out, merged contacts come back."
        ),
    )(undo)
    group.command("list", help=_("Past imports and merges, newest first."))(list_batches)
    app.command(
        "merge",
        help=_(
            "Merge contact B into contact A: A keeps its values and gains B's, B's "
            "interactions move to A. Undo with einhorn import undo."
        ),
    )(merge)


def files(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH...",
            help=_("Files or folders: .vcf, .csv, LinkedIn's export ZIP."),
        ),
    ],
    format_: Annotated[
        ImportFormat,
        typer.Option(
            "--format",
            case_sensitive=False,
            help=_("The format of every file; default: recognised from the content."),
        ),
    ] = ImportFormat.AUTO,
    mapping: Annotated[
        str | None,
        typer.Option(
            "--map",
            metavar="COLUMN=FIELD,...",
            help=_('Columns of a CSV file: --map "Name=display_name,Firma=company".'),
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=_("Show what would happen; save nothing."))
    ] = False,
    skip_bad: Annotated[
        bool,
        typer.Option(
            "--skip-bad", help=_("Skip records and files that cannot be read; import the rest.")
        ),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    from einhorn.interchange.generic_csv import parse_mapping

    request = ImportRequest(
        paths=paths,
        format=format_,
        mapping=parse_mapping(mapping) if mapping else None,
        skip_bad=skip_bad,
        dry_run=dry_run,
    )
    with (
        opened_app(ctx) as app,
        app.uow(today()) as uow,
        progress_bar(
            {"reading": _("Reading files"), "matching": _("Finding duplicates")},
            enabled=not as_json,
        ) as progress,
    ):
        report = import_files(uow=uow, request=request, now=_now(), progress=progress)
    if as_json:
        print_json(import_report_to_dict(report))
    else:
        _print_report(report)


def _print_report(report: ImportReport) -> None:
    if report.dry_run:
        say(_("Dry run: nothing was saved."))
    files = ngettext("{count} file", "{count} files", len(report.files)).format(
        count=len(report.files)
    )
    say(
        _(
            "{files}: {created} new, {merged} merged, {unchanged} unchanged, "
            "{skipped} skipped, {needs_review} to review, {interactions} interactions."
        ).format(files=files, **report.totals())
    )
    for issue in report.issues[:SHOWN_ISSUES]:
        where = f"{issue.file}, {_('line')} {issue.line}" if issue.line else issue.file
        detail = f" ({issue.detail})" if issue.detail else ""
        say(f"  {where}: {_(issue.reason)}{detail}")
    if len(report.issues) > SHOWN_ISSUES:
        say(_("  … and {count} more.").format(count=len(report.issues) - SHOWN_ISSUES))
    if report.held:
        table = new_table(title=_("May be the same person"))
        for header in (_("New"), _("Known"), _("Why")):
            table.add_column(header)
        for pair in report.held[:SHOWN_ISSUES]:
            new = pair.contact_name if report.dry_run else f"#{pair.contact_id} {pair.contact_name}"
            table.add_row(
                escape(new),  # a dry run's new contacts get no id: they are never saved
                escape(f"#{pair.candidate_id} {pair.candidate_name}"),
                escape(pair.reason),
            )
        console.print(table)
    if not report.dry_run and report.batch is not None:
        say(_("Undo with: einhorn import undo {batch}").format(batch=report.batch))
        if report.held:
            say(_("Decide the pairs with: einhorn import review"))


def review(
    ctx: typer.Context,
    review_id: Annotated[
        int | None, typer.Argument(metavar="ID", help=_("The pair to decide."))
    ] = None,
    same: Annotated[
        bool | None,
        typer.Option(
            "--merge/--separate",
            help=_("Decide the pair ID: one person (merge) or two people (separate)."),
            show_default=False,
        ),
    ] = None,
    limit: Annotated[int, typer.Option(help=_("Show at most this many pairs."))] = 50,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    in_range(limit, "--limit", 1, 10_000)
    if (review_id is None) != (same is None):
        raise InvalidInput(
            "ID",
            review_id if review_id is not None else "",
            N_("give both ID and --merge or --separate"),
        )
    with opened_app(ctx) as app, app.uow(today()) as uow:
        if review_id is not None and same is not None:
            in_range(review_id, "ID", 1, 2**31 - 1)
            _decide(uow, ReviewId(review_id), same)
            return
        items, total = open_reviews(uow=uow, limit=limit)
        if as_json:
            print_json({"total": total, "pairs": [review_item_to_dict(item) for item in items]})
            return
        if not items:
            say(_("Nothing to review."))
            return
        if sys.stdin.isatty() and sys.stdout.isatty():
            _ask(uow, items)
            return
        _print_reviews(items, total)


def _decide(uow: Any, review_id: ReviewId, same: bool) -> None:
    merged = decide_review(uow=uow, review_id=review_id, same_person=same, now=_now())
    if merged is None:
        say(_("Kept apart; einhorn will not ask again."))
    else:
        _say_merged(merged.absorbed_name, merged.kept, merged.batch)


def _ask(uow: Any, items: list[ReviewItem]) -> None:
    keys = {"m": True, "k": False}
    for listed in items:
        item = current_review(uow=uow, review_id=listed.review.id)
        if item is None:
            continue  # settled by an earlier answer
        _print_reviews([item], 1)
        answer = click.prompt(
            _("[m]erge, [k]eep apart, [s]kip, [q]uit"),
            type=click.Choice(["m", "k", "s", "q"]),
            show_choices=False,
        )
        if answer == "q":
            return
        if answer in keys:
            _decide(uow, item.review.id, keys[answer])


def _describe(contact: Contact) -> str:
    parts = [f"#{contact.id} {contact.display_name}", contact.company, *contact.emails[:2]]
    return "\n".join(escape(part) for part in parts if part)


def _print_reviews(items: list[ReviewItem], total: int) -> None:
    table = new_table(title=_("May be the same person"))
    for header in (_("Pair"), _("New"), _("Known"), _("Why")):
        table.add_column(header)
    for item in items:
        table.add_row(
            str(item.review.id),
            _describe(item.contact),
            _describe(item.candidate),
            escape(item.review.reason),
        )
    console.print(table)
    if total > len(items):
        say(_("{shown} of {total} pairs shown.").format(shown=len(items), total=total))
    if total > 1:
        say(_("Decide with: einhorn import review ID --merge (or --separate)"))


def undo(
    ctx: typer.Context,
    batch: Annotated[int, typer.Argument(metavar="BATCH", help=_("The batch number."))],
) -> None:
    in_range(batch, "BATCH", 1, 2**31 - 1)
    with opened_app(ctx) as app, app.uow(today()) as uow:
        done = undo_batch(uow=uow, batch_id=BatchId(batch), now=_now())
    say(
        _(
            "Batch {batch} undone: {removed} contacts removed, {reverted} restored to before, "
            "{restored} merged contacts back, {interactions} interactions removed."
        ).format(
            batch=batch,
            removed=done["removed"],
            reverted=done["reverted"],
            restored=done["restored"],
            interactions=done["interactions"],
        )
    )
    if done["kept"]:
        say(
            _(
                "{kept} contacts the import created were kept: you edited or met them since. "
                "Remove them with einhorn contacts remove if they should go."
            ).format(kept=done["kept"])
        )


def list_batches(
    ctx: typer.Context,
    limit: Annotated[int, typer.Option(help=_("Show at most this many."))] = 20,
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    in_range(limit, "--limit", 1, 10_000)
    with opened_app(ctx) as app, app.uow(today()) as uow:
        batches = uow.imports.list_batches(limit)
    if as_json:
        print_json([batch_to_dict(batch) for batch in batches])
        return
    if not batches:
        say(_("No imports yet."))
        return
    table = new_table()
    for header in (_("Batch"), _("Kind"), _("Date"), _("Files"), _("Result")):
        table.add_column(header)
    for batch in batches:
        result = describe_counts(batch.counts)
        if batch.undone_at:
            result = _("undone on {date}").format(date=format_date(batch.undone_at.date()))
        shown = [Path(batch.files[0]).name] if batch.files else []
        if len(batch.files) > 1:
            shown.append(_("and {count} more").format(count=len(batch.files) - 1))
        table.add_row(
            str(batch.id),
            escape(_(batch.kind.label)),
            format_date(batch.created_at.date()),
            escape(", ".join(shown)),
            escape(result),
        )
    console.print(table)


def merge(
    ctx: typer.Context,
    keep: Annotated[str, typer.Argument(metavar="A", help=_("The contact that stays."))],
    other: Annotated[
        str, typer.Argument(metavar="B", help=_("The contact merged into A and then removed."))
    ],
    as_json: Annotated[bool, typer.Option("--json", help=_("Print JSON (for scripts)."))] = False,
) -> None:
    with opened_app(ctx) as app, app.uow(today()) as uow:
        result = merge_contacts(
            uow=uow,
            keep=resolve_contact(uow=uow, ref=keep),
            other=resolve_contact(uow=uow, ref=other),
            now=_now(),
        )
    if as_json:
        print_json({"batch": result.batch, "contact": contact_to_dict(result.kept)})
        return
    _say_merged(result.absorbed_name, result.kept, result.batch)


def _say_merged(absorbed: str, kept: Contact, batch: int) -> None:
    say(
        _("Merged {absorbed} into #{id} {name}. Undo with: einhorn import undo {batch}").format(
            absorbed=absorbed, id=kept.id, name=kept.display_name, batch=batch
        )
    )
