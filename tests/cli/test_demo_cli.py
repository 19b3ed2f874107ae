"""``einhorn demo`` end to end."""

from __future__ import annotations

from tests.conftest import Cli


def test_demo_fills_an_empty_database_and_if_empty_leaves_a_full_one_alone(cli: Cli) -> None:
    first = cli.json("demo", "--contacts", "40", "--seed", "3")
    assert isinstance(first, dict)
    assert first["contacts"] == 40 and first["skipped"] is False
    again = cli.json("demo", "--contacts", "40", "--if-empty")
    assert again == {"contacts": 0, "interactions": 0, "seed": 42, "skipped": True, "existing": 40}
    listed = cli.json("contacts", "list", "--limit", "1")
    assert isinstance(listed, dict) and listed["total"] == 40


def test_demo_into_a_database_with_contacts_is_refused_in_one_line(cli: Cli) -> None:
    cli.json("contacts", "add", "Anna Müller")
    result = cli("demo", "--contacts", "10")
    assert result.code == 1
    assert "already holds 1 contacts" in result.err and result.err.count("\n") == 1
    german = cli("demo", "--contacts", "10", lang="de")
    assert german.code == 1 and "Fehler" in german.err


def test_demo_then_dashboard_shows_a_populated_network(cli: Cli) -> None:
    assert cli("demo", "--contacts", "60").code == 0
    board = cli.json("dashboard")
    assert isinstance(board, dict)
    assert board["contacts"] == 60 and board["interactions"] > 60
    assert board["due_total"] >= len(board["due"]) > 0
