"""``einhorn log``, ``unlog``, ``due``, ``cadence`` and ``dashboard`` end to end."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import TODAY, Cli


@pytest.fixture
def cli(cli_any: Cli) -> Cli:
    """Every test here runs on SQLite and, when configured, on PostgreSQL."""
    return cli_any


def _add(cli: Cli, *args: str) -> dict[str, Any]:
    data = cli.json("contacts", "add", *args)
    assert isinstance(data, dict)
    return data


def _due(cli: Cli, *args: str) -> list[dict[str, Any]]:
    data = cli.json("due", *args)
    assert isinstance(data, dict) and data["today"] == TODAY.isoformat()
    due = data["due"]
    assert isinstance(due, list)
    return due


def test_a_new_unicorn_is_due_and_any_logged_interaction_restarts_its_clock(cli: Cli) -> None:
    anna = _add(cli, "Anna Müller", "--tier", "unicorn")
    [entry] = _due(cli)
    assert entry == {
        "contact_id": anna["id"],
        "display_name": "Anna Müller",
        "tier": "unicorn",
        "company": "",
        "city": "",
        "last_interaction_on": None,
        "next_due_on": "2026-11-27",
        "days_overdue": 0,
        "status": "due_soon",
    }
    logged = cli.json("log", "Nachricht", "anna", "--date", "20.11.2026", "--note", "Hallo")
    assert isinstance(logged, dict)
    assert logged["kind"] == "message" and logged["date"] == "2026-11-20"
    assert logged["names"] == ["Anna Müller"]
    assert _due(cli) == []
    assert _due(cli, "--within", "40")[0]["next_due_on"] == "2027-01-01"


def test_unlog_takes_an_interaction_back_and_the_clock_with_it(cli: Cli) -> None:
    _add(cli, "Anna Müller", "--tier", "unicorn")
    cli.json("log", "lunch", "anna", "--date", "2026-09-01")
    late = cli.json("log", "call", "anna", "--date", "2026-11-26")
    assert isinstance(late, dict)
    assert _due(cli) == []
    removed = cli.json("unlog", str(late["id"]))
    assert isinstance(removed, dict) and removed["removed"]["kind"] == "call"
    [entry] = _due(cli)
    assert entry["last_interaction_on"] == "2026-09-01"
    assert entry["next_due_on"] == "2026-10-13"  # 2026-09-01 + 6 weeks
    assert entry["days_overdue"] == 45 and entry["status"] == "overdue"


def test_due_orders_most_urgent_first_and_unicorns_first_on_ties(cli: Cli) -> None:
    _add(cli, "Frieda Flamingo", "--tier", "flamingo")
    _add(cli, "Uwe Unicorn", "--tier", "unicorn")
    _add(cli, "Otto Old", "--tier", "unicorn")
    cli.json("log", "coffee", "otto", "--date", "2026-09-01")
    names = [e["display_name"] for e in _due(cli)]
    assert names == ["Otto Old", "Uwe Unicorn", "Frieda Flamingo"]
    assert [e["display_name"] for e in _due(cli, "--limit", "1")] == ["Otto Old"]


def test_logging_with_several_people_and_a_wish_list_person_clears_the_wish(cli: Cli) -> None:
    _add(cli, "Anna Müller")
    _add(cli, "Sara Wunsch", "--wish")
    logged = cli.json(
        "log",
        "meeting",
        "anna",
        "sara",
        "--city",
        "Köln",
        "--place",
        "IHK",
        "--follow-up",
        "2026-12-15",
    )
    assert isinstance(logged, dict)
    assert logged["names"] == ["Anna Müller", "Sara Wunsch"]
    assert logged["city"] == "Köln" and logged["follow_up_on"] == "2026-12-15"
    sara = cli.json("contacts", "show", "sara")
    assert isinstance(sara, dict) and sara["wish_list"] is False


def test_log_refuses_unknown_kinds_people_and_dates_and_writes_nothing(cli: Cli) -> None:
    _add(cli, "Anna Müller")
    for args, needle in [
        (("log", "picnic", "anna"), "picnic"),
        (("log", "lunch", "nobody"), "nobody"),
        (("log", "lunch", "anna", "--date", "31.02.2026"), "31.02.2026"),
        (("log", "lunch", "anna", "--date", "yesterdayish"), "yesterdayish"),
        (("log", "lunch", "anna", "--follow-up", "2026-01-01"), "follow-up"),
    ]:
        result = cli(*args)
        assert result.code == 1, args
        assert needle in result.err, (args, result.err)
        assert result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err + result.out
    shown = cli.json("contacts", "show", "anna")
    assert isinstance(shown, dict) and shown["interactions"] == []


def test_cadence_set_moves_due_dates_for_the_whole_tier(cli: Cli) -> None:
    _add(cli, "Frieda Flamingo", "--tier", "flamingo")
    cli.json("log", "lunch", "frieda", "--date", "2026-10-01")
    assert _due(cli) == []
    assert cli("cadence", "set", "Flamingo", "30d").code == 0
    assert cli.json("cadence", "show") == {"unicorn": 42, "flamingo": 30, "penguin": None}
    assert [e["next_due_on"] for e in _due(cli)] == ["2026-10-31"]
    assert cli("cadence", "set", "pinguin", "often").code == 1
    assert cli.json("cadence", "show") == {"unicorn": 42, "flamingo": 30, "penguin": None}


def test_a_contacts_own_cadence_wins_over_its_tiers(cli: Cli) -> None:
    _add(cli, "Paul Penguin", "--cadence", "2w")
    cli.json("log", "call", "paul", "--date", "2026-11-01")
    [entry] = _due(cli)
    assert entry["next_due_on"] == "2026-11-15" and entry["status"] == "overdue"


def test_dashboard_counts_tiers_and_shows_who_is_due_and_what_happened(cli: Cli) -> None:
    _add(cli, "Anna Müller", "--tier", "unicorn")
    _add(cli, "Jens Weber", "--tier", "flamingo")
    _add(cli, "Paul Penguin")
    cli.json("log", "lunch", "jens", "--city", "Köln")
    board = cli.json("dashboard")
    assert isinstance(board, dict)
    assert board["goal"] is None
    assert board["tiers"] == {"unicorn": 1, "flamingo": 1, "penguin": 1}
    assert board["contacts"] == 3 and board["interactions"] == 1
    assert board["due_total"] == 1
    assert [e["display_name"] for e in board["due"]] == ["Anna Müller"]
    assert [r["names"] for r in board["recent"]] == [["Jens Weber"]]
    text = cli("dashboard")
    assert text.code == 0
    assert "Anna Müller" in text.out and "Jens Weber" in text.out


def test_due_and_dashboard_read_well_in_german(cli: Cli) -> None:
    _add(cli, "Anna Müller", "--tier", "unicorn")
    cli.json("log", "lunch", "anna", "--date", "2026-09-01")
    result = cli("due", lang="de")
    assert result.code == 0
    assert "Einhorn" in result.out and "überfällig" in result.out
    assert "01.09.2026" in result.out  # dates as Germans write them
    board = cli("dashboard", lang="de")
    assert "Wer ist dran" in board.out
