"""API: /api/v1/impact-assessments (with the principles each applies) and /api/v1/impact-domains (PID 6.2)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from caresystem.auth.audit import history_entries
from caresystem.programme.impact import service
from caresystem.programme.impact.schemas import AssessmentCreate, AssessmentRead, AssessmentUpdate, DomainRead
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request
from caresystem.programme.impact.reads import assessment_read
from caresystem.system.principles import Citations, CitationsRead, citations_read

router = APIRouter(tags=["impact assessments"])
CONFLICT = {409: {"description": "The assessment changed since `version` was read"}}


@router.get("/impact-domains", response_model=list[DomainRead], summary="The domains every proposal is rated on")
def list_domains(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.require_view(actor)
    return [DomainRead(key=d.key, name=d.name, description=d.description)
            for d in service.domains_of(session, programme)]


@router.get("/impact-assessments", response_model=Page[AssessmentRead])
def list_assessments(session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                     paging: Annotated[PageRequest, Depends(page_request)],
                     outcome: str | None = Query(None, description="an outcome, or none for those awaiting one"),
                     q: str | None = None):
    found, total = service.list_assessments(session, actor=actor, programme=programme, outcome=outcome, q=q,
                                            offset=paging.offset, limit=paging.page_size)
    domains = service.domains_of(session, programme)
    return Page(items=[assessment_read(a, domains) for a in found], total=total, page=paging.page,
                page_size=paging.page_size)


@router.post("/impact-assessments", response_model=AssessmentRead, status_code=201)
def create_assessment(data: AssessmentCreate, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = service.create_assessment(session, actor=actor, programme=programme, data=data)
    return assessment_read(found, service.domains_of(session, programme))


@router.get("/impact-assessments/{key}", response_model=AssessmentRead)
def get_assessment(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return assessment_read(service.get_assessment(session, actor=actor, programme=programme, key=key),
                           service.domains_of(session, programme))


@router.patch("/impact-assessments/{key}", response_model=AssessmentRead, responses=CONFLICT)
def update_assessment(key: str, data: AssessmentUpdate, session: SessionDep, actor: ApiActor,
                      programme: ApiProgramme):
    found = service.update_assessment(session, actor=actor, programme=programme, key=key, data=data)
    return assessment_read(found, service.domains_of(session, programme))


@router.delete("/impact-assessments/{key}", status_code=204, responses=CONFLICT)
def delete_assessment(key: str, version: Annotated[int, Query(ge=1)], session: SessionDep, actor: ApiActor,
                      programme: ApiProgramme):
    """Soft delete: the assessment leaves the list; its audit trail is kept."""
    service.delete_assessment(session, actor=actor, programme=programme, key=key,
                              version=version)
    return Response(status_code=204)


@router.get("/impact-assessments/{key}/history", summary="Audit trail of an impact assessment")
def assessment_history(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = service.get_assessment(session, actor=actor, programme=programme, key=key)
    return history_entries(session, "impact_assessments", found.id)


@router.get("/impact-assessments/{key}/principles", response_model=CitationsRead,
            summary="The principles the assessment applies")
def assessment_principles(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = service.get_assessment(session, actor=actor, programme=programme, key=key)
    return citations_read(found)


@router.put("/impact-assessments/{key}/principles", response_model=CitationsRead, responses=CONFLICT,
            summary="Set the principles the assessment applies (by principle key); audited on the assessment")
def cite_assessment_principles(key: str, data: Citations, session: SessionDep, actor: ApiActor,
                               programme: ApiProgramme):
    found = service.cite_principles(session, actor=actor, programme=programme, key=key, keys=data.principles,
                                    version=data.version)
    return citations_read(found)
