"""``einhorn structure`` and the review's structure section, end to end through the real CLI
and store."""

from __future__ import annotations

import itertools
from pathlib import Path

from tests.conftest import Cli


def _add(cli: Cli, name: str, *options: str) -> str:
    added = cli.json("contacts", "add", name, *options)
    assert isinstance(added, dict)
    return str(added["id"])


def _two_worlds(cli: Cli) -> dict[str, str]:
    """Engineers and doctors, each knowing each other; Xaver the only bridge. I know an
    engineer well (a unicorn met today); the doctors only loosely (penguins)."""
    ids = {
        "Una Ingenieur": _add(
            cli,
            "Una Ingenieur",
            "--tier",
            "unicorn",
            "--company",
            "Siemens AG",
            "--sector",
            "Industrie",
        )
    }
    for name in ("Ingo Zwei", "Ina Drei", "Igor Vier"):
        ids[name] = _add(cli, name, "--company", "Siemens", "--sector", "Industrie")
    for name in ("Paula Eins", "Paul Zwei", "Petra Drei", "Pia Vier"):
        ids[name] = _add(cli, name, "--company", "Charité", "--sector", "Gesundheit")
    ids["Xaver Brücke"] = _add(cli, "Xaver Brücke", "--sector", "Beratung")
    _add(cli, "Wanda Wunsch", "--wish")
    cli.json("log", "coffee", ids["Una Ingenieur"])
    engineers = ["Una Ingenieur", "Ingo Zwei", "Ina Drei", "Igor Vier"]
    doctors = ["Paula Eins", "Paul Zwei", "Petra Drei", "Pia Vier"]
    for group in (engineers, doctors):
        for one, other in itertools.combinations(group, 2):
            cli.json("ties", "add", ids[one], ids[other], "--strength", "3")
    for name in ("Una Ingenieur", "Ingo Zwei", "Paula Eins", "Paul Zwei"):
        cli.json("ties", "add", ids["Xaver Brücke"], ids[name], "--kind", "introduced")
    return ids


def test_structure_json_names_the_broker_my_measures_and_the_weak_ties(cli_any: Cli) -> None:
    _two_worlds(cli_any)
    found = cli_any.json("structure")
    assert isinstance(found, dict)
    assert (found["contacts"], found["strong_ties"]) == (9, 1)  # the wish list is not mine
    assert found["clusters"]["total"] == 2
    labels = {c["label"] for c in found["clusters"]["items"]}
    assert labels >= {"Siemens AG · Industrie", "Charité · Gesundheit"}
    top = found["brokers"]["items"][0]
    assert (top["display_name"], top["clusters_reached"]) == ("Xaver Brücke", 2)
    assert found["brokers"]["betweenness_sources"] is None  # small: exact
    me = found["me"]
    assert me["degree"] == 9 and 0 < me["effective_size"] < 9
    assert 0 < me["constraint"] < 1 and me["reading"]
    weak = found["weak_ties_outside"]
    assert weak["total"] >= 4
    assert {"Paula Eins", "Paul Zwei", "Petra Drei", "Pia Vier"} <= {
        p["display_name"] for p in weak["items"]
    }
    assert all(not p["strong"] for p in weak["items"])
    ei = found["ei_index"]
    assert ei["by"] == "sector" and ei["value"] < ei["expected"]
    positions = found["positions"]["items"]
    assert positions[0]["display_name"] == "Xaver Brücke"  # the least constrained
    assert all(p["constraint"] is not None for p in positions)


def test_structure_limit_and_readable_output(cli: Cli) -> None:
    _two_worlds(cli)
    limited = cli.json("structure", "--limit", "1")
    assert isinstance(limited, dict)
    assert len(limited["brokers"]["items"]) == 1 and limited["brokers"]["total"] > 1
    assert len(limited["positions"]["items"]) == 1 and limited["positions"]["total"] == 9
    shown = cli("structure")
    assert shown.code == 0, shown.err
    for text in ("Clusters (2)", "Brokers", "Xaver Brücke", "Effective size", "E-I index"):
        assert text in shown.out
    german = cli("structure", lang="de")
    assert german.code == 0 and "Xaver Brücke" in german.out


def test_structure_without_contacts_or_ties_says_so_in_one_line(cli: Cli) -> None:
    empty = cli("structure")
    assert empty.code == 1
    assert "No contacts yet" in empty.err and "Traceback" not in empty.err
    assert len(empty.err.strip().splitlines()) == 1
    _add(cli, "Solo Kontakt")
    alone = cli.json("structure")
    assert isinstance(alone, dict)
    assert alone["clusters"]["total"] == 0 and alone["brokers"]["total"] == 0
    assert alone["me"]["degree"] == 1 and alone["ei_index"]["value"] is None
    assert "No clusters yet" in cli("structure").out
    bad = cli("structure", "--limit", "0")
    assert bad.code == 1 and "--limit" in bad.err and len(bad.err.strip().splitlines()) == 1


def test_the_review_shows_the_structure_but_keeps_no_names(cli: Cli, tmp_path: Path) -> None:
    _two_worlds(cli)
    cli.json("goal", "set", "--kind", "career")
    review = cli.json("review")
    assert isinstance(review, dict)
    shape = review["structure"]
    assert (shape["contacts"], shape["clusters"]) == (9, 2)
    assert shape["weak_ties_outside"] >= 4 and shape["ei_index"] < shape["ei_expected"]
    assert "Xaver" not in str(review)  # names stay out of what the store keeps
    assert any("weak ties outside your clusters" in s for s in review["suggestions"])
    report = tmp_path / "review.md"
    assert cli("review", "--out", str(report)).code == 0
    text = report.read_text(encoding="utf-8")
    assert "## Structure of your network" in text
    assert "Brokers between your clusters: Xaver Brücke" in text
    html = tmp_path / "review.html"
    assert cli("review", "--out", str(html)).code == 0
    assert "Xaver Brücke" in html.read_text(encoding="utf-8")


def test_the_review_without_contacts_still_works(cli: Cli) -> None:
    cli.json("goal", "set", "--kind", "career")
    review = cli.json("review")
    assert isinstance(review, dict) and review["structure"] is None
    assert "no contacts yet" in cli("review").out
