"""Clean vCard bytes into text a parser library can read: one logical line per property.

Real exports break the rules in ways the parser libraries do not forgive. Each quirk below is
handled on bytes, before decoding, because several of them (folds that split a UTF-8
character, QUOTED-PRINTABLE soft breaks, CHARSET parameters) only make sense on bytes.
"""

from __future__ import annotations

import codecs
import quopri
import re
from collections.abc import Iterator
from dataclasses import dataclass

# quirk → (what it looks like, why it is handled, where it was seen)
QUIRKS = {
    "bom": (
        "UTF-8/UTF-16 byte-order mark before BEGIN:VCARD",
        "the parser sees it as part of the first property name",
        "Outlook and Windows exports; RFC 6350 §3.1 says UTF-8 without BOM",
    ),
    "line-endings": (
        "CRLF, bare LF, bare CR and CR CR LF",
        "RFC 6350 §3.2 wants CRLF; iOS 6.1.3 wrote CR CR LF",
        "android v30_ios_613_multiline.vcf",
    ),
    "folding": (
        "continuation lines starting with a space or tab, also inside a UTF-8 character",
        "unfolding after decoding would break the character",
        "RFC 6350 §3.2; ez-vcard tests",
    ),
    "qp-soft-breaks": (
        "QUOTED-PRINTABLE values continued with a trailing '='",
        "vCard 2.1 folds encoded values this way instead of with a space",
        "vCard 2.1 §2.1.3; android v21_*.vcf",
    ),
    "charset": (
        "CHARSET=SHIFT_JIS / ISO-8859-1 / windows-1252 on a property",
        "the value's bytes are not UTF-8",
        "android v21_japanese_*.vcf, v21_multiple_entry.vcf",
    ),
    "binary": (
        "PHOTO/LOGO/SOUND/KEY with base64 data, in 2.1 without the blank line that ends it",
        "einhorn keeps no pictures; the data lines look like garbage properties",
        "android v21_base64_no_2_crlf.vcf, v21_blackberry_photo.vcf",
    ),
    "nested": (
        "AGENT property with a whole vCard inside",
        "the inner card is somebody else's, not a contact of the user",
        "vCard 2.1 §2.5.4; android v21_nest.vcf",
    ),
    "profile": (
        "PROFILE:VCARD inside the card",
        "a vCard 3.0 leftover (RFC 2426 §2.1.1) the parser takes for a second BEGIN",
        "ez-vcard John_Doe_LOTUS_NOTES.vcf",
    ),
    "version": (
        "VERSION missing, or 2.1 properties under any VERSION",
        "the cleaned card is read as vCard 3.0 whatever it said",
        "android v21_simple_*.vcf have no VERSION line",
    ),
    "junk-lines": (
        "lines without a colon (comments, stray text)",
        "not a property; skipped and reported",
        "android v21_invalid_comment_line.vcf",
    ),
}

_PROPERTY = re.compile(rb"^(?:[A-Za-z0-9-]+\.)?[A-Za-z][A-Za-z0-9-]*(?:;[^:]*)?:", re.ASCII)
_BINARY = re.compile(rb"^(?:[A-Za-z0-9-]+\.)?(PHOTO|LOGO|SOUND|KEY)[;:]", re.IGNORECASE)
_QP = re.compile(rb";(?:ENCODING=)?QUOTED-PRINTABLE[;:]", re.IGNORECASE)
_CHARSET = re.compile(rb";CHARSET=([A-Za-z0-9_.:-]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CardText:
    """One top-level card as clean text, with the file line it starts on."""

    text: str
    line: int
    skipped: tuple[tuple[int, str], ...]  # (line, why) for lines left out


def _physical_lines(data: bytes) -> list[bytes]:
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = data.decode("utf-16").encode("utf-8")
    data = data.replace(b"\r\r\n", b"\n").replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return data.split(b"\n")


def _logical_lines(lines: list[bytes]) -> Iterator[tuple[int, bytes]]:
    """Unfold (space/tab continuations, QP soft breaks); yields (first line number, bytes)."""
    current: bytearray | None = None
    start = 0
    for number, line in enumerate(lines, start=1):
        if current is not None and line[:1] in (b" ", b"\t"):
            current += line[1:]
            continue
        if current is not None and _QP.search(bytes(current)) and current.endswith(b"="):
            current[-1:] = line
            continue
        if current is not None:
            yield start, bytes(current)
        current, start = bytearray(line), number
    if current is not None:
        yield start, bytes(current)


def _decode(line: bytes) -> str:
    """One logical line to text: QP values and CHARSET parameters resolved to UTF-8."""
    charset_match = _CHARSET.search(line.split(b":", 1)[0])
    charset = charset_match.group(1).decode("ascii") if charset_match else "utf-8"
    name, sep, value = line.partition(b":")
    if _QP.search(name + b":"):
        value = quopri.decodestring(value)
        name = re.sub(rb";(?:ENCODING=)?QUOTED-PRINTABLE", b"", name, flags=re.IGNORECASE)
    name = _CHARSET.sub(b"", name)
    try:
        text = value.decode(charset)
    except (LookupError, UnicodeDecodeError):
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError:
            text = value.decode("windows-1252", errors="replace")
    # A QP value may hold line breaks; in vCard text they are written as \n.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return name.decode("ascii", errors="replace") + sep.decode() + text


def split_cards(data: bytes) -> Iterator[CardText]:
    """The top-level cards of a file as clean text, whatever its encoding and line breaks."""
    depth = 0
    body: list[str] = []
    skipped: list[tuple[int, str]] = []
    start = 0
    in_binary = False
    for number, line in _logical_lines(_physical_lines(data)):
        upper = line.strip().upper()
        if upper.startswith(b"BEGIN:VCARD"):
            depth += 1
            if depth == 1:
                body, skipped, start, in_binary = [], [], number, False
            continue
        if upper.startswith(b"END:VCARD"):
            depth -= 1
            if depth == 0:
                yield CardText(
                    "BEGIN:VCARD\r\nVERSION:3.0\r\n"
                    + "".join(f"{x}\r\n" for x in body)
                    + "END:VCARD\r\n",
                    start,
                    tuple(skipped),
                )
            depth = max(depth, 0)
            continue
        if depth != 1 or not line.strip():
            in_binary = in_binary and bool(line.strip())
            continue
        if _BINARY.match(line):
            in_binary = True
            continue
        if not _PROPERTY.match(line):
            if not in_binary:
                skipped.append((number, "not a vCard property"))
            continue
        in_binary = False
        if upper.startswith((b"AGENT", b"PROFILE:", b"VERSION:")):
            continue
        body.append(_decode(line))
