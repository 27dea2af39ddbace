"""Declarations of interest made at a meeting against its agenda items, with the action taken."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import Actor
from caresystem.db.versioning import flush_or_conflict
from caresystem.errors import Invalid, NotFound
from caresystem.meetings import service
from caresystem.meetings.models import Declaration, Meeting
from caresystem.meetings.reads import shows_minutes
from caresystem.meetings.schemas import DECLARATION_ACTIONS, DeclarationCreate
from caresystem.system.interests import declarable_interests, interests_of


def declare(session: Session, *, actor: Actor, meeting_id: int, data: DeclarationCreate) -> Declaration:
    service.require_edit(actor)
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    if data.action_taken not in DECLARATION_ACTIONS:
        raise Invalid.one("action_taken", f"must be one of {', '.join(DECLARATION_ACTIONS)}")
    if data.item_id is not None and data.item_id not in {i.id for i in meeting.items}:
        raise Invalid.one("item_id", "is not an item on this meeting's agenda")
    if data.interest_reference:
        _check_register(session, data, service.meeting_date(meeting))
    declaration = Declaration(meeting_id=meeting.id, agenda_item_id=data.item_id, person_name=data.person_name.strip(),
                              person_key=data.person_key, interest=data.interest.strip(),
                              interest_reference=data.interest_reference, action_taken=data.action_taken)
    session.add(declaration)
    flush_or_conflict(session, f"Declaration at {meeting.title}")
    return declaration


def _check_register(session: Session, data: DeclarationCreate, on: date) -> None:
    """A declaration that names a register entry must be that person's, and in force on the meeting date."""
    if not data.person_key:
        raise Invalid.one("person_key", "give the person's key to link the declaration to the register of interests")
    try:
        held = {i.reference for i in interests_of(session, person_key=data.person_key, as_at=on)}
    except NotFound:
        raise Invalid.one("person_key", f"there is no person with key {data.person_key!r}") from None
    if data.interest_reference not in held:
        raise Invalid.one("interest_reference", f"is not an interest of {data.person_key} in the register on "
                                                f"{on:%-d %B %Y}")


def register_of_seats(session: Session, meeting: Meeting) -> dict[str, list]:
    """What the register of interests holds on the meeting date for each person with a seat, for the declarations
    item (people without a key in the system model are not in the register)."""
    keys = sorted({a.person_key for a in meeting.attendance if a.person_key})
    return declarable_interests(session, person_keys=keys, as_at=service.meeting_date(meeting)) if keys else {}


def published_declarations(session: Session, actor: Actor, meeting: Meeting) -> list[Declaration]:
    """Declarations are part of the minutes: the public reads them once the minutes are approved."""
    if not shows_minutes(actor, meeting):
        return []
    return declarations_of(session, meeting)


def declarations_of(session: Session, meeting: Meeting) -> list[Declaration]:
    return list(session.scalars(select(Declaration).where(Declaration.meeting_id == meeting.id)
                                .order_by(Declaration.id)))
