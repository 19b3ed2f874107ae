"""Uploads: a body limit that refuses a request before it is read, and uploaded files saved
under private names in a private folder.

The limit sits in the route itself (``limited_route``), not in a dependency: FastAPI reads a
multipart body, and the CSRF check reads a form, before any dependency of the route runs.
So the declared Content-Length is checked first, and the bytes are counted as they arrive
(a chunked request declares none); past the limit the request is answered at once with 413.
Starlette keeps the parts of a form in temporary files beyond 1 MB, so even an allowed
upload never sits in memory as a whole.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from collections.abc import Callable, Coroutine, Iterable
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request, UploadFile
from fastapi.responses import PlainTextResponse, Response
from fastapi.routing import APIRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from einhorn.i18n import format_number
from einhorn.i18n import gettext as _
from einhorn.services.import_sources import SUFFIXES
from einhorn.web.kit import use_language

MAX_UPLOAD_BYTES = 50 * 1024 * 1024  # one request, every file in it together
BODY_LIMIT = MAX_UPLOAD_BYTES + 1024 * 1024  # any request (the import routes refuse first)
MAX_NAME = 200  # characters of a shown file name
_COPY_CHUNK = 1024 * 1024

Responder = Callable[[Request, str], Response]


class UploadTooLarge(HTTPException):
    """The request body is larger than MAX_UPLOAD_BYTES (raised while it is being read)."""

    def __init__(self) -> None:
        super().__init__(status_code=413, detail=too_large_message())


def too_large_message() -> str:
    return _("The upload is larger than {size}. Upload fewer or smaller files at a time.").format(
        size=_size(MAX_UPLOAD_BYTES)
    )


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{format_number(limit / (1024 * 1024), 0)} MB"
    return f"{format_number(limit / 1024, 0)} kB"


def limited_route(respond: Responder) -> type[APIRoute]:
    """A route class whose requests may carry at most MAX_UPLOAD_BYTES; a larger one gets
    ``respond(request, message)`` (a page or JSON with status 413), and nothing is stored."""

    class LimitedRoute(APIRoute):
        def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
            handler = super().get_route_handler()

            async def limited(request: Request) -> Response:
                if _declared_length(request) > MAX_UPLOAD_BYTES:
                    return respond(request, too_large_message())
                counted = Request(request.scope, _counting(request.receive, MAX_UPLOAD_BYTES))
                try:
                    return await handler(counted)
                except UploadTooLarge as exc:
                    return respond(request, str(exc.detail))

            return limited

    return LimitedRoute


def _declared_length(request: Request) -> int:
    try:
        return int(request.headers.get("content-length", "0"))
    except ValueError:
        return 0


def _counting(receive: Receive, limit: int) -> Receive:
    """``receive`` that raises UploadTooLarge once more than ``limit`` bytes arrived."""
    received = 0

    async def counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise UploadTooLarge
        return message

    return counted


class BodyLimit:
    """Every request, whatever its route, carries at most BODY_LIMIT bytes.

    The CSRF check reads a form before any route runs, and Starlette spools a multipart form
    to disk: without this, any POST could fill the disk. The import routes keep their own,
    slightly lower limit (``limited_route``), which answers in their page.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if _declared_length(Request(scope)) > BODY_LIMIT:
            use_language(Request(scope))
            refused = PlainTextResponse(too_large_message(), status_code=413)
            await refused(scope, receive, send)
            return
        await self.app(scope, _counting(receive, BODY_LIMIT), send)


def shown_name(filename: str | None, number: int) -> str:
    """The name a user gave a file, fit to show: the path inside a chosen folder kept,
    control characters, empty parts and ``..`` dropped, shortened; never a path on the
    server (the file itself is saved under a number)."""
    text = "".join(ch for ch in (filename or "") if unicodedata.category(ch)[0] != "C")
    parts = [p.strip() for p in re.split(r"[/\\]", text) if p.strip() not in ("", ".", "..")]
    name = "/".join(parts)
    if len(name) > MAX_NAME:
        name = "…" + name[-(MAX_NAME - 1) :]
    return name or _("upload {number}").format(number=number)


def save_uploads(
    folder: Path,
    files: Iterable[UploadFile | str],
    folder_files: Iterable[UploadFile | str] = (),
) -> dict[Path, str]:
    """Copy the uploaded files into ``folder`` under numbers; returns each saved path with
    the name to show for it. Files picked one by one are all kept (the content decides the
    format, as on the command line); of a chosen folder only contact files (.vcf, .vcard,
    .csv, .zip) are, as ``einhorn import FOLDER`` does."""
    saved: dict[Path, str] = {}
    chosen = [(upload, False) for upload in files] + [(upload, True) for upload in folder_files]
    for upload, from_folder in chosen:
        if isinstance(upload, str) or not upload.filename:
            continue  # an empty file input still sends one nameless (or text) empty part
        name = shown_name(upload.filename, len(saved) + 1)
        if from_folder and Path(name).suffix.lower() not in SUFFIXES:
            continue
        path = folder / f"{len(saved) + 1:05d}"
        with path.open("wb") as out:
            shutil.copyfileobj(upload.file, out, _COPY_CHUNK)
        saved[path] = name
    return saved
