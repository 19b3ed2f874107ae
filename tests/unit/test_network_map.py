"""The network map: layout (who, where, how big, which colour) and its SVG, PNG and HTML."""

from __future__ import annotations

import itertools
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from importlib import resources

import pytest

from einhorn.domain.ids import ContactId
from einhorn.domain.network_map import LegendEntry, MapColor, MapTexts, NetworkMap
from einhorn.domain.tiers import Tier
from einhorn.domain.ties import Tie, TieKind
from einhorn.insight.graph import Network, Person, build_network
from einhorn.insight.layout import (
    CLUSTER_COLORS,
    R_MAX,
    R_MIN,
    TIER_COLORS,
    Placed,
    place,
    relevance,
)
from einhorn.interchange.network_map import html_document, png_bytes, svg_document

SVG = "{http://www.w3.org/2000/svg}"
TIERS = (Tier.UNICORN, Tier.FLAMINGO, Tier.PENGUIN)


def _person(number: int, tier: Tier = Tier.PENGUIN, name: str = "", company: str = "") -> Person:
    return Person(ContactId(number), name or f"Person {number}", tier, company=company)


def _two_clusters() -> Network:
    """Two cliques of six (1–6 and 7–12); 13 knows three people in each; 14 knows nobody."""
    people = [_person(n, TIERS[n % 3]) for n in range(1, 15)]
    ties = [
        Tie.between(ContactId(a), ContactId(b), TieKind.KNOWS, 2)
        for group in (range(1, 7), range(7, 13))
        for a, b in itertools.combinations(group, 2)
    ]
    ties += [Tie.between(ContactId(13), ContactId(n), TieKind.KNOWS, 3) for n in (1, 2, 3, 7, 8, 9)]
    return build_network(people, ties)


def _texts(language: str = "en") -> MapTexts:
    return MapTexts(
        language=language,
        title="Your network",
        subtitle="14 contacts",
        legend_title="Colour: tier",
        size_note="Size: relevance",
        label_note="Named: unicorns and brokers",
        recorded_tie="recorded",
        inferred_tie="inferred",
        zoom_hint="Scroll to zoom",
        captions={"company": "Company", "knows": "Knows"},
        tiers={t.value: t.value for t in Tier},
    )


def _map(placed: Placed, language: str = "en") -> NetworkMap:
    legend = tuple(LegendEntry(TIER_COLORS[t], t.value) for t in Tier)
    return NetworkMap(
        placed.width, placed.height, placed.nodes, placed.edges, legend, _texts(language)
    )


def test_the_same_network_and_seed_give_the_same_layout() -> None:
    network = _two_clusters()
    first, again = place(network, seed=3), place(network, seed=3)
    assert first == again
    other = place(network, seed=4)
    assert [(n.x, n.y) for n in other.nodes] != [(n.x, n.y) for n in first.nodes]


def test_every_person_is_placed_inside_the_canvas_and_clusters_sit_apart() -> None:
    placed = place(_two_clusters(), width=800, height=600)
    assert sorted(n.id for n in placed.nodes) == list(range(1, 15))
    for node in placed.nodes:
        assert node.radius <= node.x <= 800 - node.radius
        assert node.radius <= node.y <= 600 - node.radius
    at = {n.id: (n.x, n.y) for n in placed.nodes}

    def centre(members: range) -> tuple[float, float]:
        return (
            sum(at[ContactId(m)][0] for m in members) / len(members),
            sum(at[ContactId(m)][1] for m in members) / len(members),
        )

    (ax, ay), (bx, by) = centre(range(1, 7)), centre(range(7, 13))
    spread = max(abs(at[ContactId(m)][0] - ax) for m in range(1, 7))
    assert ((ax - bx) ** 2 + (ay - by) ** 2) ** 0.5 > spread  # two groups, not one blob


def test_a_contact_without_ties_sits_below_the_graph() -> None:
    placed = place(_two_clusters())
    lonely = next(n for n in placed.nodes if n.id == 14)
    assert lonely.ties == 0 and lonely.cluster is None
    assert lonely.y > max(n.y for n in placed.nodes if n.id != 14)


def test_sizes_follow_relevance_tier_first_then_goal_then_ties() -> None:
    placed = place(_two_clusters(), goal_points={ContactId(12): 40})
    nodes = sorted(placed.nodes, key=lambda n: n.relevance)
    assert [n.radius for n in nodes] == sorted(n.radius for n in nodes)
    assert nodes[0].radius == R_MIN and nodes[-1].radius == R_MAX
    by_id = {n.id: n for n in placed.nodes}
    # 6 (unicorn), 4 (flamingo) and 5 (penguin) have five ties each: the tier decides
    assert [by_id[ContactId(n)].tier for n in (6, 4, 5)] == list(TIERS)
    assert by_id[ContactId(6)].ties == by_id[ContactId(4)].ties == by_id[ContactId(5)].ties
    assert by_id[ContactId(6)].radius > by_id[ContactId(4)].radius > by_id[ContactId(5)].radius
    # 12 is a unicorn with five ties like 6, and fits the goal
    assert by_id[ContactId(12)].radius > by_id[ContactId(6)].radius
    assert relevance(Tier.PENGUIN, 10) > relevance(Tier.PENGUIN, 1)
    assert relevance(Tier.UNICORN, 0) > relevance(Tier.FLAMINGO, 50)  # ties are capped


def test_only_the_most_relevant_are_shown_when_the_network_is_big() -> None:
    people = [_person(n, Tier.UNICORN if n % 10 == 0 else Tier.PENGUIN) for n in range(1, 51)]
    placed = place(build_network(people, []), limit=10)
    assert (len(placed.nodes), placed.total) == (10, 50)
    assert {n.id for n in placed.nodes} >= {10, 20, 30, 40, 50}  # every unicorn


def test_the_bridge_between_two_clusters_is_a_named_broker() -> None:
    placed = place(_two_clusters(), color=MapColor.CLUSTER)
    by_id = {n.id: n for n in placed.nodes}
    assert placed.clusters == 2
    assert by_id[ContactId(13)].broker and by_id[ContactId(13)].labelled
    assert not by_id[ContactId(5)].broker  # ties in one cluster only
    clustered = {n.cluster for n in placed.nodes if n.cluster is not None}
    assert {n.color for n in placed.nodes if n.cluster is not None} == {
        CLUSTER_COLORS[c] for c in clustered
    }


def test_colour_by_tier_and_unicorns_are_labelled() -> None:
    placed = place(_two_clusters())
    for node in placed.nodes:
        assert node.color == TIER_COLORS[node.tier]
        if node.tier is Tier.UNICORN:
            assert node.labelled


def _labels(root: ET.Element) -> dict[str, str]:
    return {
        t.get("data-id", ""): "".join(t.itertext())
        for t in root.iter(f"{SVG}text")
        if t.get("data-id")
    }


def test_the_svg_is_well_formed_with_a_node_per_person_and_names_for_unicorns() -> None:
    placed = place(_two_clusters())
    root = ET.fromstring(svg_document(_map(placed)).encode("utf-8"))
    circles = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "node"]
    assert sorted(int(c.get("data-id", "0")) for c in circles) == list(range(1, 15))
    assert len(list(root.iter(f"{SVG}line"))) >= len(placed.edges)
    labels = _labels(root)
    for node in placed.nodes:
        if node.tier is Tier.UNICORN:
            assert labels[str(node.id)] == node.name
        elif not node.labelled:
            assert str(node.id) not in labels
    legend = "".join(root.itertext())
    assert "Colour: tier" in legend and "unicorn" in legend


def test_names_with_markup_characters_are_escaped_everywhere() -> None:
    name = """<Ann> & "Co" 'x' \x01"""
    network = build_network([_person(1, Tier.UNICORN, name, company="A&B <GmbH>")], [])
    network_map = _map(place(network))
    root = ET.fromstring(svg_document(network_map).encode("utf-8"))
    assert _labels(root)["1"] == """<Ann> & "Co" 'x' """  # the control character is dropped
    page = html_document(network_map)
    assert "<Ann>" not in page and "<GmbH>" not in page
    data = re.search(
        r'<script type="application/json" id="einhorn-map-data">(.*?)</script>', page, re.S
    )
    assert data is not None
    [person] = json.loads(data.group(1))["people"]
    assert (person["name"], person["company"]) == (name, "A&B <GmbH>")


def test_the_html_inlines_d3_and_fetches_nothing_from_the_network() -> None:
    page = html_document(_map(place(_two_clusters()), language="de"))
    d3 = resources.files("einhorn.interchange").joinpath("assets", "d3.min.js").read_text("utf-8")
    assert d3 in page and "d3.zoom()" in page
    assert '<html lang="de">' in page
    tags = re.findall(r"<(?:script|link|img|iframe|object|embed|source)\b[^>]*>", page)
    assert tags and all(not re.search(r"\b(?:src|href)\s*=", tag) for tag in tags)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page)
    assert not re.search(r"url\(\s*[\"']?(?:https?:)?//", page)
    assert "@import" not in page


def test_the_vendored_library_ships_with_its_licence() -> None:
    assets = resources.files("einhorn.interchange").joinpath("assets")
    assert "ISC" in assets.joinpath("d3.LICENSE").read_text("utf-8") or "Permission" in (
        assets.joinpath("d3.LICENSE").read_text("utf-8")
    )
    assert assets.joinpath("d3.min.js").read_text("utf-8").startswith("// https://d3js.org v7")


def test_the_png_is_a_picture_of_the_map() -> None:
    data = png_bytes(_map(place(_two_clusters())))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width > 1000 and height > 700


@pytest.mark.parametrize("color", list(MapColor))
def test_an_empty_tie_list_still_makes_a_map(color: MapColor) -> None:
    network = build_network([_person(1, Tier.FLAMINGO), _person(2)], [])
    placed = place(network, color=color)
    assert len(placed.nodes) == 2 and placed.edges == () and placed.clusters == 0
    ET.fromstring(svg_document(_map(placed)).encode("utf-8"))


def test_many_contacts_without_ties_make_the_canvas_taller_not_the_names_overlap() -> None:
    people = [_person(n, Tier.UNICORN, name=f"Unicorn Number {n}") for n in range(1, 121)]
    people += [_person(n) for n in range(121, 131)]
    ties = [Tie.between(ContactId(n), ContactId(n + 1)) for n in range(121, 130)]
    placed = place(build_network(people, ties), width=800, height=600)
    assert placed.height > 600
    for node in placed.nodes:
        assert 0 < node.x < placed.width and 0 < node.y < placed.height
    named = [n for n in placed.nodes if n.labelled]
    assert 0 < len(named) <= 60  # MAX_LABELS: the most relevant unicorns only
    root = ET.fromstring(svg_document(_map(placed)).encode("utf-8"))
    assert len(_labels(root)) == len(named)


def test_two_names_at_the_same_spot_are_set_apart() -> None:
    from einhorn.domain.network_map import label_width
    from einhorn.interchange.network_map import _box, _label_places, _overlap

    people = [_person(1, Tier.UNICORN, "Anna Alpha"), _person(2, Tier.UNICORN, "Anna Beta")]
    placed = place(build_network(people, [Tie.between(ContactId(1), ContactId(2))]))
    network_map = _map(placed)
    together = tuple(replace(n, x=400.0, y=300.0) for n in network_map.nodes)
    places = _label_places(replace(network_map, nodes=together))
    (first, one), (second, other) = places
    assert not _overlap(_box(one, label_width(first.name)), _box(other, label_width(second.name)))
