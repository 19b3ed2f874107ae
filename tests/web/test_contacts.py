"""The contact pages and their API over the real store: the list (filters, paging, tiers in
one click and in bulk, adding), one contact (timeline, one-line log, ties, introductions,
edit, export, erasure), bad input and hostile names."""

from __future__ import annotations

import datetime as dt
import json
import re
from html import unescape
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from einhorn.bootstrap import App
from einhorn.domain.contacts import Contact, Sphere
from einhorn.domain.groups import Group, GroupKind
from einhorn.domain.ids import ContactId
from einhorn.domain.interactions import InteractionKind
from einhorn.domain.tiers import Tier, TierSource
from einhorn.domain.ties import TieKind
from einhorn.errors import NotFound
from einhorn.services.contacts import create_contact
from einhorn.services.groups import add_group, join_group
from einhorn.services.interactions import log_interaction
from einhorn.services.network import add_tie
from einhorn.services.ports import ContactQuery
from tests.web import TODAY
from tests.web.conftest import csrf_headers

HX = {"HX-Request": "true"}
NOW = dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC)
HOSTILE = "<script>alert(1)</script>"


def _add(app: App, name: str, **values: Any) -> ContactId:
    with app.uow(TODAY) as uow:
        return create_contact(uow=uow, contact=Contact(name, **values), today=TODAY).key


def _get(app: App, contact_id: ContactId) -> Contact:
    with app.uow(TODAY) as uow:
        return uow.contacts.get(contact_id)


def _count(app: App) -> int:
    with app.uow(TODAY) as uow:
        return uow.contacts.count()


def _log(app: App, kind: InteractionKind, days_ago: int, *ids: ContactId, note: str = "") -> None:
    with app.uow(TODAY) as uow:
        log_interaction(
            uow=uow,
            kind=kind,
            refs=[f"#{i}" for i in ids],
            occurred_on=TODAY - dt.timedelta(days=days_ago),
            today=TODAY,
            note=note,
        )


def _tie(app: App, one: ContactId, other: ContactId) -> None:
    with app.uow(TODAY) as uow:
        add_tie(uow=uow, one=f"#{one}", other=f"#{other}", kind=TieKind.KNOWS, strength=3, now=NOW)


def _rows(html: str) -> list[str]:
    """The contact ids of the list's rows, in order."""
    return re.findall(r'<tr id="contact-(\d+)"', html)


def _post(web: TestClient, url: str, data: dict[str, Any], **headers: str) -> httpx.Response:
    return web.post(
        url, data=data, headers={**csrf_headers(web), **headers}, follow_redirects=False
    )


@pytest.fixture
def people(app: App) -> dict[str, ContactId]:
    return {
        "anna": _add(
            app,
            "Anna Müller",
            tier=Tier.UNICORN,
            city="Köln",
            sector="Software",
            company="Siemens AG",
            tags=["golf"],
        ),
        "jens": _add(
            app,
            "Jens Weber",
            tier=Tier.FLAMINGO,
            city="Berlin",
            sector="Software",
            sphere=Sphere.PRIVATE,
        ),
        "pia": _add(app, "Pia Pinguin", city="Köln", sector="Handel", wish_list=True),
    }


# -- the list --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ["anna", "jens", "pia"]),
        ({"tier": "unicorn"}, ["anna"]),
        ({"tier": "Pinguin"}, ["pia"]),  # German names work as in the CLI
        ({"tag": "Golf"}, ["anna"]),
        ({"sphere": "private"}, ["jens"]),
        ({"wish": "yes"}, ["pia"]),
        ({"wish": "no"}, ["anna", "jens"]),
        ({"city": "Köln"}, ["anna", "pia"]),
        ({"sector": "Software"}, ["anna", "jens"]),
        ({"city": "Köln", "sector": "Software"}, ["anna"]),
        ({"q": "siemens", "city": "Köln"}, ["anna"]),
        ({"city": "Hamburg"}, []),
    ],
)
def test_filters_narrow_the_list(
    web: TestClient, people: dict[str, ContactId], query: dict[str, str], expected: list[str]
) -> None:
    rows = web.get("/contacts", params=query, headers=HX)
    assert rows.status_code == 200
    assert _rows(rows.text) == [str(people[name]) for name in expected]
    api = web.get("/api/contacts", params=query).json()
    assert [c["id"] for c in api["contacts"]] == [people[name] for name in expected]
    assert api["total"] == len(expected)


def test_a_filtered_list_is_a_bookmarkable_page(
    web: TestClient, people: dict[str, ContactId]
) -> None:
    page = web.get("/contacts?tier=unicorn&city=K%C3%B6ln&wish=no")
    assert page.status_code == 200 and "<html" in page.text
    assert '<option value="unicorn" selected>' in page.text
    assert '<option value="no" selected>' in page.text
    assert 'name="city" value="Köln"' in page.text
    assert _rows(page.text) == [str(people["anna"])]
    # the filter form reloads the rows with htmx and pushes the URL
    assert 'hx-get="/contacts" hx-target="#rows" hx-push-url="true"' in page.text


def test_a_bad_filter_is_refused_in_one_line(web: TestClient, people: dict[str, ContactId]) -> None:
    tier = web.get("/contacts", params={"tier": "dragon"})
    assert tier.status_code == 400 and "tier: 'dragon' is not valid" in unescape(tier.text)
    wish = web.get("/api/contacts", params={"wish": "maybe"})
    assert wish.status_code == 422 and "wish" in wish.json()["error"]
    assert "Traceback" not in tier.text


def test_the_list_pages_by_fifty(app: App, web: TestClient) -> None:
    with app.uow(TODAY) as uow:
        for n in range(120):
            create_contact(uow=uow, contact=Contact(f"Person {n:03}"), today=TODAY)
    first = web.get("/contacts", params={"q": "person"})
    assert len(_rows(first.text)) == 50 and "50 of 120" in first.text
    assert "Page 1 of 3" in first.text
    assert (
        'href="/contacts?q=person&amp;page=2"' in first.text and "Previous page" not in first.text
    )
    third = web.get("/contacts", params={"q": "person", "page": 3}, headers=HX)
    assert len(_rows(third.text)) == 20 and "<html" not in third.text
    assert 'href="/contacts?q=person&amp;page=2"' in third.text and "Next page" not in third.text
    all_ids = (
        _rows(first.text) + _rows(web.get("/contacts?q=person&page=2").text) + _rows(third.text)
    )
    assert len(set(all_ids)) == 120  # every contact on exactly one page
    assert web.get("/contacts", params={"page": 0}).status_code == 422


def test_a_tier_changes_in_one_click(
    app: App, web: TestClient, people: dict[str, ContactId]
) -> None:
    pia = people["pia"]
    row = _post(web, f"/contacts/{pia}/tier", {"tier": "unicorn"}, **HX)
    assert row.status_code == 200
    html = row.text
    assert html.lstrip().startswith(f'<tr id="contact-{pia}"') and "<html" not in html
    assert 'value="unicorn" class="tier-button unicorn" aria-pressed="true"' in html
    saved = _get(app, pia)
    assert saved.tier is Tier.UNICORN and saved.tier_source is TierSource.USER
    # without htmx: back to the list the form came from
    back = _post(
        web, f"/contacts/{pia}/tier", {"tier": "flamingo", "back": "/contacts?tier=flamingo"}
    )
    assert back.status_code == 303 and back.headers["location"] == "/contacts?tier=flamingo"
    assert _get(app, pia).tier is Tier.FLAMINGO
    # never back to another site
    away = _post(web, f"/contacts/{pia}/tier", {"tier": "penguin", "back": "https://evil.example/"})
    assert away.headers["location"] == f"/contacts/{pia}"


def test_a_bulk_change_moves_every_selected_contact_or_none(
    app: App, web: TestClient, people: dict[str, ContactId]
) -> None:
    chosen = [people["jens"], people["pia"]]
    moved = _post(
        web, "/contacts/tiers", {"tier": "unicorn", "ids": chosen, "back": "/contacts?q=e"}
    )
    assert moved.status_code == 303 and moved.headers["location"] == "/contacts?q=e"
    assert {_get(app, i).tier for i in chosen} == {Tier.UNICORN}
    notice = web.get("/contacts")
    assert "Moved 2 contacts to unicorn." in notice.text
    assert "Moved 2 contacts" not in web.get("/contacts").text  # shown once
    refused = _post(web, "/contacts/tiers", {"tier": "penguin", "ids": [people["anna"], 99999]})
    assert refused.status_code == 404 and "99999" in refused.text
    assert _get(app, people["anna"]).tier is Tier.UNICORN  # all or none
    nothing = _post(web, "/contacts/tiers", {"tier": "penguin"})
    assert nothing.status_code == 400 and "choose at least one contact" in nothing.text


def test_a_contact_is_added_and_bad_input_adds_nothing(app: App, web: TestClient) -> None:
    form = web.get("/contacts/new")
    assert form.status_code == 200 and '<label for="email">' in form.text
    bad = _post(web, "/contacts", {"name": "Eva Klein", "company": "ACME", "email": "eva(at)acme"})
    assert bad.status_code == 422
    assert "email: 'eva(at)acme' is not valid: not an email address" in unescape(bad.text)
    assert 'value="ACME"' in bad.text  # what was typed stays
    nameless = _post(web, "/contacts", {"name": "  ", "company": "ACME"})
    assert nameless.status_code == 422 and "needs a name" in nameless.text
    assert _count(app) == 0
    added = _post(
        web,
        "/contacts",
        {"name": "Eva Klein", "email": "EVA@acme.de", "phone": "+49 221 123", "tier": "flamingo"},
    )
    assert added.status_code == 303
    contact_id = int(added.headers["location"].rsplit("/", 1)[1])
    saved = _get(app, ContactId(contact_id))
    assert saved.emails == ["eva@acme.de"] and saved.tier is Tier.FLAMINGO
    assert f"Added #{contact_id} Eva Klein." in web.get(added.headers["location"]).text


# -- one contact -----------------------------------------------------------------------------


def test_the_contact_page_shows_details_and_the_timeline_newest_first(
    app: App, web: TestClient, people: dict[str, ContactId]
) -> None:
    anna, jens = people["anna"], people["jens"]
    _log(app, InteractionKind.CALL, 30, anna, note="first call")
    _log(app, InteractionKind.LUNCH, 2, anna, jens, note="lunch at the fair")
    page = web.get(f"/contacts/{anna}")
    assert page.status_code == 200
    assert "<h1>Anna Müller" in page.text and "Siemens AG" in page.text
    assert page.text.index("lunch at the fair") < page.text.index("first call")
    assert f'with <a href="/contacts/{jens}">Jens Weber</a>' in page.text
    assert f'hx-get="/contacts/{anna}/ties" hx-trigger="load"' in page.text
    # the forms carry the CSRF token (a form without it would be refused)
    tokens = re.findall(r'name="csrf_token" value="([^"]*)"', page.text)
    assert tokens and all(tokens)


def test_a_lunch_is_logged_in_one_line(
    app: App, web: TestClient, people: dict[str, ContactId]
) -> None:
    pia = people["pia"]
    logged = _post(
        web, f"/contacts/{pia}/interactions", {"line": "lunch yesterday talked about the fair"}
    )
    assert logged.status_code == 303
    with app.uow(TODAY) as uow:
        [lunch] = uow.interactions.list_for_contact(pia)
    assert lunch.kind is InteractionKind.LUNCH and lunch.note == "talked about the fair"
    assert lunch.occurred_on == TODAY - dt.timedelta(days=1)
    assert _get(app, pia).wish_list is False  # met now: no longer only a wish
    page = web.get(f"/contacts/{pia}")
    assert "Logged lunch with Pia Pinguin on" in page.text and "talked about the fair" in page.text
    german = _post(web, f"/contacts/{pia}/interactions", {"line": "Anruf 20.11.2026 Angebot"})
    assert german.status_code == 303
    for line, message in (
        ("dinner yesterday", "kind: 'dinner' is not valid"),
        ("lunch tomorrow", "in the future"),
        ("lunch 31.02.2026", "no such day in the calendar"),
    ):
        bad = _post(web, f"/contacts/{pia}/interactions", {"line": line})
        assert bad.status_code == 422 and message in unescape(bad.text)
        assert f'value="{line}"' in bad.text
    with app.uow(TODAY) as uow:
        assert len(uow.interactions.list_for_contact(pia)) == 2


def test_an_interaction_is_taken_back(
    app: App, web: TestClient, people: dict[str, ContactId]
) -> None:
    anna = people["anna"]
    _log(app, InteractionKind.COFFEE, 3, anna)
    with app.uow(TODAY) as uow:
        [coffee] = uow.interactions.list_for_contact(anna)
    gone = _post(web, f"/contacts/{anna}/interactions/{coffee.id}/delete", {})
    assert gone.status_code == 303
    assert "Removed coffee of" in web.get(f"/contacts/{anna}").text
    with app.uow(TODAY) as uow:
        assert uow.interactions.list_for_contact(anna) == []
    assert _post(web, f"/contacts/{anna}/interactions/{coffee.id}/delete", {}).status_code == 404


def test_ties_and_who_can_introduce_you(
    app: App, web: TestClient, people: dict[str, ContactId]
) -> None:
    anna, jens, pia = people["anna"], people["jens"], people["pia"]
    _tie(app, jens, pia)
    ties = web.get(f"/contacts/{pia}/ties", headers=HX)
    assert ties.status_code == 200 and "<html" not in ties.text
    assert f'<a href="/contacts/{jens}">Jens Weber</a>' in ties.text and "knows" in ties.text
    intros = web.get(f"/contacts/{pia}/introductions", headers=HX)
    assert f'<a href="/contacts/{jens}">Jens Weber</a>' in intros.text
    lonely = web.get(f"/contacts/{anna}/introductions", headers=HX)
    assert "Nobody among your contacts can introduce you yet." in lonely.text
    page = web.get(f"/contacts/{pia}/ties")  # without htmx: a page of its own
    assert "<html" in page.text and "<h1>Ties</h1>" in page.text


def test_a_contact_is_edited(app: App, web: TestClient, people: dict[str, ContactId]) -> None:
    anna = people["anna"]
    form = web.get(f"/contacts/{anna}/edit")
    assert form.status_code == 200 and 'name="company" value="Siemens AG"' in form.text
    assert 'name="tags_before" value="golf"' in form.text
    fields = {
        "display_name": "Dr. Anna Müller",
        "company": "Bosch",
        "city": "Köln",
        "sector": "Software",
        "sphere": "both",
        "emails": "anna@bosch.de\nANNA@private.de",
        "emails_before": "",
        "tags": "segeln, Köln",
        "tags_before": "golf",
        "profiles": "linkedin=https://www.linkedin.com/in/anna",
        "birthday": "3.4.1980",
        "cadence": "4w",
    }
    saved = _post(web, f"/contacts/{anna}/edit", fields)
    assert saved.status_code == 303
    contact = _get(app, anna)
    assert contact.display_name == "Dr. Anna Müller" and contact.company == "Bosch"
    assert contact.emails == ["anna@bosch.de", "anna@private.de"]
    assert contact.tags == ["köln", "segeln"] and contact.sphere is Sphere.BOTH
    assert contact.profiles == {"linkedin": "https://www.linkedin.com/in/anna"}
    assert contact.birthday == dt.date(1980, 4, 3) and contact.cadence_days == 28
    assert f"Updated #{anna} Dr. Anna Müller." in web.get(f"/contacts/{anna}").text
    bad = _post(
        web, f"/contacts/{anna}/edit", {**fields, "company": "Nobody", "birthday": "31.02.1980"}
    )
    assert bad.status_code == 422 and "no such day in the calendar" in bad.text
    assert 'value="Nobody"' in bad.text  # the form keeps what was typed
    assert _get(app, anna).company == "Bosch"


def test_the_export_holds_everything_about_the_person(
    app: App, web: TestClient, people: dict[str, ContactId]
) -> None:
    anna, jens = people["anna"], people["jens"]
    _log(app, InteractionKind.LUNCH, 5, anna, jens, note="Messe")
    _tie(app, anna, jens)
    with app.uow(TODAY) as uow:
        add_group(uow=uow, group=Group("VDI Köln", kind=GroupKind.ASSOCIATION))
        join_group(uow=uow, ref="VDI", engagement=None, member_refs=[f"#{anna}"])
    card = web.get(f"/contacts/{anna}/export.vcf")
    assert card.status_code == 200 and card.headers["content-type"].startswith("text/vcard")
    assert f'filename="{anna}-anna-muller.vcf"' in card.headers["content-disposition"]
    assert "FN:Anna Müller" in card.text and "ORG:Siemens AG" in card.text
    exported = web.get(f"/contacts/{anna}/export.json")
    assert "attachment" in exported.headers["content-disposition"]
    document = json.loads(exported.text)
    assert document["format"] == "einhorn-person"
    assert document["contact"]["display_name"] == "Anna Müller"
    assert [i["note"] for i in document["interactions"]] == ["Messe"]
    assert document["ties"] == [{"other": jens, "kind": "knows", "strength": 3}]
    assert [g["name"] for g in document["groups"]] == ["VDI Köln"]
    assert "Jens Weber" not in exported.text  # others appear by id only
    assert web.get(f"/api/contacts/{anna}/export").json()["contact"]["id"] == anna


def test_erasure_asks_first_then_removes_the_person_and_their_ties(
    app: App, web: TestClient, people: dict[str, ContactId]
) -> None:
    anna, jens, pia = people["anna"], people["jens"], people["pia"]
    _tie(app, anna, jens)
    _log(app, InteractionKind.CALL, 4, anna, note="alone")
    _log(app, InteractionKind.LUNCH, 3, anna, pia, note="together")
    confirm = web.get(f"/contacts/{anna}/erase")
    assert (
        confirm.status_code == 200
        and "Erase Anna Müller and all their data for good?" in confirm.text
    )
    assert _get(app, anna).display_name == "Anna Müller"  # asking changed nothing
    erased = _post(web, f"/contacts/{anna}/erase", {})
    assert erased.status_code == 303 and erased.headers["location"] == "/contacts"
    assert "Anna" not in erased.headers["location"]
    listed = web.get("/contacts")
    assert "Erased Anna Müller: the contact, its details and 1 interactions" in listed.text
    with pytest.raises(NotFound):
        _get(app, anna)
    with app.uow(TODAY) as uow:
        assert uow.ties.of(jens) == []
        [shared] = uow.interactions.list_for_contact(pia)
        assert shared.contact_ids == [pia] and shared.note == "together"
    assert web.get(f"/contacts/{anna}").status_code == 404


def test_an_unknown_contact_is_a_404_page(web: TestClient, people: dict[str, ContactId]) -> None:
    for url in (
        "/contacts/999",
        "/contacts/999/edit",
        "/contacts/999/erase",
        "/contacts/999/ties",
        "/contacts/999/export.vcf",
        "/contacts/99999999999",
    ):
        page = web.get(url)
        assert page.status_code == 404, url
        assert "No contact matches" in page.text and "<html" in page.text
    assert _post(web, "/contacts/999/tier", {"tier": "unicorn"}).status_code == 404
    assert _post(web, "/contacts/999/erase", {}).status_code == 404
    assert _post(web, "/contacts/999/interactions", {"line": "call"}).status_code == 404


def test_hostile_names_are_escaped_everywhere(app: App, web: TestClient) -> None:
    evil = _add(app, HOSTILE, company=f"ACME {HOSTILE}", city='"><img src=x>', tags=["<b>"])
    other = _add(app, "Max Mustermann")
    _tie(app, evil, other)
    _log(app, InteractionKind.LUNCH, 1, evil, other, note=HOSTILE)
    pages = [
        web.get("/contacts").text,
        web.get("/contacts", headers=HX).text,
        web.get(f"/contacts/{evil}").text,
        web.get(f"/contacts/{other}").text,
        web.get(f"/contacts/{evil}/edit").text,
        web.get(f"/contacts/{evil}/erase").text,
        web.get(f"/contacts/{other}/ties", headers=HX).text,
        web.get(f"/contacts/{other}/introductions", headers=HX).text,
        _post(web, f"/contacts/{evil}/tier", {"tier": "unicorn"}, **HX).text,
    ]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[0]


def test_htmx_gets_fragments_and_browsers_get_pages(
    web: TestClient, people: dict[str, ContactId]
) -> None:
    page = web.get("/contacts")
    rows = web.get("/contacts", headers=HX)
    restore = web.get("/contacts", headers={**HX, "HX-History-Restore-Request": "true"})
    assert "<html" in page.text and "<html" in restore.text and "<html" not in rows.text
    assert page.headers["vary"] == rows.headers["vary"] == "HX-Request"
    assert 'id="bulk"' in rows.text and 'form="bulk"' in rows.text


# -- the API ---------------------------------------------------------------------------------


def test_the_api_adds_reads_moves_and_erases_a_contact(app: App, web: TestClient) -> None:
    headers = csrf_headers(web)
    added = web.post(
        "/api/contacts",
        json={"display_name": "Eva Klein", "emails": ["eva@acme.de"], "tier": "flamingo"},
        headers=headers,
    )
    assert added.status_code == 201
    eva = added.json()["id"]
    assert added.json()["tier"] == "flamingo" and added.json()["emails"] == ["eva@acme.de"]
    moved = web.patch(f"/api/contacts/{eva}/tier", json={"tier": "unicorn"}, headers=headers)
    assert (
        moved.json()["previous_tier"] == "flamingo" and moved.json()["contact"]["tier"] == "unicorn"
    )
    logged = web.post(
        f"/api/contacts/{eva}/interactions", json={"line": "call yesterday offer"}, headers=headers
    )
    assert logged.status_code == 201 and logged.json()["kind"] == "call"
    assert logged.json()["names"] == ["Eva Klein"] and logged.json()["note"] == "offer"
    fields = web.post(
        f"/api/contacts/{eva}/interactions",
        json={"kind": "lunch", "date": "2026-11-20", "city": "Köln"},
        headers=headers,
    )
    assert fields.status_code == 201 and fields.json()["date"] == "2026-11-20"
    detail = web.get(f"/api/contacts/{eva}").json()
    assert detail["tier"] == "unicorn" and [i["kind"] for i in detail["interactions"]] == [
        "call",
        "lunch",
    ]
    assert detail["last_interaction_on"] == (TODAY - dt.timedelta(days=1)).isoformat()
    unlogged = web.delete(f"/api/interactions/{fields.json()['id']}", headers=headers)
    assert unlogged.status_code == 200 and unlogged.json()["kind"] == "lunch"
    bulk = web.post(
        "/api/contacts/tiers", json={"contact_ids": [eva], "tier": "penguin"}, headers=headers
    )
    assert bulk.json() == {"changed": 1, "tier": "penguin"}
    erased = web.delete(f"/api/contacts/{eva}", headers=headers)
    assert erased.json() == {"erased": eva, "display_name": "Eva Klein", "interactions_removed": 1}
    assert _count(app) == 0


def test_the_api_refuses_bad_input(app: App, web: TestClient, people: dict[str, ContactId]) -> None:
    headers = csrf_headers(web)
    anna = people["anna"]
    for body in ({}, {"display_name": "X", "tier": "dragon"}, {"display_name": "X", "age": 3}):
        refused = web.post("/api/contacts", json=body, headers=headers)
        assert refused.status_code == 422 and refused.json()["error"], body
    email = web.post(
        "/api/contacts", json={"display_name": "X", "emails": ["nope"]}, headers=headers
    )
    assert email.status_code == 400 and "not an email address" in email.json()["error"]
    assert (
        web.patch(f"/api/contacts/{anna}/tier", json={"tier": "owl"}, headers=headers).status_code
        == 422
    )
    for body in ({}, {"line": "call", "kind": "call"}):
        both = web.post(f"/api/contacts/{anna}/interactions", json=body, headers=headers)
        assert both.status_code == 422, body
    assert web.get("/api/contacts/999").status_code == 404
    assert web.get("/api/contacts/999").json()["error"] == "No contact matches 999."
    assert (
        web.patch("/api/contacts/999/tier", json={"tier": "unicorn"}, headers=headers).status_code
        == 404
    )
    assert web.delete("/api/contacts/999", headers=headers).status_code == 404
    assert web.delete("/api/interactions/99999999999", headers=headers).status_code == 404
    assert web.get("/api/contacts", params={"limit": 0}).status_code == 422
    assert web.delete(f"/api/contacts/{anna}").status_code == 403  # no CSRF token
    assert _count(app) == 3
    with app.uow(TODAY) as uow:
        assert uow.contacts.count(ContactQuery(tier=Tier.UNICORN)) == 1


def test_the_api_pages_with_limit_and_offset(web: TestClient, people: dict[str, ContactId]) -> None:
    first = web.get("/api/contacts", params={"limit": 2}).json()
    rest = web.get("/api/contacts", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == rest["total"] == 3
    assert [c["id"] for c in first["contacts"] + rest["contacts"]] == [
        people["anna"],
        people["jens"],
        people["pia"],
    ]
    schema = web.get("/api/openapi.json").json()
    assert "/api/contacts/{contact_id}/tier" in schema["paths"]
    assert "/contacts/{contact_id}" not in schema["paths"]  # pages are not API
