"""Which files an import reads, in which format, and what each one holds.

Paths are files, folders (every .vcf, .vcard, .csv and .zip inside, sorted, subfolders
included) or LinkedIn's export ZIP. The format comes from the content, never the name.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from einhorn.errors import ImportFormatError
from einhorn.i18n import N_
from einhorn.interchange.linkedin_activity import ActivityResult, Contacted
from einhorn.interchange.records import ImportIssue, Level, ParseResult, SourceRecord

SUFFIXES = frozenset({".vcf", ".vcard", ".csv", ".zip"})
MAX_FILE_BYTES = 200 * 1024 * 1024  # larger is no contact export; refuse before reading it


class ImportFormat(StrEnum):
    AUTO = "auto"
    LINKEDIN = "linkedin"
    VCARD = "vcard"
    GOOGLE = "google"
    OUTLOOK = "outlook"
    CSV = "csv"


@dataclass(slots=True)
class SourceFile:
    """One file's contents as read: its records, LinkedIn activity and issues."""

    name: str
    format: str
    records: list[SourceRecord] = field(default_factory=list)
    activity: list[Contacted] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The files to read: given files as they are, folders searched for contact files."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file()
            )
            if not inside:
                raise ImportFormatError(str(path), None, N_("no .vcf, .csv or .zip file inside"))
            found.extend(inside)
        elif path.is_file():
            found.append(path)
        else:
            raise ImportFormatError(str(path), None, N_("no such file or folder"))
    return list(dict.fromkeys(found))


def read_limited(
    path: Path, limit: int, too_big: str, *, shown_as: str | None = None
) -> tuple[str, bytes]:
    """The file's name as shown (``shown_as``, else its path) and its bytes; ImportFormatError
    (``too_big`` beyond ``limit`` bytes, or why it cannot be read) instead of a traceback."""
    # A name that is not UTF-8 (old archives, other systems) is shown with � in its place.
    name = shown_as or os.fsencode(path).decode("utf-8", errors="replace")
    try:
        if path.stat().st_size > limit:
            raise ImportFormatError(name, None, too_big)
        return name, path.read_bytes()
    except OSError as exc:
        raise ImportFormatError(name, None, exc.strerror or str(exc)) from exc


def read_file(
    path: Path,
    chosen: ImportFormat,
    mapping: dict[str, str] | None = None,
    *,
    shown_as: str | None = None,
) -> SourceFile:
    """Parse one file; raises ImportFormatError when it is not readable as a whole.

    ``shown_as`` is the name reports, errors and provenance give the file, when it is saved
    under another (an upload kept under a private temporary name)."""
    name, data = read_limited(
        path, MAX_FILE_BYTES, N_("larger than 200 MB; not a contact export"), shown_as=shown_as
    )
    try:
        return read_bytes(data, name, chosen, mapping)
    except (csv.Error, UnicodeError) as exc:  # a field too long, a NUL byte, a broken encoding
        raise ImportFormatError(name, None, N_("not readable as a table"), str(exc)) from exc


def read_bytes(
    data: bytes, name: str, chosen: ImportFormat, mapping: dict[str, str] | None = None
) -> SourceFile:
    from einhorn.interchange import linkedin_zip

    if linkedin_zip.looks_like_zip(data):
        if chosen not in (ImportFormat.AUTO, ImportFormat.LINKEDIN):
            raise ImportFormatError(name, None, N_("a ZIP archive is read as a LinkedIn export"))
        export = linkedin_zip.read_export(data, source=name)
        records = export.connections.records if export.connections else []
        issues = [*(export.connections.issues if export.connections else []), *export.issues]
        return SourceFile(name, ImportFormat.LINKEDIN, records, export.activity, issues)
    kind = _format_of(data, name, chosen, mapping)
    if kind in _ACTIVITY:
        activity = _ACTIVITY[kind](data, name)
        return SourceFile(name, ImportFormat.LINKEDIN, [], activity.contacted, activity.issues)
    result = _READERS[kind](data, name, mapping)
    return SourceFile(name, result.format, result.records, [], result.issues)


def _format_of(data: bytes, name: str, chosen: ImportFormat, mapping: dict[str, str] | None) -> str:
    from einhorn.interchange.sniff import detect_format

    detected = detect_format(data)
    if chosen is ImportFormat.AUTO:
        if detected is None and mapping and b"\x00" not in data[:4096]:
            return ImportFormat.CSV  # text with a mapping: even one column is a table
        if detected is None:
            raise ImportFormatError(
                name, None, N_("not a contact file einhorn can read (vCard, CSV, LinkedIn)")
            )
        if mapping and detected not in ("vcard", *_ACTIVITY):
            return ImportFormat.CSV  # the user's mapping wins over a recognised CSV family
        return detected
    if chosen is ImportFormat.LINKEDIN and detected in _ACTIVITY:
        return detected
    return chosen.value


def _read_vcard(data: bytes, name: str, mapping: dict[str, str] | None) -> ParseResult:
    from einhorn.interchange.vcard import read_vcards

    return read_vcards(data, source=name)


def _read_linkedin(data: bytes, name: str, mapping: dict[str, str] | None) -> ParseResult:
    from einhorn.interchange.linkedin import read_connections

    return read_connections(data, source=name)


def _read_google(data: bytes, name: str, mapping: dict[str, str] | None) -> ParseResult:
    from einhorn.interchange.google_csv import read_google

    return read_google(data, source=name)


def _read_outlook(data: bytes, name: str, mapping: dict[str, str] | None) -> ParseResult:
    from einhorn.interchange.outlook_csv import read_outlook

    return read_outlook(data, source=name)


def _read_generic(data: bytes, name: str, mapping: dict[str, str] | None) -> ParseResult:
    from einhorn.interchange.generic_csv import read_generic

    return read_generic(data, source=name, mapping=mapping)


_READERS: dict[str, Callable[[bytes, str, dict[str, str] | None], ParseResult]] = {
    "vcard": _read_vcard,
    "linkedin": _read_linkedin,
    "google": _read_google,
    "outlook": _read_outlook,
    "csv": _read_generic,
}


def _messages(data: bytes, name: str) -> ActivityResult:
    from einhorn.interchange.linkedin_activity import read_messages

    return read_messages(data, source=name)


def _invitations(data: bytes, name: str) -> ActivityResult:
    from einhorn.interchange.linkedin_activity import read_invitations

    return read_invitations(data, source=name)


_ACTIVITY: dict[str, Callable[[bytes, str], ActivityResult]] = {
    "linkedin-messages": _messages,
    "linkedin-invitations": _invitations,
}


def blocking_issue(files: Iterable[SourceFile]) -> ImportIssue | None:
    """The first issue that stops an import unless bad records are to be skipped."""
    return next(
        (issue for file in files for issue in file.issues if issue.level is Level.ERROR), None
    )
