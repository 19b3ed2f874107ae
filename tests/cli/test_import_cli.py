"""``einhorn import``, ``import review|undo|list`` and ``merge`` end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from einhorn.interchange.json_export import contact_to_dict
from tests.conftest import Cli
from tests.factories import make_contact

CORPORA = Path(__file__).parents[3] / "shared" / "corpora"
DATA = Path(__file__).parents[1] / "data"
NOT_IN_A_CARD = {"id", "created_on", "last_interaction_on", "tier_source"}
CARD = "BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nORG:{org}\nEMAIL:{email}\nEND:VCARD\n"


def _card(folder: Path, name: str, org: str, email: str) -> Path:
    path = folder / f"{email.split('@')[0]}.vcf"
    path.write_text(CARD.format(name=name, org=org, email=email), encoding="utf-8")
    return path


def _names(cli: Cli) -> list[str]:
    people = cli.json("contacts", "list")
    assert isinstance(people, dict)
    return sorted(p["display_name"] for p in people["contacts"])


def test_a_folder_of_single_vcards_imports_and_reports_json(cli_any: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "xing"
    folder.mkdir()
    for number in range(12):
        _card(folder, f"Person {number:02d} Beispiel", "Firma", f"p{number}@x.example")
    (folder / "notes.txt").write_text("not a contact file")
    report = cli_any.json("import", str(folder))
    assert isinstance(report, dict)
    assert {k: report[k] for k in ("created", "merged", "unchanged", "skipped")} == {
        "created": 12,
        "merged": 0,
        "unchanged": 0,
        "skipped": 0,
    }
    assert report["batch"] == 1 and report["issues"] == [] and len(report["files"]) == 12
    again = cli_any.json("import", str(folder))
    assert isinstance(again, dict)
    assert (again["created"], again["unchanged"]) == (0, 12)
    assert len(_names(cli_any)) == 12


def test_a_bad_record_gives_one_line_and_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    good = _card(tmp_path, "Anna Müller", "Siemens", "anna@siemens.example")
    bad = tmp_path / "bad.vcf"
    bad.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Ok\nEND:VCARD\nBEGIN:VCARD\nNOTE:x\nEND:VCARD\n")
    result = cli("import", str(good), str(bad))
    assert result.code == 1 and result.out == ""
    assert result.err.strip().splitlines() == [
        f"Error: {bad}, line 5: card not imported (name: '' is not valid: a contact needs a name)"
    ]
    assert _names(cli) == []
    skipped = cli.json("import", str(good), str(bad), "--skip-bad")
    assert isinstance(skipped, dict)
    assert (skipped["created"], skipped["skipped"]) == (2, 1)
    assert skipped["issues"][0] == {
        "file": str(bad),
        "line": 5,
        "reason": "card not imported",
        "detail": "name: '' is not valid: a contact needs a name",
        "level": "error",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["no/such/file.vcf"], "no/such/file.vcf: no such file or folder"),
        (["--format", "excel", "x.vcf"], "'excel' is not one of"),
        (["--map", "Name", "x.csv"], "--map"),
    ],
)
def test_wrong_arguments_give_one_clear_line(cli: Cli, args: list[str], message: str) -> None:
    result = cli("import", *args)
    assert result.code != 0 and message in result.err
    assert "Traceback" not in result.err + result.out


def test_dry_run_lists_what_would_happen_and_saves_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller")
    card = _card(tmp_path, "Anna Müller", "ACME", "anna@acme.example")
    result = cli("import", str(card), "--dry-run")
    assert result.code == 0, result.err
    assert "Dry run: nothing was saved." in result.out
    assert "1 new" in result.out and "1 to review" in result.out
    assert "May be the same person" in result.out
    assert _names(cli) == ["Anna Müller"]
    assert cli.json("import", "list") == []


def test_review_merge_and_undo_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller", "--city", "Köln")
    cli.json("log", "lunch", "Anna")
    imported = cli.json("import", str(_card(tmp_path, "Anna Müller", "ACME", "a@acme.example")))
    assert isinstance(imported, dict) and imported["needs_review"] == 1
    pairs = cli.json("import", "review")
    assert isinstance(pairs, dict) and pairs["total"] == 1
    [pair] = pairs["pairs"]
    assert (pair["candidate"]["id"], pair["contact"]["company"]) == (1, "ACME")
    listing = cli("import", "review")
    assert "ACME" in listing.out and "einhorn import review ID --merge" not in listing.out
    merged = cli("import", "review", str(pair["id"]), "--merge")
    assert merged.code == 0, merged.err
    assert "Undo with: einhorn import undo 2" in merged.out
    shown = cli.json("contacts", "show", "1")
    assert isinstance(shown, dict)
    assert (shown["company"], shown["emails"], shown["city"]) == (
        "ACME",
        ["a@acme.example"],
        "Köln",
    )
    assert cli("import", "undo", "1").code == 1  # the merge came later: undo it first
    assert cli("import", "undo", "2").code == 0
    assert cli("import", "undo", "1").code == 0
    assert _names(cli) == ["Anna Müller"]
    history = cli.json("import", "list")
    assert isinstance(history, list)
    assert [(b["batch"], b["kind"], b["undone_at"] is not None) for b in history] == [
        (2, "merge", True),
        (1, "import", True),
    ]


def test_keep_apart_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller")
    cli.json("import", str(_card(tmp_path, "Anna Müller", "ACME", "a@acme.example")))
    result = cli("import", "review", "1", "--separate")
    assert result.code == 0 and "Kept apart" in result.out
    assert cli("import", "review").out.strip() == "Nothing to review."
    again = cli("import", "review", "1", "--merge")
    assert again.code == 1 and "already decided" in again.err


def test_merge_a_b_and_its_errors(cli: Cli) -> None:
    cli.json("contacts", "add", "Anna Müller", "--email", "a@x.example")
    cli.json("contacts", "add", "A. Mueller", "--phone", "0221 1234567")
    result = cli.json("merge", "Anna", "Mueller")
    assert isinstance(result, dict)
    assert (result["contact"]["id"], result["contact"]["phones"]) == (1, ["0221 1234567"])
    assert _names(cli) == ["Anna Müller"]
    assert "cannot be merged with itself" in cli("merge", "1", "1").err
    assert cli("merge", "1", "99").err.strip() == "Error: No contact matches 99."


def test_the_summary_is_german_with_lang_de(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", str(_card(tmp_path, "Anna Müller", "ACME", "a@acme.example")), lang="de")
    assert result.code == 0, result.err
    assert "1 neu" in result.out and "Rückgängig" in result.out


def _export_json(cli: Cli, path: Path) -> list[dict[str, Any]]:
    assert cli("export", "json", str(path)).code == 0
    contacts = json.loads(path.read_text(encoding="utf-8"))["contacts"]
    return sorted(
        ({k: v for k, v in c.items() if k not in NOT_IN_A_CARD} for c in contacts),
        key=lambda c: c["display_name"],
    )


def test_export_vcard_then_import_into_an_empty_database_gives_the_same_people(
    cli: Cli, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from einhorn.bootstrap import open_app
    from einhorn.config import load_settings
    from tests.conftest import TODAY

    people = [
        make_contact(
            display_name="Prof. Dr. Jürgen von Weizsäcker",
            title="Prof. Dr.",
            given_name="Jürgen",
            family_name="von Weizsäcker",
            emails=["jw@uni.example"],
            phones=["+49 221 470-0"],
            languages=["de", "en"],
            profiles={"xing": "https://xing.example/jw"},
            tags=["alumni", "ihk"],
            notes="Zeile 1\nZeile 2",
            wish_list=True,
            cadence_days=28,
        ),
        make_contact(display_name="Lena Kraus", company="", city=""),
        make_contact(display_name="Anna Müller", emails=["anna@siemens.example"]),
    ]
    app = open_app(load_settings(database_url=cli.url, environ={}))
    with app.uow(TODAY) as uow:
        uow.contacts.add_many(people)
        uow.commit()
    app.close()
    cards = tmp_path / "all.vcf"
    assert cli("export", "vcard", str(cards)).code == 0
    empty = Cli(capsys, f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    report = empty.json("import", str(cards))
    assert isinstance(report, dict) and (report["created"], report["issues"]) == (3, [])
    assert _export_json(empty, tmp_path / "b.json") == _export_json(cli, tmp_path / "a.json")
    assert len(contact_to_dict(people[0])) > len(NOT_IN_A_CARD)


@pytest.mark.skipif(not CORPORA.is_dir(), reason="shared/corpora is not beside the checkout")
def test_every_corpus_vcard_imports_without_a_crash(cli: Cli) -> None:
    folders = [p for p in CORPORA.iterdir() if p.is_dir() and any(p.rglob("*.vcf"))]
    files = [str(f) for folder in folders for f in sorted(folder.rglob("*.vcf"))]
    assert files
    result = cli("import", *files, "--skip-bad", "--json")
    assert result.code == 0, result.err
    report = json.loads(result.out)
    assert report["created"] + report["merged"] + report["unchanged"] > 0
    assert "Unexpected" not in result.err


def test_linkedin_fixtures_import_with_their_hidden_profiles_counted(cli: Cli) -> None:
    report = cli.json("import", str(DATA / "linkedin" / "preamble_2024.csv"))
    assert isinstance(report, dict)
    assert (report["created"], report["skipped"]) == (3, 1)
    assert [i["level"] for i in report["issues"]] == ["skipped", "note"]


def test_show_and_export_name_where_a_contacts_values_came_from(cli: Cli, tmp_path: Path) -> None:
    card = _card(tmp_path, "Anna Müller", "Siemens AG", "anna@siemens.example")
    cli.json("import", str(card))
    shown = cli.json("contacts", "show", "1")
    assert isinstance(shown, dict)
    assert [(s["file"], s["line"], s["format"], s["batch"]) for s in shown["sources"]] == [
        (str(card), 1, "vcard", 1)
    ]
    assert shown["sources"][0]["values"]["company"] == "Siemens AG"
    assert "Sources" in cli("contacts", "show", "1").out
    out = tmp_path / "all.json"
    assert cli("export", "json", str(out)).code == 0
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [s["contact_id"] for s in document["sources"]] == [1]
    assert cli("contacts", "remove", "1", "--yes").code == 0
    assert cli("export", "json", str(out)).code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["sources"] == []


def test_a_folder_without_contact_files_is_one_clear_error(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("nothing to import")
    result = cli("import", str(tmp_path))
    assert result.code == 1
    assert result.err.strip() == f"Error: {tmp_path}: no .vcf, .csv or .zip file inside"
    assert cli.json("import", "list") == []


@pytest.mark.parametrize(
    ("name", "content", "args", "message"),
    [
        (
            "unclosed.csv",
            'Name,Firma\nAnna Eins,"ACME\nBernd Zwei,Bosch\nCarla Drei,SAP\n',
            ["--map", "Name=display_name,Firma=company"],
            "unclosed.csv, line 2: unreadable CSV row",
        ),
        (
            "table.csv",
            "Vorname;Nachname\nAnna;Eins\n",
            ["--format", "vcard"],
            "no vCard in the file",
        ),
    ],
)
def test_unreadable_files_name_file_and_line_and_change_nothing(
    cli: Cli, tmp_path: Path, name: str, content: str, args: list[str], message: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = cli("import", str(path), *args)
    assert result.code == 1 and message in result.err
    assert _names(cli) == []


def test_a_one_column_list_imports_with_a_map(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Name\nAnna Eins\nBernd Zwei\n", encoding="utf-8")
    report = cli.json("import", str(path), "--map", "Name=display_name")
    assert isinstance(report, dict) and report["created"] == 2
    assert _names(cli) == ["Anna Eins", "Bernd Zwei"]


def test_a_file_name_that_is_not_utf8_is_shown_not_a_crash(cli: Cli, tmp_path: Path) -> None:
    import os

    folder = tmp_path / "cards"
    folder.mkdir()
    path = folder / os.fsdecode(b"\xff\xfe.vcf")
    path.write_bytes(CARD.format(name="Anna Müller", org="ACME", email="a@x.example").encode())
    report = cli.json("import", str(folder))
    assert isinstance(report, dict) and report["created"] == 1
    assert report["files"][0].endswith("\ufffd\ufffd.vcf")


def test_importing_an_export_of_the_same_database_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.json("contacts", "add", "Anna Müller", "--phone", "0221 1234567", "--email", "a@x.de")
    out = tmp_path / "all.vcf"
    assert cli("export", "vcard", str(out)).code == 0
    report = cli.json("import", str(out))
    assert isinstance(report, dict)
    assert (report["created"], report["merged"], report["unchanged"]) == (0, 0, 1)
    shown = cli.json("contacts", "show", "1")
    assert isinstance(shown, dict) and shown["phones"] == ["0221 1234567"]


def test_erasing_a_contact_takes_their_own_file_name_out_of_the_history(
    cli: Cli, tmp_path: Path
) -> None:
    folder = tmp_path / "xing"
    folder.mkdir()
    anna = _card(folder, "Anna Müller", "ACME", "anna.mueller@x.example")
    _card(folder, "Jens Weber", "ACME", "jens@x.example")
    cli.json("import", str(folder))
    assert cli("contacts", "remove", "Anna", "--yes").code == 0
    [batch] = cli.json("import", "list")  # type: ignore[misc]
    assert str(anna) not in batch["files"] and "…" in batch["files"]
    assert str(folder / "jens.vcf") in batch["files"]
