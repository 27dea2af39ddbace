"""API: /api/v1/risks (register, detail, export, import) and /api/v1/governance-bodies/{key}/escalations."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, UploadFile
from fastapi.responses import Response

from caresystem.programme.core.service import get_programme
from caresystem.programme.raid import service, spreadsheet
from caresystem.programme.raid.schemas import RiskCreate, RiskDetail, RiskRead, RiskUpdate, ScoreRead
from caresystem.programme.raid.scoring import score
from caresystem.web.deps import ApiActor, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request

router = APIRouter(tags=["risks"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 100_000


def risk_read(risk, programme, rules) -> RiskRead:
    assessed = service.assessment(risk, programme)
    fields = {f: getattr(risk, f) for f in RiskRead.model_fields if hasattr(risk, f) and f not in ("score",)}
    return RiskRead(**fields, score=assessed.score, grade=assessed.grade, rag=assessed.rag,
                    inherent_score=score(risk.inherent_impact, risk.inherent_likelihood),
                    target_score=score(risk.target_impact, risk.target_likelihood),
                    review_overdue=service.is_review_overdue(risk), escalated_to=service.escalated_to(risk, rules))


def risk_detail(session, risk, programme) -> RiskDetail:
    read = risk_read(risk, programme, service.rules_of(session, programme))
    return RiskDetail(**read.model_dump(), history=[
        ScoreRead(recorded_at=h.recorded_at.isoformat(), recorded_by=h.recorded_by, impact=h.impact,
                  likelihood=h.likelihood, score=h.score) for h in service.history(session, risk)])


def _filters(status: str | None = None, scope: str | None = None,
             min_score: Annotated[int | None, Query(ge=1, le=25)] = None,
             impact: Annotated[int | None, Query(ge=1, le=5)] = None,
             likelihood: Annotated[int | None, Query(ge=1, le=5)] = None, q: str | None = None,
             overdue: bool = False, sort: str = "score") -> dict:
    return {"status": status, "scope": scope, "min_score": min_score, "impact": impact, "likelihood": likelihood,
            "q": q, "overdue": overdue, "sort": sort}


Filters = Annotated[dict, Depends(_filters)]


@router.get("/risks", response_model=Page[RiskRead], summary="The risk register, filtered and sorted")
def list_risks(session: SessionDep, actor: ApiActor, filters: Filters,
               paging: Annotated[PageRequest, Depends(page_request)], programme: str | None = None):
    prog = get_programme(session, programme)
    risks, total = service.list_risks(session, actor=actor, programme=prog, **filters, offset=paging.offset,
                                      limit=paging.page_size)
    rules = service.rules_of(session, prog)
    return Page(items=[risk_read(r, prog, rules) for r in risks], total=total, page=paging.page,
                page_size=paging.page_size)


def export_records(session, actor, programme: str | None, filters: dict) -> list[dict]:
    prog = get_programme(session, programme)
    risks, _ = service.list_risks(session, actor=actor, programme=prog, **(filters | {"sort": "reference"}),
                                  limit=EXPORT_LIMIT)
    rules = service.rules_of(session, prog)
    return [risk_read(r, prog, rules).model_dump() for r in risks]


@router.get("/risks/export.xlsx", summary="The register as a formatted workbook",
            response_class=Response, responses={200: {"content": {XLSX: {}}}})
def export_xlsx(session: SessionDep, actor: ApiActor, filters: Filters, programme: str | None = None):
    content = spreadsheet.to_xlsx(export_records(session, actor, programme, filters))
    return Response(content, media_type=XLSX, headers={"Content-Disposition": 'attachment; filename="risks.xlsx"'})


@router.get("/risks/export.csv", summary="The register as CSV", response_class=Response)
def export_csv(session: SessionDep, actor: ApiActor, filters: Filters, programme: str | None = None):
    content = spreadsheet.to_csv(export_records(session, actor, programme, filters))
    return Response(content, media_type="text/csv", headers={"Content-Disposition": 'attachment; filename="risks.csv"'})


@router.post("/risks/import", summary="Import a register (XLSX or CSV); nothing is imported if any row is bad")
async def import_risks(file: UploadFile, session: SessionDep, actor: ApiActor, programme: str | None = None):
    rows = spreadsheet.read_file(await file.read(), file.filename or "")
    counts = service.import_risks(session, actor=actor, programme=get_programme(session, programme), rows=rows)
    return {"rows": len(rows), **counts}


@router.post("/risks", response_model=RiskDetail, status_code=201)
def create_risk(data: RiskCreate, session: SessionDep, actor: ApiActor, programme: str | None = None):
    prog = get_programme(session, programme)
    return risk_detail(session, service.create_risk(session, actor=actor, programme=prog, data=data), prog)


@router.get("/risks/{reference}", response_model=RiskDetail)
def get_risk(reference: str, session: SessionDep, actor: ApiActor, programme: str | None = None):
    prog = get_programme(session, programme)
    return risk_detail(session, service.get_risk(session, actor=actor, programme=prog, reference=reference), prog)


@router.patch("/risks/{reference}", response_model=RiskDetail,
              responses={409: {"description": "The risk changed since `version` was read"}})
def update_risk(reference: str, data: RiskUpdate, session: SessionDep, actor: ApiActor,
                programme: str | None = None):
    prog = get_programme(session, programme)
    risk = service.update_risk(session, actor=actor, programme=prog, reference=reference, data=data)
    return risk_detail(session, risk, prog)


@router.get("/governance-bodies/{key}/escalations", response_model=list[RiskRead],
            summary="Open risks escalated to this body under the programme's rules")
def escalations(key: str, session: SessionDep, actor: ApiActor):
    found = service.escalations_for(session, actor=actor, body_key=key)
    return [risk_read(risk, prog, service.rules_of(session, prog)) for risk, prog in found]
