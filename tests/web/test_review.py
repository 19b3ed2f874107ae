"""The review page and its JSON: the review as it stands (kept only on "save"), the bubble,
the history of kept reviews, through the real store."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from einhorn.bootstrap import App
from einhorn.domain.goals import Goal, GoalKind
from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier, TierSource
from einhorn.i18n import set_language
from einhorn.services.strategy import preview_review, review_history, set_goal
from einhorn.web.app import create_app
from tests.factories import make_contact, make_interaction
from tests.web import TODAY
from tests.web.conftest import csrf_headers

GOAL_SET = dt.datetime(2026, 10, 1, 9, tzinfo=dt.UTC)
HOSTILE = "<script>alert(1)</script> Eve"


class Clock:
    """The app's today, moved by a test between two reviews."""

    def __init__(self) -> None:
        self.day = TODAY

    def __call__(self) -> dt.date:
        return self.day


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(app: App, clock: Clock) -> Iterator[TestClient]:
    with TestClient(create_app(app, today=clock)) as test_client:
        yield test_client
    set_language("en")


def _people(app: App) -> dict[str, ContactId]:
    """A goal (2 meetings a week, a review every 91 days) and four contacts, one met twice."""
    with app.uow(TODAY) as uow:
        set_goal(
            uow=uow,
            goal=Goal(
                kind=GoalKind.CAREER,
                target_companies=["Siemens"],
                target_sectors=["Raumfahrt"],
                meetings_per_week=2.0,
                review_every_days=91,
            ),
            now=GOAL_SET,
        )
        ids = uow.contacts.add_many(
            [
                make_contact(display_name="Anna Müller", tier=Tier.UNICORN, sector="Industrie"),
                make_contact(display_name="Jens Weber", tier=Tier.FLAMINGO, company="Bosch"),
                make_contact(display_name=HOSTILE, tier=Tier.PENGUIN, company="", city="Bonn"),
                make_contact(display_name="Pia Pinguin", tier=Tier.PENGUIN, company="Bosch"),
            ]
        )
        for days in (3, 10):
            uow.interactions.add(make_interaction(ids[0], occurred_on=TODAY - dt.timedelta(days)))
        uow.commit()
    return dict(zip(("anna", "jens", "eve", "pia"), ids, strict=True))


def _text(page: str) -> str:
    """The page's text without tags, entities resolved, spaces folded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_review_page_shows_the_figures_the_service_computes(
    app: App, client: TestClient
) -> None:
    _people(app)
    with app.uow(TODAY) as uow:
        expected = preview_review(uow=uow, today=TODAY, now=GOAL_SET)
    page = client.get("/review")
    assert page.status_code == 200
    text = _text(page.text)
    held = expected.meetings_held
    assert held == 2
    assert f"{held} meetings in person against a budget of 26" in text  # 2 × 91 / 7
    assert "Review Aug 29, 2026 – Nov 27, 2026" in text  # the 91 days up to today
    for tier in Tier:  # "unicorn 1 — —": now, nothing to compare with yet
        assert f"{tier.value} {expected.tier_counts[tier.value]} — —" in text
    assert expected.tier_counts == {"unicorn": 1, "flamingo": 1, "penguin": 2}
    assert "Target sectors without a contact: Raumfahrt" in text  # the bubble figures
    assert "The next review is due on Dec 31, 2026." in text  # 91 days after the goal
    assert "clusters among 4 contacts" in text  # the structure section
    assert "No review kept yet" in text


def test_looking_at_the_review_keeps_nothing(app: App, client: TestClient) -> None:
    _people(app)
    assert client.get("/review").status_code == 200
    assert client.get("/api/review").status_code == 200
    with app.uow(TODAY) as uow:
        assert review_history(uow=uow) == []


def test_two_saved_reviews_make_a_history_with_the_change(
    app: App, client: TestClient, clock: Clock
) -> None:
    ids = _people(app)
    saved = client.post("/review", headers=csrf_headers(client), follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"].startswith("/review")
    with app.uow(TODAY) as uow:
        uow.contacts.set_tiers([(ids["eve"], Tier.UNICORN)], TierSource.USER)
        uow.commit()
    clock.day = TODAY + dt.timedelta(days=30)
    page = client.get("/review")
    text = _text(page.text)
    assert "Review Nov 28, 2026 – Dec 27, 2026" in text  # starts after the last one
    assert f'href="/contacts/{ids["eve"]}"' in page.text  # the tier move, linked
    assert html.escape(HOSTILE) in page.text and HOSTILE not in page.text
    assert "The next review is due on Feb 26, 2027." in text  # 91 days after the first
    second = client.post("/review", data={"csrf_token": csrf_headers(client)["X-CSRF-Token"]})
    assert second.status_code == 200 and "The review is saved" in second.text

    history = client.get("/api/review/history").json()["reviews"]
    assert [r["until"] for r in history] == ["2026-12-27", "2026-11-27"]  # newest first
    assert history[0]["tier_counts"] == {"unicorn": 2, "flamingo": 1, "penguin": 1}
    assert history[0]["tier_counts_before"] == {"unicorn": 1, "flamingo": 1, "penguin": 2}
    assert [m["display_name"] for m in history[0]["moves"]] == [HOSTILE]
    assert "brokers" not in (history[0]["structure"] or {})  # erasure: names are not kept
    rows = re.findall(r"<tr><td[^>]*>(.*?)</tr>", _history(client), flags=re.S)
    assert len(rows) == 2
    newest = _text(rows[0])
    assert "Nov 28, 2026 – Dec 27, 2026 0 / 8.6 2 (+1) 1 (±0) 1 (−1)" in newest
    assert "(" not in _text(rows[1])  # the first review has nothing to compare with


def _history(client: TestClient) -> str:
    return client.get("/review").text.split('id="history"', 1)[1]


def test_without_a_goal_the_page_explains_and_saving_changes_nothing(
    app: App, client: TestClient
) -> None:
    page = client.get("/review")
    assert page.status_code == 200
    assert "No goal yet" in page.text and 'href="/strategy"' in page.text
    assert "Save this review" not in page.text
    refused = client.post("/review", headers=csrf_headers(client))
    assert refused.status_code == 409 and "No goal yet" in refused.text
    api = client.get("/api/review")
    assert api.status_code == 409 and "No goal yet" in api.json()["error"]
    with app.uow(TODAY) as uow:
        assert review_history(uow=uow) == []


def test_saving_without_the_csrf_token_is_refused(app: App, client: TestClient) -> None:
    _people(app)
    assert client.post("/review").status_code == 403
    assert client.post("/api/review").status_code == 403
    with app.uow(TODAY) as uow:
        assert review_history(uow=uow) == []


def test_the_api_shows_the_current_review_and_keeps_one_on_post(
    app: App, client: TestClient
) -> None:
    _people(app)
    current = client.get("/api/review").json()
    assert current["due_on"] == "2026-12-31"
    assert current["review"]["meetings_held"] == 2 and current["review"]["until"] == "2026-11-27"
    kept = client.post("/api/review", headers=csrf_headers(client))
    assert kept.status_code == 201 and kept.json()["id"] is not None
    assert client.get("/api/review/history").json()["reviews"][0]["id"] == kept.json()["id"]
    assert client.get("/api/review/history", params={"limit": 0}).status_code == 422


def test_the_review_page_speaks_german(app: App, client: TestClient) -> None:
    _people(app)
    page = client.get("/review", headers={"Accept-Language": "de"})
    assert 'lang="de"' in page.text and "Überprüfung" in page.text
    assert "27.11.2026" in page.text
