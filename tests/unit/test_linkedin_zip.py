"""LinkedIn's export ZIP: members found anywhere, damage and bombs refused without a traceback."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import einhorn.interchange.linkedin_zip as linkedin_zip
from einhorn.errors import ImportFormatError
from einhorn.interchange.linkedin_zip import QUIRKS, looks_like_zip, read_export

FIXTURES = Path(__file__).parents[1] / "data" / "linkedin"
SOURCE = "Basic_LinkedInDataExport_01-15-2026.zip"
ANNA = "linkedin:linkedin.com/in/anna-mueller"


def _zip(tmp_path: Path, members: dict[str, str], *, stored: bool = False) -> bytes:
    """An archive whose members are fixture files (by name) or literal text (with a newline)."""
    path = tmp_path / SOURCE
    compression = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, content in members.items():
            data = content if "\n" in content else (FIXTURES / content).read_text("utf-8")
            archive.writestr(name, data)
    return path.read_bytes()


def _full_export(tmp_path: Path) -> bytes:
    return _zip(
        tmp_path,
        {
            "Connections.csv": "preamble_2024.csv",
            "messages.csv": "messages_2024.csv",
            "Invitations.csv": "invitations_2024.csv",
        },
    )


def test_connections_messages_and_invitations_are_read_from_the_archive(tmp_path: Path) -> None:
    export = read_export(_full_export(tmp_path), source=SOURCE)
    assert export.connections is not None
    assert [r.contact.display_name for r in export.connections.records] == [
        "Anna Müller",
        "Dr. Jens Weber",
        "Max Bad",
    ]
    assert {i.file for i in export.connections.issues} == {f"{SOURCE}:Connections.csv"}
    assert [(c.name, c.kind, c.on) for c in export.activity] == [
        ("Anna Müller", "invitation", dt.date(2024, 3, 1)),
        ("Jens Weber", "invitation", dt.date(2024, 2, 20)),
        ("Anna Müller", "message", dt.date(2024, 3, 2)),
        ("Jens Weber", "message", dt.date(2024, 2, 11)),
        ("Lena Kraus", "message", dt.date(2024, 2, 11)),
        ("Tom Roth", "message", dt.date(2024, 5, 5)),
    ]


def test_issues_name_the_archive_and_the_member(tmp_path: Path) -> None:
    export = read_export(_full_export(tmp_path), source=SOURCE)
    assert [(i.file, i.line) for i in export.issues] == [
        (f"{SOURCE}:Invitations.csv", 5),
        (f"{SOURCE}:Invitations.csv", 6),
        (f"{SOURCE}:messages.csv", 10),
        (f"{SOURCE}:messages.csv", 11),
    ]


def test_members_are_found_in_folders_whatever_their_case_and_slashes(tmp_path: Path) -> None:
    data = _zip(
        tmp_path,
        {
            "__MACOSX/._Connections.csv": "not a csv\n",
            "Export\\Connections.csv": "preamble_2024.csv",
            "Export/messages/MESSAGES.CSV": "messages_2024.csv",
            "Export/deeper/still/messages.csv": "FROM,TO,DATE\n",
        },
    )
    export = read_export(data, source=SOURCE)
    assert export.connections is not None
    assert len(export.connections.records) == 3
    assert export.connections.issues[0].file == f"{SOURCE}:Export\\Connections.csv"
    assert [c.name for c in export.activity] == [
        "Anna Müller",
        "Jens Weber",
        "Lena Kraus",
        "Tom Roth",
    ]
    assert {i.file for i in export.issues} == {f"{SOURCE}:Export/messages/MESSAGES.CSV"}


def test_the_owner_named_by_the_invitations_is_left_out_of_a_short_message_file(
    tmp_path: Path,
) -> None:
    messages = (
        "FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,CONTENT\n"
        "Eva Einhorn,https://www.linkedin.com/in/eva-einhorn,"
        "Anna Müller,https://www.linkedin.com/in/anna-mueller,2024-06-01 10:00:00 UTC,Hi\n"
    )
    data = _zip(
        tmp_path,
        {
            "Connections.csv": "preamble_2024.csv",
            "messages.csv": messages,
            "Invitations.csv": "invitations_2024.csv",
        },
    )
    export = read_export(data, source=SOURCE)
    assert [(c.profile, c.kind, c.on) for c in export.activity if c.kind == "message"] == [
        (ANNA, "message", dt.date(2024, 6, 1))
    ]
    assert all("owner" not in i.reason for i in export.issues)


def test_an_unreadable_member_is_an_issue_and_the_rest_is_read(tmp_path: Path) -> None:
    data = _zip(
        tmp_path,
        {"Connections.csv": "not_connections.csv", "messages.csv": "messages_2024.csv"},
    )
    export = read_export(data, source=SOURCE)
    assert export.connections is None
    unreadable_date = "date not readable; row not imported"
    assert [(i.file, i.line, i.reason) for i in export.issues] == [
        (f"{SOURCE}:Connections.csv", None, "no 'First Name,Last Name' header row"),
        (f"{SOURCE}:messages.csv", 10, unreadable_date),
        (f"{SOURCE}:messages.csv", 11, unreadable_date),
    ]
    assert len(export.activity) == 4


def test_an_archive_without_connections_is_refused_naming_it(tmp_path: Path) -> None:
    data = _zip(tmp_path, {"messages.csv": "messages_2024.csv"})
    with pytest.raises(ImportFormatError) as caught:
        read_export(data, source=SOURCE)
    assert (caught.value.file, caught.value.reason) == (SOURCE, "no Connections.csv in the archive")
    assert SOURCE in str(caught.value)


def _flip_member_byte(data: bytes) -> bytes:
    at = data.index(b"First Name") + 3
    return data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"PK\x03\x04" + b"\x00" * 40,  # magic, then nothing
        lambda data: data[: len(data) // 2],  # truncated download
        _flip_member_byte,  # a CRC error found while unpacking
        lambda data: b"Not a zip at all",
    ],
)
def test_a_damaged_archive_is_refused_without_a_traceback(
    tmp_path: Path, damage: Callable[[bytes], bytes]
) -> None:
    data = _zip(tmp_path, {"Connections.csv": "preamble_2024.csv"}, stored=True)
    with pytest.raises(ImportFormatError) as caught:
        read_export(damage(data), source=SOURCE)
    assert (caught.value.file, caught.value.reason) == (SOURCE, "not a readable ZIP archive")


def test_a_member_that_unpacks_too_large_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkedin_zip, "MAX_MEMBER_BYTES", 1000)
    bomb = "First Name,Last Name\n" + "A,B\n" * 10_000  # 40 kB that deflate to a few hundred
    data = _zip(tmp_path, {"Connections.csv": bomb})
    assert len(data) < 1000
    with pytest.raises(ImportFormatError) as caught:
        read_export(data, source=SOURCE)
    assert (caught.value.file, caught.value.reason) == (
        f"{SOURCE}:Connections.csv",
        "archive member larger than 200 MB",
    )


def test_a_member_packed_absurdly_tightly_is_refused_as_a_bomb(tmp_path: Path) -> None:
    # A few kB that unpack to 2 MB of one repeated row. (Headers claiming a smaller size do
    # no harm: zipfile never unpacks more than the size the header gives.)
    data = _zip(tmp_path, {"Connections.csv": "First Name,Last Name\n" + "A,B\n" * 500_000})
    assert len(data) < 10_000
    with pytest.raises(ImportFormatError) as caught:
        read_export(data, source=SOURCE)
    assert (caught.value.file, caught.value.reason) == (
        f"{SOURCE}:Connections.csv",
        "packed far more tightly than any real file; refused as a ZIP bomb",
    )
    assert len(str(caught.value).splitlines()) == 1


def test_an_archive_that_unpacks_too_large_in_all_is_refused_before_unpacking(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkedin_zip, "MAX_UNPACKED_BYTES", 5000)
    rows = "First Name,Last Name\n" + "Anna,Müller\n" * 300  # 3.6 kB each, 7.2 kB in all
    data = _zip(tmp_path, {"Connections.csv": rows, "Other.csv": rows})
    unpacked: list[str] = []
    monkeypatch.setattr(linkedin_zip, "_unpack", lambda *args: unpacked.append("x"))
    with pytest.raises(ImportFormatError) as caught:
        read_export(data, source=SOURCE)
    assert (caught.value.file, caught.value.reason) == (
        SOURCE,
        "unpacks to more than 200 MB; not a LinkedIn export",
    )
    assert unpacked == []


def test_the_members_read_may_not_unpack_too_large_together_whatever_the_headers_say(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "First Name,Last Name\n" + "Anna,Müller\n" * 300
    data = _zip(tmp_path, {"Connections.csv": rows, "messages.csv": rows})
    monkeypatch.setattr(linkedin_zip, "MAX_UNPACKED_BYTES", 5000)
    monkeypatch.setattr(linkedin_zip, "_refuse_a_bomb", lambda archive, source: None)
    with pytest.raises(ImportFormatError) as caught:
        read_export(data, source=SOURCE)
    assert caught.value.file == f"{SOURCE}:messages.csv"
    assert caught.value.reason == "unpacks to more than 200 MB; not a LinkedIn export"


def test_a_zip_is_recognised_by_its_magic(tmp_path: Path) -> None:
    assert looks_like_zip(_full_export(tmp_path))
    assert not looks_like_zip((FIXTURES / "preamble_2024.csv").read_bytes())
    assert not looks_like_zip(b"")


def test_every_quirk_names_its_reason_and_source() -> None:
    assert all(len(entry) == 3 and all(entry) for entry in QUIRKS.values())
