"""The web app's pages and API over the real store (FastAPI's test client, no browser)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from einhorn.bootstrap import App
from einhorn.domain.contacts import Contact
from einhorn.domain.tiers import Tier
from einhorn.i18n import set_language
from einhorn.services.contacts import create_contact
from einhorn.web.app import create_app
from tests.conftest import Cli

TODAY = dt.date(2026, 11, 27)


@pytest.fixture
def client(app: App) -> Iterator[TestClient]:
    with app.uow(TODAY) as uow:
        for name, tier, company in (
            ("Anna Müller", Tier.UNICORN, "Siemens AG"),
            ("Jens <b>Weber</b>", Tier.FLAMINGO, "Bosch"),
            ("Pia Pinguin", Tier.PENGUIN, ""),
        ):
            create_contact(uow=uow, contact=Contact(name, tier=tier, company=company), today=TODAY)
    with TestClient(create_app(app, today=lambda: TODAY)) as test_client:
        yield test_client
    set_language("en")


def test_the_overview_shows_who_is_due(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "Who is due" in page.text and "Anna Müller" in page.text
    assert "no goal set yet" in page.text


def test_names_are_escaped(client: TestClient) -> None:
    page = client.get("/contacts")
    assert "Jens &lt;b&gt;Weber&lt;/b&gt;" in page.text and "<b>Weber</b>" not in page.text


def test_search_as_you_type_returns_only_the_rows(client: TestClient) -> None:
    rows = client.get("/contacts", params={"q": "müller"}, headers={"HX-Request": "true"})
    assert rows.status_code == 200
    assert "Anna Müller" in rows.text and "Pia Pinguin" not in rows.text
    assert "<html" not in rows.text  # a fragment for htmx, not a page
    assert "1 of 1" in rows.text


def test_the_language_is_switched_and_remembered(client: TestClient) -> None:
    switched = client.get("/lang/de", follow_redirects=False)
    assert switched.status_code == 303 and "einhorn_lang=de" in switched.headers["set-cookie"]
    page = client.get("/contacts")  # the client keeps the cookie
    assert 'lang="de"' in page.text and "Kontakte" in page.text and "Einhorn" in page.text
    ignored = client.get("/lang/xx", follow_redirects=False)
    assert "set-cookie" not in ignored.headers


def test_the_browser_language_is_the_default(client: TestClient) -> None:
    page = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.8"})
    assert "Übersicht" in page.text


def test_the_api_answers_in_json(client: TestClient) -> None:
    found = client.get("/api/contacts", params={"q": "siemens"}).json()
    assert found["total"] == 1 and found["contacts"][0]["display_name"] == "Anna Müller"
    due = client.get("/api/due").json()
    assert due["today"] == TODAY.isoformat()
    assert {e["display_name"] for e in due["due"]} == {"Anna Müller", "Jens <b>Weber</b>"}
    assert client.get("/api/openapi.json").json()["info"]["title"] == "einhorn"


def test_bad_input_is_refused_without_a_traceback(client: TestClient) -> None:
    long = client.get("/contacts", params={"q": "x" * 500})
    assert long.status_code == 422
    assert client.get("/nowhere").status_code == 404


def test_htmx_is_served_from_the_package_not_a_cdn(client: TestClient) -> None:
    page = client.get("/")
    assert '<script src="/static/htmx.min.js">' in page.text and "https://" not in page.text
    script = client.get("/static/htmx.min.js")
    assert script.status_code == 200 and "htmx" in script.text


def test_serve_refuses_a_port_it_may_not_use(cli: Cli) -> None:
    result = cli("serve", "--port", "80")
    assert result.code == 1 and "port" in result.err
    assert len(result.err.strip().splitlines()) == 1
