"""Helpers for server-mode tests: a settable clock, cheap password hashes, clients that sign
up and sign in through the real pages, and the CSRF token a page carries."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import httpx
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

from einhorn.bootstrap import App, open_access
from einhorn.domain.ids import AccountId
from einhorn.services import access
from einhorn.web.app import create_app
from einhorn.web.pages.auth import enable_server_mode
from tests.web import TODAY

START = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0, tzinfo=dt.UTC)
PASSWORD = "correct horse battery"
META_CSRF = re.compile(r'<meta name="csrf-token" content="([^"]+)">')


def cheap_passwords(time_cost: int = 1) -> access.Passwords:
    """argon2id with tiny parameters: the same code path, a thousand times faster."""
    return access.Passwords(PasswordHasher(time_cost=time_cost, memory_cost=8, parallelism=1))


@dataclass
class Clock:
    now: dt.datetime = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def server_app(
    app: App, clock: Clock, passwords: access.Passwords | None = None, **options: bool
) -> FastAPI:
    """The web app in server mode, with ``clock`` as its time and cheap hashes."""
    web_app = create_app(app, today=lambda: TODAY, multi_user=True)
    enable_server_mode(web_app, clock=clock, passwords=passwords or cheap_passwords(), **options)
    return web_app


def new_invitation(app: App, clock: Clock, days: int = 7) -> str:
    with open_access(app) as unit:
        return access.invite(access=unit, now=clock(), days=days)


def add_login(app: App, clock: Clock, username: str, password: str = PASSWORD) -> AccountId:
    """A new account with a login, made through the service (no browser involved)."""
    token = new_invitation(app, clock)
    with open_access(app) as unit:
        session = access.sign_up(
            access=unit,
            passwords=cheap_passwords(),
            token=token,
            username=username,
            password=password,
            now=clock(),
        )
    return session.account_id


def page_csrf(client: TestClient, path: str = "/") -> str:
    """The token a page carries (server mode binds it to the session, not to a cookie)."""
    page = client.get(path)
    found = META_CSRF.search(page.text)
    assert found, f"{path} has no CSRF token ({page.status_code})"
    return found.group(1)


def sign_up(
    client: TestClient,
    app: App,
    clock: Clock,
    username: str,
    password: str = PASSWORD,
    *,
    repeated: str | None = None,
) -> httpx.Response:
    """Sign up through the page with a fresh invitation."""
    token = new_invitation(app, clock)
    return client.post(
        "/signup",
        data={
            "csrf_token": page_csrf(client, f"/signup?token={token}"),
            "token": token,
            "username": username,
            "password": password,
            "repeated": password if repeated is None else repeated,
        },
        follow_redirects=False,
    )


def log_in(client: TestClient, username: str, password: str = PASSWORD) -> httpx.Response:
    return client.post(
        "/login",
        data={
            "csrf_token": page_csrf(client, "/login"),
            "username": username,
            "password": password,
        },
        follow_redirects=False,
    )
