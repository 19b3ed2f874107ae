"""Sign-in, sign-out and sign-up by invitation (server mode only; local mode answers 404).

The session lives in an HttpOnly, SameSite=Lax cookie holding a random token; the database
keeps its digest. ``enable_server_mode`` installs the lookup that turns the cookie into the
request's account (``kit.Web.authenticate``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, FastAPI, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from einhorn.bootstrap import open_access
from einhorn.domain.ids import AccountId
from einhorn.errors import EinhornError
from einhorn.i18n import gettext as _
from einhorn.services.access import (
    MAX_PASSWORD,
    MAX_USERNAME,
    MIN_PASSWORD,
    MIN_USERNAME,
    InvitationInvalid,
    Passwords,
    Session,
    TooManyAttempts,
    WrongCredentials,
    check_invitation,
    log_in,
    log_out,
    session_account,
    sign_up,
)
from einhorn.web.kit import Web, cookie_is_secure, render, web_of

router = APIRouter()
SESSION_COOKIE = "einhorn_session"
SERVER_MODE = "server_mode"  # key in Web.extra
FIELD_LIMIT = MAX_PASSWORD + 1  # longer form values are cut off; the services refuse them


@dataclass(slots=True)
class ServerMode:
    """What sign-in needs besides the database: the password hasher and the clock."""

    passwords: Passwords
    clock: Callable[[], dt.datetime]


def enable_server_mode(
    web_app: FastAPI,
    *,
    clock: Callable[[], dt.datetime] | None = None,
    passwords: Passwords | None = None,
    secure_cookies: bool | None = None,
) -> None:
    """Make ``web_app`` find each request's account by its session cookie.

    ``create_app(..., multi_user=True)`` calls it; call it again to set the clock or the
    hasher (tests) or to mark every cookie Secure (``einhorn serve --secure-cookies``).
    """
    web: Web = web_app.state.web
    web.multi_user = True
    mode = web.extra.get(SERVER_MODE)
    earlier = mode if isinstance(mode, ServerMode) else None
    web.extra[SERVER_MODE] = ServerMode(
        passwords=passwords or (earlier.passwords if earlier else Passwords()),
        clock=clock or (earlier.clock if earlier else web.now),
    )
    if secure_cookies is not None:
        web.secure_cookies = secure_cookies
    web.authenticate = _authenticate


def _mode(request: Request) -> ServerMode:
    """The server mode's settings; local mode has no sign-in pages at all (404)."""
    web = web_of(request)
    mode = web.extra.get(SERVER_MODE)
    if not web.multi_user or not isinstance(mode, ServerMode):
        raise HTTPException(status_code=404)
    return mode


def _authenticate(request: Request) -> AccountId | None:
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token:
        return None
    mode = _mode(request)
    with open_access(web_of(request).app) as access:
        account = session_account(access=access, token=token, now=mode.clock())
    if account is not None:
        request.state.session_token = token  # the CSRF token is bound to it
    return account


def words() -> dict[str, str]:
    return {
        "login_title": _("Sign in"),
        "signup_title": _("Create your account"),
        "username": _("User name"),
        "password": _("Password"),
        "repeated": _("Repeat the password"),
        "login_button": _("Sign in"),
        "signup_button": _("Create account"),
        "username_hint": _("3 to 64 characters, no spaces; upper and lower case are the same."),
        "password_hint": _("At least {count} characters.").format(count=MIN_PASSWORD),
        "invited_only": _("New accounts need an invitation link from whoever runs this server."),
    }


def _page(request: Request, name: str, status: int = 200, **context: object) -> HTMLResponse:
    limits = {
        "min_username": MIN_USERNAME,
        "max_username": MAX_USERNAME,
        "min_password": MIN_PASSWORD,
    }
    return render(request, name, words=words(), status_code=status, limits=limits, **context)


def _signed_in(request: Request, session: Session) -> RedirectResponse:
    """Go to the overview with the new session's cookie."""
    response = RedirectResponse("/", status_code=303)
    lifetime = session.expires_at - _mode(request).clock()
    response.set_cookie(
        SESSION_COOKIE,
        session.token,
        max_age=max(0, int(lifetime.total_seconds())),
        httponly=True,
        samesite="lax",
        secure=cookie_is_secure(request),
        path="/",
    )
    return response


def _end_old_session(request: Request) -> None:
    """Session rotation: whatever session the browser had before signing in ends now."""
    old = request.cookies.get(SESSION_COOKIE, "")
    if old:
        with open_access(web_of(request).app) as access:
            log_out(access=access, token=old)


def _address(request: Request) -> str:
    # Behind a proxy uvicorn puts the client's address here (X-Forwarded-For, trusted only
    # from the addresses in FORWARDED_ALLOW_IPS, 127.0.0.1 by default).
    return request.client.host if request.client else "unknown"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> Response:
    _mode(request)
    if getattr(request.state, "account_id", None) is not None:
        return RedirectResponse("/", status_code=303)
    return _page(request, "login.html", username="", message="")


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    username: str = Form("", max_length=FIELD_LIMIT),
    password: str = Form("", max_length=FIELD_LIMIT),
) -> Response:
    mode = _mode(request)
    try:
        with open_access(web_of(request).app) as access:
            session = log_in(
                access=access,
                passwords=mode.passwords,
                username=username,
                password=password,
                address=_address(request),
                now=mode.clock(),
            )
    except TooManyAttempts as exc:
        page = _login_again(request, username, str(exc), 429)
        page.headers["Retry-After"] = str(int(exc.retry_after.total_seconds()) + 1)
        return page
    except WrongCredentials as exc:
        return _login_again(request, username, str(exc), 401)
    _end_old_session(request)
    return _signed_in(request, session)


def _login_again(request: Request, username: str, message: str, status: int) -> HTMLResponse:
    return _page(
        request, "login.html", username=username[:MAX_USERNAME], message=message, status=status
    )


@router.post("/logout")
def logout(request: Request) -> RedirectResponse:
    _mode(request)
    with open_access(web_of(request).app) as access:
        log_out(access=access, token=request.cookies.get(SESSION_COOKIE, ""))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=cookie_is_secure(request)
    )
    return response


@router.get("/signup", response_class=HTMLResponse)
def signup_form(request: Request, token: str = Query("", max_length=200)) -> HTMLResponse:
    mode = _mode(request)
    try:
        with open_access(web_of(request).app) as access:
            check_invitation(access=access, token=token, now=mode.clock())
    except InvitationInvalid as exc:
        return _signup_again(request, token, "", str(exc), usable=False)
    return _page(request, "signup.html", token=token, username="", message="", usable=True)


@router.post("/signup", response_class=HTMLResponse)
def signup(
    request: Request,
    token: str = Form("", max_length=200),
    username: str = Form("", max_length=FIELD_LIMIT),
    password: str = Form("", max_length=FIELD_LIMIT),
    repeated: str = Form("", max_length=FIELD_LIMIT),
) -> Response:
    mode = _mode(request)
    try:
        with open_access(web_of(request).app) as access:
            session = sign_up(
                access=access,
                passwords=mode.passwords,
                token=token,
                username=username,
                password=password,
                repeated=repeated,
                now=mode.clock(),
            )
    except InvitationInvalid as exc:
        return _signup_again(request, token, "", str(exc), usable=False)
    except EinhornError as exc:
        return _signup_again(request, token, username, str(exc), usable=True)
    _end_old_session(request)
    return _signed_in(request, session)


def _signup_again(
    request: Request, token: str, username: str, message: str, *, usable: bool
) -> HTMLResponse:
    return _page(
        request,
        "signup.html",
        token=token,
        username=username[:MAX_USERNAME],
        message=message,
        usable=usable,
        status=400,
    )
