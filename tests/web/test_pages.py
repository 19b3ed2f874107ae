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
from tests.web.conftest import csrf_headers

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


def test_a_post_without_the_csrf_token_is_refused(web: TestClient) -> None:
    done: list[str] = []

    @web.app.post("/probe")  # type: ignore[attr-defined,untyped-decorator]
    def probe() -> dict[str, bool]:
        done.append("posted")
        return {"ok": True}

    refused = web.post("/probe", data={"name": "Eve"})
    assert refused.status_code == 403 and "Reload the page" in refused.text
    forged = web.post("/probe", data={"csrf_token": "guessed"})
    assert forged.status_code == 403
    foreign = web.post("/probe", headers={**csrf_headers(web), "Origin": "https://evil.example"})
    assert foreign.status_code == 403 and "another site" in foreign.text
    assert done == []
    by_header = web.post("/probe", headers=csrf_headers(web))
    by_field = web.post("/probe", data={"csrf_token": csrf_headers(web)["X-CSRF-Token"]})
    assert by_header.status_code == by_field.status_code == 200 and done == ["posted"] * 2


def test_pages_forbid_framing_and_foreign_scripts(web: TestClient) -> None:
    page = web.get("/")
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY"
    assert page.headers["referrer-policy"] == "same-origin"


def test_the_overview_shows_budget_follow_ups_and_the_next_review(app: App) -> None:
    from einhorn.domain.goals import Goal, GoalKind
    from einhorn.domain.interactions import InteractionKind
    from einhorn.services.interactions import log_interaction
    from einhorn.services.strategy import set_goal

    set_at = dt.datetime(2026, 8, 1, tzinfo=dt.UTC)
    with app.uow(TODAY) as uow:
        create_contact(
            uow=uow, contact=Contact("Ute <i>Event</i>", tier=Tier.FLAMINGO), today=TODAY
        )
        set_goal(uow=uow, goal=Goal(GoalKind.CAREER, meetings_per_week=0.5), now=set_at)
        log_interaction(
            uow=uow,
            kind=InteractionKind.EVENT,
            refs=["Ute"],
            occurred_on=TODAY - dt.timedelta(days=2),
            today=TODAY,
            note="Meetup Köln",
            follow_up_on=TODAY,
        )
    with TestClient(create_app(app, today=lambda: TODAY)) as client:
        page = client.get("/").text
    assert '<meter id="budget-meter"' in page and "of 0.5 meetings a week" in page
    assert "Meetup Köln" in page and "Ute &lt;i&gt;Event&lt;/i&gt;" in page
    assert "Your strategy review is due" in page  # set in August, reviewed every quarter


def test_a_route_answers_in_the_requested_language(web: TestClient) -> None:
    from einhorn.i18n import gettext as _

    @web.app.get("/probe-language")  # type: ignore[attr-defined,untyped-decorator]
    def probe() -> dict[str, str]:  # sync, like the page routes: it runs in a worker thread
        return {"word": _("Contacts")}

    assert (
        web.get("/probe-language", headers={"Accept-Language": "de"}).json()["word"] == "Kontakte"
    )
    assert (
        web.get("/probe-language", headers={"Accept-Language": "en"}).json()["word"] == "Contacts"
    )


def test_a_planted_csrf_cookie_of_another_shape_never_reaches_the_page(web: TestClient) -> None:
    planted = 'x", "HX-Trigger": "evil'
    planting = TestClient(web.app, cookies={"einhorn_csrf": planted})
    page = planting.get("/")
    assert page.status_code == 200 and "evil" not in page.text
    assert "einhorn_csrf=" in page.headers["set-cookie"]  # einhorn sets a token of its own


def test_any_post_is_refused_past_the_body_limit_and_changes_nothing(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    from einhorn.services.contacts import list_contacts
    from einhorn.services.ports import ContactQuery
    from einhorn.web import uploads

    monkeypatch.setattr(uploads, "BODY_LIMIT", 1000)
    client = TestClient(create_app(app, today=lambda: TODAY))
    token = csrf_headers(client)["X-CSRF-Token"]
    declared = client.post("/contacts", data={"csrf_token": token, "name": "Eve" + "x" * 2000})
    assert declared.status_code == 413 and "larger than" in declared.text

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
        yield f"csrf_token={token}&name=Eve".encode()
        yield b"x" * 2000

    streamed = client.post(
        "/contacts",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        content=chunks(),
    )
    assert streamed.status_code == 413
    with app.uow(TODAY) as uow:
        assert list_contacts(uow=uow, query=ContactQuery())[1] == 0
