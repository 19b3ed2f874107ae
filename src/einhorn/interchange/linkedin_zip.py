"""LinkedIn's data export as the ZIP it arrives in: connections, messages and invitations."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from einhorn.errors import ImportFormatError
from einhorn.i18n import N_
from einhorn.interchange.linkedin import read_connections
from einhorn.interchange.linkedin_activity import (
    Contacted,
    read_invitations,
    read_messages,
)
from einhorn.interchange.records import ImportIssue, ParseResult

# quirk → (what it looks like, why it is handled, where it was seen)
QUIRKS = {
    "nested-members": (
        "'messages/messages.csv' instead of 'messages.csv'",
        "members are found by their base name anywhere in the archive, case-insensitively",
        "re-zipped exports and the 'Complete' export",
    ),
    "backslash-paths": (
        "'Export\\Connections.csv' as a member name",
        "some Windows zip tools write backslashes, which zipfile keeps on other systems",
        "archives re-packed on Windows",
    ),
    "macos-forks": (
        "'__MACOSX/._Connections.csv' next to the real member",
        "Finder's resource forks are not CSV; that folder is ignored",
        "archives re-packed on macOS",
    ),
    "zip-bomb": (
        "a member that unpacks to far more than it takes in the archive",
        "nothing larger than 200 MB is unpacked; a real export is a few MB",
        "hostile uploads",
    ),
}

MAX_MEMBER_BYTES = 200 * 1000 * 1000
_ZIP_MAGIC = b"PK\x03\x04"
_CONNECTIONS = "connections.csv"
_Result = TypeVar("_Result")


# What zipfile raises for a damaged, truncated, encrypted or oddly compressed archive.
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError)


@dataclass(slots=True)
class LinkedInExport:
    """What the archive held; ``issues`` are the activity files' and the unreadable members'."""

    connections: ParseResult | None  # None when Connections.csv is there but unreadable
    activity: list[Contacted] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)


def looks_like_zip(data: bytes) -> bool:
    return data.startswith(_ZIP_MAGIC)


def read_export(data: bytes, *, source: str) -> LinkedInExport:
    """Connections.csv (required), Invitations.csv and messages.csv of a LinkedIn export ZIP."""
    with _archive(data, source) as archive:
        if _CONNECTIONS not in archive.members:
            raise ImportFormatError(source, None, N_("no Connections.csv in the archive"))
        connections = archive.read(_CONNECTIONS, lambda b, name: read_connections(b, source=name))
        invitations = archive.read(
            "invitations.csv", lambda b, name: read_invitations(b, source=name)
        )
        # Invitations name the owner for sure; from messages.csv alone it is a guess.
        owner = (invitations.owner if invitations else "") or None
        messages = archive.read(
            "messages.csv", lambda b, name: read_messages(b, source=name, own_profile=owner)
        )
    read = [result for result in (invitations, messages) if result is not None]
    activity = [entry for result in read for entry in result.contacted]
    issues = archive.issues + [issue for result in read for issue in result.issues]
    return LinkedInExport(connections, activity, issues)


@dataclass(slots=True)
class _Archive:
    """The open ZIP with its members by lower-case base name, and the members it refused."""

    zip: zipfile.ZipFile
    source: str
    members: dict[str, zipfile.ZipInfo]
    issues: list[ImportIssue] = field(default_factory=list)

    def read(self, base: str, reader: Callable[[bytes, str], _Result]) -> _Result | None:
        """``reader(bytes, name)`` of the member if there; a member it refuses is an issue."""
        info = self.members.get(base)
        if info is None:
            return None
        name = f"{self.source}:{info.filename}"
        data = _unpack(self.zip, info, name)
        try:
            return reader(data, name)
        except ImportFormatError as exc:
            self.issues.append(ImportIssue(exc.file, exc.line, exc.reason))
            return None


@contextmanager
def _archive(data: bytes, source: str) -> Iterator[_Archive]:
    """The open archive; damage found while opening or unpacking becomes ImportFormatError."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            yield _Archive(archive, source, _members(archive))
    except _ZIP_ERRORS as exc:
        raise ImportFormatError(source, None, N_("not a readable ZIP archive")) from exc


def _members(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """Lower-case base name → member; the shallowest wins when a name occurs twice."""
    found: dict[str, zipfile.ZipInfo] = {}
    for info in sorted(archive.infolist(), key=lambda i: len(re.split(r"[/\\]", i.filename))):
        if info.is_dir() or info.filename.startswith("__MACOSX/"):
            continue
        found.setdefault(re.split(r"[/\\]", info.filename)[-1].lower(), info)
    return found


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """The member's bytes, refusing more than MAX_MEMBER_BYTES whatever its header claims."""
    too_large = ImportFormatError(name, None, N_("archive member larger than 200 MB"))
    if info.file_size > MAX_MEMBER_BYTES:
        raise too_large
    with archive.open(info) as handle:
        data = handle.read(MAX_MEMBER_BYTES + 1)
    if len(data) > MAX_MEMBER_BYTES:
        raise too_large
    return data
