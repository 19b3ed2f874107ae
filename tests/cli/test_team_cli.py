"""``einhorn team`` end to end: roster import, rounds, history, calendars, erasure."""

from __future__ import annotations

import shutil
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

from tests.conftest import TODAY, Cli

DATA = Path(__file__).parents[1] / "data" / "team"


def write_roster(path: Path, rows: list[tuple[str, str, str, str]], opted_out: set[str]) -> Path:
    lines = ["Name,E-Mail,Abteilung,Standort,Abgemeldet"]
    lines += [
        f"{name},{email},{dept},{loc},{'ja' if email in opted_out else ''}"
        for name, email, dept, loc in rows
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def staff(n: int, departments: int = 3) -> list[tuple[str, str, str, str]]:
    return [
        (f"Person {i}", f"p{i}@example.com", f"D{i % departments}", "Köln" if i % 2 else "Berlin")
        for i in range(n)
    ]


def groups_of(round_: dict[str, Any]) -> list[list[str]]:
    return [[person["email"] for person in group] for group in round_["groups"]]


def pairs_of(rounds: list[dict[str, Any]]) -> list[frozenset[str]]:
    return [frozenset(p) for r in rounds for group in groups_of(r) for p in combinations(group, 2)]


def test_import_pair_and_history_continue_without_repeats_across_runs(
    cli_any: Cli, tmp_path: Path
) -> None:
    roster = write_roster(tmp_path / "team.csv", staff(8, 4), opted_out=set())
    imported = cli_any.json("team", "import", str(roster))
    assert imported == {
        "added": 8,
        "updated": 0,
        "unchanged": 0,
        "retired": 0,
        "active": 8,
        "opted_out": 0,
        "dry_run": False,
    }
    first = cli_any.json("team", "pair", "--rounds", "3")
    second = cli_any.json("team", "pair", "--rounds", "4")
    assert isinstance(first, dict) and isinstance(second, dict)
    rounds = first["rounds"] + second["rounds"]
    assert [r["number"] for r in rounds] == list(range(1, 8))
    assert first["rounds"][0]["date"] == TODAY.isoformat()  # a Friday: lunch today
    assert first["rounds"][1]["date"] == "2026-12-04"
    met = pairs_of(rounds)
    assert len(met) == len(set(met)) == 28  # n − 1 rounds: everybody met everybody once
    for r in rounds:
        assert sorted(e for g in groups_of(r) for e in g) == sorted(p[1] for p in staff(8, 4))
        assert r["stats"]["repeated"] == 0
    history = cli_any.json("team", "history")
    assert isinstance(history, dict) and [groups_of(r) for r in history["rounds"]] == [
        groups_of(r) for r in rounds
    ]
    shown = cli_any("team", "history")
    assert shown.code == 0 and "Round 7" in shown.out and "nobody meets twice" in shown.out


def test_an_odd_count_makes_one_group_of_three_and_opted_out_people_are_not_paired(
    cli: Cli, tmp_path: Path
) -> None:
    roster = write_roster(tmp_path / "team.csv", staff(8), opted_out={"p0@example.com"})
    cli.json("team", "import", str(roster))
    result = cli.json("team", "pair", "--rounds", "2")
    assert isinstance(result, dict)
    for r in result["rounds"]:
        groups = groups_of(r)
        assert sorted(len(g) for g in groups) == [2, 2, 3]
        assert "p0@example.com" not in {e for g in groups for e in g}
    listed = cli("team", "list")
    assert listed.code == 0 and "opted out" in listed.out and "7 people are paired" in listed.out


def test_groups_of_three(cli: Cli, tmp_path: Path) -> None:
    cli.json("team", "import", str(write_roster(tmp_path / "t.csv", staff(10), set())))
    result = cli.json("team", "pair", "--group-size", "3")
    assert isinstance(result, dict)
    assert sorted(len(g) for g in groups_of(result["rounds"][0])) == [3, 3, 4]
    assert cli("team", "pair", "--group-size", "5").code == 1


def test_a_roster_with_bad_rows_names_each_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    good = write_roster(tmp_path / "good.csv", staff(4), set())
    cli.json("team", "import", str(good))
    bad = tmp_path / "bad_rows.csv"
    shutil.copyfile(DATA / "bad_rows.csv", bad)
    result = cli("team", "import", str(bad))
    assert result.code == 1 and "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 5
    assert lines[0].endswith("bad_rows.csv, line 3, Name: the name is empty")
    assert "line 4, E-Mail: 'clara.dorn(at)example.com' is not an email address" in lines[1]
    assert "4 bad rows; nothing was changed" in lines[-1]
    roster = cli.json("team", "list")
    assert isinstance(roster, list) and [m["email"] for m in roster] == [
        f"p{i}@example.com" for i in range(4)
    ]
    broken = cli("team", "import", str(DATA / "unclosed_quote.csv"))
    assert broken.code == 1 and "line 2" in broken.err and len(broken.err.splitlines()) == 1


def test_reimporting_updates_by_email_and_retires_people_no_longer_listed(
    cli: Cli, tmp_path: Path
) -> None:
    cli.json("team", "import", str(write_roster(tmp_path / "a.csv", staff(6), set())))
    cli.json("team", "pair")
    changed = [(n, e, "Neu" if e == "p1@example.com" else d, loc) for n, e, d, loc in staff(5)]
    report = cli.json("team", "import", str(write_roster(tmp_path / "b.csv", changed, set())))
    assert isinstance(report, dict)
    assert (report["added"], report["updated"], report["unchanged"], report["retired"]) == (
        0,
        1,
        4,
        1,
    )
    everybody = cli.json("team", "list", "--all")
    assert isinstance(everybody, list)
    left = [m for m in everybody if not m["active"]]
    assert [m["email"] for m in left] == ["p5@example.com"]
    assert next(m for m in everybody if m["email"] == "p1@example.com")["department"] == "Neu"
    result = cli.json("team", "pair")
    assert isinstance(result, dict)
    assert "p5@example.com" not in {e for g in groups_of(result["rounds"][0]) for e in g}
    history = cli.json("team", "history")
    assert isinstance(history, dict) and len(history["rounds"]) == 2  # p5's round stays
    dry = cli.json("team", "import", str(tmp_path / "a.csv"), "--dry-run")
    assert isinstance(dry, dict) and dry["updated"] == 2  # p1's department, p5 is back
    assert len(cli.json("team", "list")) == 5  # type: ignore[arg-type]


def test_calendar_files_name_the_others_for_each_person(cli: Cli, tmp_path: Path) -> None:
    cli.json("team", "import", str(write_roster(tmp_path / "t.csv", staff(5), set())))
    out = tmp_path / "ics"
    result = cli.json("team", "pair", "--rounds", "2", "--on", "2026-12-01", "--ics-dir", str(out))
    assert isinstance(result, dict)
    files = sorted(out.glob("*.ics"))
    assert len(files) == 5
    text = next(f for f in files if f.name.startswith("1-")).read_text(encoding="utf-8")
    assert text.count("BEGIN:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20261201" in text and "DTSTART;VALUE=DATE:20261208" in text
    partners = [e for g in groups_of(result["rounds"][0]) if "p0@example.com" in g for e in g]
    for email in partners:
        if email != "p0@example.com":
            assert f"Person {email[1]}" in text


def test_erasing_a_colleague_removes_them_from_roster_and_history(cli: Cli, tmp_path: Path) -> None:
    cli.json("team", "import", str(write_roster(tmp_path / "t.csv", staff(4), set())))
    cli.json("team", "pair")
    erased = cli("team", "erase", "P2@example.com", "--yes", "--json")
    assert erased.code == 0
    history = cli.json("team", "history")
    assert isinstance(history, dict)
    emails = Counter(e for r in history["rounds"] for g in groups_of(r) for e in g)
    assert "p2@example.com" not in emails and len(emails) == 3
    assert cli("team", "erase", "nobody@example.com", "--yes").code == 1


def test_pairing_needs_a_roster_and_sane_options(cli: Cli) -> None:
    empty = cli("team", "pair")
    assert empty.code == 1 and "einhorn team import" in empty.err
    assert cli.json("team", "history") == {"rounds": []}
    assert "No rounds yet" in cli("team", "history").out
    assert cli("team", "pair", "--rounds", "0").code == 1
    assert cli("team", "import", "/nonexistent/roster.csv").code == 1


def test_german_output(cli: Cli, tmp_path: Path) -> None:
    cli.json("team", "import", str(DATA / "roster_de_semicolon.csv"))
    result = cli("team", "pair", lang="de")
    assert result.code == 0 and "27.11.2026" in result.out
