"""Encoding, delimiter and format of a contact file, recognised from its bytes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from einhorn.interchange.sniff import QUIRKS, decode_text, detect_format, sniff_delimiter

DATA = Path(__file__).parents[1] / "data"
# Folder → the format every file in it is; LinkedIn's files differ and are listed one by one.
FOLDER_FORMATS = {"google": "google", "outlook": "outlook", "csv": "csv", "vcard": "vcard"}
LINKEDIN_FORMATS = {
    "preamble_2024.csv": "linkedin",
    "no_url_2018.csv": "linkedin",
    "not_connections.csv": "csv",
    "messages_2024.csv": "linkedin-messages",
    "invitations_2024.csv": "linkedin-invitations",
}
FIXTURES = sorted(
    path
    for folder in FOLDER_FORMATS
    for path in (DATA / folder).iterdir()
    if path.suffix in (".csv", ".vcf")
)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (codecs.BOM_UTF8 + "Köln,Düsseldorf".encode(), "Köln,Düsseldorf"),
        (codecs.BOM_UTF16_LE + "Köln,Düsseldorf".encode("utf-16-le"), "Köln,Düsseldorf"),
        (codecs.BOM_UTF16_BE + "Köln,Düsseldorf".encode("utf-16-be"), "Köln,Düsseldorf"),
        (
            "Vorname;Nachname\r\nJürgen;Größner".encode("utf-16-le"),
            "Vorname;Nachname\r\nJürgen;Größner",
        ),
        (
            "Vorname;Nachname\r\nJürgen;Größner".encode("utf-16-be"),
            "Vorname;Nachname\r\nJürgen;Größner",
        ),
        ("Straße,Weiß".encode(), "Straße,Weiß"),
        ("Straße,Weiß,80 €".encode("cp1252"), "Straße,Weiß,80 €"),
        (b"", ""),
    ],
    ids=["utf8-bom", "utf16le-bom", "utf16be-bom", "utf16le", "utf16be", "utf8", "cp1252", "empty"],
)
def test_text_is_decoded_whatever_the_encoding_and_the_bom_is_gone(data: bytes, text: str) -> None:
    assert decode_text(data) == text


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("First Name,Last Name,E-mail Address\nAnna,Müller,a@b.de", ","),
        ("Vorname;Nachname;E-Mail\nAnna;Müller;a@b.de", ";"),
        ("Prénom\tNom\tAdresse de messagerie\n", "\t"),
        ('"Name, Vorname";"E-Mail";"Firma, Abteilung"\n', ";"),
        ("\n\nName;Firma\n", ";"),
        ("sep=;\nName,Firma,Ort\n", ";"),
        ("Name\nAnna\n", ","),
        ("", ","),
    ],
    ids=[
        "comma",
        "semicolon",
        "tab",
        "quoted-commas",
        "blank-lines",
        "sep-line",
        "one-column",
        "empty",
    ],
)
def test_the_delimiter_is_counted_outside_quotes_in_the_header(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize("path", FIXTURES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_fixture_is_recognised_as_the_format_of_its_folder(path: Path) -> None:
    assert detect_format(path.read_bytes()) == FOLDER_FORMATS[path.parent.name]


@pytest.mark.parametrize(("name", "expected"), sorted(LINKEDIN_FORMATS.items()))
def test_linkedin_exports_are_told_apart_by_their_header(name: str, expected: str) -> None:
    assert detect_format((DATA / "linkedin" / name).read_bytes()) == expected


def test_a_vcard_is_found_after_blank_lines_and_in_utf16_without_a_bom() -> None:
    card = "\r\n\r\n  BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna Müller\r\nEND:VCARD\r\n"
    assert detect_format(card.encode()) == "vcard"
    assert detect_format(card.encode("utf-16-le")) == "vcard"


def test_google_and_outlook_are_told_apart_by_their_columns_not_the_file_name() -> None:
    google = (DATA / "google" / "legacy_family.csv").read_bytes().decode()
    outlook = (DATA / "outlook" / "outlook_com.csv").read_bytes().decode()
    assert detect_format(codecs.BOM_UTF16_LE + google.encode("utf-16-le")) == "google"
    assert detect_format(outlook.replace(",", ";").encode("cp1252")) == "outlook"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"Name\nAnna M\xc3\xbcller\n",
        b"Dear Anna\nsee you at the fair\n",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
    ],
    ids=["empty", "blank", "one-column", "prose", "png", "zip"],
)
def test_what_is_no_contact_file_is_none(data: bytes) -> None:
    assert detect_format(data) is None


def test_every_quirk_names_its_reason_and_source() -> None:
    assert all(len(entry) == 3 and all(entry) for entry in QUIRKS.values())
