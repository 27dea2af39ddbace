"""The rules of meetings: terms of reference, schedules from the frequency, moves and cancellations, attendance
and quorum, and who may see a meeting."""

import uuid
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.auth import Actor, Permission, User, require
from caresystem.db import as_at_filter
from caresystem.db.versioning import apply_changes, check_version, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.meetings import cadence, quorum
from caresystem.meetings.models import Attendance, Meeting, MemberAccount, TermsOfReference
from caresystem.meetings.schemas import (MeetingCancel, MeetingCreate, MeetingMove, TermsUpdate)
from caresystem.system.governance import GovernanceBody, Membership, Person

LONDON = ZoneInfo("Europe/London")


def require_edit(actor: Actor) -> None:
    require(actor, Permission.EDIT_MEETINGS)


def body_of(session: Session, key: str, *, actor: Actor | None = None) -> GovernanceBody:
    """The body with this key; its id is remembered for the session, so later look-ups use the identity map."""
    ids = session.info.setdefault("meetings.body_ids", {})
    body = session.get(GovernanceBody, ids[key]) if key in ids else None
    if body is None:
        body = session.scalar(select(GovernanceBody).where(GovernanceBody.key == key))
        if body is not None:
            ids[key] = body.id
    if body is None or (actor is not None and not body.public and not actor.can(Permission.VIEW_INTERNAL)):
        raise NotFound(f"No governance body with key {key!r}.")
    return body


def bodies_by_key(session: Session) -> dict[str, GovernanceBody]:
    return {b.key: b for b in session.scalars(select(GovernanceBody))}


# Terms of reference ---------------------------------------------------------------------------------------------

def terms_of(session: Session, body_key: str) -> TermsOfReference:
    """The body's terms of reference; a body without any gets defaults (not saved) with its frequency read from
    the body's own frequency text."""
    terms = session.scalar(select(TermsOfReference).where(TermsOfReference.body_key == body_key))
    return terms if terms is not None else default_terms(body_of(session, body_key))


def default_terms(body: GovernanceBody) -> TermsOfReference:
    return TermsOfReference(body_key=body.key, frequency=cadence.frequency_from_text(body.frequency),
                            quorum_roles=[], quorum_chair_or_vice=False, usual_time="10:00", duration_minutes=120)


def terms_by_body(session: Session) -> dict[str, TermsOfReference]:
    """The saved terms of reference of every body, in one query (for lists of meetings)."""
    return {t.body_key: t for t in session.scalars(select(TermsOfReference))}


def rule_of(terms: TermsOfReference) -> quorum.Rule:
    return quorum.Rule(terms.quorum_share, bool(terms.quorum_chair_or_vice), tuple(terms.quorum_roles or ()))


def update_terms(session: Session, *, actor: Actor, body_key: str, data: TermsUpdate) -> TermsOfReference:
    require_edit(actor)
    body_of(session, body_key)
    if data.frequency is not None and data.frequency not in cadence.FREQUENCIES:
        raise Invalid.one("frequency", f"must be one of {', '.join(cadence.FREQUENCIES)} (or empty: as agreed)")
    values = data.model_dump(exclude={"version"})
    values["quorum_roles"] = [r.strip() for r in values["quorum_roles"] if r and r.strip()]
    terms = session.scalar(select(TermsOfReference).where(TermsOfReference.body_key == body_key))
    if terms is None:
        terms = TermsOfReference(body_key=body_key, **values)
        session.add(terms)
    else:
        if data.version is None:
            raise Invalid.one("version", "give the version of the terms of reference you edited")
        apply_changes(terms, values, expected_version=data.version, label=f"Terms of reference of {body_key}")
    flush_or_conflict(session, f"Terms of reference of {body_key}")
    return terms


# Meetings -------------------------------------------------------------------------------------------------------

def _aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def local_start(meeting: Meeting) -> datetime:
    return _aware(meeting.starts_at).astimezone(LONDON)


def meeting_date(meeting: Meeting) -> date:
    return local_start(meeting).date()


def _utc(day: date, hhmm: str) -> datetime:
    hours, minutes = (int(p) for p in hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=LONDON).astimezone(timezone.utc)


def paper_deadline(terms: TermsOfReference, meeting: Meeting) -> date | None:
    days = terms.paper_deadline_days
    return None if days is None else cadence.working_days_before(meeting_date(meeting), days)


def _seats(session: Session, body: GovernanceBody, on: date) -> list[Attendance]:
    members = session.scalars(select(Membership).where(Membership.body_id == body.id, as_at_filter(Membership, on))
                              .options(selectinload(Membership.person)).order_by(Membership.id))
    seats = []
    for m in members:
        name = ", ".join(p for p in (m.person.name if m.person else None, m.role_title, m.organisation_code) if p)
        seats.append(Attendance(name=name, person_key=m.person.key if m.person else None,
                                membership_role=m.membership_role, voting=m.voting,
                                status="in_attendance" if m.membership_role == "attendee" else "absent"))
    return seats


def _new_meeting(session: Session, body: GovernanceBody, terms: TermsOfReference, on: date, hhmm: str | None,
                 location: str | None) -> Meeting:
    meeting = Meeting(uid=f"{uuid.uuid4()}@caresystem", body_key=body.key, title=f"{body.name}",
                      starts_at=_utc(on, hhmm or terms.usual_time), duration_minutes=terms.duration_minutes,
                      location=location or terms.location, attendance=_seats(session, body, on))
    session.add(meeting)
    return meeting


def _on_date(session: Session, body_key: str, day: date) -> bool:
    start, end = _utc(day, "00:00"), _utc(day + timedelta(days=1), "00:00")
    return session.scalar(select(Meeting.id).where(Meeting.body_key == body_key, Meeting.starts_at >= start,
                                                   Meeting.starts_at < end)) is not None


def schedule(session: Session, *, actor: Actor, body_key: str, first: date, until: date) -> list[Meeting]:
    """Meetings for a period at the body's frequency; a date that already has one of its meetings is left alone."""
    require_edit(actor)
    body, terms = body_of(session, body_key), terms_of(session, body_key)
    errors = []
    if until < first:
        errors.append(FieldError("until", "must be on or after the first date"))
    if until > first + timedelta(days=3 * 366):
        errors.append(FieldError("until", "a schedule covers at most three years"))
    if terms.frequency is None:
        errors.append(FieldError("body", f"{body.name} has no regular frequency in its terms of reference; "
                                         "set one, or add meetings one at a time"))
    if errors:
        raise Invalid(errors)
    made = [_new_meeting(session, body, terms, day, None, None)
            for day in cadence.occurrences(terms.frequency, first, until) if not _on_date(session, body_key, day)]
    flush_or_conflict(session, f"Meetings of {body.name}")
    return made


def create_meeting(session: Session, *, actor: Actor, data: MeetingCreate) -> Meeting:
    require_edit(actor)
    body = body_of(session, data.body)
    meeting = _new_meeting(session, body, terms_of(session, body.key), data.on, data.time, data.location)
    flush_or_conflict(session, f"Meeting of {body.name}")
    return meeting


def visible_to(session: Session, actor: Actor, meeting: Meeting) -> bool:
    if actor.can(Permission.VIEW_INTERNAL):
        return True
    body = body_of(session, meeting.body_key)
    return body.public and body.meets_in_public


def get_meeting(session: Session, meeting_id: int, *, actor: Actor) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None or not visible_to(session, actor, meeting):
        raise NotFound(f"No meeting {meeting_id}.")
    return meeting


def _editable(session: Session, actor: Actor, meeting_id: int, version: int) -> Meeting:
    require_edit(actor)
    meeting = get_meeting(session, meeting_id, actor=actor)
    check_version(meeting, version, f"The meeting of {meeting.title}")
    return meeting


def move_meeting(session: Session, *, actor: Actor, meeting_id: int, data: MeetingMove) -> Meeting:
    """A moved meeting keeps its UID and raises its iCalendar SEQUENCE, so calendars update it in place."""
    meeting = _editable(session, actor, meeting_id, data.version)
    if meeting.status == "cancelled":
        raise Invalid.one("on", "a cancelled meeting cannot be moved; add a new meeting instead")
    new_start = _utc(data.on, data.time)
    if new_start != _aware(meeting.starts_at):
        meeting.moved_from = meeting.moved_from or meeting.starts_at
        meeting.starts_at = new_start
    meeting.location = data.location if data.location is not None else meeting.location
    meeting.ical_sequence += 1
    flush_or_conflict(session, f"The meeting of {meeting.title}")
    return meeting


def cancel_meeting(session: Session, *, actor: Actor, meeting_id: int, data: MeetingCancel) -> Meeting:
    meeting = _editable(session, actor, meeting_id, data.version)
    meeting.status, meeting.cancelled_reason = "cancelled", data.reason.strip()
    meeting.ical_sequence += 1
    flush_or_conflict(session, f"The meeting of {meeting.title}")
    return meeting


def list_meetings(session: Session, *, actor: Actor, body_key: str | None = None, person_key: str | None = None,
                  public_only: bool = False, since: date | None = None, until: date | None = None,
                  limit: int = 500, with_items: bool = False) -> list[Meeting]:
    """Meetings in date order; anonymous visitors (or `public_only`) see only bodies that meet in public."""
    query = select(Meeting).order_by(Meeting.starts_at)
    if with_items:
        query = query.options(selectinload(Meeting.items))
    if body_key:
        query = query.where(Meeting.body_key == body_key)
    if person_key:
        query = query.where(Meeting.attendance.any(Attendance.person_key == person_key))
    if since:
        query = query.where(Meeting.starts_at >= _utc(since, "00:00"))
    if until:
        query = query.where(Meeting.starts_at < _utc(until + timedelta(days=1), "00:00"))
    if public_only or not actor.can(Permission.VIEW_INTERNAL):
        public = select(GovernanceBody.key).where(GovernanceBody.meets_in_public.is_(True),
                                                  GovernanceBody.public.is_(True))
        query = query.where(Meeting.body_key.in_(public))
    return list(session.scalars(query.limit(limit)))


def previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    """The body's last meeting before this one that was not cancelled."""
    return session.scalar(select(Meeting).where(Meeting.body_key == meeting.body_key,
                                                Meeting.starts_at < meeting.starts_at, Meeting.status != "cancelled")
                          .order_by(Meeting.starts_at.desc()).limit(1))


def next_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    return session.scalar(select(Meeting).where(Meeting.body_key == meeting.body_key,
                                                Meeting.starts_at > meeting.starts_at, Meeting.status != "cancelled")
                          .order_by(Meeting.starts_at).limit(1))


# Attendance and quorum -----------------------------------------------------------------------------------------

def set_attendance(session: Session, *, actor: Actor, meeting_id: int, statuses: dict[int, str]) -> Meeting:
    require_edit(actor)
    meeting = get_meeting(session, meeting_id, actor=actor)
    seats = {a.id: a for a in meeting.attendance}
    errors = []
    for seat_id, status in statuses.items():
        if seat_id not in seats:
            errors.append(FieldError(f"statuses.{seat_id}", "is not a seat at this meeting"))
        elif status not in quorum.ATTENDANCE_STATUSES:
            errors.append(FieldError(f"statuses.{seat_id}", f"must be one of {', '.join(quorum.ATTENDANCE_STATUSES)}"))
    if errors:
        raise Invalid(errors)
    for seat_id, status in statuses.items():
        if seats[seat_id].status != status:
            seats[seat_id].status = status
    flush_or_conflict(session, f"Attendance at {meeting.title}")
    return meeting


def add_guest(session: Session, *, actor: Actor, meeting_id: int, name: str) -> Attendance:
    require_edit(actor)
    meeting = get_meeting(session, meeting_id, actor=actor)
    guest = Attendance(meeting=meeting, name=name.strip(), membership_role="attendee", voting=False,
                       status="in_attendance")
    session.add(guest)
    flush_or_conflict(session, f"Attendance at {meeting.title}")
    return guest


def quorum_of(session: Session, meeting: Meeting) -> quorum.Quorum:
    seats = [quorum.Seat(a.name, a.membership_role, a.voting, a.status) for a in meeting.attendance]
    return quorum.assess(rule_of(terms_of(session, meeting.body_key)), seats)


# Members' accounts -----------------------------------------------------------------------------------------------

def link_account(session: Session, *, actor: Actor, username: str, person_key: str) -> MemberAccount:
    require(actor, Permission.MANAGE_USERS)
    if session.scalar(select(Person.id).where(Person.key == person_key)) is None:
        raise Invalid.one("person", f"there is no person with key {person_key!r}")
    if session.scalar(select(User.id).where(User.username == username)) is None:
        raise Invalid.one("username", f"there is no user {username!r}")
    link = session.scalar(select(MemberAccount).where(MemberAccount.username == username))
    if link is None:
        link = MemberAccount(username=username, person_key=person_key)
        session.add(link)
    else:
        link.person_key = person_key
    flush_or_conflict(session, f"Account {username}")
    return link


def is_member(session: Session, actor: Actor, meeting: Meeting) -> bool:
    """The actor's account is a person with a seat at this meeting."""
    if not actor.is_authenticated:
        return False
    person = session.scalar(select(MemberAccount.person_key).where(MemberAccount.username == actor.username))
    return person is not None and any(a.person_key == person for a in meeting.attendance)


def member_accounts(session: Session, *, actor: Actor) -> list[tuple[MemberAccount, str | None]]:
    """Every account linked to a person, with the person's name (None if the person has since gone)."""
    require(actor, Permission.MANAGE_USERS)
    query = (select(MemberAccount, Person.name).outerjoin(Person, Person.key == MemberAccount.person_key)
             .order_by(MemberAccount.username))
    return [(link, name) for link, name in session.execute(query)]
