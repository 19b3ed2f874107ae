"""Dates as people type them: ISO (2026-11-26), German (26.11.2026), and a few words."""

from __future__ import annotations

import datetime as dt
import re

from einhorn.errors import InvalidInput
from einhorn.i18n import N_

_GERMAN = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Wider than any real contact history, narrow enough that date arithmetic never overflows.
MIN_YEAR, MAX_YEAR = 1900, 2200
_RELATIVE = {"today": 0, "heute": 0, "yesterday": -1, "gestern": -1, "tomorrow": 1, "morgen": 1}


def parse_date(text: str, field: str = "date", *, today: dt.date | None = None) -> dt.date:
    """Parse ``text`` or raise InvalidInput naming ``field``.

    Two-digit German years count as 20xx: people write 26.11.26 for this century.
    """
    value = text.strip().casefold()
    if value in _RELATIVE:
        return (today or dt.date.today()) + dt.timedelta(days=_RELATIVE[value])
    if match := _ISO.match(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _GERMAN.match(value):
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000
    else:
        raise InvalidInput(field, text, N_("write dates as 2026-11-26 or 26.11.2026"))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise InvalidInput(field, text, N_("the year must lie between 1900 and 2200"))
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise InvalidInput(field, text, N_("no such day in the calendar")) from None
