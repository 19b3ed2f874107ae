"""Bad input anywhere: one line naming what is wrong, exit status 1, nothing changed."""

from __future__ import annotations

import pytest

from tests.conftest import Cli


@pytest.fixture
def cli(cli_any: Cli) -> Cli:
    """Every test here runs on SQLite and, when configured, on PostgreSQL."""
    return cli_any


BAD = [
    (("contacts", "add"), "NAME"),
    (("contacts", "add", "X", "--email", "not-an-address"), "not-an-address"),
    (("contacts", "add", "X", "--tier", "dragon"), "dragon"),
    (("contacts", "add", "X", "--sphere", "work"), "work"),
    (("contacts", "add", "X", "--address", "ihr"), "ihr"),
    (("contacts", "add", "X", "--birthday", "30.02.1990"), "30.02.1990"),
    (("contacts", "add", "X", "--profile", "linkedin"), "NETWORK=URL"),
    (("contacts", "add", "X", "--profile", "Linked In=https://x"), "Linked In"),
    (("contacts", "add", "X", "--cadence", "sometimes"), "sometimes"),
    (("contacts", "list", "--tier", "dragon"), "dragon"),
    (("contacts", "list", "--limit", "0"), "--limit"),
    (("contacts", "list", "--offset", "-1"), "--offset"),
    (("contacts", "show", "nobody"), "nobody"),
    (("contacts", "show", "#999"), "999"),
    (("contacts", "edit", "anna", "--email", "@"), "@"),
    (("contacts", "edit", "ghost", "--city", "Bonn"), "ghost"),
    (("contacts", "remove", "ghost", "--yes"), "ghost"),
    (("tier", "anna", "dragon"), "dragon"),
    (("tier", "ghost", "unicorn"), "ghost"),
    (("log", "picnic", "anna"), "picnic"),
    (("log", "lunch"), "REF"),
    (("unlog", "999"), "999"),
    (("unlog", "abc"), "abc"),
    (("due", "--limit", "0"), "--limit"),
    (("due", "--within", "999"), "--within"),
    (("cadence", "set", "dragon", "4w"), "dragon"),
    (("cadence", "set", "unicorn", "0w"), "0w"),
    (("demo", "--contacts", "5"), "already holds"),
    (("nonsense",), "nonsense"),
    (("contacts", "list", "--bogus"), "--bogus"),
]


@pytest.mark.parametrize(("args", "needle"), BAD, ids=[" ".join(a) for a, _ in BAD])
def test_bad_input_gives_one_line_and_changes_nothing(
    cli: Cli, args: tuple[str, ...], needle: str
) -> None:
    cli.json("contacts", "add", "Anna Müller", "--tier", "unicorn")
    before = _state(cli)
    result = cli(*args)
    assert result.code == 1, result
    assert needle in result.err, result.err
    assert result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err + result.out
    assert _state(cli) == before


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("tier", "anna", "dragon"), "Fehler"),
        (("log", "lunch"), "Fehlendes Argument"),
        (("contacts", "list", "--bogus"), "Unbekannte Option"),
    ],
)
def test_bad_input_reads_german_in_german(cli: Cli, args: tuple[str, ...], needle: str) -> None:
    cli.json("contacts", "add", "Anna Müller")
    result = cli(*args, lang="de")
    assert result.code == 1 and needle in result.err, result.err


def _state(cli: Cli) -> object:
    return (
        cli.json("contacts", "list"),
        cli.json("due", "--within", "365"),
        cli.json("cadence", "show"),
    )
