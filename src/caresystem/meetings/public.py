"""Feeds without signing in: iCalendar per body, per person and for all public meetings; the Atom feed of public
meetings' agendas, papers and approved minutes."""

from datetime import timezone
from xml.sax.saxutils import escape

from fastapi import APIRouter, Request
from fastapi.responses import Response

from caresystem.db.base import utcnow
from caresystem.meetings import ical, papers, service
from caresystem.web.deps import PageActor, SessionDep

router = APIRouter(include_in_schema=False)
ICS = "text/calendar; charset=utf-8"


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/meetings/calendar.ics")
def public_calendar(request: Request, session: SessionDep, actor: PageActor):
    found = service.list_meetings(session, actor=actor, public_only=True)
    return Response(ical.calendar(found, name="Public meetings", base_url=_base(request)), media_type=ICS)


@router.get("/meetings/bodies/{key}.ics")
def body_calendar(key: str, request: Request, session: SessionDep, actor: PageActor):
    body = service.body_of(session, key, actor=actor)
    found = service.list_meetings(session, actor=actor, body_key=key)
    return Response(ical.calendar(found, name=body.name, base_url=_base(request)), media_type=ICS)


@router.get("/meetings/people/{key}.ics")
def person_calendar(key: str, request: Request, session: SessionDep, actor: PageActor):
    found = service.list_meetings(session, actor=actor, person_key=key)
    return Response(ical.calendar(found, name=f"Meetings of {key}", base_url=_base(request)), media_type=ICS)


def _stamp(value) -> str:
    value = value if value.tzinfo else value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@router.get("/meetings/feed.atom")
def atom(request: Request, session: SessionDep, actor: PageActor):
    """One entry per public meeting: its accepted agenda, its public papers, and its minutes once approved."""
    base, entries = _base(request), []
    found = service.list_meetings(session, actor=actor, public_only=True, with_items=True)
    titles, bodies = papers.public_titles(session, [m.id for m in found]), service.bodies_by_key(session)
    for meeting in reversed(found):
        items = [i.title for i in meeting.items if i.state == "accepted"]
        public_papers = titles[meeting.id]
        summary = "; ".join(items) or "Agenda to follow"
        if public_papers:
            summary += ". Papers: " + "; ".join(public_papers)
        if meeting.minutes_status == "approved":
            summary += ". Minutes approved."
        title = f"{bodies[meeting.body_key].name}, {service.local_start(meeting):%-d %B %Y}"
        if meeting.status == "cancelled":
            title += " (cancelled)"
        entries.append(f"""<entry><title>{escape(title)}</title><id>urn:uuid:{escape(meeting.uid.split('@')[0])}</id>
<link href="{base}/meetings/{meeting.id}"/><updated>{_stamp(meeting.updated_at)}</updated>
<summary>{escape(summary)}</summary></entry>""")
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Public meetings</title><id>{base}/meetings/feed.atom</id>
<link rel="self" href="{base}/meetings/feed.atom"/><updated>{_stamp(utcnow())}</updated>
<author><name>caresystem</name></author>
{''.join(entries)}
</feed>"""
    return Response(feed, media_type="application/atom+xml")
