"""The lunch plan as a calendar: a download, and a private feed that calendar apps subscribe to.

A feed link carries a random secret. Only its SHA-256 hash is stored, so neither a copy of the
database nor its log can be turned into a working link; the secret is shown once, when made.
One link per account: making a new one revokes the old (rotation), and revoking ends the feed.

Light on purpose (no solver): a calendar app polls the feed, and the answer must be quick.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from collections.abc import Sequence

from einhorn.domain.plans import SlotStatus
from einhorn.i18n import gettext
from einhorn.interchange.icalendar_export import CalendarItem, calendar_bytes
from einhorn.services.plan_views import SlotView, slot_views
from einhorn.services.ports import UnitOfWork

TOKEN_BYTES = 32  # 256 bits: guessing is hopeless, so the feed needs no login
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")  # what secrets.token_urlsafe(32) gives
LUNCH_AT = dt.time(12, 0)
LUNCH_MINUTES = 60
# The feed keeps recent lunches: a calendar app deletes events that vanish from a feed, and
# the lunches of the past weeks are worth seeing there.
FEED_HISTORY = dt.timedelta(weeks=4)


def feed_token_hash(token: str) -> str:
    """The SHA-256 hash (hex) under which a feed's secret is stored and looked up.

    A plain hash is enough (no salt, no slow hash): the secret is 256 random bits, not a
    password a person chose.
    """
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def is_feed_token(token: str) -> bool:
    """Whether ``token`` could be a feed secret at all (anything else needs no lookup)."""
    return _TOKEN.fullmatch(token) is not None


def new_feed(*, uow: UnitOfWork, now: dt.datetime) -> str:
    """A new feed link for the account, replacing any earlier one; returns its secret.

    The secret is returned this once and never stored.
    """
    token = secrets.token_urlsafe(TOKEN_BYTES)
    uow.feeds.remove_all()
    uow.feeds.add(feed_token_hash(token), now)
    uow.commit()
    return token


def revoke_feed(*, uow: UnitOfWork) -> int:
    """End the account's calendar feed: its link stops working at once."""
    removed = uow.feeds.remove_all()
    uow.commit()
    return removed


def lunch_items(*, uow: UnitOfWork, views: Sequence[SlotView]) -> list[CalendarItem]:
    """The lunches with a person as calendar events at noon.

    The uid is the account and the day, so a calendar updates the event when the person
    changes instead of showing two lunches.
    """
    return [
        CalendarItem(
            uid=f"einhorn-lunch-{uow.account.key}-{view.slot.day.isoformat()}",
            day=view.slot.day,
            summary=gettext("Lunch with {name}").format(name=view.name),
            description=view.why,
            starts_at=LUNCH_AT,
            minutes=LUNCH_MINUTES,
        )
        for view in views
        if view.name and view.slot.status is not SlotStatus.SKIPPED
    ]


def plan_ics(
    *, uow: UnitOfWork, today: dt.date, now: dt.datetime, since: dt.date | None = None
) -> bytes:
    """The lunch plan from ``since`` (default: today) on as an iCalendar file."""
    views = slot_views(uow, uow.plans.slots(since or today))
    return calendar_bytes(lunch_items(uow=uow, views=views), stamp=now)


def feed_ics(*, uow: UnitOfWork, today: dt.date, now: dt.datetime) -> bytes:
    """What the calendar feed serves: the plan ahead and the lunches of the last weeks."""
    return plan_ics(uow=uow, today=today, now=now, since=today - FEED_HISTORY)
