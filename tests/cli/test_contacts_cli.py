"""``einhorn contacts`` and ``einhorn tier`` end to end through the real entry point."""

from __future__ import annotations

import io
import sys
from typing import Any

import pytest

from tests.conftest import Cli


@pytest.fixture
def cli(cli_any: Cli) -> Cli:
    """Every test here runs on SQLite and, when configured, on PostgreSQL."""
    return cli_any


def _add(cli: Cli, *args: str) -> dict[str, Any]:
    data = cli.json("contacts", "add", *args)
    assert isinstance(data, dict)
    return data


def test_add_then_show_returns_every_given_field(cli: Cli) -> None:
    added = _add(
        cli,
        "Dr. Anna Müller",
        "--given",
        "Anna",
        "--family",
        "Müller",
        "--title",
        "Dr.",
        "--address",
        "Sie",
        "--email",
        "Anna@Example.DE",
        "--email",
        "anna@privat.de",
        "--phone",
        "+49 221 1234567",
        "--company",
        "Siemens AG",
        "--position",
        "Head of HR",
        "--department",
        "HR",
        "--sector",
        "Industrie",
        "--city",
        "Köln",
        "--country",
        "DE",
        "--language",
        "de",
        "--profile",
        "linkedin=https://linkedin.com/in/anna",
        "--birthday",
        "28.02.1980",
        "--how-met",
        "IHK Abend",
        "--sphere",
        "beides",
        "--tag",
        "IHK",
        "--notes",
        "mag Tee",
        "--tier",
        "Einhorn",
        "--cadence",
        "4w",
    )
    shown = cli.json("contacts", "show", str(added["id"]))
    assert isinstance(shown, dict)
    expected = {
        "display_name": "Dr. Anna Müller",
        "given_name": "Anna",
        "family_name": "Müller",
        "title": "Dr.",
        "form_of_address": "sie",
        "emails": ["anna@example.de", "anna@privat.de"],
        "phones": ["+49 221 1234567"],
        "company": "Siemens AG",
        "position": "Head of HR",
        "department": "HR",
        "sector": "Industrie",
        "city": "Köln",
        "country": "DE",
        "languages": ["de"],
        "profiles": {"linkedin": "https://linkedin.com/in/anna"},
        "birthday": "1980-02-28",
        "how_met": "IHK Abend",
        "sphere": "both",
        "tags": ["ihk"],
        "notes": "mag Tee",
        "wish_list": False,
        "tier": "unicorn",
        "tier_source": "user",
        "cadence_days": 28,
        "created_on": "2026-11-27",
        "last_interaction_on": None,
        "status": "due_soon",
        "next_due_on": "2026-11-27",
        "interactions": [],
    }
    assert {key: shown[key] for key in expected} == expected


def test_a_name_can_be_built_from_its_parts(cli: Cli) -> None:
    added = _add(cli, "--given", "Jens", "--family", "Weber", "--title", "Prof. Dr.")
    assert added["display_name"] == "Prof. Dr. Jens Weber"


def test_list_filters_by_tier_tag_sphere_wish_and_text(cli: Cli) -> None:
    _add(cli, "Anna Müller", "--tier", "unicorn", "--tag", "alumni", "--company", "Siemens")
    _add(cli, "Jens Weber", "--tier", "Flamingo", "--sphere", "privat")
    _add(cli, "Sara Wunsch", "--wish", "--company", "SAP")

    def names(*args: str) -> list[str]:
        data = cli.json("contacts", "list", *args)
        assert isinstance(data, dict)
        return [c["display_name"] for c in data["contacts"]]

    assert names() == ["Anna Müller", "Jens Weber", "Sara Wunsch"]
    assert names("--tier", "Einhorn") == ["Anna Müller"]
    assert names("--tag", "alumni") == ["Anna Müller"]
    assert names("--sphere", "private") == ["Jens Weber"]
    assert names("--wish") == ["Sara Wunsch"]
    assert names("--no-wish") == ["Anna Müller", "Jens Weber"]
    assert names("--search", "sap") == ["Sara Wunsch"]
    assert names("--search", "muller") == ["Anna Müller"]
    assert names("--limit", "1", "--offset", "1") == ["Jens Weber"]


def test_the_table_view_shows_names_and_translated_tiers(cli: Cli) -> None:
    _add(cli, "Anna Müller", "--tier", "unicorn")
    english = cli("contacts", "list")
    german = cli("contacts", "list", lang="de")
    assert english.code == german.code == 0
    assert "Anna Müller" in english.out and "unicorn" in english.out
    assert "Einhorn" in german.out and "unicorn" not in german.out


def test_edit_changes_only_what_is_given(cli: Cli) -> None:
    added = _add(
        cli,
        "Anna Müller",
        "--email",
        "a@x.de",
        "--tag",
        "one",
        "--city",
        "Köln",
        "--birthday",
        "2000-01-01",
    )
    edited = cli.json(
        "contacts",
        "edit",
        "anna",
        "--company",
        "Bosch",
        "--email",
        "b@x.de",
        "--remove-email",
        "A@X.DE",
        "--tag",
        "two",
        "--untag",
        "one",
        "--birthday",
        "none",
        "--wish",
        "--cadence",
        "2w",
    )
    assert isinstance(edited, dict)
    assert edited["id"] == added["id"]
    assert edited["company"] == "Bosch"
    assert edited["city"] == "Köln"
    assert edited["emails"] == ["b@x.de"]
    assert edited["tags"] == ["two"]
    assert edited["birthday"] is None
    assert edited["wish_list"] is True
    assert edited["cadence_days"] == 14
    reset = cli.json("contacts", "edit", "anna", "--cadence", "default", "--no-wish")
    assert isinstance(reset, dict)
    assert reset["cadence_days"] is None and reset["wish_list"] is False


def test_edit_without_options_is_an_error(cli: Cli) -> None:
    _add(cli, "Anna Müller")
    result = cli("contacts", "edit", "anna")
    assert result.code == 1
    assert "Nothing to change" in result.err


def test_tier_accepts_german_names_and_marks_the_tier_as_set_by_hand(cli: Cli) -> None:
    added = _add(cli, "Anna Müller")
    assert added["tier"] == "penguin" and added["tier_source"] == "default"
    moved = cli.json("tier", "müller", "Einhorn")
    assert moved == {
        "id": added["id"],
        "display_name": "Anna Müller",
        "tier": "unicorn",
        "previous_tier": "penguin",
    }
    shown = cli.json("contacts", "show", "anna")
    assert isinstance(shown, dict)
    assert shown["tier_source"] == "user"


def test_an_ambiguous_reference_lists_the_candidates_and_changes_nothing(cli: Cli) -> None:
    anna = _add(cli, "Anna Müller")
    hanna = _add(cli, "Hanna Müller")
    result = cli("tier", "Müller", "unicorn")
    assert result.code == 1
    assert result.err.count("\n") == 1  # one line
    assert f"#{anna['id']} Anna Müller" in result.err
    assert f"#{hanna['id']} Hanna Müller" in result.err
    listed = cli.json("contacts", "list", "--tier", "unicorn")
    assert isinstance(listed, dict) and listed["total"] == 0


def test_remove_erases_the_person_and_their_private_history(cli: Cli) -> None:
    anna = _add(cli, "Anna Müller")
    _add(cli, "Jens Weber")
    cli.json("log", "lunch", "anna")
    shared = cli.json("log", "meeting", "anna", "jens")
    report = cli.json("contacts", "remove", "anna", "--yes")
    assert report == {
        "erased": anna["id"],
        "display_name": "Anna Müller",
        "interactions_removed": 1,
    }
    assert cli("contacts", "show", str(anna["id"])).code == 1
    jens = cli.json("contacts", "show", "jens")
    assert isinstance(jens, dict) and isinstance(shared, dict)
    assert [i["id"] for i in jens["interactions"]] == [shared["id"]]
    assert jens["interactions"][0]["contact_ids"] == [jens["id"]]


def test_remove_asks_first_and_a_no_keeps_everything(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _add(cli, "Anna Müller")
    monkeypatch.setattr(sys, "stdin", io.StringIO("n\n"))
    result = cli("contacts", "remove", "anna")
    assert result.code == 130
    assert "nothing was changed" in result.err
    listed = cli.json("contacts", "list")
    assert isinstance(listed, dict) and listed["total"] == 1
