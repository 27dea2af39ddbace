"""Engagement records as their Read schemas, with derived values (quadrant, next due, overdue) filled in."""

from datetime import date

from caresystem import clock
from caresystem.programme.engagement import communications_plan, service
from caresystem.programme.engagement.models import (Audience, Communication, CommunicationOccurrence, Stakeholder,
                                                    YouSaidWeDid)
from caresystem.programme.engagement.schemas import (AudienceRead, CommunicationRead, FeedbackRead, OccurrenceRead,
                                                     StakeholderRead)


def _columns(obj, schema, skip=()) -> dict:
    return {name: getattr(obj, name) for name in schema.model_fields if hasattr(obj, name) and name not in skip}


def audience_read(audience: Audience) -> AudienceRead:
    return AudienceRead(**_columns(audience, AudienceRead))


def stakeholder_read(stakeholder: Stakeholder) -> StakeholderRead:
    found, label = service.stakeholder_quadrant(stakeholder)
    return StakeholderRead(**_columns(stakeholder, StakeholderRead, skip=("quadrant", "quadrant_label")),
                           quadrant=found, quadrant_label=label)


def communication_read(communication: Communication, today: date | None = None) -> CommunicationRead:
    pending = [o for o in communication.occurrences if o.done_at is None]
    today = today or clock.today_of(communication)
    return CommunicationRead(**_columns(communication, CommunicationRead, skip=("next_due", "overdue")),
                             next_due=min((o.due_on for o in pending if o.due_on >= today), default=None),
                             overdue=sum(1 for o in pending if communications_plan.is_overdue(o, today)))


def occurrence_read(occurrence: CommunicationOccurrence) -> OccurrenceRead:
    communication = occurrence.communication
    return OccurrenceRead(id=occurrence.id, version=occurrence.version, communication=communication.key,
                          tool=communication.tool, responsible=communication.responsible, due_on=occurrence.due_on,
                          done=occurrence.done_at is not None, done_at=occurrence.done_at,
                          done_by=occurrence.done_by, note=occurrence.note,
                          overdue=communications_plan.is_overdue(occurrence),
                          not_recorded=communications_plan.is_not_recorded(occurrence))


def feedback_read(entry: YouSaidWeDid) -> FeedbackRead:
    return FeedbackRead(**_columns(entry, FeedbackRead))
