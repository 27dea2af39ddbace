"""Declarations of interest made at a meeting against its agenda items, with the action taken."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import Actor
from caresystem.db.versioning import flush_or_conflict
from caresystem.errors import Invalid
from caresystem.meetings import service
from caresystem.meetings.models import Declaration, Meeting
from caresystem.meetings.schemas import DECLARATION_ACTIONS, DeclarationCreate


def declare(session: Session, *, actor: Actor, meeting_id: int, data: DeclarationCreate) -> Declaration:
    service.require_edit(actor)
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    if data.action_taken not in DECLARATION_ACTIONS:
        raise Invalid.one("action_taken", f"must be one of {', '.join(DECLARATION_ACTIONS)}")
    if data.item_id is not None and data.item_id not in {i.id for i in meeting.items}:
        raise Invalid.one("item_id", "is not an item on this meeting's agenda")
    declaration = Declaration(meeting_id=meeting.id, agenda_item_id=data.item_id, person_name=data.person_name.strip(),
                              person_key=data.person_key, interest=data.interest.strip(),
                              action_taken=data.action_taken)
    session.add(declaration)
    flush_or_conflict(session, f"Declaration at {meeting.title}")
    return declaration


def declarations_of(session: Session, meeting: Meeting) -> list[Declaration]:
    return list(session.scalars(select(Declaration).where(Declaration.meeting_id == meeting.id)
                                .order_by(Declaration.id)))
