"""Milestones as iCalendar (RFC 5545) feeds, per programme and per owner, for calendar applications.

Each dated milestone is an all-day event on its due date (forecast, else baseline). The UID is fixed for the
milestone (programme and key), SEQUENCE is the record's version less one, so it rises with every change and
calendars replace the old event; a cancelled milestone stays in the feed with STATUS:CANCELLED.
"""

from datetime import timedelta

from icalendar import Calendar, Event
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.db.base import utcnow
from caresystem.programme.core import Programme, matches, owned_by
from caresystem.programme.plan import service
from caresystem.programme.plan.models import Milestone

PRODUCT = "-//caresystem//Programme milestones//EN"


def _event(programme: Programme, milestone: Milestone, rag, stamp) -> Event:
    due = milestone.due_date
    event = Event()
    event.add("uid", f"milestone-{milestone.key}@{programme.key}.caresystem")
    event.add("dtstamp", stamp)
    event.add("last-modified", milestone.updated_at)
    event.add("sequence", milestone.version - 1)
    event.add("dtstart", due)
    event.add("dtend", due + timedelta(days=1))
    event.add("summary", milestone.title)
    lines = [f"Status: {milestone.status.replace('_', ' ')}", f"RAG: {rag.label} ({rag.reason})"]
    lines += [f"Owner: {milestone.owner}"] if milestone.owner else []
    lines += [f"Baseline: {milestone.baseline_date:%-d %B %Y}"] if milestone.baseline_date else []
    lines += [f"Projects: {', '.join(p.name for p in milestone.projects)}"] if milestone.projects else []
    event.add("description", "\n".join(lines))
    event.add("categories", [rag.label])
    event.add("transp", "TRANSPARENT")
    if milestone.status == "cancelled":
        event.add("status", "CANCELLED")
    return event


def milestone_feed(session: Session, *, actor, programme: Programme, owner: str | None = None) -> bytes:
    """The programme's dated milestones (those one person owns, when `owner` is given) as an .ics calendar."""
    service.require_view(actor)
    query = (select(Milestone).where(Milestone.programme_id == programme.id, Milestone.deleted_at.is_(None),
                                     Milestone.due_date.is_not(None))
             .options(selectinload(Milestone.projects)).order_by(Milestone.due_date, Milestone.key))
    if owner:
        query = query.where(owned_by(Milestone.owner, matches(owner)))
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{programme.name}: milestones" + (f" owned by {owner}" if owner else ""))
    rules, stamp = service.rules_of(programme), utcnow()
    for milestone in session.scalars(query):
        calendar.add_component(_event(programme, milestone, service.assess(milestone, rules), stamp))
    return calendar.to_ical()
