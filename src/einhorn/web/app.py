"""The FastAPI application: local mode (one implicit account, bound to 127.0.0.1) or server
mode (accounts, sessions, sign-up by invitation).

Each noun has its page routes in ``web.pages`` and its JSON routes in ``web.api``; this module
only wires them together with the dependencies every request passes: language, account, CSRF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping
from importlib import resources
from typing import Any

from fastapi import Depends, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from einhorn.bootstrap import App
from einhorn.errors import Conflict, EinhornError, NotFound
from einhorn.i18n import format_date, format_number, format_weekday
from einhorn.i18n import gettext as _
from einhorn.web import api, pages
from einhorn.web.kit import Web, csrf_protect, identify, render, speak, use_language
from einhorn.web.pages.auth import enable_server_mode
from einhorn.web.uploads import BodyLimit

# Pages may load scripts, styles and images only from einhorn itself.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


def create_app(
    app: App, today: Callable[[], dt.date] = dt.date.today, *, multi_user: bool = False
) -> FastAPI:
    """The web app over ``app``'s database: its one account, or every account (server mode)."""
    web_app = FastAPI(
        title="einhorn",
        docs_url="/api/docs",
        openapi_url="/api/openapi.json",
        redoc_url=None,
        dependencies=[Depends(speak), Depends(identify), Depends(csrf_protect)],
    )
    package = resources.files("einhorn.web")
    templates = Jinja2Templates(directory=str(package / "templates"))
    templates.env.globals.update(
        format_date=format_date, format_number=format_number, format_weekday=format_weekday
    )
    web_app.state.web = Web(app=app, templates=templates, today=today, multi_user=multi_user)
    if multi_user:
        enable_server_mode(web_app)  # sessions, sign-in and sign-up
    web_app.mount("/static", StaticFiles(directory=str(package / "static")), name="static")
    for router in (*pages.routers(), *api.routers()):
        web_app.include_router(router)
    _handle_errors(web_app)
    web_app.add_middleware(BodyLimit)  # before routing: before the CSRF check reads any form

    @web_app.middleware("http")
    async def security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        # same-origin, not no-referrer: under no-referrer Chromium posts forms with
        # "Origin: null", which csrf_protect must refuse, and sends no Referer for the
        # language switch to return by. Other sites still get no referrer at all.
        response.headers["Referrer-Policy"] = "same-origin"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    return web_app


def _handle_errors(web_app: FastAPI) -> None:
    def wants_json(request: Request) -> bool:
        return request.url.path.startswith("/api/")

    @web_app.exception_handler(EinhornError)
    def einhorn_error(request: Request, exc: EinhornError) -> Response:
        use_language(request)
        status = 404 if isinstance(exc, NotFound) else 409 if isinstance(exc, Conflict) else 400
        if wants_json(request):
            return JSONResponse({"error": str(exc)}, status_code=status)
        return render(request, _error_page(request), message=str(exc), status_code=status)

    @web_app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        use_language(request)
        if exc.status_code in (301, 302, 303, 307) and exc.headers:
            return RedirectResponse(exc.headers["Location"], status_code=exc.status_code)
        message = _message(exc.status_code, exc.detail)
        response: Response
        if wants_json(request):
            response = JSONResponse({"error": message}, status_code=exc.status_code)
        else:
            response = render(
                request, _error_page(request), message=message, status_code=exc.status_code
            )
        response.headers.update(exc.headers or {})  # Retry-After, HX-Redirect
        return response

    @web_app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> Response:
        use_language(request)
        message = _invalid_in_one_line(exc)
        if wants_json(request):
            detail = jsonable_encoder(exc.errors())  # a validator's ValueError becomes text
            return JSONResponse({"error": message, "detail": detail}, status_code=422)
        return render(request, _error_page(request), message=message, status_code=422)


def _error_page(request: Request) -> str:
    """An htmx request gets only the one-line alert, swapped in where its answer goes."""
    return "error_part.html" if request.headers.get("HX-Request") == "true" else "error.html"


def _message(status: int, detail: object) -> str:
    if isinstance(detail, str) and detail and detail != _default_detail(status):
        return detail
    if status == 404:
        return _("There is no such page.")
    if status == 401:
        return _("Sign in first.")
    if status == 403:
        return _("You may not do that.")
    if status == 413:
        return _("The upload is too large.")
    return _("The request could not be handled.")


def _default_detail(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _invalid_in_one_line(exc: RequestValidationError) -> str:
    """The first problem as one line in the visitor's language: which field, what is wrong."""
    errors = exc.errors()
    if not errors:
        return _("The request could not be handled.")
    first = errors[0]
    where = ".".join(str(part) for part in first.get("loc", ())[1:])
    problem = _problem(first)
    if not where:
        return problem
    return _("{field}: {problem}").format(field=where, problem=problem)


def _problem(error: Mapping[str, Any]) -> str:
    """pydantic's English message, translated by the error's type (its context fills in)."""
    context = error.get("ctx") or {}
    kind = str(error.get("type", ""))
    if kind == "missing":
        return _("this field is required")
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return _("a whole number is needed")
    if kind in ("float_parsing", "float_type"):
        return _("a number is needed")
    if kind in ("bool_parsing", "bool_type"):
        return _("yes or no is needed")
    if kind.startswith("date") or kind.startswith("datetime"):
        return _("a date like 2026-11-27 is needed")
    if kind in ("string_too_long", "too_long"):
        return _("at most {limit} characters").format(limit=context.get("max_length", "?"))
    if kind in ("string_too_short", "too_short"):
        return _("at least {limit} characters").format(limit=context.get("min_length", "?"))
    if kind in ("greater_than_equal", "greater_than"):
        return _("at least {limit}").format(limit=context.get("ge", context.get("gt", "?")))
    if kind in ("less_than_equal", "less_than"):
        return _("at most {limit}").format(limit=context.get("le", context.get("lt", "?")))
    if kind in ("literal_error", "enum"):
        return _("one of {choices}").format(choices=context.get("expected", "?"))
    if kind in ("json_invalid", "model_attributes_type", "dict_type", "list_type"):
        return _("the request's data is malformed")
    return _("this value is not valid")
