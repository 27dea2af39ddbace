"""API: /api/v1/audiences, /stakeholders, /communications (with occurrences), /communication-occurrences and
/you-said-we-did. Lists return {items, total, page, page_size}; updates and deletes carry `version`."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from caresystem.auth.audit import history_entries
from caresystem.programme.engagement import communications_plan, service
from caresystem.programme.engagement.reads import (audience_read, communication_read, feedback_read,
                                                   occurrence_read, stakeholder_read)
from caresystem.programme.engagement.schemas import (AudienceCreate, AudienceRead, AudienceUpdate,
                                                     CommunicationCreate, CommunicationRead, CommunicationUpdate,
                                                     FeedbackCreate, FeedbackRead, FeedbackUpdate, OccurrenceAdd,
                                                     OccurrenceDone, OccurrenceRead, StakeholderCreate,
                                                     StakeholderRead, StakeholderUpdate)
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request

router = APIRouter(tags=["engagement"])
Paging = Annotated[PageRequest, Depends(page_request)]
Version = Annotated[int, Query(ge=1)]
CONFLICT = {409: {"description": "The record changed since `version` was read"}}


def _page(items, total, paging: PageRequest) -> Page:
    return Page(items=items, total=total, page=paging.page, page_size=paging.page_size)


# Audiences

@router.get("/audiences", response_model=Page[AudienceRead], summary="Key audiences and why they are engaged")
def list_audiences(session: SessionDep, actor: ApiActor, programme: ApiProgramme, paging: Paging):
    found, total = service.list_audiences(session, actor=actor, programme=programme,
                                          offset=paging.offset, limit=paging.page_size)
    return _page([audience_read(a) for a in found], total, paging)


@router.post("/audiences", response_model=AudienceRead, status_code=201)
def create_audience(data: AudienceCreate, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return audience_read(service.create_audience(session, actor=actor, programme=programme,
                                                 data=data))


@router.get("/audiences/{key}", response_model=AudienceRead)
def get_audience(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return audience_read(service.get_audience(session, actor=actor, programme=programme,
                                              key=key))


@router.patch("/audiences/{key}", response_model=AudienceRead, responses=CONFLICT)
def update_audience(key: str, data: AudienceUpdate, session: SessionDep, actor: ApiActor,
                    programme: ApiProgramme):
    return audience_read(service.update_audience(session, actor=actor, programme=programme,
                                                 key=key, data=data))


@router.delete("/audiences/{key}", status_code=204, responses=CONFLICT)
def delete_audience(key: str, version: Version, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.delete_audience(session, actor=actor, programme=programme, key=key,
                            version=version)
    return Response(status_code=204)


@router.get("/audiences/{key}/history", summary="Audit trail of an audience")
def audience_history(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = service.get_audience(session, actor=actor, programme=programme, key=key)
    return history_entries(session, "audiences", found.id)


# Stakeholders

@router.get("/stakeholders", response_model=Page[StakeholderRead],
            summary="Stakeholders, the forums they sit on, and their place on the influence/interest map")
def list_stakeholders(session: SessionDep, actor: ApiActor, programme: ApiProgramme, paging: Paging,
                      quadrant: Annotated[str | None, Query(description="manage_closely, keep_satisfied, "
                                                                        "keep_informed or monitor")] = None,
                      q: str | None = None):
    found, total = service.list_stakeholders(session, actor=actor, programme=programme,
                                             quadrant_key=quadrant, q=q, offset=paging.offset,
                                             limit=paging.page_size)
    return _page([stakeholder_read(s) for s in found], total, paging)


@router.post("/stakeholders", response_model=StakeholderRead, status_code=201)
def create_stakeholder(data: StakeholderCreate, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return stakeholder_read(service.create_stakeholder(
        session, actor=actor, programme=programme, data=data))


@router.get("/stakeholders/{key}", response_model=StakeholderRead)
def get_stakeholder(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return stakeholder_read(service.get_stakeholder(
        session, actor=actor, programme=programme, key=key))


@router.patch("/stakeholders/{key}", response_model=StakeholderRead, responses=CONFLICT)
def update_stakeholder(key: str, data: StakeholderUpdate, session: SessionDep, actor: ApiActor,
                       programme: ApiProgramme):
    return stakeholder_read(service.update_stakeholder(
        session, actor=actor, programme=programme, key=key, data=data))


@router.delete("/stakeholders/{key}", status_code=204, responses=CONFLICT)
def delete_stakeholder(key: str, version: Version, session: SessionDep, actor: ApiActor,
                       programme: ApiProgramme):
    service.delete_stakeholder(session, actor=actor, programme=programme, key=key,
                               version=version)
    return Response(status_code=204)


@router.get("/stakeholders/{key}/history", summary="Audit trail of a stakeholder")
def stakeholder_history(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = service.get_stakeholder(session, actor=actor, programme=programme, key=key)
    return history_entries(session, "stakeholders", found.id)


# Communications plan and occurrences

@router.get("/communications", response_model=Page[CommunicationRead], summary="The communications plan")
def list_communications(session: SessionDep, actor: ApiActor, programme: ApiProgramme, paging: Paging,
                        category: str | None = None,
                        frequency: str | None = None, responsible: str | None = None):
    found, total = communications_plan.list_communications(
        session, actor=actor, programme=programme, category=category, frequency=frequency,
        responsible=responsible, offset=paging.offset, limit=paging.page_size)
    return _page([communication_read(c) for c in found], total, paging)


@router.post("/communications", response_model=CommunicationRead, status_code=201,
             summary="Add a communication; its dated occurrences are generated from its frequency")
def create_communication(data: CommunicationCreate, session: SessionDep, actor: ApiActor,
                         programme: ApiProgramme):
    return communication_read(communications_plan.create_communication(
        session, actor=actor, programme=programme, data=data))


@router.get("/communications/{key}", response_model=CommunicationRead)
def get_communication(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return communication_read(communications_plan.get_communication(
        session, actor=actor, programme=programme, key=key))


@router.patch("/communications/{key}", response_model=CommunicationRead, responses=CONFLICT,
              summary="Change a communication; a new frequency, start or end regenerates its occurrences")
def update_communication(key: str, data: CommunicationUpdate, session: SessionDep, actor: ApiActor,
                         programme: ApiProgramme):
    return communication_read(communications_plan.update_communication(
        session, actor=actor, programme=programme, key=key, data=data))


@router.delete("/communications/{key}", status_code=204, responses=CONFLICT)
def delete_communication(key: str, version: Version, session: SessionDep, actor: ApiActor,
                         programme: ApiProgramme):
    communications_plan.delete_communication(session, actor=actor, programme=programme, key=key,
                              version=version)
    return Response(status_code=204)


@router.get("/communications/{key}/history", summary="Audit trail of a communication")
def communication_history(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = communications_plan.get_communication(session, actor=actor, programme=programme, key=key)
    return history_entries(session, "communications", found.id)


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


# "You said, we did"

@router.get("/you-said-we-did", response_model=Page[FeedbackRead],
            summary="The 'You said, we did' log; visitors not signed in see published entries only")
def list_feedback(session: SessionDep, actor: ApiActor, programme: ApiProgramme, paging: Paging,
                  status: str | None = None):
    found, total = service.list_feedback(session, actor=actor, programme=programme,
                                         status=status, offset=paging.offset, limit=paging.page_size)
    return _page([feedback_read(e) for e in found], total, paging)


@router.post("/you-said-we-did", response_model=FeedbackRead, status_code=201)
def create_feedback(data: FeedbackCreate, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return feedback_read(service.create_feedback(session, actor=actor, programme=programme,
                                                 data=data))


@router.get("/you-said-we-did/{reference}", response_model=FeedbackRead)
def get_feedback(reference: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return feedback_read(service.get_feedback(session, actor=actor, programme=programme,
                                              reference=reference))


@router.patch("/you-said-we-did/{reference}", response_model=FeedbackRead, responses=CONFLICT)
def update_feedback(reference: str, data: FeedbackUpdate, session: SessionDep, actor: ApiActor,
                    programme: ApiProgramme):
    return feedback_read(service.update_feedback(session, actor=actor, programme=programme,
                                                 reference=reference, data=data))


@router.delete("/you-said-we-did/{reference}", status_code=204, responses=CONFLICT)
def delete_feedback(reference: str, version: Version, session: SessionDep, actor: ApiActor,
                    programme: ApiProgramme):
    service.delete_feedback(session, actor=actor, programme=programme, reference=reference,
                            version=version)
    return Response(status_code=204)
