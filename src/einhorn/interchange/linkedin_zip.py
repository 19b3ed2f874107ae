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
    "zip-bomb-total": (
        "many members, or headers that claim small sizes, adding up to gigabytes",
        "the whole archive may unpack to 200 MB at most, counted from the headers before "
        "anything is unpacked and again while unpacking (headers can lie)",
        "hostile uploads (42.zip, overlapping-member bombs)",
    ),
    "zip-bomb-ratio": (
        "a member packed hundreds of times smaller than its content",
        "deflate packs a contact CSV 3 to 10 times; beyond MAX_RATIO (and past 1 MB) it is "
        "a bomb, refused before it fills the memory",
        "hostile uploads",
    ),
}

MAX_MEMBER_BYTES = 200 * 1000 * 1000
MAX_UNPACKED_BYTES = 200 * 1000 * 1000  # every member of the archive together
MAX_RATIO = 100  # unpacked size / packed size of one member
RATIO_FLOOR = 1000 * 1000  # a member smaller than this may pack as tightly as it likes
_CHUNK = 1 << 20
_TOO_MUCH = N_("unpacks to more than 200 MB; not a LinkedIn export")
_BOMB = N_("packed far more tightly than any real file; refused as a ZIP bomb")
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
    unpacked: int = 0  # bytes unpacked so far, against MAX_UNPACKED_BYTES

    def read(self, base: str, reader: Callable[[bytes, str], _Result]) -> _Result | None:
        """``reader(bytes, name)`` of the member if there; a member it refuses is an issue."""
        info = self.members.get(base)
        if info is None:
            return None
        name = f"{self.source}:{info.filename}"
        data = _unpack(self.zip, info, name, MAX_UNPACKED_BYTES - self.unpacked)
        self.unpacked += len(data)
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
            _refuse_a_bomb(archive, source)
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


def _refuse_a_bomb(archive: zipfile.ZipFile, source: str) -> None:
    """Refuse, before unpacking anything, an archive whose headers already admit that it
    unpacks to more than MAX_UNPACKED_BYTES (a real export is a few MB)."""
    if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
        raise ImportFormatError(source, None, _TOO_MUCH)


def _absurdly_packed(unpacked: int, packed: int) -> bool:
    return unpacked > RATIO_FLOOR and unpacked > MAX_RATIO * max(packed, 1)


def _unpack(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, room: int) -> bytes:
    """The member's bytes, refusing a ratio beyond MAX_RATIO and more than MAX_MEMBER_BYTES
    (or the ``room`` left of MAX_UNPACKED_BYTES). The sizes are counted while unpacking, a
    chunk at a time, too: zipfile stops at the size the header gives, but this does not
    depend on it."""
    too_large = ImportFormatError(name, None, N_("archive member larger than 200 MB"))
    if info.file_size > MAX_MEMBER_BYTES:
        raise too_large
    if _absurdly_packed(info.file_size, info.compress_size):
        raise ImportFormatError(name, None, _BOMB)
    chunks: list[bytes] = []
    size = 0
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            if size > MAX_MEMBER_BYTES:
                raise too_large
            if size > room:
                raise ImportFormatError(name, None, _TOO_MUCH)
            chunks.append(chunk)
    return b"".join(chunks)
