"""What a format reader returns: contacts with their source line, and the problems it met."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from einhorn.domain.contacts import FIELD_LIMITS, Contact
from einhorn.errors import EinhornError
from einhorn.i18n import N_


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One contact read from a file, with the line its record starts on."""

    contact: Contact
    line: int


class Level(StrEnum):
    """How bad an issue is for the import."""

    ERROR = "error"  # a record could not be read: the import stops unless --skip-bad
    SKIPPED = "skipped"  # a record is deliberately left out (a hidden profile): reported
    NOTE = "note"  # part of a record was not kept; the record itself is imported


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """A record or line that could not be read; ``reason`` is a message id."""

    file: str
    line: int | None
    reason: str
    detail: str = ""
    level: Level = Level.ERROR


@dataclass(slots=True)
class ParseResult:
    format: str
    records: list[SourceRecord] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)

    def note(self, source: str, line: int | None, value: str) -> None:
        """A value of a record that was not kept; the record itself is."""
        self.issues.append(ImportIssue(source, line, N_("a value was not kept"), value, Level.NOTE))

    def add(self, contact: Contact, line: int, source: str, dropped: list[str]) -> None:
        """A record read, with a note for each value it had to leave out."""
        for value in dropped:
            self.note(source, line, value)
        self.records.append(SourceRecord(contact, line))


def kept_values(
    values: list[str], normalise: Callable[[str], str], field: str, dropped: list[str]
) -> list[str]:
    """The values the domain accepts; the others are named in ``dropped``."""
    kept = []
    for value in values:
        try:
            kept.append(normalise(value))
        except EinhornError:
            dropped.append(f"{field} {value!r}")
    return kept


# Text fields whose over-long value (a whole CV in "position") moves into the notes, so
# that the record is still imported and nothing is lost.
_MOVABLE = (
    "title",
    "given_name",
    "family_name",
    "company",
    "position",
    "department",
    "sector",
    "city",
    "country",
)


def fitted_contact(dropped: list[str], **values: Any) -> Contact:
    """``Contact(**values)``, with over-long text fields moved into the notes (and named in
    ``dropped`` as a note for the user)."""
    for name in _MOVABLE:
        value = values.get(name)
        limit = FIELD_LIMITS[name][1]
        if isinstance(value, str) and len(" ".join(value.split())) > limit:
            values["notes"] = "\n".join(
                p for p in (values.get("notes", ""), f"{name}: {value}") if p
            )
            values[name] = ""
            dropped.append(f"{name} → notes")
    return Contact(**values)
