"""What a contact file is, from its bytes: encoding, CSV delimiter and format, never its name."""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata

from einhorn.interchange.linkedin import looks_like_connections

# quirk → (what it looks like, why it is handled, where it was seen)
QUIRKS = {
    "utf8-bom": (
        "EF BB BF before the header",
        "csv would read it as part of the first column name",
        "Excel 'CSV UTF-8', Outlook, LinkedIn",
    ),
    "utf16-bom": (
        "FF FE (or FE FF) and two bytes per character",
        "Outlook's 'Unicode' export and Google's old Outlook CSV are UTF-16 LE",
        "Outlook 2010–2021 for Windows, Google Contacts before 2017",
    ),
    "utf16-no-bom": (
        "every second byte NUL, no byte-order mark",
        "the BOM was lost by a tool that re-saved the file; the NULs give the byte order",
        "files passed through older mail clients and scripts",
    ),
    "windows-1252": (
        "umlauts as single bytes (ü = FC) that are not valid UTF-8",
        "Excel and Outlook save 'CSV' in the ANSI code page of a German or French Windows",
        "Outlook desktop export, Excel 'CSV (Trennzeichen-getrennt)'",
    ),
    "semicolon": (
        "Vorname;Nachname;E-Mail",
        "Excel and Outlook use the locale's list separator, ';' where ',' is the decimal mark",
        "German, French and Austrian Windows",
    ),
    "tab": (
        "columns separated by TAB",
        "Outlook's 'Unicode text' export and copies out of spreadsheets",
        "Outlook for Windows",
    ),
    "excel-sep-line": (
        "a first line 'sep=;' before the header",
        "Excel's hint for the delimiter; it names the delimiter and is no header",
        "files prepared for Excel by other programs",
    ),
}

DELIMITERS = (",", ";", "\t")  # in order of preference when counts tie
_SEP_LINE = re.compile(r"^sep=(.)\s*$")
_VCARD = re.compile(r"^\s*BEGIN:VCARD", re.IGNORECASE | re.MULTILINE)
# LinkedIn's other exports sit next to Connections.csv in the same archive.
_LINKEDIN_MESSAGES = frozenset({"conversation id", "from", "date"})
_LINKEDIN_INVITATIONS = frozenset({"from", "to", "sent at", "direction"})
_PROBE = 200  # bytes looked at to guess UTF-16 without a BOM


def decode_text(data: bytes) -> str:
    """The text of ``data``, BOM stripped: UTF-8, UTF-16 (with or without BOM) or cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith(codecs.BOM_UTF16_LE):
        return data[2:].decode("utf-16-le", errors="replace")
    if data.startswith(codecs.BOM_UTF16_BE):
        return data[2:].decode("utf-16-be", errors="replace")
    utf16 = _utf16_without_bom(data[:_PROBE])
    if utf16:
        return data.decode(utf16, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _utf16_without_bom(probe: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when the NULs fall on one side of most character pairs."""
    pairs = len(probe) // 2
    if pairs < 2:
        return None
    even_nuls = probe[0 : pairs * 2 : 2].count(0)
    odd_nuls = probe[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= pairs * 0.4 and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= pairs * 0.4 and odd_nuls == 0:
        return "utf-16-be"
    return None


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab, by their count outside quotes in the header line."""
    lines = [line for line in text[:65536].splitlines()[:10] if line.strip()]
    if not lines:
        return ","
    if (hint := _SEP_LINE.match(lines[0])) and hint.group(1) in DELIMITERS:
        return hint.group(1)
    counts = _count_outside_quotes(lines[0])
    best = max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equal counts
    return best if counts[best] else ","


def _count_outside_quotes(line: str) -> dict[str, int]:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    return counts


def header_row(text: str) -> list[str]:
    """The first non-empty CSV row of ``text`` (after an Excel 'sep=' line), cells stripped."""
    delimiter = sniff_delimiter(text)
    try:
        for row in csv.reader(io.StringIO(text, newline=None), delimiter=delimiter):
            cells = [cell.strip() for cell in row]
            if not any(cells) or (len(cells) <= 2 and _SEP_LINE.match(delimiter.join(cells))):
                continue
            return cells
    except csv.Error:
        return []
    return []


def detect_format(data: bytes) -> str | None:
    """The reader for ``data``: vcard, linkedin(-messages/-invitations), google, outlook or csv."""
    # The CSV readers import decode_text from here, so they are imported late.
    from einhorn.interchange.google_csv import looks_like_google
    from einhorn.interchange.outlook_csv import looks_like_outlook

    text = decode_text(data)
    if _VCARD.search(text[:2000]):
        return "vcard"
    if looks_like_connections(text):
        return "linkedin"
    if _looks_binary(text[:4000]):
        return None
    header = header_row(text)
    names = {cell.casefold() for cell in header if cell}
    if len(names) < 2:
        return None
    if names >= _LINKEDIN_MESSAGES:
        return "linkedin-messages"
    if names >= _LINKEDIN_INVITATIONS:
        return "linkedin-invitations"
    if looks_like_google(header):
        return "google"
    if looks_like_outlook(header):
        return "outlook"
    return "csv"


def _looks_binary(head: str) -> bool:
    """NULs or many control characters: an image, an archive, a spreadsheet, not text."""
    controls = sum(
        1 for char in head if unicodedata.category(char) == "Cc" and char not in "\t\r\n"
    )
    return "\x00" in head or "\ufffd" * 3 in head or controls > len(head) // 100
