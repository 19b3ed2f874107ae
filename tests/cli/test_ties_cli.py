"""``einhorn ties`` and ``einhorn intro`` end to end, through the real CLI and store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Cli


def _people(cli: Cli) -> None:
    cli.json("contacts", "add", "Anna Müller", "--tier", "unicorn")
    cli.json("contacts", "add", "Bernd Brücke", "--tier", "flamingo")
    cli.json("contacts", "add", "Jens Weber", "--company", "Siemens AG", "--position", "Head of HR")
    cli.json("contacts", "add", "Wanda Wunsch", "--company", "Siemens", "--wish")
    cli.json("contacts", "add", "Sina Sektor", "--sector", "Automobil")


def test_ties_are_recorded_changed_listed_and_removed(cli_any: Cli) -> None:
    _people(cli_any)
    tie = cli_any.json("ties", "add", "Anna", "Jens", "--kind", "Kollegin", "--strength", "3")
    assert tie == {"a": 1, "b": 3, "kind": "colleague", "strength": 3}
    again = cli_any.json("ties", "add", "Jens", "Anna", "--strength", "1")
    assert again == {"a": 1, "b": 3, "kind": "knows", "strength": 1}  # one tie per pair
    listed = cli_any.json("ties", "list")
    assert isinstance(listed, list) and [(t["a_name"], t["b_name"]) for t in listed] == [
        ("Anna Müller", "Jens Weber")
    ]
    jens = cli_any.json("ties", "list", "Jens")
    assert isinstance(jens, list)
    inferred = [t for t in jens if t["inferred"]]
    assert [(t["kind"], t["b_name"]) for t in inferred] == [("same_company", "Wanda Wunsch")]
    assert cli_any("ties", "remove", "Anna", "Jens").code == 0
    assert cli_any.json("ties", "list") == []
    assert cli_any("ties", "remove", "Anna", "Jens").code == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("Anna", "Anna"), "a tie needs two different people"),
        (("Anna", "Jens", "--strength", "4"), "between 1 (weak) and 3 (strong)"),
        (("Anna", "Jens", "--kind", "rival"), "use knows/kennt"),
        (("Anna", "Niemand"), "Niemand"),
    ],
)
def test_bad_ties_get_one_line(cli: Cli, args: tuple[str, ...], message: str) -> None:
    _people(cli)
    result = cli("ties", "add", *args)
    assert result.code == 1 and message in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert cli.json("ties", "list") == []


def _intro(cli: Cli, *args: str) -> dict[str, Any]:
    data = cli.json("intro", *args)
    assert isinstance(data, dict)
    return data


def test_intro_finds_the_way_to_a_wish_list_person_in_words(cli_any: Cli) -> None:
    _people(cli_any)
    cli_any.json("log", "lunch", "Anna", "--date", "2026-11-01")
    cli_any.json("ties", "add", "Anna", "Jens", "--strength", "3")
    cli_any.json("ties", "add", "Bernd", "Wanda", "--strength", "1")
    data = _intro(cli_any, "Wanda Wunsch")
    assert (data["kind"], data["targets"]) == ("person", 1)
    firsts = [p["people"][0]["name"] for p in data["paths"]]
    assert firsts[0] == "Anna Müller"  # a strong tie and a colleague beat a weak direct tie
    assert "Bernd Brücke" in firsts
    best = data["paths"][0]
    assert [p["name"] for p in best["people"]] == ["Anna Müller", "Jens Weber", "Wanda Wunsch"]
    assert best["sentence"] == (
        "Anna Müller (unicorn, met this month) knows Jens Weber, Head of HR at Siemens AG; "
        "Jens Weber may know (same company) Wanda Wunsch, Siemens"
    )
    assert 0 < best["chance"] < 1


def test_intro_to_a_company_a_sector_and_nothing(cli: Cli) -> None:
    _people(cli)
    company = _intro(cli, "Siemens")
    assert (company["kind"], company["targets"]) == ("company", 2)
    assert company["paths"][0]["people"][0]["name"] == "Jens Weber"  # known directly
    sector = _intro(cli, "automobil")
    assert (sector["kind"], sector["targets"]) == ("sector", 1)
    forced = cli("intro", "Siemens", "--as", "person")
    assert forced.code == 1 and "Siemens" in forced.err  # nobody is named so
    missing = cli("intro", "Atlantis")
    assert missing.code == 1 and "Atlantis" in missing.err
    assert cli("intro", "Siemens", "--limit", "0").code == 1


def test_intro_reads_in_german(cli: Cli) -> None:
    _people(cli)
    cli.json("ties", "add", "Anna", "Jens", "--strength", "3")
    result = cli("intro", "Wanda", lang="de")
    assert result.code == 0
    assert "kennt Jens Weber" in " ".join(result.out.split())


def test_ties_are_exported_and_erasing_a_contact_erases_them(cli: Cli, tmp_path: Path) -> None:
    _people(cli)
    cli.json("ties", "add", "Anna", "Jens")
    out = tmp_path / "all.json"
    assert cli("export", "json", str(out)).code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))["ties"]
    assert exported == [{"a": 1, "b": 3, "kind": "knows", "strength": 2}]
    assert cli("contacts", "remove", "Jens", "--yes").code == 0
    assert cli.json("ties", "list") == []


def _pairs(cli: Cli) -> set[tuple[str, str, int]]:
    listed = cli.json("ties", "list")
    assert isinstance(listed, list)
    return {(t["a_name"], t["b_name"], t["strength"]) for t in listed}


def test_a_merge_keeps_the_absorbed_contacts_ties_and_undo_gives_them_back(cli_any: Cli) -> None:
    for name in ("Anna A", "Anna Zwei", "Bert B", "Dora D"):
        cli_any.json("contacts", "add", name)
    cli_any.json("ties", "add", "Anna A", "Bert B", "--strength", "1")
    cli_any.json("ties", "add", "Anna Zwei", "Bert B", "--strength", "3")
    cli_any.json("ties", "add", "Anna Zwei", "Dora D", "--strength", "2")
    cli_any.json("ties", "add", "Anna A", "Anna Zwei")  # the same person: this tie goes
    before = _pairs(cli_any)
    merged = cli_any.json("merge", "Anna A", "Anna Zwei")
    assert isinstance(merged, dict)
    assert _pairs(cli_any) == {("Anna A", "Bert B", 3), ("Anna A", "Dora D", 2)}
    assert cli_any("import", "undo", str(merged["batch"])).code == 0
    assert _pairs(cli_any) == before
