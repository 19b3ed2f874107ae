"""LinkedIn's messages.csv and Invitations.csv: who was in touch, and when; never what was said."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Literal

from einhorn.errors import ImportFormatError
from einhorn.i18n import N_
from einhorn.interchange.csv_lines import rows_with_lines
from einhorn.interchange.duplicates import profile_key
from einhorn.interchange.records import ImportIssue, Level

# quirk → (what it looks like, why it is handled, where it was seen)
QUIRKS = {
    "multi-line-content": (
        "CONTENT spanning many lines inside quotes",
        "a record is a CSV row, not a line; issues name the line the row starts on",
        "every messages.csv",
    ),
    "owner-everywhere": (
        "the account owner as sender or recipient of nearly every message",
        "the owner is the participant in the most rows and is left out; only others count",
        "every messages.csv",
    ),
    "group-recipients": (
        "several names in TO and several URLs in RECIPIENT PROFILE URLS (commas or spaces)",
        "in a group conversation every other participant was in touch",
        "group conversations",
    ),
    "drafts": (
        "IS MESSAGE DRAFT = Yes/true",
        "a draft was never sent, so nobody was in touch",
        "exports since about 2022",
    ),
    "changing-columns": (
        "no SENDER PROFILE URL/RECIPIENT PROFILE URLS, extra ATTACHMENTS, IS … DRAFT",
        "columns are found by their names, never by their position",
        "exports of every era",
    ),
    "sent-at": (
        "'2024-01-15 10:23:45 UTC', '2024/01/15 …' or '1/15/24, 3:12 PM'",
        "the format differs between files and years; only the day is kept",
        "messages.csv (ISO), Invitations.csv (US style and ISO)",
    ),
    "direction": (
        "Direction INCOMING or OUTGOING in Invitations.csv",
        "decides whether the inviter or the invitee is the other person",
        "Invitations.csv since about 2020",
    ),
    "bom": (
        "UTF-8 byte-order mark",
        "csv would read it as part of the first column",
        "Excel saves",
    ),
}

Kind = Literal["message", "invitation"]

_MESSAGE_COLUMNS = {
    "from": "from",
    "sender profile url": "from_url",
    "to": "to",
    "recipient profile urls": "to_url",
    "date": "date",
    "is message draft": "draft",
}
_INVITATION_COLUMNS = {
    "from": "from",
    "inviterprofileurl": "from_url",
    "to": "to",
    "inviteeprofileurl": "to_url",
    "sent at": "date",
    "direction": "direction",
}
_OTHER_SIDE = {"INCOMING": "from", "OUTGOING": "to"}  # the inviter invited me, I invited …
_DRAFT = frozenset({"yes", "true", "1"})
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%m/%d/%y", "%m/%d/%Y")
_YEARS = range(1900, 2201)
_URL_SEPARATOR = re.compile(r"[,\s]+")


@dataclass(frozen=True, slots=True)
class Contacted:
    """The account owner was in touch with this person on this day."""

    profile: str  # profile_key("linkedin", url) of the other person, "" without a URL
    name: str  # the other person's name as written in the file
    on: dt.date
    kind: Kind
    line: int

    @property
    def person(self) -> str:
        """Who this is: the profile key, or the folded name when there is no URL."""
        return _identity(self.profile, self.name)


@dataclass(slots=True)
class ActivityResult:
    contacted: list[Contacted] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)
    owner: str = ""  # profile key of the account owner when the file tells it

    def latest(self) -> ActivityResult:
        """Only the latest contact per person and kind, in the order people first appear."""
        best: dict[tuple[str, str], Contacted] = {}
        for entry in self.contacted:
            key = (entry.person, entry.kind)
            if key not in best or entry.on > best[key].on:
                best[key] = entry
        return ActivityResult(list(best.values()), list(self.issues), self.owner)


def parse_sent_at(text: str) -> dt.date | None:
    """The day of '2024-01-15 10:23:45 UTC' or '1/15/24, 3:12 PM'; None outside 1900–2200."""
    day = re.split(r"[\s,]", text.strip(), maxsplit=1)[0]
    for pattern in _DATE_FORMATS:
        try:
            date = dt.datetime.strptime(day, pattern).date()
        except ValueError:
            continue
        return date if date.year in _YEARS else None
    return None


def read_messages(data: bytes, *, source: str, own_profile: str | None = None) -> ActivityResult:
    """Every other participant of every sent message, with the latest day per person.

    ``own_profile`` (the owner's profile URL or key) is found from the file when not given.
    """
    result = ActivityResult()
    sent: list[tuple[int, dt.date, list[tuple[str, str]]]] = []
    rows = _table(data, source, _MESSAGE_COLUMNS, N_("no messages header row (FROM, TO, DATE)"))
    for line, fields in rows:
        if fields.get("draft", "").lower() in _DRAFT:
            continue
        on = _date(fields.get("date", ""), line, source, result)
        if on is not None:
            sent.append((line, on, _participants(fields)))
    owner = _key(own_profile) if own_profile else _owner([p for *_, p in sent], source, result)
    result.owner = owner if owner and not owner.startswith("name:") else ""
    for line, on, people in sent:
        result.contacted += [
            Contacted(profile, name, on, "message", line)
            for profile, name in people
            if _identity(profile, name) != owner
        ]
    return result.latest()


def read_invitations(data: bytes, *, source: str) -> ActivityResult:
    """The other person of every invitation, sent or received, with its day."""
    result = ActivityResult()
    header = N_("no invitations header row (From, To, Sent At)")
    for line, fields in _table(data, source, _INVITATION_COLUMNS, header):
        side = _OTHER_SIDE.get(fields.get("direction", "").upper())
        if side is None:
            reason = N_("invitation direction not readable; row not imported")
            result.issues.append(ImportIssue(source, line, reason, fields.get("direction", "")))
            continue
        own_url = fields.get(("to" if side == "from" else "from") + "_url", "")
        result.owner = result.owner or (_key(own_url) if own_url else "")
        on = _date(fields.get("date", ""), line, source, result)
        if on is not None:
            url = fields.get(side + "_url", "")
            contacted = Contacted(
                _key(url) if url else "", fields.get(side, ""), on, "invitation", line
            )
            result.contacted.append(contacted)
    return result.latest()


def _table(
    data: bytes, source: str, columns: dict[str, str], missing: str
) -> list[tuple[int, dict[str, str]]]:
    """The non-empty rows after the header (the first row naming every column needed)."""
    rows = list(rows_with_lines(data.decode("utf-8-sig", errors="replace"), source=source))
    required = {name for name, key in columns.items() if key in ("from", "to", "date")}
    header = next(
        (i for i, (_, row) in enumerate(rows) if {c.strip().lower() for c in row} >= required),
        None,
    )
    if header is None:
        raise ImportFormatError(source, None, missing)
    # Only the columns named above are kept: message contents never leave the csv reader.
    names = [columns.get(cell.strip().lower(), "") for cell in rows[header][1]]
    return [
        (line, {name: value.strip() for name, value in zip(names, row, strict=False) if name})
        for line, row in rows[header + 1 :]
        if any(cell.strip() for cell in row)
    ]


def _date(text: str, line: int, source: str, result: ActivityResult) -> dt.date | None:
    on = parse_sent_at(text)
    if on is None:
        reason = N_("date not readable; row not imported")
        result.issues.append(ImportIssue(source, line, reason, text))
    return on


def _participants(fields: dict[str, str]) -> list[tuple[str, str]]:
    """(profile key or "", name) of the sender and every recipient named in the row."""
    people = [(fields.get("from_url", ""), fields.get("from", "")), *_recipients(fields)]
    return [(_key(url) if url else "", name) for url, name in people if url or name]


def _recipients(fields: dict[str, str]) -> list[tuple[str, str]]:
    """TO names paired with their URLs when the counts agree; a lone URL takes all of TO."""
    urls = [url for url in _URL_SEPARATOR.split(fields.get("to_url", "")) if url]
    text = fields.get("to", "")
    names = [name.strip() for name in text.split(",") if name.strip()]
    if not urls:
        return [("", name) for name in names]
    if len(urls) == 1:
        return [(urls[0], text)]  # "Anna Müller, MBA" is one person, not two
    return (
        list(zip(urls, names, strict=True)) if len(names) == len(urls) else [(u, "") for u in urls]
    )


def _key(url: str) -> str:
    """profile_key of a URL; a profile key stays as it is."""
    return url if url.startswith("linkedin:") else profile_key("linkedin", url)


def _identity(profile: str, name: str) -> str:
    return profile or "name:" + name.casefold()


def _owner(
    messages: list[list[tuple[str, str]]], source: str, result: ActivityResult
) -> str | None:
    """The participant present in the most messages; None (and a note) when that is a tie."""
    counts = Counter(who for people in messages for who in {_identity(*p) for p in people})
    top = counts.most_common(2)
    if len(top) == 2 and top[0][1] == top[1][1]:
        reason = N_("account owner not recognised; everyone is reported")
        result.issues.append(ImportIssue(source, None, reason, level=Level.NOTE))
        return None
    return top[0][0] if top else None
