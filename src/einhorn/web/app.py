"""The FastAPI application: local mode (one implicit account, bound to 127.0.0.1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from einhorn.bootstrap import App
from einhorn.errors import EinhornError
from einhorn.i18n import SUPPORTED_LANGUAGES as SUPPORTED
from einhorn.i18n import format_date, set_language
from einhorn.interchange.json_export import contact_to_dict, due_entry_to_dict
from einhorn.services.contacts import list_contacts
from einhorn.services.dashboard import get_dashboard
from einhorn.services.ports import ContactQuery, UnitOfWork
from einhorn.web.labels import labels

LANGUAGE_COOKIE = "einhorn_lang"
ONE_YEAR = 365 * 24 * 3600
PAGE = 50


def create_app(app: App, today: Callable[[], dt.date] = dt.date.today) -> FastAPI:
    """The web app over ``app``'s database and account."""
    web = FastAPI(title="einhorn", docs_url="/api/docs", openapi_url="/api/openapi.json")
    package = resources.files("einhorn.web")
    templates = Jinja2Templates(directory=str(package / "templates"))
    templates.env.globals["format_date"] = format_date
    web.mount("/static", StaticFiles(directory=str(package / "static")), name="static")

    @contextmanager
    def unit() -> Iterator[UnitOfWork]:
        with app.uow(today()) as uow:
            yield uow

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        language = _language(request)
        set_language(language)
        return templates.TemplateResponse(
            request, name, {"t": labels(), "lang": language, **context}
        )

    @web.exception_handler(EinhornError)
    def einhorn_error(request: Request, exc: EinhornError) -> Response:
        set_language(_language(request))
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=400)
        return page(request, "error.html", message=str(exc))

    @web.get("/", response_class=HTMLResponse)
    def dashboard(request: Request) -> HTMLResponse:
        set_language(_language(request))
        with unit() as uow:
            board = get_dashboard(uow=uow, today=today())
        return page(request, "dashboard.html", board=board, today=today())

    @web.get("/contacts", response_class=HTMLResponse)
    def contacts(request: Request, q: str = Query("", max_length=200)) -> HTMLResponse:
        set_language(_language(request))
        with unit() as uow:
            found, total = list_contacts(uow=uow, query=_query(q))
        template = "contact_rows.html" if request.headers.get("HX-Request") else "contacts.html"
        return page(request, template, contacts=found, total=total, q=q)

    @web.get("/lang/{code}")
    def language(code: str, request: Request) -> RedirectResponse:
        back = request.headers.get("referer") or "/"
        response = RedirectResponse(back if back.startswith(str(request.base_url)) else "/", 303)
        if code in SUPPORTED:
            response.set_cookie(
                LANGUAGE_COOKIE, code, max_age=ONE_YEAR, httponly=True, samesite="lax"
            )
        return response

    @web.get("/api/contacts")
    def api_contacts(q: str = Query("", max_length=200)) -> dict[str, Any]:
        with unit() as uow:
            found, total = list_contacts(uow=uow, query=_query(q))
        return {"total": total, "contacts": [contact_to_dict(c) for c in found]}

    @web.get("/api/due")
    def api_due() -> dict[str, Any]:
        with unit() as uow:
            board = get_dashboard(uow=uow, today=today(), due_limit=100)
        return {"today": today().isoformat(), "due": [due_entry_to_dict(e) for e in board.due]}

    return web


def _query(text: str) -> ContactQuery:
    return ContactQuery(text=text.strip() or None, limit=PAGE)


def _language(request: Request) -> str:
    """The language the visitor chose, else the browser's first supported one, else English."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in SUPPORTED:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in SUPPORTED:
            return code
    return "en"
