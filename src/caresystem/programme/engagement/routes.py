"""API: /api/v1/audiences, /stakeholders, /communications (with occurrences), /communication-occurrences and
/you-said-we-did. Lists return {items, total, page, page_size}; updates and deletes carry `version`."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from caresystem.programme.engagement import communications_plan, service
from caresystem.programme.engagement.reads import (audience_read, communication_read, feedback_read,
                                                   occurrence_read, stakeholder_read)
from caresystem.programme.engagement.schemas import (AudienceCreate, AudienceRead, AudienceUpdate,
                                                     CommunicationCreate, CommunicationRead, CommunicationUpdate,
                                                     FeedbackCreate, FeedbackRead, FeedbackUpdate, OccurrenceAdd,
                                                     OccurrenceDone, OccurrenceRead, StakeholderCreate,
                                                     StakeholderRead, StakeholderUpdate)
from caresystem.programme.registers.api import RecordApi, collection_routes, handler_names, item_routes
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request

router = APIRouter(tags=["engagement"])
Paging = Annotated[PageRequest, Depends(page_request)]
CONFLICT = {409: {"description": "The record changed since `version` was read"}}


def _page(items, total, paging: PageRequest) -> Page:
    return Page(items=items, total=total, page=paging.page, page_size=paging.page_size)


def _stakeholder_filters(quadrant: Annotated[str | None, Query(description="manage_closely, keep_satisfied, "
                                                                       "keep_informed or monitor")] = None,
                         q: str | None = None) -> dict:
    return {"quadrant_key": quadrant, "q": q}


def _communication_filters(category: str | None = None, frequency: str | None = None,
                           responsible: str | None = None) -> dict:
    return {"category": category, "frequency": frequency, "responsible": responsible}


def _feedback_filters(status: str | None = None) -> dict:
    return {"status": status}


AUDIENCES = RecordApi(
    path="/audiences", ident="key", entity="audiences", names=handler_names("audience", "audiences"),
    Read=AudienceRead, read=lambda session, programme, a: audience_read(a), get=service.get_audience,
    list=service.list_audiences, Create=AudienceCreate, create=service.create_audience, Update=AudienceUpdate,
    update=service.update_audience, delete=service.delete_audience, conflict=CONFLICT,
    history="Audit trail of an audience", summaries={"list": "Key audiences and why they are engaged"})
STAKEHOLDERS = RecordApi(
    path="/stakeholders", ident="key", entity="stakeholders", names=handler_names("stakeholder", "stakeholders"),
    Read=StakeholderRead, read=lambda session, programme, s: stakeholder_read(s), get=service.get_stakeholder,
    list=service.list_stakeholders, filters=_stakeholder_filters, Create=StakeholderCreate,
    create=service.create_stakeholder, Update=StakeholderUpdate, update=service.update_stakeholder,
    delete=service.delete_stakeholder, conflict=CONFLICT, history="Audit trail of a stakeholder",
    summaries={"list": "Stakeholders, the forums they sit on, and their place on the influence/interest map"})
COMMUNICATIONS = RecordApi(
    path="/communications", ident="key", entity="communications",
    names=handler_names("communication", "communications"), Read=CommunicationRead,
    read=lambda session, programme, c: communication_read(c), get=communications_plan.get_communication,
    list=communications_plan.list_communications, filters=_communication_filters, Create=CommunicationCreate,
    create=communications_plan.create_communication, Update=CommunicationUpdate,
    update=communications_plan.update_communication, delete=communications_plan.delete_communication,
    conflict=CONFLICT, history="Audit trail of a communication",
    summaries={"list": "The communications plan",
               "create": "Add a communication; its dated occurrences are generated from its frequency",
               "update": "Change a communication; a new frequency, start or end regenerates its occurrences"})
FEEDBACK = RecordApi(
    path="/you-said-we-did", ident="reference", entity="you_said_we_did", names=handler_names("feedback", "feedback"),
    Read=FeedbackRead, read=lambda session, programme, e: feedback_read(e), get=service.get_feedback,
    list=service.list_feedback, filters=_feedback_filters, Create=FeedbackCreate, create=service.create_feedback,
    Update=FeedbackUpdate, update=service.update_feedback, delete=service.delete_feedback, conflict=CONFLICT,
    summaries={"list": "The 'You said, we did' log; visitors not signed in see published entries only"})

for register in (AUDIENCES, STAKEHOLDERS, COMMUNICATIONS):
    collection_routes(router, register)
    item_routes(router, register)


# Occurrences of the communications plan

@router.get("/communications/{key}/occurrences", response_model=Page[OccurrenceRead],
            summary="A communication's dated occurrences, soonest first")
def communication_occurrences(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                              paging: Paging,
                              done: bool | None = None, overdue: bool = False):
    found, total = communications_plan.list_occurrences(session, actor=actor, programme=programme, key=key,
                                         done=done, overdue=overdue, offset=paging.offset, limit=paging.page_size)
    return _page([occurrence_read(o) for o in found], total, paging)


@router.post("/communications/{key}/occurrences", response_model=OccurrenceRead, status_code=201,
             summary="Add a one-off occurrence (for communications that follow meetings)")
def add_occurrence(key: str, data: OccurrenceAdd, session: SessionDep, actor: ApiActor,
                   programme: ApiProgramme):
    return occurrence_read(communications_plan.add_occurrence(session, actor=actor, programme=programme,
                                               key=key, due_on=data.due_on))


@router.post("/communications/{key}/generate",
             summary="Regenerate the occurrences from the frequency; those marked done are kept")
def generate(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    communication = communications_plan.get_communication(session, actor=actor, programme=programme,
                                           key=key)
    added, removed = communications_plan.generate_occurrences(session, actor=actor, communication=communication)
    return {"added": added, "removed": removed}


@router.get("/communication-occurrences", response_model=Page[OccurrenceRead],
            summary="Occurrences across the plan, soonest first; filter by done, overdue or responsible")
def list_occurrences(session: SessionDep, actor: ApiActor, programme: ApiProgramme, paging: Paging,
                     done: bool | None = None,
                     overdue: bool = False, responsible: str | None = None):
    found, total = communications_plan.list_occurrences(session, actor=actor, programme=programme,
                                         done=done, overdue=overdue, responsible=responsible,
                                         offset=paging.offset, limit=paging.page_size)
    return _page([occurrence_read(o) for o in found], total, paging)


@router.post("/communication-occurrences/{occurrence_id}/done", response_model=OccurrenceRead, responses=CONFLICT,
             summary="Mark an occurrence done (who and when are recorded), with a note; done=false reopens it")
def mark_done(occurrence_id: int, data: OccurrenceDone, session: SessionDep, actor: ApiActor):
    return occurrence_read(communications_plan.mark_done(session, actor=actor, occurrence_id=occurrence_id, version=data.version,
                                          done=data.done, note=data.note))


collection_routes(router, FEEDBACK)
item_routes(router, FEEDBACK)
