"""The network page and its JSON: the map (drawn by a static script from JSON, an SVG
without JavaScript), who can introduce me to a target, the structure."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from einhorn.bootstrap import App
from einhorn.domain.ids import ContactId
from einhorn.domain.tiers import Tier
from einhorn.domain.ties import TieKind
from einhorn.i18n import set_language
from einhorn.services.network import add_tie
from einhorn.web.app import create_app
from tests.factories import make_contact
from tests.web import TODAY

NOW = dt.datetime(2026, 11, 27, 9, tzinfo=dt.UTC)
HOSTILE = '<script>alert(1)</script> "Eve" & <b>Co</b>'


@pytest.fixture
def client(app: App) -> Iterator[TestClient]:
    with TestClient(create_app(app, today=lambda: TODAY)) as test_client:
        yield test_client
    set_language("en")


def _network(app: App) -> dict[str, ContactId]:
    """Anna knows Jens, Head of HR at Siemens (on the wish list: not known yet) and works
    with Pia; Eve (a hostile name) and Pia work at Bosch; Udo knows nobody."""
    with app.uow(TODAY) as uow:
        ids = uow.contacts.add_many(
            [
                make_contact(
                    display_name="Anna Müller", tier=Tier.UNICORN, company="Deutsche Bahn"
                ),
                make_contact(
                    display_name="Jens Weber",
                    company="Siemens Healthineers AG",
                    position="Head of HR",
                    wish_list=True,
                ),
                make_contact(display_name=HOSTILE, tier=Tier.FLAMINGO, company="Bosch"),
                make_contact(display_name="Pia Pinguin", company="Bosch", sector="Automobil"),
                make_contact(display_name="Udo Ohnefreund", company=""),
            ]
        )
        uow.commit()
        for one, other, kind, strength in (
            ("Anna Müller", "Jens Weber", TieKind.KNOWS, 3),
            ("Anna Müller", "Pia Pinguin", TieKind.COLLEAGUE, 2),
        ):
            add_tie(uow=uow, one=one, other=other, kind=kind, strength=strength, now=NOW)
    return dict(zip(("anna", "jens", "eve", "pia", "udo"), ids, strict=True))


def test_the_network_page_loads_nothing_from_elsewhere(app: App, client: TestClient) -> None:
    _network(app)
    page = client.get("/network")
    assert page.status_code == 200
    assert "http://" not in page.text and "https://" not in page.text
    sources = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', page.text)
    assert "/network/d3.min.js" in sources and "/static/network.js" in sources
    assert all(source.startswith("/") and not source.startswith("//") for source in sources)
    assert "<script>" not in page.text  # no inline script: the CSP allows none
    assert "script-src 'self'" in page.headers["content-security-policy"]
    d3 = client.get("/network/d3.min.js")
    assert d3.status_code == 200 and d3.headers["content-type"].startswith("text/javascript")
    assert "d3js.org" in d3.text[:200]  # the vendored d3 itself
    assert "ISC" in client.get("/network/d3.LICENSE").text
    assert client.get("/network/passwords.txt").status_code == 404
    script = client.get("/static/network.js")
    assert script.status_code == 200 and "http" not in script.text
    assert "innerHTML" not in script.text  # names go in as text, never as markup
    assert 'data-map="/api/network/map?color=tier"' in page.text


def test_the_page_summarises_the_map_in_words(app: App, client: TestClient) -> None:
    _network(app)
    page = client.get("/network")
    summary = page.text.split('id="map-summary">', 1)[1].split("</div>", 1)[0]
    assert "Your network: 4 contacts" in summary  # the wish list is not drawn
    assert '<noscript><img src="/network/map.svg?color=tier" alt="Your network: 4' in page.text


def test_the_map_json_holds_every_drawn_contact(app: App, client: TestClient) -> None:
    ids = _network(app)
    data = client.get("/api/network/map").json()
    drawn = {person["id"] for person in data["people"]}
    assert drawn == {ids["anna"], ids["eve"], ids["pia"], ids["udo"]}  # not Jens (wish list)
    assert data["shown"] == data["total"] == len(data["people"]) == 4
    svg = client.get("/network/map.svg").text
    assert len(re.findall(r'<circle class="node"', svg)) == len(data["people"])
    recorded = [e for e in data["edges"] if not e["inferred"]]
    assert [(e["a"], e["b"], e["strength"]) for e in recorded] == [(ids["anna"], ids["pia"], 2)]
    assert any(e["inferred"] for e in data["edges"])  # Eve and Pia: the same company
    anna = next(p for p in data["people"] if p["id"] == ids["anna"])
    assert anna["tier"] == "unicorn" and anna["labelled"] and anna["radius"] > 0
    assert [entry["label"] for entry in data["legend"]] == ["unicorn", "flamingo", "penguin"]


def test_the_colour_switch_colours_by_cluster(app: App, client: TestClient) -> None:
    _network(app)
    page = client.get("/network", params={"color": "cluster"})
    assert 'data-map="/api/network/map?color=cluster"' in page.text
    assert '<option value="cluster" selected>' in page.text
    data = client.get("/api/network/map", params={"color": "cluster"}).json()
    assert "Cluster 1" in [entry["label"] for entry in data["legend"]]
    assert "Colour: cluster" in client.get("/network/map.svg?color=cluster").text
    wrong = client.get("/network", params={"color": "rainbow"})
    assert wrong.status_code == 422 and "color" in wrong.text


def test_the_svg_and_the_page_escape_hostile_names(app: App, client: TestClient) -> None:
    ids = _network(app)
    svg = client.get("/network/map.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert "<script>" not in svg.text and "<b>" not in svg.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;Eve&quot; &amp;" in svg.text
    data = client.get("/api/network/map").json()
    assert HOSTILE in [p["name"] for p in data["people"]]  # data stays data
    page = client.get("/network", params={"target": "Bosch", "kind": "company"})
    assert f'href="/contacts/{ids["eve"]}"' in page.text
    assert "<script>alert" not in page.text and "&lt;script&gt;alert(1)" in page.text


def test_a_company_target_names_who_can_introduce_me(app: App, client: TestClient) -> None:
    ids = _network(app)
    page = client.get("/network", params={"target": "Siemens", "kind": "company"})
    assert page.status_code == 200
    result = page.text.split('id="intro-result"', 1)[1].split("</section>", 1)[0]
    assert "Siemens (company): 1 of your contacts." in result
    assert "Anna Müller (unicorn, not met yet) knows Jens Weber, Head of HR at Siemens" in result
    assert f'href="/contacts/{ids["anna"]}"' in result
    assert f'href="/contacts/{ids["jens"]}"' in result
    # Jens is on the wish list: not a way in himself; Pia reaches him through Anna
    ways = result.split("<li>")[1:]
    assert len(ways) == 2 and "Anna Müller (unicorn" in ways[0]
    assert "Pia Pinguin (penguin, not met yet) works with Anna Müller" in ways[1]
    api = client.get("/api/network/intro", params={"target": "Siemens", "kind": "company"})
    assert api.status_code == 200
    path = api.json()["paths"][0]
    assert [p["id"] for p in path["people"]] == [ids["anna"], ids["jens"]]
    assert path["people"][0]["tie_to_next"] == "knows"


def test_a_target_nobody_is_tied_to_explains_itself(app: App, client: TestClient) -> None:
    _network(app)
    with app.uow(TODAY) as uow:
        uow.contacts.add_many([make_contact(display_name="Wanda Wunsch", wish_list=True)])
        uow.commit()
    page = client.get("/network", params={"target": "Wanda Wunsch", "kind": "person"})
    assert page.status_code == 200
    assert "Wanda Wunsch (person): 1 of your contacts." in page.text
    assert "Nobody you know is tied to them yet" in page.text and "<ol" not in page.text
    udo = client.get("/network", params={"target": "Udo Ohnefreund"})
    assert "You know Udo Ohnefreund" in udo.text  # a contact is a way in by themselves


def test_an_unknown_target_gets_a_clear_message(app: App, client: TestClient) -> None:
    _network(app)
    page = client.get("/network", params={"target": "Nirgendwo GmbH"})
    assert page.status_code == 404
    assert "No person, company or sector matches &#39;Nirgendwo GmbH&#39;." in page.text
    assert "Try a part of the name" in page.text
    assert 'value="Nirgendwo GmbH"' in page.text  # the form keeps what was typed
    api = client.get("/api/network/intro", params={"target": "Nirgendwo GmbH"})
    assert api.status_code == 404 and "Nirgendwo" in api.json()["error"]


def test_a_bad_kind_is_refused_in_one_line(app: App, client: TestClient) -> None:
    _network(app)
    page = client.get("/network", params={"target": "Siemens", "kind": "planet"})
    assert page.status_code == 422
    [message] = re.findall(r'<p role="alert">(.*?)</p>', page.text, flags=re.S)
    assert message.startswith("kind:") and "\n" not in message and "company" in message
    api = client.get("/api/network/intro", params={"target": "Siemens", "kind": "planet"})
    assert api.status_code == 422 and api.json()["error"].startswith("kind:")
    assert "\n" not in api.json()["error"]
    assert client.get("/api/network/intro", params={"target": ""}).status_code == 422


def test_the_structure_in_words_and_json(app: App, client: TestClient) -> None:
    _network(app)
    found = client.get("/api/network/structure").json()
    assert found["contacts"] == 4 and found["me"]["degree"] == 4
    assert found["clusters"]["total"] >= 1 and found["me"]["reading"]
    assert found["brokers"]["total"] == len(found["brokers"]["items"])
    page = client.get("/network")
    assert "Structure of your network" in page.text and "Effective size" in page.text
    biggest = found["clusters"]["items"][0]
    assert biggest["label"] in page.text.replace("&amp;", "&")


def test_an_empty_network_says_so_instead_of_a_map(client: TestClient) -> None:
    page = client.get("/network")
    assert page.status_code == 200
    assert "No contacts yet" in page.text and 'id="network-map"' not in page.text
    assert client.get("/api/network/map").json()["error"].startswith("No contacts to draw")
    assert client.get("/network/map.svg").status_code == 409  # Conflict: nothing to draw yet
