"""The roster reader: German and English headers, Excel's quirks, and every bad row named."""

from __future__ import annotations

from pathlib import Path

import pytest

from einhorn.errors import ImportFormatError
from einhorn.interchange.roster_csv import read_roster

DATA = Path(__file__).parents[1] / "data" / "team"
GOOD = sorted(p for p in DATA.glob("roster_*.csv"))


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.stem)
def test_every_good_roster_reads_without_issues(path: Path) -> None:
    roster = read_roster(path.read_bytes(), source=path.name)
    assert roster.issues == []
    assert roster.members and all(m.name and "@" in m.email for _line, m in roster.members)
    lines = [line for line, _m in roster.members]
    assert lines == sorted(set(lines)) and lines[0] == 2


def test_german_headers_semicolons_and_opt_out_words() -> None:
    roster = read_roster((DATA / "roster_de_semicolon.csv").read_bytes(), source="r.csv")
    members = {m.email: m for _line, m in roster.members}
    anna = members["anna.berg@firma.de"]
    assert (anna.name, anna.department, anna.location) == ("Anna Berg", "Vertrieb", "Köln")
    assert [m.name for m in members.values() if m.opted_out] == ["Fritz Gabel"]


def test_excel_bom_sep_line_and_separate_name_columns() -> None:
    data = (DATA / "excel_bom_sep_line.csv").read_bytes()
    roster = read_roster(data, source="x.csv")
    [(line, anna), (_, joerg)] = roster.members
    assert line == 3 and anna.name == "Anna Berg" and anna.opted_out
    assert (joerg.name, joerg.department, joerg.location) == ("Jörg Müller", "Technik", "Köln")


def test_each_bad_row_is_named_with_line_and_column() -> None:
    roster = read_roster((DATA / "bad_rows.csv").read_bytes(), source="bad_rows.csv")
    assert [m.name for _line, m in roster.members] == ["Anna Berg"]
    assert [(i.line, i.column) for i in roster.issues] == [
        (3, "Name"),
        (4, "E-Mail"),
        (5, "Abgemeldet"),
        (6, "E-Mail"),
    ]
    described = [str(issue) for issue in roster.issues]
    assert described[1] == (
        "bad_rows.csv, line 4, E-Mail: 'clara.dorn(at)example.com' is not an email address"
    )
    assert "line 2" in described[3]  # the duplicate names the first occurrence
    assert all("\n" not in text for text in described)


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [("unclosed_quote.csv", 2, "unreadable"), ("no_email_column.csv", 1, "no email column")],
)
def test_a_broken_file_is_one_error_with_its_line(name: str, line: int, words: str) -> None:
    with pytest.raises(ImportFormatError) as caught:
        read_roster((DATA / name).read_bytes(), source=name)
    assert caught.value.line == line and words in str(caught.value)


def test_a_roster_without_people_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="no people"):
        read_roster(b"Name,E-Mail\n", source="empty.csv")


def test_over_long_values_and_empty_emails_are_issues_not_crashes() -> None:
    data = f"Name,Email,Department\nAnna,,X\nBernd,b@example.com,{'x' * 400}\n".encode()
    roster = read_roster(data, source="r.csv")
    assert roster.members == []
    assert [(i.line, i.column) for i in roster.issues] == [(2, "Email"), (3, "Department")]
    assert "longer than 300 characters" in str(roster.issues[1])
