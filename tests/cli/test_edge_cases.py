"""Edge cases found in review, end to end, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from einhorn.bootstrap import App, open_app
from einhorn.config import load_settings
from einhorn.services.contacts import erase_contact
from tests.conftest import TODAY, Cli


def _names(cli: Cli, *args: str) -> list[str]:
    data = cli.json("contacts", "list", *args)
    assert isinstance(data, dict)
    return [c["display_name"] for c in data["contacts"]]


@pytest.mark.parametrize("name", ["Lu [/i]", "Kai [ex-SAP]", "[bold]Bo[/bold]"])
def test_names_with_brackets_print_as_written_everywhere(cli_any: Cli, name: str) -> None:
    cli_any.json("contacts", "add", name, "--tier", "unicorn")
    for args in (
        ("tier", name, "flamingo"),
        ("contacts", "list"),
        ("contacts", "show", name),
        ("due",),
        ("dashboard",),
    ):
        result = cli_any(*args)
        assert result.code == 0, (args, result.err)
        assert name in result.out, (args, result.out)


def test_a_contacts_own_cadence_can_be_never_and_back_to_the_tiers(cli_any: Cli) -> None:
    cli_any.json("contacts", "add", "Uwe Unicorn", "--tier", "unicorn", "--cadence", "none")
    assert cli_any.json("due") == {
        "today": TODAY.isoformat(),
        "due": [],
        "review_due_on": None,
        "follow_ups": [],
    }
    edited = cli_any.json("contacts", "edit", "uwe", "--cadence", "default")
    assert isinstance(edited, dict) and edited["cadence_days"] is None
    due = cli_any.json("due")
    assert isinstance(due, dict) and [e["display_name"] for e in due["due"]] == ["Uwe Unicorn"]
    cli_any.json("contacts", "edit", "uwe", "--cadence", "keine")
    assert cli_any.json("due") == {
        "today": TODAY.isoformat(),
        "due": [],
        "review_due_on": None,
        "follow_ups": [],
    }


def test_an_exact_name_wins_however_many_names_contain_it(cli_any: Cli) -> None:
    for n in range(12):
        cli_any.json("contacts", "add", f"Anja Janssen {n}")
    jan = cli_any.json("contacts", "add", "Jan")
    moved = cli_any.json("tier", "jan", "unicorn")
    assert isinstance(jan, dict) and isinstance(moved, dict) and moved["id"] == jan["id"]
    result = cli_any("tier", "janssen", "unicorn")
    assert result.code == 1 and "12 contacts" in result.err and "…" in result.err


def test_overlong_values_give_the_same_clear_error_on_every_backend(cli_any: Cli) -> None:
    cli_any.json("contacts", "add", "Yvonne")
    for args, field in (
        (("contacts", "add", "x" * 400), "name"),
        (("contacts", "add", "X", "--tag", "t" * 150), "tag"),
        (("contacts", "add", "X", "--phone", "1" * 80), "phone"),
        (("log", "lunch", "yvonne", "--city", "k" * 300), "city"),
    ):
        result = cli_any(*args)
        assert result.code == 1, result
        assert result.err.startswith(f"Error: {field}:"), result.err
        assert "Database" not in result.err
    assert _names(cli_any) == ["Yvonne"]
    shown = cli_any.json("contacts", "show", "yvonne")
    assert isinstance(shown, dict) and shown["interactions"] == []


def test_search_finds_words_inside_emails_and_urls_on_every_backend(cli_any: Cli) -> None:
    cli_any.json(
        "contacts",
        "add",
        "Zora Zeppelin",
        "--email",
        "kontakt@zeppelinwerke.de",
        "--notes",
        "siehe www.beispielfirma.de/team",
    )
    for text in ("zeppelinwerke", "kontakt@zeppelinwerke.de", "beispielfirma", "team"):
        assert _names(cli_any, "--search", text) == ["Zora Zeppelin"], text
    for text in ("😀", "*", "(", '"', "NEAR", "- -"):
        assert _names(cli_any, "--search", text) == [], text


@pytest.mark.parametrize("ref", ["99999999999999999999", "²", "#0", "2147483648"])
def test_impossible_references_are_simply_not_found(cli_any: Cli, ref: str) -> None:
    cli_any.json("contacts", "add", "Anna")
    result = cli_any("contacts", "show", ref)
    assert result.code == 1 and "No contact matches" in result.err, result.err


def test_erased_people_leave_no_trace_in_the_sqlite_files(
    tmp_path: Path, sqlite_template: Path
) -> None:
    path = tmp_path / "erase.sqlite3"
    path.write_bytes(sqlite_template.read_bytes())
    app: App = open_app(load_settings(database_url=f"sqlite:///{path}", environ={}))
    try:
        from tests.factories import make_contact, make_interaction

        with app.uow(TODAY) as uow:
            uow.contacts.add_many(
                [make_contact(display_name=f"Filler {n}", notes="x" * 200) for n in range(50)]
            )
            zq = uow.contacts.add(
                make_contact(
                    display_name="Zebulon Quaxwortel",
                    notes="Flamingoschmuggel",
                    emails=["zq@quax.example"],
                )
            )
            uow.interactions.add(make_interaction(zq.key, note="Geheimtreffen"))
            uow.commit()
        with app.uow(TODAY) as uow:
            erase_contact(uow=uow, ref="zebulon")
    finally:
        app.close()
    for file in tmp_path.glob("erase.sqlite3*"):
        data = file.read_bytes().lower()
        for word in (b"quaxwortel", b"flamingoschmuggel", b"geheimtreffen", b"quax.example"):
            assert word not in data, (file.name, word)


def test_a_file_that_is_not_a_database_gives_one_line(tmp_path: Path, cli: Cli) -> None:
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"this is not a database" * 100)
    cli.url = f"sqlite:///{broken}"
    result = cli("due")
    assert result.code == 1 and "not a database" in result.err
    assert result.err.count("\n") == 1
