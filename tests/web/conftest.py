"""Fixtures for the web app: a test client over the real store (local mode) and a way to send
state-changing requests with the CSRF token, as the pages do."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from einhorn.bootstrap import App
from einhorn.i18n import set_language
from einhorn.web.app import create_app
from einhorn.web.kit import CSRF_COOKIE, CSRF_HEADER
from tests.web import TODAY


@pytest.fixture
def web(app: App) -> Iterator[TestClient]:
    """A client of the web app in local mode on an empty database; today is ``TODAY``."""
    with TestClient(create_app(app, today=lambda: TODAY)) as client:
        yield client
    set_language("en")


def csrf_headers(client: TestClient) -> dict[str, str]:
    """The header a page's htmx request carries (fetching a page first sets the cookie)."""
    if CSRF_COOKIE not in client.cookies:
        client.get("/")
    return {CSRF_HEADER: client.cookies[CSRF_COOKIE]}
