"""How long a stored text may be: one set of limits for the domain's checks and the columns.

SQLite would store longer values; PostgreSQL refuses them. Checking here gives the same
clear error on both, naming the field, and keeps data movable between them.
"""

from __future__ import annotations

from einhorn.errors import InvalidInput
from einhorn.i18n import N_, gettext

NAME = 300
NAME_PART = 200
TITLE = 100
ORGANISATION = 300  # company, position, department, an interaction's place
PLACE = 200  # city, sector
COUNTRY = 100
EMAIL = 320  # RFC 5321: 64 + 1 + 255
PHONE = 64
NETWORK = 32
URL = 1000
TAG = 100


def check_length(field: str, value: str, limit: int) -> str:
    """``value`` unchanged, or InvalidInput naming ``field`` when it is longer than ``limit``."""
    if len(value) > limit:
        shown = value[:40] + "…"
        reason = gettext(N_("longer than {limit} characters")).format(limit=limit)
        raise InvalidInput(field, shown, reason)
    return value
