"""Follow-ups, due contacts and planned lunches as an iCalendar file that phone calendars show.

Reminders are all-day VEVENTs with a VALARM at 9:00 that morning: calendar apps display and
remind of events; most ignore VTODO, which is why einhorn does not use it. A lunch is a
timed event (floating local time) with an alarm an hour before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

ALARM_AFTER_MIDNIGHT = dt.timedelta(hours=9)
MEETING_ALARM_BEFORE = dt.timedelta(hours=1)
PRODID = "-//einhorn//strategic networking//EN"


@dataclass(frozen=True, slots=True)
class CalendarItem:
    """One day's reminder: ``uid`` stays the same across exports, so calendars update it."""

    uid: str
    day: dt.date
    summary: str
    description: str = ""
    starts_at: dt.time | None = None  # a meeting at this local time; None: all day
    minutes: int = 60


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
        if item.starts_at is None:
            event.add("dtstart", item.day)
            event.add("dtend", item.day + dt.timedelta(days=1))
        else:  # floating local time: the lunch is at noon wherever the user is
            start = dt.datetime.combine(item.day, item.starts_at)
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(minutes=item.minutes))
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", item.summary)
        if item.starts_at is None:
            event.add("transp", "TRANSPARENT")  # a reminder, not a meeting: the day stays free
            alarm.add("trigger", ALARM_AFTER_MIDNIGHT)
        else:
            alarm.add("trigger", -MEETING_ALARM_BEFORE)
        event.add_component(alarm)
        calendar.add_component(event)
    return bytes(calendar.to_ical())
