"""API: /api/v1/risks (register, detail, export, import) and /api/v1/governance-bodies/{key}/escalations."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, UploadFile
from fastapi.responses import Response
from pydantic import Field

from caresystem.assurance import MeasureException, exceptions_for_body
from caresystem.programme.core.service import get_programme
from caresystem.programme.benefits import service as benefits_service
from caresystem.programme.benefits.routes import benefit_read
from caresystem.programme.benefits.schemas import BenefitRead
from caresystem.programme.raid import service, spreadsheet
from caresystem.auth.audit import history_of
from caresystem.programme.raid.register_service import is_overdue
from caresystem.programme.raid.registers import ACTIONS
from caresystem.programme.raid.schemas import (EfficacyRead, MitigatingAction, RiskCreate, RiskDetail, RiskMatrix,
                                               RiskRead, RiskUpdate, RuleCreate, RuleRead, ScoreRead)
from caresystem.programme.raid.models import Assumption
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
    scores = service.history(session, risk)
    found = service.mitigation_efficacy(risk, scores)
    assumption = session.get(Assumption, risk.assumption_id) if risk.assumption_id else None
    return RiskDetail(
        **read.model_dump(), trend=service.score_trend(scores), assumption=assumption and assumption.reference,
        efficacy=EfficacyRead(opening_score=found.opening, current_score=found.current, target_score=found.target,
                              reduction=found.reduction, share_of_target=found.share_of_target, summary=found.summary),
        actions=[MitigatingAction(reference=a.reference, title=a.title, owner=a.owner, due_date=a.due_date,
                                  status=a.status, overdue=is_overdue(ACTIONS, a))
                 for a in service.mitigating_actions(session, risk)],
        history=[ScoreRead(recorded_at=h.recorded_at.isoformat(), recorded_by=h.recorded_by, impact=h.impact,
                           likelihood=h.likelihood, score=h.score) for h in scores])


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
def import_risks(file: UploadFile, session: SessionDep, actor: ApiActor, programme: str | None = None):
    """A plain function, so the parsing and the database work run in the thread pool, not on the event loop."""
    rows = spreadsheet.read_file(file.file.read(), file.filename or "")
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


@router.delete("/risks/{reference}", status_code=204,
               responses={409: {"description": "The risk changed since `version` was read"}})
def delete_risk(reference: str, version: Annotated[int, Query(ge=1)], session: SessionDep, actor: ApiActor,
                programme: str | None = None):
    """Soft delete: the risk leaves the register; its history and audit trail are kept."""
    service.delete_risk(session, actor=actor, programme=get_programme(session, programme), reference=reference,
                        version=version)
    return Response(status_code=204)


@router.get("/risks/{reference}/history", summary="Audit trail of a risk")
def risk_history(reference: str, session: SessionDep, actor: ApiActor, programme: str | None = None):
    risk = service.get_risk(session, actor=actor, programme=get_programme(session, programme), reference=reference)
    return [{"at": e.at, "actor": e.actor, "action": e.action, "changes": e.changes}
            for e in history_of(session, "risks", risk.id)]


def _rule_read(rule) -> RuleRead:
    return RuleRead(id=rule.id, min_score=rule.min_score, body_key=rule.body_key, scope=rule.scope,
                    scope_ref=rule.scope_ref)


@router.get("/escalation-rules", response_model=list[RuleRead], tags=["escalation"],
            summary="The programme's escalation rules: a score threshold and scope route risks to bodies")
def list_rules(session: SessionDep, actor: ApiActor, programme: str | None = None):
    service.require_view(actor)
    return [_rule_read(r) for r in service.rules_of(session, get_programme(session, programme))]


@router.post("/escalation-rules", response_model=RuleRead, status_code=201, tags=["escalation"])
def add_rule(data: RuleCreate, session: SessionDep, actor: ApiActor, programme: str | None = None):
    rule = service.add_rule(session, actor=actor, programme=get_programme(session, programme),
                            min_score=data.min_score, body_key=data.body_key, scope=data.scope, scope_ref=data.scope_ref)
    return _rule_read(rule)


@router.delete("/escalation-rules/{rule_id}", status_code=204, tags=["escalation"])
def remove_rule(rule_id: int, session: SessionDep, actor: ApiActor, programme: str | None = None):
    service.remove_rule(session, actor=actor, programme=get_programme(session, programme), rule_id=rule_id)
    return Response(status_code=204)


@router.get("/risk-matrix", response_model=RiskMatrix, tags=["escalation"],
            summary="The programme's grade bands and RAG mapping for the NHS 5x5 matrix")
def risk_matrix(session: SessionDep, actor: ApiActor, programme: str | None = None):
    service.require_view(actor)
    prog = get_programme(session, programme)
    return RiskMatrix(version=prog.version, risk_grades=prog.risk_grades)


@router.put("/risk-matrix", response_model=RiskMatrix, tags=["escalation"])
def set_risk_matrix(data: RiskMatrix, session: SessionDep, actor: ApiActor, programme: str | None = None):
    prog = service.set_risk_grades(session, actor=actor, programme=get_programme(session, programme),
                                   grades=[b.model_dump() for b in data.risk_grades], version=data.version)
    return RiskMatrix(version=prog.version, risk_grades=prog.risk_grades)


class Escalations(Page[RiskRead]):
    benefits: list[BenefitRead] = Field([], description="benefits the benefit rules send to this body, worst first")
    measure_exceptions: list[MeasureException] = Field(
        [], description="performance measures whose special cause concern or failing assurance the measure rules "
                        "send to this body, at each measure's latest period")


@router.get("/governance-bodies/{key}/escalations", response_model=Escalations,
            summary="Open risks escalated to this body under the programmes' rules, highest score first")
def escalations(key: str, session: SessionDep, actor: ApiActor,
                paging: Annotated[PageRequest, Depends(page_request)]):
    found, total = service.escalations_for(session, actor=actor, body_key=key, offset=paging.offset,
                                           limit=paging.page_size)
    return Escalations(items=escalated_reads(session, found), total=total, page=paging.page,
                       page_size=paging.page_size, benefits=escalated_benefits(session, actor, key),
                       measure_exceptions=escalated_measures(session, key))


def escalated_measures(session, body_key: str) -> list[MeasureException]:
    """Measure exceptions routed to a body, at each series' latest period up to today."""
    return exceptions_for_body(session, body_key=body_key, since=None, until=date.today())


def escalated_benefits(session, actor, body_key: str) -> list[BenefitRead]:
    """The benefits escalated to a body, as the escalations API and page both show them."""
    return [benefit_read(a) for a in benefits_service.escalations_for(session, actor=actor, body_key=body_key)]


def escalated_reads(session, found) -> list[RiskRead]:
    rules: dict[int, list] = {}
    for _, prog in found:
        if prog.id not in rules:
            rules[prog.id] = service.rules_of(session, prog)
    return [risk_read(risk, prog, rules[prog.id]) for risk, prog in found]
