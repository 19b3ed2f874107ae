"""What a format reader returns: contacts with their source line, and the problems it met."""

from __future__ import annotations

from dataclasses import dataclass, field

from einhorn.domain.contacts import Contact


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One contact read from a file, with the line its record starts on."""

    contact: Contact
    line: int


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """A record or line that could not be read; ``reason`` is a message id."""

    file: str
    line: int | None
    reason: str
    detail: str = ""


@dataclass(slots=True)
class ParseResult:
    format: str
    records: list[SourceRecord] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
