"""The import page: upload files, see a preview, import, decide unsure duplicates, undo.

Upload → preview → import: the files are saved in a private folder and a dry run of the
import service (the CLI's ``--dry-run``) runs in the background; the page polls it and shows
what would be created and merged and which pairs are unsure. "Import now" runs the same
service over the same files for real. ``web.import_jobs`` explains how uploads and jobs are
kept; ``web.uploads`` how the upload size is limited.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, File, Form, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from einhorn.domain.ids import AccountId, BatchId, ReviewId
from einhorn.domain.imports import COUNT_LABELS, COUNTS, Batch, describe_counts
from einhorn.errors import Conflict, EinhornError, NotFound
from einhorn.i18n import N_, format_date, ngettext
from einhorn.i18n import gettext as _
from einhorn.interchange.records import ImportIssue
from einhorn.services.batches import (
    decide_review,
    get_batch,
    list_batches,
    open_reviews,
    sources_of,
    undo_batch,
)
from einhorn.services.import_sources import ImportFormat
from einhorn.web.import_jobs import (
    ImportDesk,
    JobView,
    Upload,
    close_desk,
    desk_of,
    run_import,
)
from einhorn.web.kit import account_of, is_htmx, render, signed_in, unit, web_of
from einhorn.web.uploads import limited_route, save_uploads

MAX_ID = 2**31 - 1
TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")  # what secrets.token_urlsafe makes
BATCHES = 20  # recent batches on the page
PAIRS = 25  # pairs on the review page at a time
SHOWN = 20  # held pairs and issues shown in a preview
PHASES = {
    "waiting": N_("Waiting for another import to finish"),
    "reading": N_("Reading files"),
    "matching": N_("Finding duplicates"),
}
FORMATS = {
    ImportFormat.AUTO: N_("recognised from the content"),
    ImportFormat.LINKEDIN: N_("LinkedIn"),
    ImportFormat.VCARD: N_("vCard"),
    ImportFormat.GOOGLE: N_("Google CSV"),
    ImportFormat.OUTLOOK: N_("Outlook CSV"),
    ImportFormat.CSV: N_("other CSV"),
}


def words() -> dict[str, str]:
    """The import pages' words in the current language."""
    return {
        "import_title": _("Import contacts"),
        "import_intro": _(
            "vCards, LinkedIn's export (the ZIP or Connections.csv), Google and Outlook CSV. "
            "You see what will happen before anything is saved."
        ),
        "files": _("Files"),
        "files_hint": _("One or more .vcf, .csv or .zip files"),
        "folder": _("Or a whole folder"),
        "folder_hint": _("Every .vcf, .vcard, .csv and .zip file in it, subfolders included"),
        "format": _("Format"),
        "skip_bad": _("Skip records that cannot be read and import the rest"),
        "preview_button": _("Show what would happen"),
        "preview_running": _("Reading the files …"),
        "import_running": _("Importing …"),
        "progress_of": _("{done} of {total}"),
        "refresh": _("Show the progress"),
        "preview_title": _("Preview: nothing is saved yet"),
        "will_create": _("New contacts"),
        "will_merge": _("Known contacts that gain values"),
        "and_more": _("and {count} more"),
        "unsure": _("May be the same person"),
        "new": _("New"),
        "known": _("Known"),
        "why": _("Why"),
        "problems": _("Problems in the files"),
        "import_now": _("Import now"),
        "discard": _("Discard"),
        "nothing_new": _("These files hold nothing new."),
        "imported": _("Imported"),
        "saved_as": _("Saved as import {batch}. You can undo it below."),
        "not_imported": _("Not imported"),
        "failed": _("The import failed unexpectedly; nothing was saved. Please try again."),
        "recent": _("Recent imports"),
        "batch": _("Batch"),
        "kind": _("Kind"),
        "date": _("Date"),
        "result": _("Result"),
        "undo": _("Undo …"),
        "no_imports": _("No imports yet."),
        "review_title": _("Unsure duplicates"),
        "review_intro": _(
            "einhorn is not sure whether these are one person. Merge them, or keep both: "
            "then einhorn does not ask again."
        ),
        "pair": _("Pair {id}"),
        "emails": _("Email addresses"),
        "phones": _("Phone numbers"),
        "position": _("Position"),
        "sources": _("From"),
        "merge": _("Merge"),
        "keep_both": _("Keep both"),
        "nothing_to_review": _("Nothing to review."),
        "back_to_import": _("Back to the import"),
        "undo_explain": _(
            "Contacts it created are removed, values it added are taken out, merged contacts "
            "come back. Contacts you have edited or met since are kept."
        ),
        "undo_now": _("Undo now"),
        "actions": _("Actions"),
    }


def _too_large(request: Request, message: str) -> Response:
    """A too-large upload, refused before it was read: the form again with the message."""
    if is_htmx(request):
        return render(request, "import_job.html", words(), 413, message=message)
    return render(request, "import.html", words(), 413, **_form(), message=message)


@asynccontextmanager
async def _closing_the_desk(app: FastAPI) -> AsyncIterator[None]:
    """When the app shuts down, its running imports finish and its kept uploads are deleted:
    no import thread outlives the app (nor writes into a database a test has emptied)."""
    try:
        yield
    finally:
        await run_in_threadpool(close_desk, app.state.web)


router = APIRouter(
    dependencies=[Depends(signed_in)],
    route_class=limited_route(_too_large),
    lifespan=_closing_the_desk,
)


# -- the page and its upload -----------------------------------------------------------------


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request) -> HTMLResponse:
    job = _desk(request).current(account_of(request))
    return _page(request, job=job.view() if job else None)


@router.post("/import", response_class=HTMLResponse)
def upload(
    request: Request,
    # A text part where a file belongs (a file input left empty, as some clients send it)
    # is no file: it is skipped like a nameless one, not refused as malformed.
    files: Annotated[list[UploadFile | str], File()] = [],  # noqa: B006 (FastAPI copies defaults)
    folder: Annotated[list[UploadFile | str], File()] = [],  # noqa: B006
    format_: Annotated[ImportFormat, Form(alias="format")] = ImportFormat.AUTO,
    skip_bad: Annotated[bool, Form()] = False,
) -> Response:
    """Save the uploaded files and start the preview (a dry run) of their import."""
    desk, account = _desk(request), account_of(request)
    try:
        kept = _keep_uploads(desk, account, files + folder, len(files))
        kept.format, kept.skip_bad = format_, skip_bad
        job = desk.start(kept, dry_run=True, work=run_import(web_of(request)))
    except EinhornError as exc:
        return _refused(request, exc)
    return _job_answer(request, job.view())


def _keep_uploads(
    desk: ImportDesk, account: AccountId, uploads: list[UploadFile | str], picked: int
) -> Upload:
    """Save the uploads as the account's kept upload (the first ``picked`` were picked one
    by one, the rest came with a folder)."""
    where = desk.new_folder(account)
    upload = Upload(secrets.token_urlsafe(24), account, where, {})
    try:
        desk.keep(upload)  # from now on deleted with the account's next upload, or expires
    except Conflict:
        desk.drop(upload)  # an import started meanwhile: this folder is not kept
        raise
    try:
        upload.names = save_uploads(where, uploads[:picked], uploads[picked:])
    except OSError:
        desk.drop(upload)
        raise
    if not upload.names:
        desk.drop(upload)
        raise EinhornError(N_("Choose at least one file: .vcf, .csv or .zip."))
    return upload


@router.get("/import/jobs/{job_id}", response_class=HTMLResponse)
def job_status(request: Request, job_id: Annotated[str, PathParam(max_length=64)]) -> Response:
    """The job's progress, or its outcome once finished (htmx asks every second)."""
    job = _desk(request).job(account_of(request), job_id) if _is_token(job_id) else None
    if job is None:
        return _refused(request, NotFound(N_("import"), job_id), 404)
    return _job_answer(request, job.view())


@router.post("/import/commit", response_class=HTMLResponse)
def commit(request: Request, token: Annotated[str, Form(max_length=64)]) -> Response:
    """ "Import now": the same files, for real."""
    desk = _desk(request)
    try:
        kept = desk.upload(account_of(request), _kept_token(token))
        job = desk.start(kept, dry_run=False, work=run_import(web_of(request)))
    except EinhornError as exc:
        return _refused(request, exc)
    return _job_answer(request, job.view())


@router.post("/import/discard", response_class=HTMLResponse)
def discard(request: Request, token: Annotated[str, Form(max_length=64)]) -> Response:
    try:
        _desk(request).discard(account_of(request), _kept_token(token))
    except EinhornError as exc:
        return _refused(request, exc)
    if is_htmx(request):
        return HTMLResponse("")
    return RedirectResponse("/import", status_code=303)


def _is_token(text: str) -> bool:
    """Whether ``text`` can be a job id or upload token (``secrets.token_urlsafe``): only
    those are compared with the kept ones (``compare_digest`` refuses non-ASCII text)."""
    return TOKEN.fullmatch(text) is not None


def _kept_token(text: str) -> str:
    if not _is_token(text):
        raise Conflict(N_("These files are no longer kept. Upload them again."))
    return text


def _desk(request: Request) -> ImportDesk:
    return desk_of(web_of(request))


def _job_answer(request: Request, job: JobView) -> Response:
    """The job's fragment for htmx, else the whole page showing it. ``job`` is one snapshot:
    the job may finish while this answer is made, and every part of it must agree."""
    if not is_htmx(request):
        return _page(request, job=job)
    batches = _batch_rows(request) if job.imported else None
    return render(request, "import_job.html", words(), **_job_context(job), oob_batches=batches)


def _page(
    request: Request, *, job: JobView | None = None, message: str = "", status: int = 200
) -> HTMLResponse:
    with unit(request) as uow:
        batches = list_batches(uow=uow, limit=BATCHES)
        _, open_pairs = open_reviews(uow=uow, limit=0)
    return render(
        request,
        "import.html",
        words(),
        status,
        **_form(),
        **(_job_context(job) if job else {}),
        message=message,
        batches=[_batch_row(b) for b in batches],
        review_link=ngettext(
            "{count} pair to decide", "{count} pairs to decide", open_pairs
        ).format(count=open_pairs),
        open_pairs=open_pairs,
    )


def _form() -> dict[str, Any]:
    return {"formats": [(value.value, _(label)) for value, label in FORMATS.items()]}


def _job_context(job: JobView) -> dict[str, Any]:
    """What import_job.html shows of the job; the template reads nothing else of it."""
    report = job.report
    counts = [(_(COUNT_LABELS[n]), report.count(n)) for n in COUNTS] if report else []
    return {
        "job": job,
        "phase": _(PHASES.get(job.phase, job.phase)),
        "report": report,
        "counts": [(label, n) for label, n in counts if n],
        "error": str(job.error) if job.error else "",
        "worth_importing": bool(report and (report.examples or report.count("interactions"))),
        "issues": [_issue_line(issue) for issue in report.issues[:SHOWN]] if report else [],
        "shown": SHOWN,
    }


def _issue_line(issue: ImportIssue) -> str:
    where = _("{file}, line {line}").format(file=issue.file, line=issue.line)
    detail = f" ({issue.detail})" if issue.detail else ""
    return f"{where if issue.line else issue.file}: {_(issue.reason)}{detail}"


def _refused(request: Request, exc: EinhornError, status: int | None = None) -> Response:
    """Bad input or a conflict, as one line where the answer goes."""
    code = status or (
        404 if isinstance(exc, NotFound) else 409 if isinstance(exc, Conflict) else 400
    )
    if is_htmx(request):
        return render(request, "import_job.html", words(), code, message=str(exc))
    return _page(request, message=str(exc), status=code)


# -- batches and undo ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchRow:
    id: int
    kind: str
    date: str
    files: str
    result: str
    undone: bool


def _batch_rows(request: Request) -> list[BatchRow]:
    with unit(request) as uow:
        return [_batch_row(b) for b in list_batches(uow=uow, limit=BATCHES)]


def _batch_row(batch: Batch) -> BatchRow:
    assert batch.id is not None
    if batch.undone_at:
        result = _("undone on {date}").format(date=format_date(batch.undone_at.date()))
    else:
        result = describe_counts(batch.counts)
    shown = [Path(batch.files[0]).name] if batch.files else []
    if len(batch.files) > 1:
        shown.append(_("and {count} more").format(count=len(batch.files) - 1))
    return BatchRow(
        batch.id,
        _(batch.kind.label),
        format_date(batch.created_at.date()),
        ", ".join(shown),
        result,
        batch.undone_at is not None,
    )


BatchParam = Annotated[int, PathParam(ge=1, le=MAX_ID)]


@router.get("/import/batches/{batch_id}/undo", response_class=HTMLResponse)
def confirm_undo(request: Request, batch_id: BatchParam) -> HTMLResponse:
    """Ask before undoing: what the batch was and what undoing it does."""
    with unit(request) as uow:
        batch = get_batch(uow=uow, batch_id=BatchId(batch_id))
    return _undo_page(request, batch)


@router.post("/import/batches/{batch_id}/undo", response_class=HTMLResponse)
def undo(request: Request, batch_id: BatchParam) -> HTMLResponse:
    with unit(request) as uow:
        batch = get_batch(uow=uow, batch_id=BatchId(batch_id))
        try:
            done = undo_batch(uow=uow, batch_id=BatchId(batch_id), now=web_of(request).now())
        except Conflict as exc:  # undone before, or a later batch changed the same contacts
            return _undo_page(request, batch, message=str(exc), status=409)
    summary = _(
        "Batch {batch} undone: {removed} contacts removed, {reverted} restored to before, "
        "{restored} merged contacts back, {interactions} interactions removed."
    ).format(batch=batch_id, **{key: done[key] for key in _UNDONE})
    kept = ""
    if done["kept"]:
        kept = _(
            "{kept} contacts the import created were kept: you edited or met them since."
        ).format(kept=done["kept"])
    return render(
        request, "import_undo.html", words(), title=_undo_title(batch), done=summary, kept=kept
    )


_UNDONE = ("removed", "reverted", "restored", "interactions")


def _undo_title(batch: Batch) -> str:
    return _("Undo {kind} {batch}").format(kind=_(batch.kind.label), batch=batch.id)


def _undo_page(
    request: Request, batch: Batch, *, message: str = "", status: int = 200
) -> HTMLResponse:
    return render(
        request,
        "import_undo.html",
        words(),
        status,
        title=_undo_title(batch),
        batch=_batch_row(batch),
        files=batch.files,
        message=message,
    )


# -- unsure duplicates -----------------------------------------------------------------------


@router.get("/import/review", response_class=HTMLResponse)
def review(request: Request) -> HTMLResponse:
    return _review_page(request)


def _review_page(request: Request, message: str = "", status: int = 200) -> HTMLResponse:
    with unit(request) as uow:
        items, total = open_reviews(uow=uow, limit=PAIRS)
        people = sorted({c for i in items for c in (i.review.contact_id, i.review.candidate_id)})
        sources = sources_of(uow=uow, contact_ids=people)
    return render(
        request,
        "import_review.html",
        words(),
        status,
        items=items,
        total=total,
        sources=sources,
        message=message,
        shown_of=_("{shown} of {total} pairs shown.").format(shown=len(items), total=total),
    )


@router.post("/import/review/{review_id}", response_class=HTMLResponse)
def decide(
    request: Request,
    review_id: Annotated[int, PathParam(ge=1, le=MAX_ID)],
    decision: Annotated[str, Form(pattern="^(merge|separate)$")],
) -> Response:
    """Merge the pair (the newer contact goes into the known one) or keep both for good."""
    try:
        with unit(request) as uow:
            merged = decide_review(
                uow=uow,
                review_id=ReviewId(review_id),
                same_person=decision == "merge",
                now=web_of(request).now(),
            )
    except EinhornError as exc:
        code = 404 if isinstance(exc, NotFound) else 409
        if is_htmx(request):
            return render(
                request, "import_decided.html", words(), code, id=review_id, problem=str(exc)
            )
        return _review_page(request, str(exc), code)
    if not is_htmx(request):
        return RedirectResponse("/import/review", status_code=303)
    if merged is None:
        outcome = _("Kept apart; einhorn will not ask again.")
    else:
        outcome = _("Merged {absorbed} into {name}. Undo it on the import page.").format(
            absorbed=merged.absorbed_name, name=merged.kept.display_name
        )
    return render(request, "import_decided.html", words(), id=review_id, outcome=outcome)
