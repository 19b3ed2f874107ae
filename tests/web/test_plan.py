"""The plan page, its API and the private calendar feed, over the real store."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from icalendar import Calendar

from einhorn.bootstrap import App, create_account
from einhorn.domain.contacts import Contact
from einhorn.domain.ids import AccountId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.plans import SlotStatus
from einhorn.domain.tiers import Tier
from einhorn.i18n import set_language
from einhorn.services.contacts import create_contact
from einhorn.services.feeds import new_feed
from einhorn.services.interactions import log_interaction
from einhorn.services.plan_views import PlanOptions, SlotView
from einhorn.services.plans import plan_lunches, show_plan
from einhorn.services.ports import ContactQuery
from einhorn.web.app import create_app
from tests.web import TODAY
from tests.web.conftest import csrf_headers

HTMX = {"HX-Request": "true"}
FEED_URL = re.compile(r"http://testserver/feed/([A-Za-z0-9_-]{43})\.ics")
HOSTILE = "<b>Eve</b> Evil"


@dataclass
class Clock:
    today: dt.date = TODAY


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(app: App, clock: Clock) -> Iterator[TestClient]:
    """Local mode on a network of 30 people, many of them due; today is ``clock.today``."""
    _network(app, app.account_id, "Person")
    with TestClient(create_app(app, today=lambda: clock.today)) as test_client:
        yield test_client
    set_language("en")


def _network(app: App, account: AccountId, prefix: str) -> None:
    """30 contacts: unicorns, flamingos and penguins, most last met weeks or months ago."""
    tiers = [Tier.UNICORN] * 4 + [Tier.FLAMINGO] * 10 + [Tier.PENGUIN] * 16
    with app.uow(TODAY, account_id=account) as uow:
        for i, tier in enumerate(tiers):
            name = HOSTILE if i == 0 and prefix == "Person" else f"{prefix} {i:02d}"
            contact = create_contact(
                uow=uow,
                contact=Contact(
                    name,
                    tier=tier,
                    company=f"Firma {i % 7}",
                    city="Köln",
                    sector="Maschinenbau" if i % 5 == 0 else "IT",
                ),
                today=TODAY - dt.timedelta(days=400),
            )
            if i % 3:
                log_interaction(
                    uow=uow,
                    kind=InteractionKind.LUNCH,
                    refs=[f"#{contact.key}"],
                    occurred_on=TODAY - dt.timedelta(days=30 + 7 * i),
                    today=TODAY,
                )


def _plan(app: App, weeks: int = 3, account: AccountId | None = None) -> list[SlotView]:
    with app.uow(TODAY, account_id=account) as uow:
        report = plan_lunches(
            uow=uow, today=TODAY, options=PlanOptions(weeks=weeks, time_limit=5.0)
        )
    return report.slots


def _shown(app: App, since: dt.date = TODAY, account: AccountId | None = None) -> list[SlotView]:
    with app.uow(TODAY, account_id=account) as uow:
        return show_plan(uow=uow, today=TODAY, since=since).slots


def _by_id(app: App, slot_id: int | None) -> SlotView:
    return next(v for v in _shown(app, TODAY - dt.timedelta(days=60)) if v.slot.id == slot_id)


def _post(client: TestClient, url: str, htmx: bool = True, **data: str) -> httpx.Response:
    headers = {**csrf_headers(client), **(HTMX if htmx else {})}
    return client.post(url, data=data, headers=headers, follow_redirects=False)


def _alerts(page: httpx.Response) -> list[str]:
    return re.findall(r'<p role="alert">(.*?)</p>', page.text)


# -- the page --------------------------------------------------------------------------------


def test_the_page_plans_lunches_and_shows_them_week_by_week(client: TestClient, app: App) -> None:
    assert "No lunches planned yet" in client.get("/plan").text
    page = client.post(
        "/plan",
        data={"weeks": "3", "per_week": "2", "time_limit": "5"},
        headers=csrf_headers(client),
    )
    assert page.status_code == 200
    planned = _shown(app)
    assert len(planned) == 6 and all(v.slot.status is SlotStatus.PROPOSED for v in planned)
    assert "6 lunches planned" in page.text and "best possible plan" in page.text
    assert page.text.count("Week of ") == 3
    first = planned[0]
    assert f'href="/contacts/{first.slot.contact_id}"' in page.text
    assert first.why in page.text.replace("&#39;", "'")
    assert f'id="slot-{first.slot.id}"' in page.text


def test_names_in_the_plan_are_escaped(client: TestClient, app: App) -> None:
    planned = _plan(app, weeks=4)
    assert HOSTILE in {v.name for v in planned}  # an overdue unicorn: surely planned
    page = client.get("/plan").text
    assert "&lt;b&gt;Eve&lt;/b&gt; Evil" in page and "<b>Eve</b>" not in page
    options = client.get("/plan/people", params={"q": "Eve"}).text
    assert "&lt;b&gt;Eve&lt;/b&gt;" in options and "<b>" not in options


def test_the_page_reads_in_german(client: TestClient, app: App) -> None:
    _plan(app)
    page = client.get("/plan", headers={"Accept-Language": "de"})
    assert 'lang="de"' in page.text and "Warum" in page.text and "vorgeschlagen" in page.text
    assert "Einhorn · noch nie getroffen" in page.text


# -- one slot: accept, skip, swap, done ------------------------------------------------------


def test_accept_replaces_the_row_and_is_stored(client: TestClient, app: App) -> None:
    slot = _plan(app)[0].slot
    row = _post(client, f"/plan/slots/{slot.id}/accept")
    assert row.status_code == 200
    assert f'<tr id="slot-{slot.id}"' in row.text and "<html" not in row.text
    assert "accepted" in row.text
    assert _by_id(app, slot.id).slot.status is SlotStatus.ACCEPTED


def test_without_htmx_an_action_goes_back_to_the_page(client: TestClient, app: App) -> None:
    slot = _plan(app)[1].slot
    done = _post(client, f"/plan/slots/{slot.id}/skip", htmx=False)
    assert done.status_code == 303
    assert done.headers["location"] == f"/plan#slot-{slot.id}"
    skipped = _by_id(app, slot.id).slot
    assert (skipped.status, skipped.contact_id) == (SlotStatus.SKIPPED, None)


def test_swap_takes_the_next_best_or_the_person_chosen(client: TestClient, app: App) -> None:
    planned = _plan(app)
    slot = planned[2].slot
    row = _post(client, f"/plan/slots/{slot.id}/swap", **{"with": ""})
    assert row.status_code == 200
    swapped = _by_id(app, slot.id)
    assert swapped.slot.contact_id not in {None, slot.contact_id}
    assert swapped.name in row.text
    taken = {v.slot.contact_id for v in planned} | {swapped.slot.contact_id}
    with app.uow(TODAY) as uow:
        free = next(c for c in uow.contacts.list_(ContactQuery()) if c.key not in taken)
    chosen = _post(client, f"/plan/slots/{slot.id}/swap", **{"with": str(free.key)})
    assert chosen.status_code == 200
    now = _by_id(app, slot.id)
    assert (now.slot.contact_id, now.slot.status, now.why) == (
        free.key,
        SlotStatus.ACCEPTED,
        "your choice",
    )


def test_the_swap_search_offers_matching_people(client: TestClient) -> None:
    options = client.get("/plan/people", params={"q": "Person 07"}).text
    assert '<option value="">the next best' in options
    assert re.search(r'<option value="\d+" selected>Person 07 \(Firma 0\)</option>', options)
    assert "Person 08" not in options
    assert client.get("/plan/people").text.count("<option") == 1


def test_done_logs_the_lunch_once_its_day_has_come(
    client: TestClient, app: App, clock: Clock
) -> None:
    slot = _plan(app)[0].slot
    early = _post(client, f"/plan/slots/{slot.id}/done")
    assert early.status_code == 400 and "in the future" in early.text
    assert _by_id(app, slot.id).slot.status is SlotStatus.PROPOSED
    clock.today = slot.day
    page = client.get("/plan").text
    assert f'action="/plan/slots/{slot.id}/done"' in page
    held = _post(client, f"/plan/slots/{slot.id}/done")
    assert held.status_code == 200 and "held" in held.text
    stored = _by_id(app, slot.id).slot
    assert stored.status is SlotStatus.HELD and stored.interaction_id is not None
    with app.uow(TODAY) as uow:
        assert slot.contact_id is not None
        assert uow.contacts.get(slot.contact_id).last_interaction_on == slot.day


# -- bad input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("weeks", "0", "between 1 and 16 weeks"),
        ("weeks", "100", "between 1 and 16 weeks"),
        ("per_week", "9", "between 1 and 5 lunches a week"),
        ("time_limit", "30", "between 1 and 20 seconds"),
    ],
)
def test_bad_plan_options_say_what_is_wrong_and_change_nothing(
    client: TestClient, app: App, field: str, value: str, message: str
) -> None:
    before = [(v.slot.id, v.slot.contact_id) for v in _plan(app)]
    form = {"weeks": "3", "per_week": "2", "time_limit": "5", field: value}
    page = client.post("/plan", data=form, headers=csrf_headers(client))
    assert page.status_code == 400
    [alert] = _alerts(page)
    assert message in alert and "\n" not in alert
    assert f'value="{value}"' in page.text  # the form keeps what was typed
    assert [(v.slot.id, v.slot.contact_id) for v in _shown(app)] == before


def test_a_plan_option_that_is_no_number_is_refused(client: TestClient, app: App) -> None:
    page = client.post("/plan", data={"weeks": "many"}, headers=csrf_headers(client))
    assert page.status_code == 422 and "weeks" in page.text
    assert _shown(app) == []


def test_an_unknown_slot_is_not_found(client: TestClient, app: App) -> None:
    _plan(app)
    for action in ("accept", "skip", "swap", "done"):
        row = _post(client, f"/plan/slots/987654/{action}")
        assert row.status_code == 404
        assert "No lunch slot matches 987654" in row.text
        page = _post(client, f"/plan/slots/987654/{action}", htmx=False)
        assert page.status_code == 404
    assert _post(client, "/plan/slots/99999999999/accept").status_code == 422


def test_a_past_slot_can_be_held_or_skipped_but_not_accepted_or_swapped(
    client: TestClient, app: App, clock: Clock
) -> None:
    slot = _plan(app)[0].slot
    clock.today = slot.day + dt.timedelta(days=1)
    for action in ("accept", "swap"):
        row = _post(client, f"/plan/slots/{slot.id}/{action}")
        assert row.status_code == 400
        [alert] = _alerts(row)
        assert "in the past" in alert
        assert f'id="slot-{slot.id}"' in row.text  # the row stays, with the reason
    assert _by_id(app, slot.id).slot == slot
    page = client.get("/plan").text
    assert f'action="/plan/slots/{slot.id}/accept"' not in page
    assert f'action="/plan/slots/{slot.id}/done"' in page


def test_a_post_without_the_csrf_token_changes_nothing(client: TestClient, app: App) -> None:
    slot = _plan(app)[0].slot
    refused = client.post(f"/plan/slots/{slot.id}/accept", headers=HTMX)
    assert refused.status_code == 403
    assert _by_id(app, slot.id).slot.status is SlotStatus.PROPOSED


# -- trips -----------------------------------------------------------------------------------


def test_trips_are_added_listed_and_removed(client: TestClient, app: App) -> None:
    added = _post(
        client, "/plan/trips", htmx=False, city="Hamburg", from_on="2026-12-07", to_on="09.12.2026"
    )
    assert added.status_code == 303
    with app.uow(TODAY) as uow:
        [trip] = uow.plans.trips()
    assert (trip.city, trip.from_on, trip.to_on) == (
        "Hamburg",
        dt.date(2026, 12, 7),
        dt.date(2026, 12, 9),
    )
    assert "Hamburg" in client.get("/plan").text
    removed = _post(client, f"/plan/trips/{trip.id}/remove", htmx=False)
    assert removed.status_code == 303
    with app.uow(TODAY) as uow:
        assert uow.plans.trips() == []
    assert _post(client, f"/plan/trips/{trip.id}/remove", htmx=False).status_code == 404


@pytest.mark.parametrize(
    ("city", "start", "end", "message"),
    [
        ("Hamburg", "2026-12-09", "2026-12-07", "before the first day"),
        ("", "2026-12-07", "2026-12-09", "name the city"),
        ("Hamburg", "soon", "2026-12-09", "write dates as"),
        ("Hamburg", "2026-01-01", "2026-01-02", "in the past"),
    ],
)
def test_a_bad_trip_is_refused_with_one_line(
    client: TestClient, app: App, city: str, start: str, end: str, message: str
) -> None:
    page = _post(client, "/plan/trips", htmx=False, city=city, from_on=start, to_on=end)
    assert page.status_code == 400
    [alert] = _alerts(page)
    assert message in alert
    with app.uow(TODAY) as uow:
        assert uow.plans.trips() == []


# -- the calendar: download and feed -----------------------------------------------------------


def _events(body: bytes) -> list[tuple[dt.datetime, str]]:
    calendar = Calendar.from_ical(body)
    return sorted((e.decoded("dtstart"), str(e["summary"])) for e in calendar.walk("VEVENT"))


def test_the_plan_downloads_as_a_calendar(client: TestClient, app: App) -> None:
    planned = [v for v in _plan(app) if v.name]
    download = client.get("/plan.ics")
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/calendar")
    assert download.headers["content-disposition"].startswith("attachment;")
    events = _events(download.content)
    assert events == [
        (dt.datetime.combine(v.slot.day, dt.time(12)), f"Lunch with {v.name}") for v in planned
    ]


def _make_feed(client: TestClient) -> tuple[str, str]:
    page = client.post("/plan/feed", headers=csrf_headers(client))
    assert page.status_code == 200
    assert "no-store" in page.headers["cache-control"]
    [token] = FEED_URL.findall(page.text)
    return token, f"/feed/{token}.ics"


def test_the_feed_works_without_a_session_until_it_is_revoked(client: TestClient, app: App) -> None:
    planned = [v for v in _plan(app) if v.name]
    token, url = _make_feed(client)
    with app.engine.connect() as connection:
        [stored] = connection.execute(sa.text("SELECT token_hash FROM calendar_feeds")).all()
    assert stored[0] == hashlib.sha256(token.encode()).hexdigest()  # never the secret itself
    assert "A calendar link is active since" in client.get("/plan").text
    assert token not in client.get("/plan").text  # shown once
    with TestClient(client.app) as stranger:  # a calendar app: no cookies at all
        feed = stranger.get(url)
        assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
        assert feed.headers["cache-control"] == "private, no-store"
        assert "set-cookie" not in feed.headers
        assert [s for _, s in _events(feed.content)] == [f"Lunch with {v.name}" for v in planned]
        assert stranger.head(url).status_code == 200
        revoked = _post(client, "/plan/feed/revoke", htmx=False)
        assert revoked.status_code == 303
        gone = stranger.get(url)
        assert gone.status_code == 404
        assert gone.text == stranger.get("/nowhere").text  # no hint that a feed was there
    assert "No calendar link yet" in client.get("/plan").text


def test_a_new_feed_link_ends_the_old_one(client: TestClient) -> None:
    old, old_url = _make_feed(client)
    new, new_url = _make_feed(client)
    assert old != new
    client.cookies.clear()
    assert client.get(old_url).status_code == 404
    assert client.get(new_url).status_code == 200


@pytest.mark.parametrize("token", ["x", "a" * 43, "a" * 200, "..%2Fplan", "%00" * 20])
def test_a_made_up_feed_link_is_not_found(client: TestClient, token: str) -> None:
    _make_feed(client)
    client.cookies.clear()
    assert client.get(f"/feed/{token}.ics").status_code == 404


def test_the_feed_speaks_the_language_of_its_link(client: TestClient, app: App) -> None:
    _plan(app)
    client.cookies.set("einhorn_lang", "de")
    page = client.post("/plan/feed", headers=csrf_headers(client))
    [url] = re.findall(r'value="(http://testserver/feed/[^"]+)"', page.text)
    assert url.endswith(".ics?lang=de")
    client.cookies.clear()
    assert "Mittagessen mit" in client.get(url).text
    assert "Lunch with" in client.get(url.split("?")[0]).text


def test_a_feed_shows_only_its_own_accounts_plan(client: TestClient, app: App) -> None:
    bob = create_account(app, "bob")
    _network(app, bob, "Bob's")
    alice_names = {v.name for v in _plan(app) if v.name}
    bob_plan = _plan(app, account=bob)
    bob_names = {v.name for v in bob_plan if v.name}
    _alice_token, alice_url = _make_feed(client)
    with app.uow(TODAY, account_id=bob) as uow:
        bob_token = new_feed(uow=uow, now=dt.datetime.now(dt.UTC))
    client.cookies.clear()
    alice_feed = client.get(alice_url).text
    bob_feed = client.get(f"/feed/{bob_token}.ics").text
    assert all(name in alice_feed for name in alice_names)
    assert not any(name in alice_feed for name in bob_names)
    assert all(name in bob_feed for name in bob_names)
    assert not any(name in bob_feed for name in alice_names)
    # Alice's session cannot touch Bob's lunches either.
    bob_slot = bob_plan[0].slot
    assert _post(client, f"/plan/slots/{bob_slot.id}/accept").status_code == 404
    [still] = [v for v in _shown(app, account=bob) if v.slot.id == bob_slot.id]
    assert still.slot.status is SlotStatus.PROPOSED
    assert client.get("/api/plan").json()["lunches"][0]["name"] in alice_names


# -- the API ---------------------------------------------------------------------------------


def test_the_api_plans_and_changes_slots(client: TestClient, app: App) -> None:
    headers = csrf_headers(client)
    planned = client.post("/api/plan", json={"weeks": 2, "time_limit": 5}, headers=headers)
    assert planned.status_code == 200
    data = planned.json()
    assert len(data["lunches"]) == 4 and data["solver"]["optimal"] is True
    first = data["lunches"][0]
    assert first["status"] == "proposed" and first["why"]
    assert client.get("/api/plan").json()["lunches"] == data["lunches"]
    url = f"/api/plan/slots/{first['id']}"
    assert client.post(f"{url}/accept", headers=headers).json()["status"] == "accepted"
    second = data["lunches"][1]
    swapped = client.post(
        f"/api/plan/slots/{second['id']}/swap", json={"with": None}, headers=headers
    )
    assert swapped.status_code == 200 and swapped.json()["contact_id"] != second["contact_id"]
    skipped = client.post(f"/api/plan/slots/{second['id']}/skip", headers=headers).json()
    assert (skipped["status"], skipped["name"]) == ("skipped", None)
    early = client.post(f"{url}/done", json={"note": "gut"}, headers=headers)
    assert early.status_code == 400 and "in the future" in early.json()["error"]
    ics = client.get("/api/plan.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert len(_events(ics.content)) == 3
    assert _by_id(app, first["id"]).slot.status is SlotStatus.ACCEPTED


def test_the_api_answers_in_the_requested_language(client: TestClient, app: App) -> None:
    _plan(app)
    lunches = client.get("/api/plan", headers={"Accept-Language": "de"}).json()["lunches"]
    assert any(lunch["why"].startswith("Einhorn") for lunch in lunches)


def test_the_api_refuses_bad_input(client: TestClient, app: App) -> None:
    headers = csrf_headers(client)
    weeks = client.post("/api/plan", json={"weeks": 0}, headers=headers)
    assert weeks.status_code == 400 and "between 1 and 16 weeks" in weeks.json()["error"]
    slow = client.post("/api/plan", json={"time_limit": 30}, headers=headers)
    assert slow.status_code == 422 and "time_limit" in slow.json()["error"]
    days = client.post("/api/plan", json={"days": ["someday"]}, headers=headers)
    assert days.status_code == 400 and "weekdays" in days.json()["error"]
    assert _shown(app) == []
    missing = client.post("/api/plan/slots/4242/accept", headers=headers)
    assert missing.status_code == 404 and "4242" in missing.json()["error"]
    assert client.post("/api/plan", json={"weeks": 1}).status_code == 403  # no CSRF token


def test_the_api_lists_adds_and_removes_trips(client: TestClient) -> None:
    headers = csrf_headers(client)
    added = client.post(
        "/api/trips",
        json={"city": "Hamburg", "from": "2026-12-07", "to": "2026-12-09"},
        headers=headers,
    )
    assert added.status_code == 201
    trip = added.json()
    assert (trip["city"], trip["from"], trip["to"]) == ("Hamburg", "2026-12-07", "2026-12-09")
    assert client.get("/api/trips").json() == [trip]
    bad = client.post(
        "/api/trips",
        json={"city": "Hamburg", "from": "2026-12-09", "to": "2026-12-07"},
        headers=headers,
    )
    assert bad.status_code == 400 and "before the first day" in bad.json()["error"]
    assert client.delete(f"/api/trips/{trip['id']}", headers=headers).status_code == 204
    assert client.get("/api/trips").json() == []
    assert client.delete(f"/api/trips/{trip['id']}", headers=headers).status_code == 404


def test_the_plan_routes_are_in_the_api_docs_and_the_feed_is_not(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {"/api/plan", "/api/plan.ics", "/api/plan/slots/{slot_id}/swap"} <= set(paths)
    assert not any(path.startswith("/feed") for path in paths)
