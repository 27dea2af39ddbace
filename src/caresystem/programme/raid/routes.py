"""API: /api/v1/risks (register, detail, export, import), escalation rules and the risk matrix."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, UploadFile
from fastapi.responses import Response

from caresystem.auth import Permission, require_somewhere
from caresystem.programme.raid import service, spreadsheet
from caresystem.programme.raid.schemas import (OnwardRead, RiskCreate, RiskDetail, RiskMatrix, RiskRead, RiskUpdate,
                                               RuleCreate, RuleRead)
from caresystem.programme.registers import XLSX, attachment
from caresystem.programme.registers.api import RecordApi, collection_routes, handler_names, item_routes
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.programme.raid.reads import export_records, risk_detail, risk_read

router = APIRouter(tags=["risks"])


def _filters(status: str | None = None, scope: str | None = None,
             min_score: Annotated[int | None, Query(ge=1, le=25)] = None,
             impact: Annotated[int | None, Query(ge=1, le=5)] = None,
             likelihood: Annotated[int | None, Query(ge=1, le=5)] = None, q: str | None = None,
             overdue: bool = False, sort: str = "score") -> dict:
    return {"status": status, "scope": scope, "min_score": min_score, "impact": impact, "likelihood": likelihood,
            "q": q, "overdue": overdue, "sort": sort}


Filters = Annotated[dict, Depends(_filters)]


def _read_page(session, programme, risks) -> list[RiskRead]:
    rules = service.standings_of(session, programme)
    return [risk_read(r, programme, rules) for r in risks]


RISKS = RecordApi(
    path="/risks", ident="reference", entity="risks", names=handler_names("risk", "risks"), Read=RiskDetail,
    read=lambda session, programme, risk: risk_detail(session, risk, programme), get=service.get_risk,
    List=RiskRead, list=service.list_risks, filters=_filters,
    read_page=_read_page,
    create=service.create_risk, Create=RiskCreate, update=service.update_risk, Update=RiskUpdate,
    delete=service.delete_risk, conflict={409: {"description": "The risk changed since `version` was read"}},
    delete_doc="Soft delete: the risk leaves the register; its history and audit trail are kept.",
    history="Audit trail of a risk", summaries={"list": "The risk register, filtered and sorted"},
    programme_first=True)
collection_routes(router, RISKS)


@router.get("/risks/export.xlsx", summary="The register as a formatted workbook",
            response_class=Response, responses={200: {"content": {XLSX: {}}}})
def export_xlsx(session: SessionDep, actor: ApiActor, programme: ApiProgramme, filters: Filters):
    content = spreadsheet.to_xlsx(export_records(session, actor, programme, filters))
    return attachment(content, kind="xlsx", name="risks")


@router.get("/risks/export.csv", summary="The register as CSV", response_class=Response)
def export_csv(session: SessionDep, actor: ApiActor, programme: ApiProgramme, filters: Filters):
    content = spreadsheet.to_csv(export_records(session, actor, programme, filters))
    return attachment(content, kind="csv", name="risks")


@router.post("/risks/import", summary="Import a register (XLSX or CSV); nothing is imported if any row is bad")
def import_risks(file: UploadFile, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    """A plain function, so the parsing and the database work run in the thread pool, not on the event loop."""
    require_somewhere(actor, Permission.EDIT_PROGRAMME)  # before the file is read; each row's scope is checked after
    return service.import_file(session, actor=actor, programme=programme, content=file.file.read(),
                               filename=file.filename or "")


item_routes(router, RISKS)


def _rule_read(rule, routes_nowhere: str | None = None) -> RuleRead:
    return RuleRead(id=rule.id, min_score=rule.min_score, body_key=rule.body_key, scope=rule.scope,
                    scope_ref=rule.scope_ref, routes_nowhere=routes_nowhere)


@router.get("/escalation-rules", response_model=list[RuleRead], tags=["escalation"],
            summary="The programme's escalation rules: a score threshold and scope route risks to bodies")
def list_rules(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.require_view(actor)
    return [_rule_read(s.rule, s.body.problem) for s in service.standings_of(session, programme)]


@router.get("/escalation-rules/onward", response_model=list[OnwardRead], tags=["escalation"],
            summary="Where an escalated risk goes next, as necessary (not automatic): the onward escalation route")
def list_onward(actor: ApiActor, programme: ApiProgramme):
    service.require_view(actor)
    return service.onward_escalation(programme)


@router.post("/escalation-rules", response_model=RuleRead, status_code=201, tags=["escalation"])
def add_rule(data: RuleCreate, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    rule = service.add_rule(session, actor=actor, programme=programme,
                            min_score=data.min_score, body_key=data.body_key, scope=data.scope, scope_ref=data.scope_ref)
    return _rule_read(rule)


@router.delete("/escalation-rules/{rule_id}", status_code=204, tags=["escalation"])
def remove_rule(rule_id: int, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.remove_rule(session, actor=actor, programme=programme, rule_id=rule_id)
    return Response(status_code=204)


@router.get("/risk-matrix", response_model=RiskMatrix, tags=["escalation"],
            summary="The programme's grade bands and RAG mapping for the NHS 5x5 matrix")
def risk_matrix(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.require_view(actor)
    return RiskMatrix(version=programme.version, risk_grades=programme.risk_grades)


@router.put("/risk-matrix", response_model=RiskMatrix, tags=["escalation"])
def set_risk_matrix(data: RiskMatrix, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    programme = service.set_risk_grades(session, actor=actor, programme=programme,
                                   grades=[b.model_dump() for b in data.risk_grades], version=data.version)
    return RiskMatrix(version=programme.version, risk_grades=programme.risk_grades)
