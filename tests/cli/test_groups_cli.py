"""``einhorn groups`` and ``einhorn events`` end to end, on every backend."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

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


def test_review_fixes_future_events_duplicates_and_erasure(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Zora Geheim", "--tier", "unicorn")
    cli.json("contacts", "add", "Dr. Max Weber", "--address", "du")
    cli.json("goal", "set", "--kind", "founder")
    future = cli("events", "add", "Fest", "--date", "2099-01-01", "--met", "Zora")
    assert future.code == 1 and "in the future" in future.err
    assert cli("events", "add", "Fest", "--date", "2099-01-01").code == 0  # planned, nobody met
    cli.json("groups", "add", "Stammtisch", "--kind", "stammtisch")
    again = cli("groups", "add", "stammtisch", "--kind", "club")
    assert again.code == 1 and "exists already" in again.err
    cli.json("events", "add", "Fest am Rhein")
    assert cli.json("events", "show", "Fest")["name"] == "Fest"  # type: ignore[index]
    triage = cli.json("triage", "Weber")
    assert isinstance(triage, dict) and triage["messages"]["de_du"].startswith("Hallo Max,")
    # a review whose report cannot be written is not kept
    (tmp_path / "a-file").write_text("x")
    failed = cli("review", "--out", str(tmp_path / "a-file" / "r.md"))
    assert failed.code == 1
    first = cli.json("review")
    assert isinstance(first, dict) and first["tier_counts_before"] is None
    cli.json("tier", "Zora", "flamingo")
    moved = cli.json("review")
    assert isinstance(moved, dict) and [m["display_name"] for m in moved["moves"]] == [
        "Zora Geheim"
    ]
    assert cli("contacts", "remove", "Zora", "--yes").code == 0
    out = tmp_path / "all.json"
    assert cli("export", "json", str(out)).code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert "Zora" not in json.dumps(document, ensure_ascii=False)
    assert [g["name"] for g in document["groups"]] == ["Stammtisch"]
    assert [g["kind"] for g in document["goals"]] == ["founder"]
    assert sorted(e["name"] for e in document["events"]) == ["Fest", "Fest am Rhein"]
