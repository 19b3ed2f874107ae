"""JSON endpoints: imports (upload, list, undo) and the unsure duplicates they leave.

``POST /api/imports`` runs the import while the request waits (a script wants the report as
the answer); the page runs it in the background instead. Both call the same service.
"""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from einhorn.domain.ids import BatchId, ReviewId
from einhorn.errors import EinhornError
from einhorn.i18n import N_
from einhorn.interchange.json_export import batch_to_dict, contact_to_dict
from einhorn.services.batches import decide_review, list_batches, open_reviews
from einhorn.services.batches import undo_batch as undo_batch_service
from einhorn.services.import_sources import ImportFormat
from einhorn.services.imports import import_files
from einhorn.services.json_views import import_report_to_dict, review_item_to_dict
from einhorn.web.import_jobs import Upload, desk_of, import_request
from einhorn.web.kit import account_of, signed_in, unit, web_of
from einhorn.web.uploads import limited_route, save_uploads

MAX_ID = 2**31 - 1


def _too_large(request: Request, message: str) -> Response:
    return JSONResponse({"error": message}, status_code=413)


router = APIRouter(
    prefix="/api", dependencies=[Depends(signed_in)], route_class=limited_route(_too_large)
)


class Decision(BaseModel):
    """The answer to a held pair: one person (merge) or two (keep apart for good)."""

    same_person: bool


@router.post("/imports")
def api_import(
    request: Request,
    files: Annotated[list[UploadFile], File(description="vCard, CSV or LinkedIn ZIP files")],
    dry_run: Annotated[bool, Form(description="Report what would happen; save nothing")] = False,
    format_: Annotated[ImportFormat, Form(alias="format")] = ImportFormat.AUTO,
    skip_bad: Annotated[bool, Form(description="Skip unreadable records and files")] = False,
) -> dict[str, Any]:
    """Import the uploaded files (all or nothing) and return the report: counts, issues and
    the pairs held for review. A file that cannot be read answers 400 naming it; nothing
    is saved then. At most 50 MB per request (413)."""
    account = account_of(request)
    desk_of(web_of(request)).check_idle(account)  # not beside the page's running import
    web = web_of(request)
    with tempfile.TemporaryDirectory(prefix="einhorn-upload-") as folder:
        names = save_uploads(Path(folder), files)
        if not names:
            raise EinhornError(N_("Choose at least one file: .vcf, .csv or .zip."))
        upload = Upload(secrets.token_urlsafe(8), account, Path(folder), names, format_, skip_bad)
        with unit(request) as uow:
            report = import_files(
                uow=uow, request=import_request(upload, dry_run=dry_run), now=web.now()
            )
    # A dry run's new contacts are never saved: their ids would name nobody.
    return {**import_report_to_dict(report), "examples": report.examples}


@router.get("/imports")
def api_batches(request: Request) -> dict[str, Any]:
    """Past imports and merges, newest first."""
    with unit(request) as uow:
        batches = list_batches(uow=uow, limit=100)
    return {"batches": [batch_to_dict(batch) for batch in batches]}


@router.post("/imports/{batch_id}/undo")
def api_undo(
    request: Request, batch_id: Annotated[int, PathParam(ge=1, le=MAX_ID)]
) -> dict[str, Any]:
    """Take back an import or a merge; returns how many contacts were removed, restored…"""
    with unit(request) as uow:
        done = undo_batch_service(uow=uow, batch_id=BatchId(batch_id), now=web_of(request).now())
    return {"batch": batch_id, **{key: done[key] for key in sorted(done)}}


@router.get("/reviews")
def api_reviews(request: Request) -> dict[str, Any]:
    """The pairs that may be one person, oldest first, both contacts in full."""
    with unit(request) as uow:
        items, total = open_reviews(uow=uow, limit=100)
    return {"total": total, "pairs": [review_item_to_dict(item) for item in items]}


@router.post("/reviews/{review_id}")
def api_decide(
    request: Request, review_id: Annotated[int, PathParam(ge=1, le=MAX_ID)], decision: Decision
) -> dict[str, Any]:
    """Decide a pair: ``same_person`` merges the newer contact into the known one (undo it
    with the batch it returns); otherwise both stay and einhorn does not ask again."""
    with unit(request) as uow:
        merged = decide_review(
            uow=uow,
            review_id=ReviewId(review_id),
            same_person=decision.same_person,
            now=web_of(request).now(),
        )
    if merged is None:
        return {"review": review_id, "merged": False, "batch": None, "contact": None}
    return {
        "review": review_id,
        "merged": True,
        "batch": merged.batch,
        "contact": contact_to_dict(merged.kept),
    }
