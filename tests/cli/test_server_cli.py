"""``einhorn invite`` and ``einhorn serve``'s modes, through the real CLI (no server started:
``uvicorn.run`` is replaced by a recorder)."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
import uvicorn

from tests.conftest import Cli


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What ``uvicorn.run`` was called with, instead of serving."""
    calls: list[dict[str, Any]] = []

    def record(app: Any, **options: Any) -> None:
        calls.append({"app": app, **options})

    monkeypatch.setattr(uvicorn, "run", record)
    return calls


def _invitations(cli: Cli) -> list[Any]:
    engine = sa.create_engine(cli.url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(sa.text("SELECT * FROM invitations")))
    finally:
        engine.dispose()


def test_invite_prints_a_one_time_link_and_stores_only_its_digest(cli: Cli) -> None:
    result = cli("invite", "--url", "https://einhorn.example.org/")
    assert result.code == 0, result.err
    link = result.out.strip().splitlines()[-1]
    assert link.startswith("https://einhorn.example.org/signup?token=")
    token = parse_qs(urlsplit(link).query)["token"][0]
    assert len(token) >= 40
    (row,) = _invitations(cli)
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in repr(tuple(row)) and row.used_at is None
    assert "works once" in result.out


def test_invite_as_json_with_its_expiry(cli: Cli) -> None:
    data = cli.json("invite", "--days", "2")
    assert isinstance(data, dict)
    assert data["url"] == f"http://127.0.0.1:8000/signup?token={data['token']}"
    expires = dt.datetime.fromisoformat(data["expires_at"])
    left = expires - dt.datetime.now(dt.UTC)
    assert dt.timedelta(days=1, hours=23) < left <= dt.timedelta(days=2)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--days", "0"], "--days"),
        (["--days", "400"], "--days"),
        (["--url", "ftp://example.org"], "--url"),
        (["--url", "einhorn.example.org"], "--url"),
    ],
)
def test_invite_refuses_bad_options_in_one_line(cli: Cli, args: list[str], expected: str) -> None:
    result = cli("invite", *args)
    assert result.code == 1 and expected in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert _invitations(cli) == []


def test_local_mode_refuses_to_listen_beyond_this_machine(
    cli: Cli, started: list[dict[str, Any]]
) -> None:
    result = cli("serve", "--host", "0.0.0.0")
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1
    assert "--host" in result.err and "--multi-user" in result.err
    assert started == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_local_mode_serves_on_loopback(cli: Cli, started: list[dict[str, Any]], host: str) -> None:
    result = cli("serve", "--host", host, "--port", "8123")
    assert result.code == 0, result.err
    (call,) = started
    assert call["host"] == host and call["port"] == 8123
    assert call["app"].state.web.multi_user is False
    assert "8123" in result.out and "server mode" not in result.out


def test_server_mode_may_listen_everywhere_and_says_so(
    cli: Cli, started: list[dict[str, Any]]
) -> None:
    result = cli("serve", "--multi-user", "--host", "0.0.0.0", "--secure-cookies")
    assert result.code == 0, result.err
    (call,) = started
    web = call["app"].state.web
    assert call["host"] == "0.0.0.0" and call["proxy_headers"] is True
    assert web.multi_user is True and web.secure_cookies is True
    assert web.authenticate is not None
    assert "server mode at http://0.0.0.0:8000" in result.out
    assert "einhorn invite" in result.out and "HTTPS proxy" in result.out


def test_server_mode_on_loopback_keeps_plain_cookies_for_plain_http(
    cli: Cli, started: list[dict[str, Any]]
) -> None:
    result = cli("serve", "--multi-user")
    assert result.code == 0, result.err
    (call,) = started
    assert call["host"] == "127.0.0.1" and call["app"].state.web.secure_cookies is False
    assert "HTTPS proxy" not in result.out
