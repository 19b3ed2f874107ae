"""Follow-ups and due contacts as an iCalendar file that phone calendars show.

All-day VEVENTs with a VALARM at 9:00 that morning: calendar apps display and remind of
events; most ignore VTODO, which is why einhorn does not use it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

ALARM_AFTER_MIDNIGHT = dt.timedelta(hours=9)
PRODID = "-//einhorn//strategic networking//EN"


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One day's reminder: ``uid`` stays the same across exports, so calendars update it."""

    uid: str
    day: dt.date
    summary: str
    description: str = ""


def calendar_bytes(items: Sequence[CalendarItem], *, stamp: dt.datetime) -> bytes:
    from icalendar import Alarm, Calendar, Event  # only exports need it

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "einhorn")
    for item in items:
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.day)
        event.add("dtend", item.day + dt.timedelta(days=1))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        alarm.add("trigger", ALARM_AFTER_MIDNIGHT)
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
