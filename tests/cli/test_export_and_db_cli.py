"""``einhorn export json``, ``einhorn db``, and what happens with a bad database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from einhorn.cli.main import run
from tests.conftest import Cli


def test_export_json_writes_every_contact_and_interaction(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller", "--tier", "unicorn", "--tag", "ihk")
    cli.json("contacts", "add", "Jens Weber")
    cli.json("log", "lunch", "anna", "jens", "--note", "Pläne")
    out = tmp_path / "sub" / "export.json"
    result = cli("export", "json", str(out))
    assert result.code == 0, result.err
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "einhorn-export" and document["version"] == 1
    assert document["account"]["cadence_days"] == {"unicorn": 42, "flamingo": 84, "penguin": None}
    assert [c["display_name"] for c in document["contacts"]] == ["Anna Müller", "Jens Weber"]
    assert document["contacts"][0]["tags"] == ["ihk"]
    [lunch] = document["interactions"]
    assert lunch["note"] == "Pläne"
    assert sorted(lunch["contact_ids"]) == sorted(c["id"] for c in document["contacts"])
    assert not list(out.parent.glob(".*partial"))


def test_export_into_a_folder_fails_with_one_line_and_leaves_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    result = cli("export", "json", str(tmp_path))
    assert result.code == 1
    assert str(tmp_path) in result.err and result.err.count("\n") == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_db_current_and_upgrade_report_the_revision(cli: Cli) -> None:
    current = cli.json("db", "current")
    assert isinstance(current, dict)
    assert current["current"] == current["head"] and current["up_to_date"] is True
    upgraded = cli.json("db", "upgrade")
    assert upgraded == current


def test_a_new_sqlite_database_is_created_and_migrated_on_first_use(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'deep' / 'new.sqlite3'}"
    assert run(["--db", url, "db", "current", "--json"]) == 0
    before = json.loads(capsys.readouterr().out)
    assert before["current"] is None
    assert run(["--db", url, "contacts", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"total": 0, "contacts": []}
    assert run(["--db", url, "db", "current", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["up_to_date"] is True


def test_the_default_database_lives_in_the_data_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "einhorn-data"
    monkeypatch.setenv("EINHORN_DATA_DIR", str(data_dir))
    assert run(["contacts", "add", "Anna", "--json"]) == 0
    assert (data_dir / "einhorn.sqlite3").exists()


def test_bad_database_urls_and_unreachable_servers_give_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    cases = [
        (["--db", "mysql://x/y", "due"], "EINHORN_DATABASE_URL"),
        (["--db", "postgresql://nobody@127.0.0.1:1/none", "due"], "127.0.0.1:1"),
        (["--db", f"sqlite:///{tmp_path}", "due"], "Database"),  # a folder, not a file
    ]
    for args, needle in cases:
        assert run(args) == 1, args
        err = capsys.readouterr().err
        assert needle in err, (args, err)
        assert err.count("\n") == 1 and "Traceback" not in err, err
    monkeypatch.setenv("EINHORN_LANG", "klingon")
    assert run(["due"]) == 1
    assert "EINHORN_LANG" in capsys.readouterr().err


def test_export_below_a_file_fails_with_one_line(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for args in (
        ("vcard", "--split", str(blocker / "sub")),
        ("csv", str(blocker / "a.csv")),
        ("ics", str(blocker / "a.ics")),
    ):
        result = cli("export", *args)
        assert result.code == 1 and "Unexpected" not in result.err, result.err
        assert result.err.count("\n") == 1
    assert blocker.read_text() == "x"
