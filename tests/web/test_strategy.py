"""The strategy page and its API over the real store: the goal wizard, tier suggestions,
budget, channels, groups and events, gaps, triage; bad input, escaping, other accounts."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from einhorn.bootstrap import App, create_account
from einhorn.domain.contacts import Contact, FormOfAddress
from einhorn.domain.goals import Goal, GoalKind, Region
from einhorn.domain.ids import AccountId, ContactId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.tiers import Tier, TierSource
from einhorn.i18n import format_number, set_language
from einhorn.services.contacts import create_contact
from einhorn.services.groups import list_groups
from einhorn.services.interactions import log_interaction
from einhorn.services.strategy import budget, channel_advice, current_goal, set_goal
from einhorn.web.app import create_app
from tests.web import TODAY
from tests.web.conftest import csrf_headers

NOW = dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC)
HOSTILE = "<script>alert(1)</script>"
HX = {"HX-Request": "true"}


# -- helpers ---------------------------------------------------------------------------------


def _goal(app: App, account: AccountId | None = None, **fields: object) -> None:
    values: dict[str, object] = {"kind": GoalKind.CAREER, "target_companies": ["Siemens"]}
    values.update(fields)
    with app.uow(TODAY, account_id=account) as uow:
        set_goal(uow=uow, goal=Goal(**values), now=NOW)  # type: ignore[arg-type]


def _contact(app: App, name: str, account: AccountId | None = None, **fields: object) -> ContactId:
    with app.uow(TODAY, account_id=account) as uow:
        contact = Contact(name, **fields)  # type: ignore[arg-type]
        return create_contact(uow=uow, contact=contact, today=TODAY).key


def _tier(app: App, contact: ContactId) -> Tier:
    with app.uow(TODAY) as uow:
        return uow.contacts.get(contact).tier


def _alerts(text: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'role="alert"[^>]*>([^<]*)<', text)]


def _post(client: TestClient, path: str, data: dict[str, object], **headers: str) -> httpx.Response:
    return client.post(
        path, data=data, headers={**csrf_headers(client), **headers}, follow_redirects=False
    )


@pytest.fixture
def people(app: App) -> dict[str, ContactId]:
    """A goal aimed at Siemens and three contacts whose tiers it would change."""
    _goal(app)
    anna = _contact(app, "Anna Müller", company="Siemens Healthineers AG", position="Head of HR")
    jens = _contact(
        app, "Jens Weber", company="Siemens AG", tier=Tier.PENGUIN, tier_source=TierSource.USER
    )
    lena = _contact(app, "Lena Roth", company="Bosch", position="CEO")
    with app.uow(TODAY) as uow:
        log_interaction(
            uow=uow, kind=InteractionKind.LUNCH, refs=["Lena"], occurred_on=TODAY, today=TODAY
        )
    return {"anna": anna, "jens": jens, "lena": lena}


WIZARD = {
    "kind": "founder",
    "role": "Tischlerin",
    "sector": "Handwerk",
    "region": "dach",
    "home_city": "Köln",
    "target_companies": "Möbelhaus Schmidt\r\n\r\nArchitekturbüro Lang ",
    "target_roles": "Architektin",
    "target_sectors": "Bau\nInnenarchitektur",
    "meetings": "2,5",
    "minutes": "240",
    "review_weeks": "13",
}


# -- 1. the goal wizard ----------------------------------------------------------------------


def test_the_goal_wizard_offers_each_kind_in_one_line_and_sets_the_goal(
    web: TestClient, app: App
) -> None:
    page = web.get("/strategy/goal")
    assert page.status_code == 200
    assert page.text.count('type="radio" name="kind"') == len(GoalKind)
    assert "Be known in your city as a founder" in page.text
    assert '<label for="goal-meetings">' in page.text  # every control has its label
    saved = _post(web, "/strategy/goal", WIZARD)
    assert saved.status_code == 303 and saved.headers["location"].startswith("/strategy")
    with app.uow(TODAY) as uow:
        goal = current_goal(uow=uow)
    assert goal.kind is GoalKind.FOUNDER and goal.region is Region.DACH
    assert goal.target_companies == ["Möbelhaus Schmidt", "Architekturbüro Lang"]
    assert goal.target_sectors == ["Bau", "Innenarchitektur"]
    assert (goal.meetings_per_week, goal.minutes_per_week, goal.review_every_days) == (
        2.5,
        240,
        91,
    )
    overview = web.get(saved.headers["location"])
    assert "Goal set." in overview.text
    assert "Möbelhaus Schmidt, Architekturbüro Lang" in overview.text
    again = web.get("/strategy/goal")  # the wizard starts from the current goal
    assert 'value="founder" aria-describedby="kind-founder-hint" required checked' in again.text
    assert "Möbelhaus Schmidt\nArchitekturbüro Lang</textarea>" in again.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("meetings", "-1", "Meetings a week: '-1' is not valid: between 0.5 and 50"),
        ("minutes", "lots", "Minutes a week: 'lots' is not valid: give a number"),
        ("review_weeks", "0", "Weeks between reviews: '0' is not valid: between 1 and 52"),
        ("kind", "astronaut", "Goal: 'astronaut' is not valid: use career/Karriere"),
        ("kind", "", "Goal: '' is not valid"),
        ("region", "mars", "Region: 'mars' is not valid: use dach or international"),
        ("role", "x" * 301, "Your role: "),
        ("target_roles", "x" * 301, "Whom you want to reach: "),
        ("target_companies", "x" * 6000, "Target companies: "),
    ],
)
def test_a_wrong_goal_names_the_field_in_one_line_and_changes_nothing(
    web: TestClient, app: App, field: str, value: str, message: str
) -> None:
    _goal(app)
    answer = _post(web, "/strategy/goal", {**WIZARD, field: value})
    assert answer.status_code == 400
    alerts = _alerts(answer.text)
    assert len(alerts) == 1 and alerts[0].startswith(message) and "\n" not in alerts[0]
    assert "Traceback" not in answer.text
    assert 'aria-invalid="true"' in answer.text  # the field is marked for screen readers
    assert 'value="Köln"' in answer.text  # what was typed is kept
    with app.uow(TODAY) as uow:
        assert current_goal(uow=uow).kind is GoalKind.CAREER
        assert len(uow.goals.history()) == 1


def test_without_a_goal_the_page_asks_for_one_and_shows_groups_and_gaps(web: TestClient) -> None:
    page = web.get("/strategy")
    assert page.status_code == 200
    assert "Set a goal first" in page.text and 'href="/strategy/goal"' in page.text
    assert 'id="suggestions"' not in page.text and 'id="budget"' not in page.text
    assert 'id="groups"' in page.text and 'id="gaps"' in page.text


def test_the_wizard_and_its_errors_read_in_german(web: TestClient, app: App) -> None:
    german = {"Accept-Language": "de"}
    page = web.get("/strategy/goal", headers=german)
    assert 'lang="de"' in page.text and "Zielunternehmen" in page.text
    assert "Treffen pro Woche" in page.text and "Karriere" in page.text
    wrong = _post(web, "/strategy/goal", {**WIZARD, "region": "mars"}, **german)
    assert "dach oder international" in _alerts(wrong.text)[0]
    set_language("en")


# -- 2. tier suggestions ---------------------------------------------------------------------


def test_suggestions_are_listed_and_tiers_set_by_hand_are_not_ticked(
    web: TestClient, people: dict[str, ContactId]
) -> None:
    page = web.get("/strategy")
    anna, jens = people["anna"], people["jens"]
    assert f'name="pick" value="{anna}" checked' in page.text
    assert f'name="pick" value="{jens}">' in page.text  # set by hand: the user decides
    assert "works at target company Siemens" in page.text and "set by hand" in page.text


def test_ticked_suggestions_move_in_one_go_and_the_budget_follows(
    web: TestClient, app: App, people: dict[str, ContactId]
) -> None:
    picked = {"pick": [str(people["anna"]), str(people["jens"])]}
    answer = _post(web, "/strategy/suggestions", picked, **HX)
    assert answer.status_code == 200 and "Moved 2 contacts." in answer.text
    assert '<section id="budget" aria-labelledby="budget-h" hx-swap-oob="true">' in answer.text
    assert "<html" not in answer.text
    assert _tier(app, people["anna"]) is Tier.UNICORN
    assert _tier(app, people["jens"]) is Tier.FLAMINGO  # ticked: moved although set by hand
    assert _tier(app, people["lena"]) is Tier.PENGUIN  # not ticked


def test_accept_all_leaves_tiers_set_by_hand_alone(
    web: TestClient, app: App, people: dict[str, ContactId]
) -> None:
    answer = _post(web, "/strategy/suggestions", {"accept_all": "1"})
    assert answer.status_code == 303 and answer.headers["location"].endswith("#suggestions")
    assert _tier(app, people["anna"]) is Tier.UNICORN
    assert _tier(app, people["lena"]) is Tier.FLAMINGO
    assert _tier(app, people["jens"]) is Tier.PENGUIN
    assert "Tiers moved." in web.get(answer.headers["location"]).text


@pytest.mark.parametrize("picked", [{}, {"pick": ["abc"]}])
def test_accepting_nothing_or_nonsense_is_refused(
    web: TestClient, app: App, people: dict[str, ContactId], picked: dict[str, object]
) -> None:
    answer = _post(web, "/strategy/suggestions", picked, **HX)
    assert answer.status_code == 400 and len(_alerts(answer.text)) == 1
    assert [_tier(app, p) for p in people.values()] == [Tier.PENGUIN] * 3


# -- 3. budget -------------------------------------------------------------------------------


def test_the_budget_meter_and_figures_are_the_services(web: TestClient, app: App) -> None:
    _goal(app, meetings_per_week=2.0)
    with app.uow(TODAY) as uow:
        uow.contacts.add_many(
            [Contact(f"U{n}", tier=Tier.UNICORN) for n in range(20)]
            + [Contact(f"F{n}", tier=Tier.FLAMINGO) for n in range(6)]
        )
        uow.commit()
        load = budget(uow=uow, today=TODAY)
    page = web.get("/strategy")
    meter = re.search(r'<meter id="meter-meetings"[^>]*>', page.text)
    assert meter and f'value="{load.meetings_per_week}"' in meter.group(0)
    assert f'high="{load.budget_meetings}"' in meter.group(0)
    line = (
        f"{format_number(load.meetings_per_week)} meetings a week (about "
        f"{format_number(load.minutes_per_week, 0)} minutes) against a budget of "
        f"{format_number(load.budget_meetings)}"
    )
    assert line in page.text
    assert load.over_budget and "Over budget. What would help:" in page.text
    assert load.fixes and all(html.escape(f.text()) in page.text for f in load.fixes)


def test_a_budget_within_limits_says_so(web: TestClient, app: App) -> None:
    _goal(app, meetings_per_week=5.0)
    _contact(app, "Ute", tier=Tier.UNICORN)
    page = web.get("/strategy")
    assert "Within budget." in page.text and "Over budget" not in page.text


# -- 4. channels -----------------------------------------------------------------------------


def test_channels_are_advised_and_presence_is_saved(web: TestClient, app: App) -> None:
    _goal(app)
    page = web.get("/strategy")
    assert 'id="channel-linkedin"' in page.text and 'id="channel-researchgate"' in page.text
    assert page.text.index('id="channel-xing"') < page.text.index('id="channel-researchgate"')
    url = "https://www.linkedin.com/in/anna"
    saved = _post(web, "/strategy/channels/linkedin", {"present": "1", "url": url}, **HX)
    assert saved.status_code == 200 and "Saved." in saved.text
    assert saved.text.lstrip().startswith('<article class="card channel" id="channel-linkedin"')
    assert f'<a href="{url}"' in saved.text
    with app.uow(TODAY) as uow:
        assert channel_advice(uow=uow).presence["linkedin"] == (True, url)
    plain = _post(web, "/strategy/channels/linkedin", {"url": ""})  # unticked: absent
    assert plain.status_code == 303 and plain.headers["location"].endswith("#channels")
    with app.uow(TODAY) as uow:
        assert channel_advice(uow=uow).presence["linkedin"] == (False, "")


def test_a_channel_einhorn_does_not_advise_on_is_not_saved(web: TestClient, app: App) -> None:
    _goal(app)
    answer = _post(web, "/strategy/channels/myspace", {"present": "1"}, **HX)
    assert answer.status_code == 404
    too_long = _post(web, "/strategy/channels/xing", {"present": "1", "url": "h" * 1001}, **HX)
    assert too_long.status_code == 400 and "longer than 1000" in _alerts(too_long.text)[0]
    with app.uow(TODAY) as uow:
        assert channel_advice(uow=uow).presence == {}


def test_a_profile_address_that_is_not_a_web_address_is_never_a_link(
    web: TestClient, app: App
) -> None:
    _goal(app)
    _post(web, "/strategy/channels/xing", {"present": "1", "url": "javascript:alert(1)"})
    page = web.get("/strategy")
    assert 'value="javascript:alert(1)"' in page.text and 'href="javascript:' not in page.text


# -- 5. groups and events --------------------------------------------------------------------


def test_a_group_is_added_its_engagement_changed_and_goal_advice_shown(
    web: TestClient, app: App
) -> None:
    _goal(app, kind=GoalKind.FOUNDER)
    page = web.get("/strategy")
    assert "For your goal, worth a look: chamber (IHK, Handwerkskammer)" in page.text
    group = {"name": "IHK Köln", "kind": "chamber", "city": "Köln", "engagement": "attends"}
    added = _post(web, "/strategy/groups", group)
    assert added.status_code == 303 and added.headers["location"].endswith("#groups")
    twice = _post(web, "/strategy/groups", group, **HX)
    assert twice.status_code == 400 and "exists already" in _alerts(twice.text)[0]
    assert 'value="IHK Köln"' in twice.text and "<details open>" in twice.text
    with app.uow(TODAY) as uow:
        [(saved, members)] = list_groups(uow=uow).groups
    assert (saved.kind.value, saved.engagement.value, members) == ("chamber", "attends", 0)
    path = f"/strategy/groups/{saved.id}/engagement"
    climbed = _post(web, path, {"engagement": "speaker"}, **HX)
    assert climbed.status_code == 200 and "Saved." in climbed.text
    with app.uow(TODAY) as uow:
        assert list_groups(uow=uow).groups[0][0].engagement.value == "speaker"
    assert _post(web, path, {"engagement": "emperor"}, **HX).status_code == 400
    assert (
        _post(web, "/strategy/groups/999/engagement", {"engagement": "board"}, **HX).status_code
        == 400
    )
    wrong = _post(web, "/strategy/groups", {"name": "X", "kind": "secret-society"}, **HX)
    assert wrong.status_code == 400 and "kind" in _alerts(wrong.text)[0]
    with app.uow(TODAY) as uow:
        assert [g.engagement.value for g, _ in list_groups(uow=uow).groups] == ["speaker"]


def test_an_event_records_whom_was_met_and_new_people_become_contacts(
    web: TestClient, app: App
) -> None:
    anna = _contact(app, "Anna Müller")
    _post(web, "/strategy/groups", {"name": "Stammtisch Ehrenfeld", "kind": "stammtisch"})
    with app.uow(TODAY) as uow:
        group_id = list_groups(uow=uow).groups[0][0].id
    event = {
        "name": "Sommerfest",
        "date": "2026-11-20",
        "group": str(group_id),
        "met": "Anna Müller",
        "new": "Bernd Neu\n",
    }
    answer = _post(web, "/strategy/events", event, **HX)
    assert answer.status_code == 200 and "Event recorded." in answer.text
    assert "Sommerfest" in answer.text and "Anna Müller, Bernd Neu" in answer.text
    with app.uow(TODAY) as uow:
        assert list_groups(uow=uow).events[0].group == "Stammtisch Ehrenfeld"
        assert uow.contacts.find_by_name("Bernd Neu")
        assert uow.contacts.get(anna).last_interaction_on == dt.date(2026, 11, 20)


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({"name": "Messe", "date": "2026-12-24", "met": "Anna"}, "in the future"),
        ({"name": "Messe", "date": "31.02.2026"}, "date"),
        ({"name": "Messe", "met": "Nobody Known"}, "No contact matches 'Nobody Known'"),
        ({"name": "Messe", "group": "42"}, "No group matches"),
        ({"name": ""}, "an event needs a name"),
    ],
)
def test_a_wrong_event_changes_nothing(
    web: TestClient, app: App, event: dict[str, str], message: str
) -> None:
    _contact(app, "Anna Müller")
    answer = _post(web, "/strategy/events", event, **HX)
    assert answer.status_code == 400 and message in _alerts(answer.text)[0]
    with app.uow(TODAY) as uow:
        assert list_groups(uow=uow).events_total == 0
        assert uow.interactions.count() == 0


# -- 6. gaps ---------------------------------------------------------------------------------


def test_gaps_list_who_was_met_but_not_connected_and_the_reverse(web: TestClient, app: App) -> None:
    _contact(app, "Met Offline")
    _contact(app, "Only Online", profiles={"linkedin": "https://linkedin.com/in/o"})
    with app.uow(TODAY) as uow:
        log_interaction(
            uow=uow,
            kind=InteractionKind.COFFEE,
            refs=["Met Offline"],
            occurred_on=TODAY,
            today=TODAY,
        )
    page = web.get("/strategy")
    section = page.text[page.text.index('id="gaps"') :]
    met, online = section.split("Connected online, never met")
    assert "Met Offline — connect on LinkedIn or Xing" in met and "Only Online" not in met
    assert "Only Online — write a message or comment on a post" in online


# -- 7. triage -------------------------------------------------------------------------------


def test_triage_answers_a_unicorns_request_in_their_form_of_address(
    web: TestClient, app: App
) -> None:
    _goal(app)
    _contact(app, "Anna Müller", tier=Tier.UNICORN, form_of_address=FormOfAddress.DU)
    answer = web.get("/strategy/triage", params={"who": "anna", "kind": "lunch"}, headers=HX)
    assert answer.status_code == 200 and "<html" not in answer.text
    assert "Anna Müller: accept" in answer.text
    assert "German (du)" in answer.text and "German (Sie)" not in answer.text
    assert "Hallo Anna," in answer.text
    page = web.get("/strategy/triage", params={"who": "anna", "kind": "lunch"})  # no htmx
    assert "<html" in page.text and "Anna Müller: accept" in page.text
    assert '<option value="lunch" selected>' in page.text


def test_triage_weighs_a_stranger_from_a_target_company(web: TestClient, app: App) -> None:
    _goal(app)
    answer = web.get(
        "/strategy/triage",
        params={"who": "Petra Neu", "company": "Siemens Mobility", "kind": "coffee"},
        headers=HX,
    )
    assert "Petra Neu: propose a short call" in answer.text
    assert "Not among your contacts" in answer.text
    nobody = web.get("/strategy/triage", params={"who": "Otto Fremd"}, headers=HX)
    assert "Otto Fremd: decline politely" in nobody.text
    with app.uow(TODAY) as uow:
        assert not uow.contacts.find_by_name("Petra Neu")  # nothing stored


def test_triage_asks_which_one_when_a_name_is_ambiguous(web: TestClient, app: App) -> None:
    _goal(app)
    first = _contact(app, "Anna Müller")
    _contact(app, "Anna Schmidt")
    answer = web.get("/strategy/triage", params={"who": "Anna", "kind": "coffee"}, headers=HX)
    assert answer.status_code == 400 and "matches 2 contacts" in _alerts(answer.text)[0]
    assert f'href="/strategy/triage?who=%23{first}&amp;kind=coffee"' in answer.text


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"who": "#999", "kind": "coffee"}, "No contact matches"),
        ({"who": "Anna", "kind": "picnic"}, "kind: 'picnic' is not valid"),
        ({"who": " "}, "contact"),
    ],
)
def test_a_wrong_triage_request_says_what_is_wrong(
    web: TestClient, app: App, params: dict[str, str], message: str
) -> None:
    _goal(app)
    _contact(app, "Anna Müller")
    answer = web.get("/strategy/triage", params=params, headers=HX)
    assert answer.status_code == 400 and message in _alerts(answer.text)[0]


def test_triage_without_a_goal_asks_for_one(web: TestClient, app: App) -> None:
    _contact(app, "Anna Müller")
    answer = web.get("/strategy/triage", params={"who": "Anna"}, headers=HX)
    assert answer.status_code == 400 and "No goal yet" in _alerts(answer.text)[0]


def test_the_triage_form_suggests_contacts_as_you_type(web: TestClient, app: App) -> None:
    _contact(app, "Anna Müller", company="Siemens AG")
    _contact(app, "Bernd Brot")
    options = web.get("/strategy/people", params={"who": "müll"}, headers=HX)
    assert '<option value="Anna Müller">Siemens AG</option>' in options.text
    assert "Bernd" not in options.text


# -- escaping --------------------------------------------------------------------------------


def test_hostile_names_are_escaped_everywhere_on_the_page(web: TestClient, app: App) -> None:
    _goal(app, target_companies=[HOSTILE, "Siemens"])
    _contact(app, HOSTILE, company="Siemens AG", position="Head of HR")
    _contact(app, "Online " + HOSTILE, profiles={"xing": "https://xing.com/x"})
    _post(web, "/strategy/groups", {"name": HOSTILE, "kind": "club", "url": "https://e.org/"})
    page = web.get("/strategy")
    triage = web.get("/strategy/triage", params={"who": HOSTILE}, headers=HX)
    options = web.get("/strategy/people", params={"who": "script"}, headers=HX)
    for text in (page.text, triage.text, options.text):
        assert HOSTILE not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert page.text.count("&lt;script&gt;") >= 4  # goal, suggestion, gap, group


# -- 8. the API ------------------------------------------------------------------------------


def test_the_goal_api_sets_and_reads_the_goal(web: TestClient, app: App) -> None:
    assert "No goal yet" in web.get("/api/goal").json()["error"]
    body = {"kind": "research", "target_sectors": ["Forschung"], "meetings_per_week": 1.5}
    saved = web.put("/api/goal", json=body, headers=csrf_headers(web))
    assert saved.status_code == 200 and saved.json()["kind"] == "research"
    read = web.get("/api/goal").json()
    assert read["target_sectors"] == ["Forschung"] and read["meetings_per_week"] == 1.5
    with app.uow(TODAY) as uow:
        assert current_goal(uow=uow).kind is GoalKind.RESEARCH
    assert "/api/goal" in web.get("/api/openapi.json").json()["paths"]


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        ({"kind": "career", "meetings_per_week": -3}, 400, "meetings_per_week: -3"),
        ({"kind": "career", "review_every_days": 3}, 400, "review_every_days: 3"),
        ({"kind": "astronaut"}, 400, "kind: 'astronaut'"),
        ({"role": "no kind"}, 422, "kind"),
        ({"kind": "career", "target_companies": "Siemens"}, 422, "target_companies"),
    ],
)
def test_a_wrong_goal_through_the_api_changes_nothing(
    web: TestClient, app: App, body: dict[str, object], status: int, field: str
) -> None:
    _goal(app)
    answer = web.put("/api/goal", json=body, headers=csrf_headers(web))
    assert answer.status_code == status and field in answer.json()["error"]
    with app.uow(TODAY) as uow:
        assert len(uow.goals.history()) == 1


def test_the_suggestions_api_lists_and_accepts(
    web: TestClient, app: App, people: dict[str, ContactId]
) -> None:
    listed = web.get("/api/strategy/suggestions").json()
    assert listed["total"] == 3
    first = listed["suggestions"][0]
    assert first["id"] == people["anna"] and first["suggested"] == "unicorn"
    assert "works at target company Siemens" in first["reasons"][0]["reason"]
    accepted = web.post(
        "/api/strategy/suggestions", json={"ids": [people["jens"]]}, headers=csrf_headers(web)
    )
    assert accepted.json() == {"moved": 1} and _tier(app, people["jens"]) is Tier.FLAMINGO
    rest = web.post("/api/strategy/suggestions", json={}, headers=csrf_headers(web))
    assert rest.json() == {"moved": 2} and _tier(app, people["lena"]) is Tier.FLAMINGO


def test_the_budget_channels_gaps_and_groups_apis(web: TestClient, app: App) -> None:
    _goal(app)
    _contact(app, "Ute Unicorn", tier=Tier.UNICORN)
    with app.uow(TODAY) as uow:
        load = budget(uow=uow, today=TODAY)
    figures = web.get("/api/budget").json()
    assert figures["meetings_per_week"] == round(load.meetings_per_week, 2)
    assert figures["budget_meetings"] == load.budget_meetings
    assert [t["contacts"] for t in figures["tiers"]] == [1, 0, 0]
    profile = {"present": True, "url": "https://xing.com/a"}
    saved = web.put("/api/channels/Xing", json=profile, headers=csrf_headers(web))
    assert saved.json() == {"network": "xing", **profile}
    channels = {c["network"]: c for c in web.get("/api/channels").json()}
    assert channels["xing"]["present"] and channels["xing"]["verdict"] == "invest"
    assert channels["researchgate"]["verdict"] == "skip"
    bad = web.put("/api/channels/two words", json={}, headers=csrf_headers(web))
    assert bad.status_code == 400 and "one word" in bad.json()["error"]
    gaps = web.get("/api/gaps").json()
    assert gaps["met_not_connected"]["total"] == 0 and gaps["connected_never_met"]["total"] == 0
    groups = web.get("/api/groups").json()
    assert groups["groups"] == [] and groups["suggested_kinds"][0] == "association"


def test_the_triage_api_answers_for_a_contact_and_a_stranger(web: TestClient, app: App) -> None:
    _goal(app)
    anna = _contact(app, "Anna Müller", tier=Tier.UNICORN)
    answer = web.post("/api/triage", json={"who": f"#{anna}"}, headers=csrf_headers(web)).json()
    assert (answer["id"], answer["known"], answer["answer"]) == (anna, True, "accept")
    assert set(answer["messages"]) == {"de_sie", "de_du", "en"}
    stranger = web.post("/api/triage", json={"who": "Otto"}, headers=csrf_headers(web)).json()
    assert (stranger["id"], stranger["known"], stranger["answer"]) == (None, False, "decline")
    wrong = web.post("/api/triage", json={"who": "Anna", "kind": "x"}, headers=csrf_headers(web))
    assert wrong.status_code == 400 and "kind" in wrong.json()["error"]
    empty = web.post("/api/triage", json={"who": ""}, headers=csrf_headers(web))
    assert empty.status_code == 422


def test_changing_the_strategy_needs_the_csrf_token(web: TestClient, app: App) -> None:
    _goal(app)
    assert web.put("/api/goal", json={"kind": "research"}).status_code == 403
    assert web.post("/strategy/goal", data=WIZARD).status_code == 403
    assert web.post("/strategy/channels/xing", data={"present": "1"}).status_code == 403
    with app.uow(TODAY) as uow:
        assert current_goal(uow=uow).kind is GoalKind.CAREER
        assert channel_advice(uow=uow).presence == {}


# -- server mode: each account only its own strategy -----------------------------------------


@pytest.fixture
def bob(app: App) -> Iterator[tuple[TestClient, AccountId]]:
    """A server-mode client signed in as Bob (the app's own account is Alice's)."""
    bob_id = create_account(app, "bob")
    web_app = create_app(app, today=lambda: TODAY, multi_user=True)
    web_app.state.web.authenticate = lambda request: bob_id
    with TestClient(web_app) as client:
        yield client, bob_id
    set_language("en")


def test_another_accounts_goal_contacts_and_channels_stay_out_of_reach(
    app: App, bob: tuple[TestClient, AccountId]
) -> None:
    client, bob_id = bob
    _goal(app, target_companies=["Siemens"])  # Alice's
    secret = _contact(app, "Alice Geheim", company="Siemens AG", position="Head of HR")
    assert "No goal yet" in client.get("/api/goal").json()["error"]
    assert "Alice Geheim" not in client.get("/strategy").text
    _goal(app, bob_id)
    headers = csrf_headers(client)
    triage = client.post("/api/triage", json={"who": f"#{secret}"}, headers=headers)
    assert triage.status_code == 404
    moved = client.post("/api/strategy/suggestions", json={"ids": [secret]}, headers=headers)
    assert moved.json() == {"moved": 0}
    picked = _post(client, "/strategy/suggestions", {"pick": [str(secret)]})
    assert picked.status_code == 303
    assert client.put("/api/channels/xing", json={"present": True}, headers=headers).is_success
    assert "Alice Geheim" not in client.get("/strategy").text
    with app.uow(TODAY) as uow:  # Alice's data is as it was
        assert uow.contacts.get(secret).tier is Tier.PENGUIN
        assert channel_advice(uow=uow).presence == {}
        assert current_goal(uow=uow).target_companies == ["Siemens"]


def test_a_stranger_is_sent_to_sign_in(app: App) -> None:
    with TestClient(create_app(app, today=lambda: TODAY, multi_user=True)) as client:
        page = client.get("/strategy", follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"] == "/login"
        assert client.get("/api/goal").status_code == 401
        triage = client.get("/strategy/triage", params={"who": "x"}, follow_redirects=False)
        assert triage.status_code == 303
    set_language("en")
