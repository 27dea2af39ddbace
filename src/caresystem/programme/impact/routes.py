"""API: /api/v1/impact-assessments (with the principles each applies) and /api/v1/impact-domains (PID 6.2)."""

from fastapi import APIRouter, Query

from caresystem.programme.impact import service
from caresystem.programme.impact.reads import assessment_read
from caresystem.programme.impact.schemas import AssessmentCreate, AssessmentRead, AssessmentUpdate, DomainRead
from caresystem.programme.registers.api import RecordApi, collection_routes, handler_names, item_routes
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.system.principles import Citations, CitationsRead, citations_read

router = APIRouter(tags=["impact assessments"])
CONFLICT = {409: {"description": "The assessment changed since `version` was read"}}


@router.get("/impact-domains", response_model=list[DomainRead], summary="The domains every proposal is rated on")
def list_domains(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.require_view(actor)
    return [DomainRead(key=d.key, name=d.name, description=d.description)
            for d in service.domains_of(session, programme)]


def _filters(outcome: str | None = Query(None, description="an outcome, or none for those awaiting one"),
             q: str | None = None) -> dict:
    return {"outcome": outcome, "q": q}


def _read_page(session, programme, found) -> list[AssessmentRead]:
    domains = service.domains_of(session, programme)
    return [assessment_read(a, domains) for a in found]


ASSESSMENTS = RecordApi(
    path="/impact-assessments", ident="key", entity="impact_assessments",
    names=handler_names("assessment", "assessments"), Read=AssessmentRead,
    read=lambda session, programme, a: assessment_read(a, service.domains_of(session, programme)),
    read_page=_read_page, get=service.get_assessment, list=service.list_assessments, filters=_filters,
    Create=AssessmentCreate, create=service.create_assessment, Update=AssessmentUpdate,
    update=service.update_assessment, delete=service.delete_assessment, conflict=CONFLICT,
    delete_doc="Soft delete: the assessment leaves the list; its audit trail is kept.",
    history="Audit trail of an impact assessment")
collection_routes(router, ASSESSMENTS)
item_routes(router, ASSESSMENTS)


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
