"""What every page and API route shares: the request's language, account, unit of work,
CSRF token and the one way to render a page.

Routes stay thin: parse the request, call one service inside ``unit(request)``, render.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from einhorn.bootstrap import App
from einhorn.domain.ids import AccountId
from einhorn.i18n import SUPPORTED_LANGUAGES, set_language
from einhorn.i18n import gettext as _
from einhorn.services.ports import UnitOfWork
from einhorn.web.labels import labels

LANGUAGE_COOKIE = "einhorn_lang"
CSRF_COOKIE = "einhorn_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")  # secrets.token_urlsafe(32)
ONE_YEAR = 365 * 24 * 3600


@dataclass(slots=True)
class Web:
    """The running web app's wiring, kept on ``FastAPI.state.web``."""

    app: App
    templates: Jinja2Templates
    today: Callable[[], dt.date]
    multi_user: bool = False
    # Server mode: finds the account of a request (its session cookie), else None. When it
    # finds one it also sets ``request.state.session_token``, to which the CSRF token is bound.
    authenticate: Callable[[Request], AccountId | None] | None = None
    # Server mode: cookies are Secure on https requests, and always with this flag (TLS ends
    # at a proxy that does not pass the scheme on).
    secure_cookies: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


def web_of(request: Request) -> Web:
    web: Web = request.app.state.web
    return web


def language(request: Request) -> str:
    """The language the visitor chose, else the browser's first supported one, else English."""
    chosen = request.cookies.get(LANGUAGE_COOKIE, "")
    if chosen in SUPPORTED_LANGUAGES:
        return chosen
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in SUPPORTED_LANGUAGES:
            return code
    return "en"


def use_language(request: Request) -> str:
    """Set the request's language for everything it renders (a dependency of every route)."""
    code = language(request)
    set_language(code)
    return code


async def speak(request: Request) -> str:
    """The app-wide language dependency. It must be async: it then runs in the request's own
    context, which the (sync) route inherits; a sync dependency would set the language only
    in a copy of the context in a worker thread, and the route would answer in English."""
    return use_language(request)


def account_of(request: Request) -> AccountId:
    """The account the request acts for: the local one, or the signed-in one (server mode).

    Set by ``identify`` (an app-wide dependency) before any route runs.
    """
    account: AccountId | None = getattr(request.state, "account_id", None)
    if account is None:
        raise HTTPException(status_code=401)
    return account


@contextmanager
def unit(request: Request) -> Iterator[UnitOfWork]:
    """One unit of work (one transaction) for the request's account."""
    web = web_of(request)
    with web.app.uow(web.today(), account_id=account_of(request)) as uow:
        yield uow


def today(request: Request) -> dt.date:
    return web_of(request).today()


def cookie_is_secure(request: Request) -> bool:
    """Whether cookies get the Secure flag: in server mode on https (as the proxy reports it)
    or when the server was told so; never in local mode (plain http on 127.0.0.1)."""
    web = web_of(request)
    return web.multi_user and (web.secure_cookies or request.url.scheme == "https")


# -- CSRF ------------------------------------------------------------------------------------
# Every state-changing request carries a token that a foreign page cannot read: a random value
# in an HttpOnly, SameSite=Strict cookie, repeated in the page (hidden form field, htmx header).
# Local mode needs it too: any web site the user visits could post to 127.0.0.1.
# With a session (server mode) the token is an HMAC keyed by the session token instead: a
# cookie planted by another site (a sibling subdomain can set one) is worthless, and one
# session's token does not work for another.


def _session_csrf(request: Request) -> str | None:
    session: str | None = getattr(request.state, "session_token", None)
    if not session:
        return None
    # Keyed by the session's own secret: no server key to share between workers or to lose on
    # a restart, and nobody without the session cookie can compute it.
    return hmac.new(session.encode(), b"einhorn csrf", hashlib.sha256).hexdigest()


def csrf_token(request: Request) -> str:
    """The request's CSRF token (a new one is set as a cookie by ``render``)."""
    token: str | None = getattr(request.state, "csrf", None)
    if token is None:
        cookie = request.cookies.get(CSRF_COOKIE, "")
        planted = not CSRF_SHAPE.fullmatch(cookie)  # only einhorn's own shape goes into a page
        token = _session_csrf(request) or (secrets.token_urlsafe(32) if planted else cookie)
        request.state.csrf = token
    return token


def set_csrf_cookie(request: Request, response: Any) -> None:
    if _session_csrf(request) is not None:
        return  # bound to the session: no cookie needed
    if request.cookies.get(CSRF_COOKIE) != csrf_token(request):
        response.set_cookie(
            CSRF_COOKIE,
            csrf_token(request),
            httponly=True,
            samesite="strict",
            secure=cookie_is_secure(request),
            path="/",
        )


async def csrf_protect(request: Request) -> None:
    """Refuse a state-changing request without the matching token, or from a foreign origin."""
    if request.method in SAFE_METHODS:
        return
    origin = request.headers.get("origin")
    if origin and origin.rstrip("/") != str(request.base_url).rstrip("/"):
        raise HTTPException(status_code=403, detail=_("This request came from another site."))
    expected = _session_csrf(request) or request.cookies.get(CSRF_COOKIE, "")
    given = request.headers.get(CSRF_HEADER, "")
    if not given and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        form = await request.form()
        value = form.get(CSRF_FIELD, "")
        given = value if isinstance(value, str) else ""
    if not expected or not hmac.compare_digest(expected.encode(), given.encode()):
        raise HTTPException(
            status_code=403,
            detail=_("The form has expired. Reload the page and try again."),
        )


# -- rendering -------------------------------------------------------------------------------


def render(
    request: Request,
    name: str,
    words: dict[str, str] | None = None,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """Render template ``name`` in the request's language.

    ``t`` holds the common words (``labels()``) and the page's own ``words``; templates hold
    no text of their own.
    """
    web = web_of(request)
    code = use_language(request)
    response = web.templates.TemplateResponse(
        request,
        name,
        {
            "t": {**labels(), **(words or {})},
            "lang": code,
            "csrf": csrf_token(request),
            "multi_user": web.multi_user,
            "today": web.today(),
            **context,
        },
        status_code=status_code,
    )
    set_csrf_cookie(request, response)
    return response


def is_htmx(request: Request) -> bool:
    return request.headers.get("HX-Request") == "true"


def identify(request: Request) -> None:
    """Find the account the request acts for (an app-wide dependency, before every route)."""
    web = web_of(request)
    if not web.multi_user:
        request.state.account_id = web.app.account_id
        return
    request.state.account_id = web.authenticate(request) if web.authenticate else None


def signed_in(request: Request) -> AccountId:
    """A dependency of every private route: pages send a stranger to the login, the API says 401."""
    account: AccountId | None = getattr(request.state, "account_id", None)
    if account is not None:
        return account
    if request.url.path.startswith("/api/"):
        raise HTTPException(status_code=401, detail=_("Sign in first."))
    if is_htmx(request):  # a fragment request: let htmx load the login as a whole page
        raise HTTPException(status_code=401, headers={"HX-Redirect": "/login"})
    raise HTTPException(status_code=303, headers={"Location": "/login"})
