"""Minutes: per item, draft until approved at the next meeting, then locked (a change is a recorded amendment);
decisions go to the decisions log, checked against delegation; actions go to the actions log."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import Actor
from caresystem.db.base import utcnow
from caresystem.db.versioning import check_version, flush_or_conflict
from caresystem.errors import Invalid, NotFound
from caresystem.meetings import agenda, delegation, service
from caresystem.meetings.models import AgendaItem, Meeting, MinutedAction, MinutedDecision, MinutesAmendment
from caresystem.meetings.schemas import ActionCreate, DecisionCreate
from caresystem.programme.core import Programme, get_programme
from caresystem.programme.raid import ACTIONS, DECISIONS, Action, Decision
from caresystem.programme.registers import next_reference
from caresystem.system.names import link_owner


def _draft_item(session: Session, actor: Actor, meeting_id: int, item_id: int) -> AgendaItem:
    service.require_edit(actor)
    item = agenda.get_item(session, actor=actor, meeting_id=meeting_id, item_id=item_id)
    if item.meeting.minutes_status == "approved":
        raise Invalid.one("discussion", "the minutes were approved and are locked; record an amendment instead")
    if item.state != "accepted":
        raise Invalid.one("item", "only items accepted onto the agenda are minuted")
    return item


def write_minute(session: Session, *, actor: Actor, meeting_id: int, item_id: int, version: int,
                 discussion: str | None) -> AgendaItem:
    item = _draft_item(session, actor, meeting_id, item_id)
    check_version(item, version, f"The minute of {item.title}")
    item.discussion = (discussion or "").strip() or None
    flush_or_conflict(session, f"The minute of {item.title}")
    return item


def approve(session: Session, *, actor: Actor, meeting_id: int, at_meeting_id: int, version: int) -> Meeting:
    """Minutes are approved at a later meeting of the same body, and locked from then on."""
    service.require_edit(actor)
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    check_version(meeting, version, f"The minutes of {meeting.title}")
    at = service.get_meeting(session, at_meeting_id, actor=actor)
    if at.body_key != meeting.body_key or at.starts_at <= meeting.starts_at:
        raise Invalid.one("at_meeting", "minutes are approved at a later meeting of the same body")
    if meeting.minutes_status == "approved":
        raise Invalid.one("at_meeting", "these minutes are already approved")
    meeting.minutes_status, meeting.minutes_approved_at_id = "approved", at.id
    meeting.minutes_approved_on = service.meeting_date(at)
    flush_or_conflict(session, f"The minutes of {meeting.title}")
    return meeting


def amend(session: Session, *, actor: Actor, meeting_id: int, item_id: int, discussion: str | None,
          reason: str) -> MinutesAmendment:
    """A change to approved minutes: the text changes and the amendment (before, after, who, why) is kept."""
    service.require_edit(actor)
    item = agenda.get_item(session, actor=actor, meeting_id=meeting_id, item_id=item_id)
    if item.meeting.minutes_status != "approved":
        raise Invalid.one("reason", "draft minutes are edited directly; amendments are for approved minutes")
    if not reason.strip():
        raise Invalid.one("reason", "give the reason for the amendment")
    amendment = MinutesAmendment(meeting_id=meeting_id, agenda_item_id=item.id, old_text=item.discussion,
                                 new_text=(discussion or "").strip() or None, reason=reason.strip(),
                                 made_by=actor.username, made_at=utcnow())
    item.discussion = amendment.new_text
    session.add(amendment)
    flush_or_conflict(session, f"The minute of {item.title}")
    return amendment


def amendments(session: Session, meeting_id: int) -> list[MinutesAmendment]:
    return list(session.scalars(select(MinutesAmendment).where(MinutesAmendment.meeting_id == meeting_id)
                                .order_by(MinutesAmendment.id)))


def _log_of(session: Session, key: str | None) -> Programme:
    """The programme whose log a minuted decision or action goes to: the one named, else the default."""
    try:
        return get_programme(session, key)
    except NotFound:
        if not key:
            raise
        raise Invalid.one("programme", f"there is no programme with key {key!r}") from None


def record_decision(session: Session, *, actor: Actor, meeting_id: int, item_id: int,
                    data: DecisionCreate) -> MinutedDecision:
    """Into the decisions log with the body, meeting and date, checked against the scheme of delegation."""
    item = _draft_item(session, actor, meeting_id, item_id)
    meeting, on = item.meeting, service.meeting_date(item.meeting)
    found = delegation.check(session, body_key=meeting.body_key, function_key=data.function, on=on,
                             amount=data.amount)
    programme = _log_of(session, data.programme)
    body = service.body_of(session, meeting.body_key)
    decision = Decision(programme_id=programme.id, reference=next_reference(session, parent=programme, model=Decision,
                                                                           prefix=DECISIONS.prefix),
                        title=data.title.strip(), description=f"Minuted at {body.name}, {on:%-d %B %Y}, "
                                                              f"item: {item.title}",
                        owner=body.name, status="agreed", body_key=meeting.body_key, decided_on=on,
                        rationale=data.rationale)
    session.add(decision)
    session.flush()
    minuted = MinutedDecision(agenda_item_id=item.id, decision_id=decision.id, function_key=data.function,
                              amount=data.amount, delegation=found.status, held_by=found.held_by,
                              explanation=found.explanation)
    session.add(minuted)
    flush_or_conflict(session, f"Decision at {item.title}")
    return minuted


def record_action(session: Session, *, actor: Actor, meeting_id: int, item_id: int,
                  data: ActionCreate) -> Action:
    item = _draft_item(session, actor, meeting_id, item_id)
    programme = _log_of(session, data.programme)
    owner = {"owner": (data.owner or "").strip() or None, "owner_person": data.owner_person or None}
    if not owner["owner"] and not owner["owner_person"]:
        raise Invalid.one("owner", "is required: a person's name, or any other text (a team, a role)")
    if errors := link_owner(session, owner):
        raise Invalid(errors)
    action = Action(programme_id=programme.id, reference=next_reference(session, parent=programme, model=Action,
                                                                       prefix=ACTIONS.prefix),
                    title=data.title.strip(), **owner, due_date=data.due_date, status="open",
                    description=f"From the meeting of {item.meeting.title} on "
                                f"{service.meeting_date(item.meeting):%-d %B %Y}, item: {item.title}")
    session.add(action)
    session.flush()
    session.add(MinutedAction(agenda_item_id=item.id, action_id=action.id, body_key=item.meeting.body_key))
    flush_or_conflict(session, f"Action at {item.title}")
    return action


def decisions_of(session: Session, meeting: Meeting) -> list[tuple[MinutedDecision, Decision, AgendaItem]]:
    rows = session.execute(select(MinutedDecision, Decision, AgendaItem)
                           .join(Decision, Decision.id == MinutedDecision.decision_id)
                           .join(AgendaItem, AgendaItem.id == MinutedDecision.agenda_item_id)
                           .where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position, Decision.id))
    return [tuple(r) for r in rows]


def actions_of(session: Session, meeting: Meeting) -> list[tuple[Action, AgendaItem]]:
    rows = session.execute(select(Action, AgendaItem).join(MinutedAction, MinutedAction.action_id == Action.id)
                           .join(AgendaItem, AgendaItem.id == MinutedAction.agenda_item_id)
                           .where(AgendaItem.meeting_id == meeting.id).order_by(AgendaItem.position, Action.id))
    return [tuple(r) for r in rows]
