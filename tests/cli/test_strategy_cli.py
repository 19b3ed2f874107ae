"""``einhorn goal``, ``suggest tiers`` and ``budget`` end to end."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli


def _setup(cli: Cli) -> None:
    cli.json(
        "contacts", "add", "Anna Müller", "--company", "Siemens AG", "--position", "Head of HR"
    )
    cli.json("contacts", "add", "Jens Weber", "--company", "Bosch")


def test_goal_set_show_and_history(cli: Cli) -> None:
    goal = cli.json(
        "goal", "set", "--kind", "Karriere", "--company", "Siemens", "--meetings", "1.5"
    )
    assert isinstance(goal, dict)
    assert (goal["kind"], goal["target_companies"], goal["meetings_per_week"]) == (
        "career",
        ["Siemens"],
        1.5,
    )
    changed = cli.json("goal", "set", "--minutes", "120")
    assert isinstance(changed, dict)
    assert (changed["target_companies"], changed["minutes_per_week"]) == (["Siemens"], 120)
    history = cli.json("goal", "history")
    assert isinstance(history, list) and [g["minutes_per_week"] for g in history] == [120, 180]
    shown = cli("goal", "show", lang="de")
    assert "Karriere" in shown.out and "Siemens" in shown.out


def test_a_first_goal_needs_a_kind_and_bad_values_are_one_line(cli: Cli) -> None:
    result = cli("goal", "set", "--meetings", "2")
    assert result.code == 1 and "--kind" in result.err
    bad = cli("goal", "set", "--kind", "reich")
    assert bad.code == 1 and bad.err.count("\n") == 1
    assert cli("goal", "show").err.strip() == "Error: No goal yet: set one with einhorn goal set."


def test_suggest_tiers_explains_and_applies(cli: Cli) -> None:
    _setup(cli)
    cli.json("goal", "set", "--kind", "career", "--company", "Siemens")
    found = cli.json("suggest", "tiers")
    assert isinstance(found, dict) and found["total"] == 1 and found["moved"] == 0
    [anna] = found["suggestions"]
    assert (anna["display_name"], anna["tier"], anna["suggested"]) == (
        "Anna Müller",
        "penguin",
        "unicorn",
    )
    assert [r["reason"] for r in anna["reasons"]] == [
        "works at target company Siemens",
        "senior role: Head of HR",
    ]
    german = cli("suggest", "tiers", lang="de")
    assert "arbeitet beim Zielunternehmen Siemens" in german.out
    applied = cli.json("suggest", "tiers", "--apply")
    assert isinstance(applied, dict) and applied["moved"] == 1
    shown = cli.json("contacts", "show", "1")
    assert isinstance(shown, dict) and (shown["tier"], shown["tier_source"]) == (
        "unicorn",
        "suggestion",
    )
    again = cli.json("suggest", "tiers")
    assert isinstance(again, dict) and again["total"] == 0


def test_budget_reports_the_load_and_fixes(cli: Cli) -> None:
    for number in range(20):
        cli.json("contacts", "add", f"Person {number}", "--tier", "unicorn")
    cli.json("goal", "set", "--kind", "career", "--meetings", "2")
    load = cli.json("budget")
    assert isinstance(load, dict)
    assert (load["meetings_per_week"], load["over_budget"]) == (3.33, True)
    assert load["fixes"][0]["fix"] == "See unicorn every 10 weeks instead of every 6"
    text = cli("budget", lang="de")
    assert "Über dem Budget" in text.out and "10 Wochen" in text.out


def test_the_dashboard_shows_the_goal(cli: Cli) -> None:
    assert cli.json("dashboard")["goal"] is None  # type: ignore[index]
    cli.json("goal", "set", "--kind", "founder", "--company", "IHK Köln")
    board = cli.json("dashboard")
    assert isinstance(board, dict)
    assert board["goal"] == "local visibility as a founder — IHK Köln"
    assert "lokale Sichtbarkeit" in cli("dashboard", lang="de").out


def test_triage_answers_with_a_ready_text(cli: Cli) -> None:
    cli.json("contacts", "add", "Jens Weber", "--company", "ACME", "--address", "du")
    cli.json("goal", "set", "--kind", "career", "--company", "Siemens")
    answer = cli.json("triage", "Jens", "--kind", "lunch")
    assert isinstance(answer, dict)
    assert answer["answer"] == "decline"
    assert answer["reasons"][0] == "tier: penguin"
    assert answer["messages"]["de_du"].startswith("Hallo Jens,")
    text = cli("triage", "Jens", lang="de")
    assert "höflich absagen" in text.out and "Deutsch (du)" in text.out
    assert "Deutsch (Sie)" not in text.out  # Jens is addressed with du
    assert cli("triage", "Jens", "--kind", "dinner").code == 1


def test_bubble_measures_the_network_and_names_what_is_missing(cli: Cli) -> None:
    for name, sector, city in (("A", "IT", "Köln"), ("B", "IT", "Köln"), ("C", "Handel", "")):
        cli.json("contacts", "add", f"Person {name}", "--sector", sector, "--city", city)
    cli.json("goal", "set", "--kind", "career", "--target-sector", "Medien")
    found = cli.json("bubble")
    assert isinstance(found, dict)
    sector = found["all"]["sector"]
    assert (sector["classes"], sector["known"], sector["blau"]) == (2, 3, 0.444)
    assert found["all"]["city"]["coverage"] == 0.667
    assert found["new_contacts"] == 3 and found["missing_sectors"] == ["Medien"]
    german = cli("bubble", lang="de")
    assert "Zielbranchen ohne Kontakt: Medien" in german.out


def test_channels_advise_and_record_presence(cli: Cli) -> None:
    cli.json("goal", "set", "--kind", "research", "--sector", "Forschung")
    assert cli("channels", "set", "ResearchGate", "--url", "https://rg.example/me").code == 0
    found = cli.json("channels")
    assert isinstance(found, list)
    gate = next(item for item in found if item["network"] == "researchgate")
    assert (gate["verdict"], gate["present"], gate["url"]) == (
        "invest",
        True,
        "https://rg.example/me",
    )
    assert "serves your goal: research" in gate["reasons"]
    german = cli("channels", lang="de")
    assert "Das Netzwerk der Forschung" in german.out and "investieren" in german.out
    assert cli("channels", "set", "no such network!").code == 1


def test_gaps_between_online_and_offline(cli: Cli) -> None:
    cli.json("contacts", "add", "Anna Met", "--tier", "unicorn")
    cli.json("contacts", "add", "Bernd Online", "--profile", "xing=https://xing.example/b")
    cli.json("contacts", "add", "Carla Both", "--profile", "linkedin=https://li.example/c")
    cli.json("log", "lunch", "Anna")
    cli.json("log", "coffee", "Carla")
    cli.json("log", "message", "Bernd")  # a message is not meeting in person
    found = cli.json("gaps")
    assert isinstance(found, dict)
    assert [c["display_name"] for c in found["met_not_connected"]["contacts"]] == ["Anna Met"]
    [bernd] = found["connected_never_met"]["contacts"]
    assert (bernd["display_name"], bernd["step"]) == (
        "Bernd Online",
        "write a message or comment on a post",
    )
    assert "Getroffen, aber online nicht verbunden (1)" in cli("gaps", lang="de").out


def test_review_writes_a_report_and_due_says_when_the_next_is_due(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller", "--tier", "unicorn")
    cli.json("goal", "set", "--kind", "career", "--review-weeks", "1")
    first = cli.json("review")
    assert isinstance(first, dict) and first["tier_counts"]["unicorn"] == 1
    cli.json("tier", "Anna", "flamingo")
    out = tmp_path / "review.html"
    result = cli("review", "--out", str(out), lang="de")
    assert result.code == 0 and "Stufenwechsel seit der letzten Überprüfung" in result.out
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Anna Müller: Einhorn → Flamingo" in page
    md = tmp_path / "review.md"
    assert cli("review", "--out", str(md)).code == 0
    assert md.read_text(encoding="utf-8").startswith("# Review ")
    assert cli("review", "--out", str(tmp_path / "review.pdf")).code == 1
    due = cli.json("due")
    assert isinstance(due, dict) and due["review_due_on"] is not None
