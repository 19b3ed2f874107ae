"""``einhorn groups`` and ``einhorn events`` end to end, on every backend."""

from __future__ import annotations

import datetime as dt

from tests.conftest import TODAY, Cli


def test_groups_engagement_members_and_suggestions(cli_any: Cli) -> None:
    cli_any.json("goal", "set", "--kind", "founder")
    cli_any.json("contacts", "add", "Mira Eisl")
    added = cli_any.json("groups", "add", "IHK Köln", "--kind", "IHK", "--city", "Köln")
    assert isinstance(added, dict) and (added["kind"], added["engagement"]) == (
        "chamber",
        "interested",
    )
    assert cli_any("groups", "join", "ihk", "--engagement", "Vortrag", "--member", "Mira").code == 0
    listed = cli_any.json("groups", "list")
    assert isinstance(listed, dict)
    [group] = listed["groups"]
    assert (group["engagement"], group["members"]) == ("speaker", 1)
    assert listed["suggested_kinds"] == ["club", "regulars-table"]  # the IHK is there already
    shown = cli_any.json("groups", "show", "1")
    assert isinstance(shown, dict) and shown["member_names"] == ["Mira Eisl"]
    assert cli_any("groups", "add", "X", "--kind", "sauna").code == 1
    assert cli_any("groups", "show", "nothing").code == 1


def test_an_event_records_whom_you_met_and_a_follow_up_on_the_due_list(cli_any: Cli) -> None:
    cli_any.json("contacts", "add", "Mira Eisl", "--tier", "flamingo")
    cli_any.json("groups", "add", "IHK Köln", "--kind", "chamber")
    event = cli_any.json(
        "events",
        "add",
        "Gründerabend",
        "--group",
        "IHK",
        "--met",
        "Mira",
        "--new",
        "Petra Neu",
        "--date",
        (TODAY - dt.timedelta(days=5)).isoformat(),
        "--follow-up-days",
        "7",
    )
    assert isinstance(event, dict)
    assert (event["group_id"], event["met"], event["created"]) == (
        1,
        ["Mira Eisl", "Petra Neu"],
        [2],
    )
    petra = cli_any.json("contacts", "show", "2")
    assert isinstance(petra, dict) and petra["how_met"] == "Gründerabend"
    assert petra["last_interaction_on"] == (TODAY - dt.timedelta(days=5)).isoformat()
    due = cli_any.json("due")
    assert isinstance(due, dict)
    [follow_up] = due["follow_ups"]
    assert follow_up["names"] == ["Mira Eisl", "Petra Neu"] and follow_up["about"] == "Gründerabend"
    cli_any.json("log", "call", "Mira")  # today: settles Mira's follow-up
    again = cli_any.json("due")
    assert isinstance(again, dict) and again["follow_ups"][0]["names"] == ["Petra Neu"]
    listed = cli_any.json("events", "list")
    assert isinstance(listed, list) and listed[0]["met"] == ["Mira Eisl", "Petra Neu"]
    german = cli_any("due", lang="de")
    assert "Nachfassen bis" in german.out


def test_groups_show_in_the_bubble_the_review_and_events_show(cli_any: Cli) -> None:
    cli_any.json("goal", "set", "--kind", "founder")
    for name in ("Anna Eins", "Bernd Zwei", "Carla Drei"):
        cli_any.json("contacts", "add", name)
    cli_any.json("groups", "add", "IHK Köln", "--kind", "chamber", "--engagement", "member")
    cli_any.json("events", "add", "Gründerabend", "--group", "IHK", "--met", "Anna")
    cli_any("groups", "join", "IHK", "--member", "Anna", "--member", "Bernd")
    spread = cli_any.json("bubble")
    assert isinstance(spread, dict)
    group = spread["all"]["group"]
    assert (group["known"], group["classes"], group["top"][0]["value"]) == (2, 1, "IHK Köln")
    review = cli_any.json("review")
    assert isinstance(review, dict) and review["groups"] == {"IHK Köln": "member"}
    shown = cli_any.json("events", "show", "gründer")
    assert isinstance(shown, dict) and (shown["group"], shown["met"]) == ("IHK Köln", ["Anna Eins"])
    assert cli_any("events", "show", "99").code == 1
