"""iCalendar (RFC 5545) feeds of meetings: stable UIDs, DTSTAMP, SEQUENCE raised on change, Europe/London times."""

from datetime import timedelta

from icalendar import Calendar, Event

from caresystem.db.base import utcnow
from caresystem.meetings.models import Meeting
from caresystem.meetings.service import LONDON, local_start


def calendar(meetings: list[Meeting], *, name: str, base_url: str = "") -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//caresystem//meetings//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/London")
    stamp = utcnow()
    for meeting in meetings:
        cal.add_component(_event(meeting, stamp, base_url))
    cal.add_missing_timezones()
    return cal.to_ical()


def _event(meeting: Meeting, stamp, base_url: str) -> Event:
    start = local_start(meeting)
    event = Event()
    event.add("uid", meeting.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.ical_sequence)
    event.add("summary", meeting.title)
    event.add("dtstart", start)
    event.add("dtend", (start + timedelta(minutes=meeting.duration_minutes)).astimezone(LONDON))
    event.add("status", "CANCELLED" if meeting.status == "cancelled" else "CONFIRMED")
    if meeting.location:
        event.add("location", meeting.location)
    if base_url:
        event.add("url", f"{base_url}/meetings/{meeting.id}")
    if meeting.cancelled_reason:
        event.add("description", f"Cancelled: {meeting.cancelled_reason}")
    return event
