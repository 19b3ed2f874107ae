"""``einhorn plan`` and ``einhorn travel`` end to end, through the real CLI and store."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import TODAY, Cli


def _network(cli: Cli) -> None:
    """Two unicorns (one far away), flamingos, penguins in and outside the main sector."""
    cli.json("goal", "set", "--kind", "career", "--city", "Köln")
    cli.json(
        "contacts", "add", "Una Einhorn", "--tier", "unicorn", "--sector", "IT", "--city", "Köln"
    )
    cli.json(
        "contacts", "add", "Hanna Fern", "--tier", "unicorn", "--sector", "IT", "--city", "Hamburg"
    )
    for i in range(6):
        cli.json("contacts", "add", f"Flo Mingo{i}", "--tier", "flamingo", "--sector", "IT")
    for i in range(6):
        cli.json(
            "contacts", "add", f"Pia Pinguin{i}", "--sector", "IT", "--position", "Entwicklerin"
        )
    cli.json("contacts", "add", "Maxi Maschine", "--sector", "Maschinenbau")
    cli.json("contacts", "add", "Gabi Gesund", "--sector", "Gesundheit")
    cli.json("contacts", "add", "Sena Chefin", "--sector", "IT", "--position", "Geschäftsführerin")
    cli.json("contacts", "add", "Wanda Wunsch", "--company", "Siemens", "--wish")
    cli.json("contacts", "add", "Ida Intro", "--company", "Siemens AG", "--sector", "IT")


def _plan(cli: Cli, *args: str) -> dict[str, Any]:
    data = cli.json("plan", "lunches", *args)
    assert isinstance(data, dict)
    return data


def test_a_plan_explains_each_lunch_and_repeats_nobody_within_the_window(cli: Cli) -> None:
    _network(cli)
    data = _plan(cli, "--weeks", "6")
    lunches = data["lunches"]
    assert len(lunches) == 12  # two a week, Tuesday and Thursday
    assert {dt.date.fromisoformat(x["day"]).weekday() for x in lunches} == {1, 3}
    people = [x["name"] for x in lunches if x["name"]]
    assert "Wanda Wunsch" not in people  # the wish list is met through an introducer
    by_person: dict[str, list[dt.date]] = {}
    for lunch in lunches:
        if lunch["name"]:
            by_person.setdefault(lunch["name"], []).append(dt.date.fromisoformat(lunch["day"]))
    for days in by_person.values():
        assert all((b - a).days >= 35 for a, b in itertools.pairwise(days))
    first = next(x for x in lunches if x["name"] == "Una Einhorn")
    assert first["why"].startswith("unicorn · not met yet")
    maxi = next(x for x in lunches if x["name"] == "Maxi Maschine")
    assert "outside your bubble: Maschinenbau" in maxi["why"]
    ida = next(x for x in lunches if x["name"] == "Ida Intro")
    assert "can introduce you to Wanda Wunsch" in ida["why"]
    [far] = data["shortfalls"]
    assert (far["name"], far["cause"]) == ("Hanna Fern", "elsewhere")
    solver = data["solver"]
    assert solver["optimal"] and solver["gap"] == 0
    assert solver["outside_bubble_lunches"] >= solver["outside_bubble_slots"] == 3


def test_accepted_and_skipped_days_stay_when_planning_again(cli: Cli) -> None:
    _network(cli)
    lunches = _plan(cli, "--weeks", "4")["lunches"]
    kept, skipped = lunches[2], lunches[3]
    assert cli("plan", "accept", str(kept["id"])).code == 0
    assert cli("plan", "skip", skipped["day"]).code == 0
    again = _plan(cli, "--weeks", "4", "--seed", "9")["lunches"]
    by_day = {x["day"]: x for x in again}
    assert (by_day[kept["day"]]["name"], by_day[kept["day"]]["status"]) == (
        kept["name"],
        "accepted",
    )
    assert (by_day[skipped["day"]]["name"], by_day[skipped["day"]]["status"]) == (None, "skipped")
    shown = cli.json("plan", "show")
    assert isinstance(shown, dict) and len(shown["lunches"]) == 8


def test_swap_finds_someone_else_or_takes_the_one_named(cli: Cli) -> None:
    _network(cli)
    lunches = _plan(cli, "--weeks", "4")["lunches"]
    target = lunches[1]
    swapped = cli.json("plan", "swap", str(target["id"]))
    assert isinstance(swapped, dict)
    assert swapped["name"] and swapped["name"] != target["name"]
    others = {x["name"] for x in lunches if x["id"] != target["id"]}
    assert swapped["name"] not in others  # everyone else keeps their lunch; nobody twice
    planned_elsewhere = next(x for x in lunches if x["id"] != target["id"] and x["name"])
    refused = cli(
        "plan", "swap", str(target["id"]), "--with", f"#{planned_elsewhere['contact_id']}"
    )
    assert refused.code == 1 and "nobody twice within 8 weeks" in refused.err
    cli.json("contacts", "add", "Nora Neu")
    chosen = cli.json("plan", "swap", str(target["id"]), "--with", "Nora")
    assert isinstance(chosen, dict)
    assert (chosen["name"], chosen["status"], chosen["why"]) == (
        "Nora Neu",
        "accepted",
        "your choice",
    )
    skipped = lunches[2]
    assert cli("plan", "skip", str(skipped["id"])).code == 0
    again = cli("plan", "swap", str(skipped["id"]))
    assert again.code == 1 and "is skipped" in again.err


def test_a_held_lunch_is_logged_as_an_interaction(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    _network(cli)
    first = _plan(cli, "--weeks", "2")["lunches"][0]
    refused = cli("plan", "done", str(first["id"]))
    assert refused.code == 1 and "in the future" in refused.err
    later = dt.date.fromisoformat(first["day"]) + dt.timedelta(days=1)
    monkeypatch.setenv("EINHORN_TODAY", later.isoformat())
    held = cli.json("plan", "done", str(first["id"]))
    assert isinstance(held, dict) and held["status"] == "held"
    shown = cli.json("contacts", "show", f"#{first['contact_id']}")
    assert isinstance(shown, dict)
    assert shown["last_interaction_on"] == first["day"]
    again = cli("plan", "done", str(first["id"]))
    assert again.code == 1 and "held already" in again.err


def test_on_a_trip_the_lunches_go_to_contacts_in_that_city(cli: Cli) -> None:
    _network(cli)
    monday = TODAY + dt.timedelta(days=(7 - TODAY.weekday()) % 7 or 7)
    trip = cli.json(
        "travel",
        "add",
        "Hamburg",
        "--from",
        monday.isoformat(),
        "--to",
        (monday + dt.timedelta(days=4)).isoformat(),
    )
    assert isinstance(trip, dict) and trip["city"] == "Hamburg"
    data = _plan(cli, "--weeks", "3")
    in_hamburg = [x for x in data["lunches"] if x["city"] == "Hamburg"]
    assert len(in_hamburg) == 2
    assert in_hamburg[0]["name"] == "Hanna Fern"  # the far unicorn, now within reach
    assert "you are in Hamburg" in in_hamburg[0]["why"]
    assert in_hamburg[1]["name"] is None  # nobody else there; the day says so
    assert "nobody you know in Hamburg" in in_hamburg[1]["why"]
    assert "Hanna Fern" not in {miss["name"] for miss in data["shortfalls"]}
    assert cli.json("travel", "list") == [trip]
    assert cli("travel", "remove", str(trip["id"])).code == 0
    assert cli.json("travel", "list") == []


def test_the_plan_exports_to_a_calendar(cli: Cli, tmp_path: Path) -> None:
    from icalendar import Calendar

    _network(cli)
    out = tmp_path / "lunches.ics"
    result = cli("plan", "lunches", "--weeks", "2", "--ics", str(out))
    assert result.code == 0, result.err
    events = [c for c in Calendar.from_ical(out.read_bytes()).walk("VEVENT")]
    shown = cli.json("plan", "show")
    assert isinstance(shown, dict)
    named = [x for x in shown["lunches"] if x["name"]]
    assert len(events) == len(named) == 4
    first = min(events, key=lambda e: e.decoded("dtstart"))
    assert str(first["summary"]) == f"Lunch with {named[0]['name']}"
    assert first.decoded("dtstart").hour == 12
    assert str(first["description"]) == named[0]["why"]


def test_the_plan_reads_in_german(cli: Cli) -> None:
    _network(cli)
    _plan(cli, "--weeks", "1")
    shown = cli("plan", "show", lang="de")
    assert shown.code == 0
    assert "Einhorn · noch nie getroffen" in " ".join(shown.out.split())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--days", "someday"), "use weekdays like mon,tue or mo,di"),
        (("--days", "mon", "--per-week", "2"), "give as many --days as lunches per week"),
        (("--per-week", "9"), "between 1 and 5 lunches a week"),
        (("--weeks", "0"), "between 1 and 16 weeks"),
        (("--weeks", "17"), "between 1 and 16 weeks"),
        (("--per-week", "0"), "between 1 and 5 lunches a week"),
        (("--seed", "4294967296"), "between 0 and 2147483647"),
        (("--share", "120"), "between 0 and 100 %"),
        (("--window", "soon"), "write it like"),
        (("--start", "2020-01-01"), "in the past"),
    ],
)
def test_bad_plan_options_get_one_line_and_change_nothing(
    cli: Cli, args: tuple[str, ...], message: str
) -> None:
    cli.json("contacts", "add", "Una Einhorn", "--tier", "unicorn")
    result = cli("plan", "lunches", *args)
    assert result.code == 1
    assert message in result.err and len(result.err.strip().splitlines()) == 1
    shown = cli.json("plan", "show")
    assert shown == {"lunches": [], "shortfalls": []}


def test_bad_slot_and_trip_references(cli: Cli) -> None:
    assert "no lunch is planned that day" in cli("plan", "skip", "2026-12-01").err
    assert cli("plan", "accept", "99").code == 1
    bad_trip = cli("travel", "add", "Hamburg", "--from", "2026-12-09", "--to", "2026-12-07")
    assert bad_trip.code == 1 and "before the first day" in bad_trip.err
    assert cli("travel", "remove", "5").code == 1


def test_the_plan_is_in_the_export_and_an_erased_person_leaves_it(cli: Cli, tmp_path: Path) -> None:
    _network(cli)
    lunches = _plan(cli, "--weeks", "2")["lunches"]
    cli.json("travel", "add", "Hamburg", "--from", "2027-03-01", "--to", "2027-03-02")
    out = tmp_path / "all.json"
    assert cli("export", "json", str(out)).code == 0
    exported = json.loads(out.read_text(encoding="utf-8"))
    assert [s["contact_id"] for s in exported["lunch_plan"]] == [x["contact_id"] for x in lunches]
    assert exported["trips"][0]["city"] == "Hamburg"
    gone = lunches[0]
    assert cli("contacts", "remove", f"#{gone['contact_id']}", "--yes").code == 0
    shown = cli.json("plan", "show")
    assert isinstance(shown, dict)
    assert gone["contact_id"] not in {x["contact_id"] for x in shown["lunches"]}


def test_the_dashboard_shows_the_coming_weeks_lunches(cli: Cli) -> None:
    _network(cli)
    lunches = _plan(cli, "--weeks", "3")["lunches"]
    week = [x for x in lunches if dt.date.fromisoformat(x["day"]) <= TODAY + dt.timedelta(days=6)]
    board = cli.json("dashboard")
    assert isinstance(board, dict)
    assert [(x["day"], x["name"]) for x in board["lunches"]] == [
        (x["day"], x["name"]) for x in week
    ]
    assert len(week) == 2


def test_a_later_plan_respects_the_lunches_before_it(cli: Cli) -> None:
    _network(cli)
    first = _plan(cli, "--weeks", "2")["lunches"]
    assert cli("plan", "accept").code == 0
    start = dt.date.fromisoformat(first[-1]["day"]) + dt.timedelta(days=1)
    later = _plan(cli, "--weeks", "4", "--start", start.isoformat())["lunches"]
    met = {x["contact_id"]: dt.date.fromisoformat(x["day"]) for x in first}
    for lunch in later:
        if lunch["contact_id"] in met and lunch["status"] == "proposed":
            gap = (dt.date.fromisoformat(lunch["day"]) - met[lunch["contact_id"]]).days
            assert gap >= 35  # the shortest window (a unicorn's: its 6-week cadence − 1 week)


def test_an_erased_wish_list_person_leaves_no_name_in_the_plan(cli: Cli, tmp_path: Path) -> None:
    _network(cli)
    lunches = _plan(cli, "--weeks", "8")["lunches"]
    ida = next(x for x in lunches if x["name"] == "Ida Intro")
    assert "can introduce you to Wanda Wunsch" in ida["why"]
    assert cli("contacts", "remove", "Wanda", "--yes").code == 0
    shown = cli.json("plan", "show")
    assert "Wanda" not in json.dumps(shown, ensure_ascii=False)
    database = Path(cli.url.removeprefix("sqlite:///"))
    rows = sqlite3.connect(database).execute("SELECT reasons FROM lunch_slots").fetchall()
    assert rows and not any("Wanda" in row[0] for row in rows)


def test_accept_without_slots_takes_every_lunch_with_a_person(cli: Cli) -> None:
    cli.json("contacts", "add", "Una Einhorn", "--tier", "unicorn")
    lunches = _plan(cli, "--weeks", "2")["lunches"]
    assert [x["name"] for x in lunches].count(None) == 3  # one person, four days
    accepted = cli.json("plan", "accept")
    assert isinstance(accepted, list) and [x["name"] for x in accepted] == ["Una Einhorn"]


def test_the_plan_proposes_whom_a_recorded_tie_links_to_the_wish_list(cli: Cli) -> None:
    _network(cli)
    cli.json("ties", "add", "Gabi Gesund", "Wanda Wunsch", "--strength", "3")
    lunches = _plan(cli, "--weeks", "8")["lunches"]
    gabi = next(x for x in lunches if x["name"] == "Gabi Gesund")
    assert "can introduce you to Wanda Wunsch" in gabi["why"]
    assert not any(
        "Wanda" in x["why"] for x in lunches if x["name"] == "Ida Intro"
    )  # one introducer per wish: the tie beats the shared company
