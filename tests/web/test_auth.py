"""Server mode's accounts: sign-up by invitation, sign-in, throttling, sessions, CSRF."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from einhorn.bootstrap import App
from einhorn.services.access import Passwords, digest
from einhorn.web.kit import CSRF_COOKIE
from einhorn.web.pages.auth import SESSION_COOKIE
from tests.web.conftest import csrf_headers
from tests.web.server import (
    PASSWORD,
    Clock,
    add_login,
    cheap_passwords,
    log_in,
    new_invitation,
    page_csrf,
    server_app,
    sign_up,
)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(app: App, clock: Clock) -> Iterator[TestClient]:
    with TestClient(server_app(app, clock)) as test_client:
        yield test_client


def _rows(app: App, sql: str, **params: object) -> list[Any]:
    with app.engine.connect() as connection:
        return list(connection.execute(sa.text(sql), params))


def _alert(page_text: str) -> str:
    """The page's one-line message."""
    start = page_text.index('role="alert"')
    end = page_text.index("</p>", start)
    return html.unescape(page_text[page_text.index(">", start) + 1 : end])


def _signed_up(client: TestClient, app: App, clock: Clock, name: str = "alice") -> None:
    assert sign_up(client, app, clock, name).status_code == 303


# -- local mode ------------------------------------------------------------------------------


def test_local_mode_has_no_sign_in_or_sign_up(web: TestClient) -> None:
    assert web.get("/login").status_code == 404
    assert web.get("/signup", params={"token": "x"}).status_code == 404
    headers = csrf_headers(web)
    form = {"username": "a", "password": "b"}
    assert web.post("/login", data=form, headers=headers).status_code == 404
    assert web.post("/signup", data=form, headers=headers).status_code == 404
    assert web.post("/logout", headers=headers).status_code == 404
    assert web.get("/").status_code == 200  # no login needed


# -- invitations and sign-up -----------------------------------------------------------------


def test_an_invitation_signs_up_a_new_account_once(
    client: TestClient, app: App, clock: Clock
) -> None:
    token = new_invitation(app, clock)
    page = client.get("/signup", params={"token": token})
    assert page.status_code == 200 and 'name="username"' in page.text
    form = {
        "csrf_token": page_csrf(client, f"/signup?token={token}"),
        "token": token,
        "username": "alice",
        "password": PASSWORD,
        "repeated": PASSWORD,
    }
    created = client.post("/signup", data=form, follow_redirects=False)
    assert created.status_code == 303 and created.headers["location"] == "/"
    assert SESSION_COOKIE in client.cookies
    assert client.get("/", follow_redirects=False).status_code == 200  # signed in at once
    (used,) = _rows(app, "SELECT used_at, account_id FROM invitations")
    assert used.used_at is not None and used.account_id is not None
    assert used.account_id != app.account_id  # a new account, not the local one
    # The same link a second time, from another browser:
    other = TestClient(client.app)
    again = other.get("/signup", params={"token": token})
    assert again.status_code == 400 and "used already" in _alert(again.text)
    form = {**form, "csrf_token": page_csrf(other, "/login"), "username": "mallory"}
    refused = other.post("/signup", data=form, follow_redirects=False)
    assert refused.status_code == 400 and "used already" in _alert(refused.text)
    assert [r.username for r in _rows(app, "SELECT username FROM logins")] == ["alice"]


def test_the_invitation_token_is_stored_only_as_its_digest(app: App, clock: Clock) -> None:
    token = new_invitation(app, clock)
    (row,) = _rows(app, "SELECT token_hash FROM invitations")
    assert row.token_hash == digest(token) and len(row.token_hash) == 64
    assert token not in row.token_hash


def test_an_expired_invitation_is_refused(client: TestClient, app: App, clock: Clock) -> None:
    token = new_invitation(app, clock, days=7)
    clock.advance(days=7, seconds=1)
    page = client.get("/signup", params={"token": token})
    assert page.status_code == 400 and "expired" in _alert(page.text)
    assert 'name="password"' not in page.text
    posted = client.post(
        "/signup",
        data={
            "csrf_token": page_csrf(client, "/login"),
            "token": token,
            "username": "late",
            "password": PASSWORD,
            "repeated": PASSWORD,
        },
    )
    assert posted.status_code == 400 and "expired" in _alert(posted.text)
    assert _rows(app, "SELECT * FROM logins") == []


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 150])
def test_a_bad_invitation_token_is_refused(client: TestClient, token: str) -> None:
    page = client.get("/signup", params={"token": token})
    assert page.status_code == 400 and "not valid" in _alert(page.text)


@pytest.mark.parametrize(
    ("username", "password", "repeated", "message"),
    [
        ("bob", "short", "short", "Password: use at least 10 characters."),
        ("bob", "x" * 1025, "x" * 1025, "Password: use at most 1024 characters."),
        ("bob", PASSWORD, PASSWORD + "!", "Password: the two entries differ."),
        ("b", PASSWORD, PASSWORD, "User name: use 3 to 64 characters, without spaces."),
        ("bob smith", PASSWORD, PASSWORD, "User name: use 3 to 64 characters, without spaces."),
        (" ALICE ", PASSWORD, PASSWORD, "The user name 'alice' is taken; choose another."),
    ],
)
def test_sign_up_refuses_bad_input_in_one_line_and_keeps_the_invitation(
    client: TestClient,
    app: App,
    clock: Clock,
    username: str,
    password: str,
    repeated: str,
    message: str,
) -> None:
    add_login(app, clock, "alice")
    token = new_invitation(app, clock)
    refused = client.post(
        "/signup",
        data={
            "csrf_token": page_csrf(client, "/login"),
            "token": token,
            "username": username,
            "password": password,
            "repeated": repeated,
        },
    )
    assert refused.status_code == 400
    assert _alert(refused.text) == message
    if password != PASSWORD:
        assert password not in refused.text  # a password is never shown back
    assert len(_rows(app, "SELECT * FROM logins")) == 1
    (unused,) = _rows(app, "SELECT used_at FROM invitations WHERE token_hash = :t", t=digest(token))
    assert unused.used_at is None  # the link still works after a typo
    assert SESSION_COOKIE not in client.cookies


def test_the_user_name_is_normalised(client: TestClient, app: App, clock: Clock) -> None:
    _signed_up(client, app, clock, "  Émile.Zola ")
    assert [r.username for r in _rows(app, "SELECT username FROM logins")] == ["émile.zola"]
    assert log_in(TestClient(client.app), "ÉMILE.ZOLA").status_code == 303


def test_the_password_is_stored_as_an_argon2id_hash(
    client: TestClient, app: App, clock: Clock
) -> None:
    _signed_up(client, app, clock)
    (row,) = _rows(app, "SELECT password_hash FROM logins")
    assert row.password_hash.startswith("$argon2id$")
    assert PASSWORD not in row.password_hash
    assert PasswordHasher().verify(row.password_hash, PASSWORD)


def test_a_hash_with_old_parameters_is_renewed_at_sign_in(app: App, clock: Clock) -> None:
    with TestClient(server_app(app, clock, cheap_passwords(time_cost=1))) as old:
        _signed_up(old, app, clock)
    (before,) = _rows(app, "SELECT password_hash FROM logins")
    assert ",t=1," in before.password_hash
    with TestClient(server_app(app, clock, cheap_passwords(time_cost=2))) as new:
        assert log_in(new, "alice").status_code == 303
    (after,) = _rows(app, "SELECT password_hash FROM logins")
    assert ",t=2," in after.password_hash
    assert PasswordHasher().verify(after.password_hash, PASSWORD)


# -- sign-in ---------------------------------------------------------------------------------


class CountingHasher(PasswordHasher):
    """Counts verifications, to show that an unknown user costs one as well."""

    def __init__(self) -> None:
        super().__init__(time_cost=1, memory_cost=8, parallelism=1)
        self.verified = 0

    def verify(self, hash: str | bytes, password: str | bytes) -> bool:
        self.verified += 1
        return super().verify(hash, password)


def test_wrong_user_and_wrong_password_read_alike_and_cost_alike(app: App, clock: Clock) -> None:
    hasher = CountingHasher()
    add_login(app, clock, "alice")
    with TestClient(server_app(app, clock, Passwords(hasher))) as client:
        wrong_password = log_in(client, "alice", "not the password")
        wrong_user = log_in(client, "nobody", PASSWORD)
    assert wrong_password.status_code == wrong_user.status_code == 401
    assert _alert(wrong_password.text) == _alert(wrong_user.text)
    assert _alert(wrong_user.text) == "The user name or the password is wrong."
    assert hasher.verified == 2  # the unknown user was checked against a dummy hash
    assert SESSION_COOKIE not in client.cookies
    assert len(_rows(app, "SELECT * FROM login_attempts")) == 2


def test_sign_in_sets_a_safe_session_cookie(client: TestClient, app: App, clock: Clock) -> None:
    add_login(app, clock, "alice")
    signed_in = log_in(client, "alice")
    assert signed_in.status_code == 303 and signed_in.headers["location"] == "/"
    cookie = signed_in.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert "Max-Age=1209600" in cookie  # 14 days
    assert "Secure" not in cookie  # plain http on this test server
    token = client.cookies[SESSION_COOKIE]
    (stored,) = _rows(app, "SELECT * FROM web_sessions WHERE token_hash = :t", t=digest(token))
    assert stored.account_id is not None
    assert not _rows(app, "SELECT * FROM web_sessions WHERE token_hash = :t", t=token)


@pytest.mark.parametrize(
    ("base_url", "flag"), [("https://testserver", None), ("http://testserver", True)]
)
def test_cookies_are_secure_on_https_or_when_told(
    app: App, clock: Clock, base_url: str, flag: bool | None
) -> None:
    options = {} if flag is None else {"secure_cookies": flag}
    web_app = server_app(app, clock, **options)
    add_login(app, clock, "alice")
    login_page = TestClient(web_app, base_url=base_url).get("/login")
    assert "Secure" in login_page.headers["set-cookie"]  # the CSRF cookie too
    # (a Secure cookie never comes back over plain http: hand it over as a browser on https)
    with TestClient(web_app, base_url=base_url, cookies={CSRF_COOKIE: "known"}) as client:
        signed_in = client.post(
            "/login",
            data={"csrf_token": "known", "username": "alice", "password": PASSWORD},
            follow_redirects=False,
        )
    assert signed_in.status_code == 303, signed_in.text
    assert "Secure" in signed_in.headers["set-cookie"]


def test_signing_in_again_rotates_the_session(client: TestClient, app: App, clock: Clock) -> None:
    _signed_up(client, app, clock)
    first = client.cookies[SESSION_COOKIE]
    assert log_in(client, "alice").status_code == 303
    second = client.cookies[SESSION_COOKIE]
    assert second != first
    assert [r.token_hash for r in _rows(app, "SELECT token_hash FROM web_sessions")] == [
        digest(second)
    ]
    stale = TestClient(client.app, cookies={SESSION_COOKIE: first})
    assert stale.get("/", follow_redirects=False).headers["location"] == "/login"


def test_sign_out_ends_the_session(client: TestClient, app: App, clock: Clock) -> None:
    _signed_up(client, app, clock)
    token = client.cookies[SESSION_COOKIE]
    out = client.post("/logout", data={"csrf_token": page_csrf(client)}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    assert f'{SESSION_COOKIE}=""' in out.headers["set-cookie"]
    assert _rows(app, "SELECT * FROM web_sessions") == []
    replayed = TestClient(client.app, cookies={SESSION_COOKIE: token})
    assert replayed.get("/", follow_redirects=False).status_code == 303
    assert replayed.get("/api/contacts").status_code == 401


def test_a_session_expires_after_fourteen_days(client: TestClient, app: App, clock: Clock) -> None:
    _signed_up(client, app, clock)
    clock.advance(days=13, hours=23)
    assert client.get("/", follow_redirects=False).status_code == 200
    clock.advance(hours=1)
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    assert client.get("/api/contacts").status_code == 401


def test_strangers_are_sent_to_the_sign_in_and_the_api_answers_401(
    client: TestClient,
) -> None:
    assert client.get("/", follow_redirects=False).headers["location"] == "/login"
    assert client.get("/contacts", follow_redirects=False).status_code == 303
    assert client.get("/api/contacts").status_code == 401
    fragment = client.get("/contacts", headers={"HX-Request": "true"}, follow_redirects=False)
    assert fragment.status_code == 401 and fragment.headers["hx-redirect"] == "/login"
    forged = TestClient(client.app, cookies={SESSION_COOKIE: "guessed-session"})
    assert forged.get("/api/contacts").status_code == 401
    page = client.get("/login")
    assert page.status_code == 200 and 'autocomplete="current-password"' in page.text
    assert '<label for="username">' in page.text and '<label for="password">' in page.text


def test_the_sign_in_page_sends_a_signed_in_user_home(
    client: TestClient, app: App, clock: Clock
) -> None:
    _signed_up(client, app, clock)
    assert client.get("/login", follow_redirects=False).headers["location"] == "/"


def test_the_sign_in_page_speaks_german(client: TestClient) -> None:
    page = client.get("/login", headers={"Accept-Language": "de"})
    assert 'lang="de"' in page.text


# -- throttling ------------------------------------------------------------------------------


def _fail(client: TestClient, username: str, times: int) -> None:
    for _ in range(times):
        assert log_in(client, username, "wrong password!").status_code == 401


def test_five_failures_for_a_user_name_pause_its_sign_in(
    client: TestClient, app: App, clock: Clock
) -> None:
    add_login(app, clock, "alice")
    _fail(client, "alice", 4)
    clock.advance(minutes=5)
    _fail(client, "Alice", 1)  # the same user however it is spelled
    paused = log_in(client, "alice")  # even the right password
    assert paused.status_code == 429
    assert _alert(paused.text) == "Too many failed sign-ins. Try again in 10 min."
    assert int(paused.headers["Retry-After"]) == 601
    assert SESSION_COOKIE not in client.cookies
    assert log_in(client, "bob", "wrong password!").status_code == 401  # only alice waits
    clock.advance(minutes=10, seconds=1)  # the first four have left the window
    assert log_in(client, "alice").status_code == 303
    assert _rows(app, "SELECT * FROM login_attempts WHERE username = 'alice'") == []


def test_twenty_failures_from_an_address_pause_it(app: App, clock: Clock) -> None:
    web_app = server_app(app, clock)
    add_login(app, clock, "alice")
    attacker = TestClient(web_app, client=("203.0.113.9", 4000))
    for round_ in range(5):
        _fail(attacker, f"guess{round_}", 4)
    paused = log_in(attacker, "alice")
    assert paused.status_code == 429 and "Too many failed sign-ins" in paused.text
    elsewhere = TestClient(web_app, client=("198.51.100.7", 4000))
    assert log_in(elsewhere, "alice").status_code == 303  # alice herself is not locked out
    clock.advance(minutes=15, seconds=1)
    _fail(attacker, "guess9", 1)  # old attempts are pruned when a new one is recorded
    assert len(_rows(app, "SELECT * FROM login_attempts")) == 1
    assert log_in(attacker, "alice").status_code == 303


# -- CSRF ------------------------------------------------------------------------------------


def test_sign_in_and_sign_up_forms_need_the_csrf_token(
    client: TestClient, app: App, clock: Clock
) -> None:
    add_login(app, clock, "alice")
    client.get("/login")
    no_token = client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert no_token.status_code == 403
    token = new_invitation(app, clock)
    forged = client.post(
        "/signup",
        data={"csrf_token": "guessed", "token": token, "username": "eve", "password": PASSWORD},
    )
    assert forged.status_code == 403 and SESSION_COOKIE not in client.cookies
    assert len(_rows(app, "SELECT * FROM logins")) == 1


def test_the_csrf_token_is_bound_to_the_session(app: App, clock: Clock) -> None:
    web_app = server_app(app, clock)
    alice, bob = TestClient(web_app), TestClient(web_app)
    _signed_up(alice, app, clock, "alice")
    _signed_up(bob, app, clock, "bob")
    alices_token, bobs_token = page_csrf(alice), page_csrf(bob)
    assert alices_token != bobs_token
    assert CSRF_COOKIE not in bob.get("/").headers.get("set-cookie", "")
    # A token of another session, a planted double-submit cookie, a guess: all refused.
    assert bob.post("/logout", data={"csrf_token": alices_token}).status_code == 403
    planter = TestClient(
        web_app,
        cookies={SESSION_COOKIE: bob.cookies[SESSION_COOKIE], CSRF_COOKIE: "planted"},
    )
    assert planter.post("/logout", data={"csrf_token": "planted"}).status_code == 403
    assert bob.post("/logout", headers={"X-CSRF-Token": "guessed"}).status_code == 403
    assert len(_rows(app, "SELECT * FROM web_sessions")) == 2  # nobody was signed out
    out = bob.post("/logout", headers={"X-CSRF-Token": bobs_token}, follow_redirects=False)
    assert out.status_code == 303
    assert len(_rows(app, "SELECT * FROM web_sessions")) == 1


def test_a_stranger_sees_no_menu_and_a_signed_in_user_does(
    client: TestClient, app: App, clock: Clock
) -> None:
    assert 'href="/contacts"' not in client.get("/login").text
    _signed_up(client, app, clock)
    assert 'href="/contacts"' in client.get("/").text
