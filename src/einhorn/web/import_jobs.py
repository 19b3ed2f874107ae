"""The import desk: each account's uploaded files between preview and "Import now", and its
one import job, run in a background thread and watched by polling.

Why this shape:
- The preview is a dry run of the very files the real import then reads, so the uploads
  are kept between the two: in a private folder (``tempfile``, mode 0700) under a random
  token, bound to the account that uploaded them. A token of another account finds nothing.
  An account has at most one kept upload: a new one replaces it, "Import now" and "Discard"
  delete it, and one not used within ``KEEP_SECONDS`` is deleted at the next upload.
- An import of 30,000 rows takes seconds, longer than a request should. It runs in a small
  thread pool (``WORKERS``, so that many accounts importing at once queue rather than fill
  the memory), reports its progress through the service's progress callback, and the page
  asks for it every second. One job at a time per account; a job is found only with the
  account that started it.
- A job is written by its worker thread and read by requests at the same time. Its outcome
  (report, error or failure) is published in one assignment, after the upload it no longer
  needs is deleted, and pages render a ``JobView``: one consistent snapshot, never the live
  job (read twice, it could be running for one line of a template and finished for the next).
- Everything lives in this process: ``einhorn serve`` runs one. A restart forgets the kept
  uploads (their folder goes with the process) and the user uploads again. Each web app has
  its own desk (in ``Web.extra``); when the app shuts down, ``close_desk`` waits for its
  running jobs and deletes its folders, so that no import outlives the app that started it.
- The desk deletes only folders it made itself, inside its own temporary root: never a path
  handed to it from elsewhere.
"""

from __future__ import annotations

import contextvars
import logging
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from einhorn.domain.ids import AccountId
from einhorn.errors import Conflict, EinhornError
from einhorn.i18n import N_
from einhorn.services.import_sources import ImportFormat
from einhorn.services.imports import ImportReport, ImportRequest, import_files
from einhorn.web.kit import Web

logger = logging.getLogger(__name__)

KEEP_SECONDS = 3600  # how long uploaded files wait for "Import now"
WORKERS = 2  # imports running at once in the whole server
_DESK = "import_desk"  # its key in Web.extra
_desk_lock = threading.Lock()


@dataclass(slots=True)
class Upload:
    """Files one account uploaded, kept for the import after the preview."""

    token: str
    account: AccountId
    folder: Path
    names: dict[Path, str]  # saved file → the name the user gave it
    format: ImportFormat = ImportFormat.AUTO
    skip_bad: bool = False
    kept_at: float = field(default_factory=time.monotonic)

    @property
    def shown(self) -> list[str]:
        return list(self.names.values())


@dataclass(frozen=True, slots=True)
class Outcome:
    """How a job ended: its report, or the error a user can act on, or an unexpected failure."""

    report: ImportReport | None = None
    error: EinhornError | None = None  # shown in the language of whoever looks
    failed: bool = False  # something unexpected (logged), or no report at all
    at: float = field(default_factory=time.monotonic)


@dataclass(slots=True)
class Job:
    """One run of the import service over an upload: a preview (dry run) or the import."""

    id: str
    account: AccountId
    upload: Upload
    dry_run: bool
    # (phase, done, total): "waiting", then the service's phases "reading" and "matching";
    # one tuple, so that a reader never sees the count of one phase with the total of another
    step: tuple[str, int, int] = ("waiting", 0, 0)
    outcome: Outcome | None = None  # set once, by the worker, when the job has finished

    def progress(self, phase: str, done: int, total: int) -> None:
        self.step = (phase, done, total)

    @property
    def running(self) -> bool:
        return self.outcome is None

    def view(self) -> JobView:
        """The job as it is now, read once: what a page shows of it."""
        outcome = self.outcome  # one read: the rest of the view agrees with it
        phase, done, total = self.step
        report = outcome.report if outcome else None
        error = outcome.error if outcome else None
        return JobView(
            id=self.id,
            dry_run=self.dry_run,
            token=self.upload.token,
            phase=phase,
            done=done,
            total=total,
            running=outcome is None,
            report=report,
            error=error,
            # finished without a report or an error to show: say it failed, whatever it was
            failed=outcome is not None and (outcome.failed or (report is None and not error)),
        )


@dataclass(frozen=True, slots=True)
class JobView:
    """A snapshot of a job. Finished, it has an ``error``, or is ``failed``, or has a report."""

    id: str
    dry_run: bool
    token: str  # of the upload the job read
    phase: str
    done: int
    total: int
    running: bool
    report: ImportReport | None
    error: EinhornError | None
    failed: bool

    @property
    def imported(self) -> bool:
        """A real import that saved its batch."""
        return not self.running and not self.dry_run and self.report is not None


Work = Callable[[Job], ImportReport]


class ImportDesk:
    """Kept uploads and import jobs of every account, each reachable only by its account."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._root: tempfile.TemporaryDirectory[str] | None = None
        self._uploads: dict[AccountId, Upload] = {}
        self._jobs: dict[AccountId, Job] = {}
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="einhorn-import")
        self._closed = False

    # -- uploads ---------------------------------------------------------------------------

    def new_folder(self, account: AccountId) -> Path:
        """A fresh private folder for an upload; refused while the account's import runs."""
        self.check_idle(account)
        with self._lock:
            if self._root is None:
                self._root = tempfile.TemporaryDirectory(prefix="einhorn-uploads-")
            return Path(tempfile.mkdtemp(dir=self._root.name))

    def keep(self, upload: Upload) -> None:
        """Keep ``upload`` as its account's one upload (the one before is deleted), and
        delete every upload left unused for longer than KEEP_SECONDS. Refused while the
        account's import runs: it may be reading the upload before."""
        with self._lock:
            self._check_idle_locked(upload.account)
            old = self._uploads.get(upload.account)
            self._uploads[upload.account] = upload
            stale = [old] if old is not None else []
            stale += self._expired()
        for item in stale:
            self._delete(item)

    def upload(self, account: AccountId, token: str) -> Upload:
        """The account's kept upload with this token; Conflict when it is gone (imported,
        discarded, replaced, expired or another account's)."""
        with self._lock:
            upload = self._uploads.get(account)
        if upload is None or not secrets.compare_digest(upload.token.encode(), token.encode()):
            raise Conflict(N_("These files are no longer kept. Upload them again."))
        return upload

    def discard(self, account: AccountId, token: str) -> None:
        """Delete the kept upload and forget the preview made of it (not while the
        account's import runs: it may be reading these files)."""
        upload = self.upload(account, token)
        with self._lock:
            self._check_idle_locked(account)
            if self._uploads.get(account) is not upload:
                raise Conflict(N_("These files are no longer kept. Upload them again."))
            del self._uploads[account]
            job = self._jobs.get(account)
            if job is not None and job.upload is upload:
                del self._jobs[account]
        self._delete(upload)

    def drop(self, upload: Upload) -> None:
        with self._lock:
            if self._uploads.get(upload.account) is upload:
                del self._uploads[upload.account]
        self._delete(upload)

    def _expired(self) -> list[Upload]:
        """Unused uploads past KEEP_SECONDS, taken off the desk (call with the lock held)."""
        now = time.monotonic()
        busy = {job.upload.token for job in self._jobs.values() if job.running}
        old = [
            u
            for u in self._uploads.values()
            if now - u.kept_at > KEEP_SECONDS and u.token not in busy
        ]
        for upload in old:
            del self._uploads[upload.account]
        for account in [a for a, j in self._jobs.items() if _forgettable(j, now)]:
            del self._jobs[account]
        return old

    def _delete(self, upload: Upload) -> None:
        """Delete the upload's folder, but only a folder this desk made inside its own root."""
        root = self._root
        folder = upload.folder.resolve()
        if root is None or folder.parent != Path(root.name).resolve():
            logger.warning("not deleting %s: not an upload folder of this desk", folder)
            return
        shutil.rmtree(folder, ignore_errors=True)

    # -- jobs ------------------------------------------------------------------------------

    def check_idle(self, account: AccountId) -> None:
        with self._lock:
            self._check_idle_locked(account)

    def _check_idle_locked(self, account: AccountId) -> None:
        job = self._jobs.get(account)
        if job is not None and job.running:
            raise Conflict(N_("An import is still running. Wait until it has finished."))

    def start(self, upload: Upload, *, dry_run: bool, work: Work) -> Job:
        """Run ``work(job)`` in the background, in the language and context of the caller.

        ``upload`` must be its account's kept upload still: a newer upload or a discard
        between the request's look-up and this start deletes its files."""
        job = Job(secrets.token_urlsafe(12), upload.account, upload, dry_run)
        with self._lock:
            self._check_idle_locked(upload.account)
            if self._uploads.get(upload.account) is not upload:
                raise Conflict(N_("These files are no longer kept. Upload them again."))
            if self._closed:
                raise Conflict(N_("einhorn is shutting down. Try again after the restart."))
            self._jobs[upload.account] = job
            context = contextvars.copy_context()
            self._pool.submit(context.run, self._run, job, work)
        return job

    def current(self, account: AccountId) -> Job | None:
        with self._lock:
            return self._jobs.get(account)

    def job(self, account: AccountId, job_id: str) -> Job | None:
        """The account's job with this id; None for any other (or another account's)."""
        job = self.current(account)
        if job is None or not secrets.compare_digest(job.id.encode(), job_id.encode()):
            return None
        return job

    def _run(self, job: Job, work: Work) -> None:
        outcome = _outcome(job, work)
        try:
            # A preview that failed, and every real import, leave nothing to import again.
            if outcome.report is None or not job.dry_run:
                self.drop(job.upload)
        finally:
            job.outcome = outcome  # the one write that finishes the job: the last

    def close(self) -> None:
        """Wait for running jobs and delete every kept upload (the app is shutting down)."""
        with self._lock:
            self._closed = True
        self._pool.shutdown(wait=True)
        with self._lock:
            if self._root is not None:
                self._root.cleanup()
                self._root = None
            self._uploads.clear()


def _outcome(job: Job, work: Work) -> Outcome:
    """Run the work; whatever happens becomes the outcome, never an exception."""
    try:
        report = work(job)
    except EinhornError as exc:
        return Outcome(error=exc)
    except Exception:
        logger.exception("import job %s failed", job.id)
        return Outcome(failed=True)
    return Outcome(report=report)


def _forgettable(job: Job, now: float) -> bool:
    return job.outcome is not None and now - job.outcome.at > KEEP_SECONDS


def desk_of(web: Web) -> ImportDesk:
    """The web app's one import desk (made when first needed)."""
    with _desk_lock:
        desk = web.extra.get(_DESK)
        if not isinstance(desk, ImportDesk):
            desk = web.extra[_DESK] = ImportDesk()
        return desk


def close_desk(web: Web) -> None:
    """Wait for the app's running imports and delete its kept uploads (at shutdown). A
    later request gets a new desk."""
    with _desk_lock:
        desk = web.extra.pop(_DESK, None)
    if isinstance(desk, ImportDesk):
        desk.close()


def import_request(upload: Upload, *, dry_run: bool) -> ImportRequest:
    """The import service's request for the uploaded files, under the names the user gave."""
    return ImportRequest(
        paths=list(upload.names),
        format=upload.format,
        skip_bad=upload.skip_bad,
        dry_run=dry_run,
        shown_names=upload.names,
    )


def run_import(web: Web) -> Work:
    """The work of a job: the import service over the job's upload, in one unit of work of
    the job's account (the CLI's ``einhorn import``, with or without ``--dry-run``)."""
    today = web.today()

    def work(job: Job) -> ImportReport:
        with web.app.uow(today, account_id=job.account) as uow:
            return import_files(
                uow=uow,
                request=import_request(job.upload, dry_run=job.dry_run),
                now=web.now(),
                progress=job.progress,
            )

    return work
