"""A team roster as CSV (name, email, department, location, opt-out), every bad row named.

Pure: bytes in, members with their file line and the issues out. The encoding, the
delimiter and an Excel ``sep=`` line are sniffed as for contact files (``csv_rows``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from einhorn.domain import limits
from einhorn.domain.contacts import normalise_email
from einhorn.domain.team import TeamMember
from einhorn.errors import EinhornError, ImportFormatError
from einhorn.i18n import N_, gettext
from einhorn.interchange.csv_rows import header_key, read_table

# field → the column names that feed it (as header_key spells them), English and German.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "vollständiger name", "mitarbeiter", "mitarbeiterin"),
    "given_name": ("first name", "given name", "vorname"),
    "family_name": ("last name", "family name", "surname", "nachname", "familienname"),
    "email": (
        "email",
        "e-mail",
        "mail",
        "email address",
        "e-mail address",
        "e-mail-adresse",
        "emailadresse",
    ),
    "department": ("department", "dept", "dept.", "team", "abteilung", "bereich"),
    "location": ("location", "office", "site", "city", "standort", "büro", "ort", "stadt"),
    "opted_out": ("opt-out", "opt out", "opted out", "opted-out", "abgemeldet", "abmeldung"),
}
_FIELD_BY_HEADER = {name: key for key, names in HEADERS.items() for name in names}
# An opt-out cell as people fill it in: a word, a cross or a number.
YES = frozenset({"yes", "y", "ja", "j", "x", "1", "true", "wahr", "✓", "✔"})
NO = frozenset({"", "no", "n", "nein", "0", "false", "falsch", "-"})
_LIMITS = {
    "name": limits.NAME,
    "email": limits.EMAIL,
    "department": limits.ORGANISATION,
    "location": limits.PLACE,
}


class RosterIssue(EinhornError):
    """One bad cell: file, line, the column as the file names it, and what is wrong."""

    def __init__(self, file: str, line: int, column: str, reason: str, **values: object) -> None:
        super().__init__(N_("{file}, line {line}, {column}: {problem}"), file=file, line=line)
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
        self.values = values

    def __str__(self) -> str:
        problem = gettext(self.reason).format(**self.values)
        return gettext(self.message).format(
            file=self.file, line=self.line, column=self.column, problem=problem
        )


@dataclass(slots=True)
class Roster:
    """The members read (with the line each stands on) and the issues met."""

    members: list[tuple[int, TeamMember]] = field(default_factory=list)
    issues: list[RosterIssue] = field(default_factory=list)


def read_roster(data: bytes, *, source: str) -> Roster:
    """Every row of the roster as a member, or an issue naming its line and column.

    A file without a name or an email column, or without any person, is an
    ImportFormatError: a roster that lists nobody would retire everybody.
    """
    table = read_table(data, source=source)
    columns: dict[str, tuple[int, str]] = {}  # field → (index, header as written)
    for index, name in enumerate(table.header):
        key = _FIELD_BY_HEADER.get(header_key(name))
        if key and key not in columns:
            columns[key] = (index, name.strip())
    if "email" not in columns:
        raise ImportFormatError(source, table.line, N_("no email column"), "E-Mail, Email, Mail")
    if "name" not in columns and not {"given_name", "family_name"} & columns.keys():
        raise ImportFormatError(source, table.line, N_("no name column"), "Name, Vorname")
    if not table.rows:
        raise ImportFormatError(source, table.line, N_("no people in the roster"))
    roster = Roster()
    seen: dict[str, int] = {}
    for line, row in table.rows:
        member = _member(columns, row, line, source, roster.issues)
        if member is None:
            continue
        if member.email in seen:
            roster.issues.append(
                RosterIssue(
                    source,
                    line,
                    columns["email"][1],
                    N_("{value!r} is on line {other} already"),
                    value=member.email,
                    other=seen[member.email],
                )
            )
            continue
        seen[member.email] = line
        roster.members.append((line, member))
    return roster


def _member(
    columns: dict[str, tuple[int, str]],
    row: list[str],
    line: int,
    source: str,
    issues: list[RosterIssue],
) -> TeamMember | None:
    def cell(key: str) -> str:
        index = columns[key][0] if key in columns else len(row)
        return " ".join(row[index].split()) if index < len(row) else ""

    def column(key: str) -> str:
        return columns[key][1] if key in columns else key

    found = len(issues)
    name = cell("name") or " ".join(filter(None, (cell("given_name"), cell("family_name"))))
    name_column = column("name") if "name" in columns else column("given_name")
    if not name:
        issues.append(RosterIssue(source, line, name_column, N_("the name is empty")))
    email = cell("email")
    if not email:
        issues.append(RosterIssue(source, line, column("email"), N_("the email is empty")))
    else:
        try:
            email = normalise_email(email)
        except EinhornError:
            issues.append(
                RosterIssue(
                    source,
                    line,
                    column("email"),
                    N_("{value!r} is not an email address"),
                    value=email,
                )
            )
    opt_out = cell("opted_out").casefold()
    if opt_out not in YES | NO:
        issues.append(
            RosterIssue(
                source,
                line,
                column("opted_out"),
                N_("{value!r} is neither yes (yes, ja, x, 1, true) nor no (no, nein, 0, empty)"),
                value=cell("opted_out"),
            )
        )
    values = {"name": name, "email": email, "department": cell("department")}
    values["location"] = cell("location")
    for key, limit in _LIMITS.items():
        if len(values[key]) > limit:
            issues.append(
                RosterIssue(
                    source,
                    line,
                    name_column if key == "name" else column(key),
                    N_("longer than {limit} characters"),
                    limit=limit,
                )
            )
    if len(issues) > found:
        return None
    return TeamMember(
        name=name,
        email=email,
        department=values["department"],
        location=values["location"],
        opted_out=opt_out in YES,
    )
