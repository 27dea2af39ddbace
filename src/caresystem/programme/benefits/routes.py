"""API: /api/v1/benefits (register, detail, trajectory, actuals, export, imports) and /api/v1/benefit-tolerance."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, UploadFile
from fastapi.responses import Response

from caresystem.programme.benefits import imports, service, spreadsheet
from caresystem.programme.benefits.schemas import (ActualCreate, BenefitCreate, BenefitDetail, BenefitRead,
                                                   BenefitsSummary, BenefitUpdate, Tolerance,
                                                   TrajectoryUpdate)
from caresystem.programme.registers import XLSX, attachment
from caresystem.programme.registers.api import RecordApi, collection_routes, handler_names, history_route, item_routes
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.programme.benefits.reads import benefit_detail, benefit_read, export_records

router = APIRouter(tags=["benefits"])
CONFLICT = {409: {"description": "The benefit changed since `version` was read"}}


def _detail(session, programme, key: str, actor) -> BenefitDetail:
    return benefit_detail(service.get_assessed(session, actor=actor, programme=programme, key=key), programme)


def _read(session, programme, benefit) -> BenefitDetail:
    return benefit_detail(service.assessed_now(session, programme, benefit), programme)


def _filters(status: str | None = None, type: str | None = None, owner: str | None = None, q: str | None = None,
             sort: str = "status") -> dict:
    return {"status": status, "type": type, "owner": owner, "q": q, "sort": sort}


Filters = Annotated[dict, Depends(_filters)]


BENEFITS = RecordApi(
    path="/benefits", ident="key", entity=service.ENTITY, names=handler_names("benefit", "benefits"),
    Read=BenefitDetail, read=_read, get=service.find_benefit, List=BenefitRead, list=service.list_benefits,
    filters=_filters, read_page=lambda session, programme, found: [benefit_read(f) for f in found],
    Create=BenefitCreate, create=service.create_benefit, Update=BenefitUpdate, update=service.update_benefit,
    delete=service.delete_benefit, conflict=CONFLICT,
    delete_doc="Soft delete: the benefit leaves the register; its history and audit trail are kept.",
    history="Audit trail of a benefit", summaries={"list": "The benefits register with computed status"},
    programme_first=True)
collection_routes(router, BENEFITS)


@router.get("/benefits/export.xlsx", summary="The benefits register as a formatted workbook",
            response_class=Response, responses={200: {"content": {XLSX: {}}}})
def export_xlsx(session: SessionDep, actor: ApiActor, programme: ApiProgramme, filters: Filters):
    return attachment(spreadsheet.to_xlsx(export_records(session, actor, programme, filters)), kind="xlsx",
                      name="benefits")


@router.get("/benefits/export.csv", summary="The benefits register as CSV", response_class=Response)
def export_csv(session: SessionDep, actor: ApiActor, programme: ApiProgramme, filters: Filters):
    return attachment(spreadsheet.to_csv(export_records(session, actor, programme, filters)), kind="csv",
                      name="benefits")


@router.get("/benefits/summary", response_model=BenefitsSummary,
            summary="Benefits counted by status, and those off track")
def summary(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.require_view(actor)
    found = service.benefits_summary(session, programme)
    return BenefitsSummary(counts=found.counts, off_track=[benefit_read(a) for a in found.off_track])


@router.post("/benefits/import", summary="Import a benefits register (XLSX or CSV); nothing is imported if any row "
                                        "is bad")
def import_benefits(file: UploadFile, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    """The register's download read back: a row whose key is in the register updates that benefit, a row without
    one adds a benefit. A plain function, so the parsing and the database work run in the thread pool."""
    service.require_edit(actor)  # before the file is read
    return imports.import_file(session, actor=actor, programme=programme, content=file.file.read(),
                               filename=file.filename or "")


@router.post("/benefits/actuals/import", summary="Import benefits' actuals (XLSX or CSV: Benefit key, Date, Value, "
                                                 "Source, Note); nothing is imported if any row is bad")
def import_actuals(file: UploadFile, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.require_edit(actor)
    return imports.import_actuals_file(session, actor=actor, programme=programme, content=file.file.read(),
                                       filename=file.filename or "")


item_routes(router, BENEFITS, history=False)


@router.put("/benefits/{key}/trajectory", response_model=BenefitDetail, responses=CONFLICT,
            summary="Replace the benefit's dated trajectory")
def set_trajectory(key: str, data: TrajectoryUpdate, session: SessionDep, actor: ApiActor,
                   programme: ApiProgramme):
    service.set_trajectory(session, actor=actor, programme=programme, key=key, version=data.version, points=data.points)
    return _detail(session, programme, key, actor)


@router.post("/benefits/{key}/actuals", response_model=BenefitDetail, status_code=201,
             summary="Record a dated actual; the status is recomputed")
def add_actual(key: str, data: ActualCreate, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.add_actual(session, actor=actor, programme=programme, key=key, data=data)
    return _detail(session, programme, key, actor)


@router.delete("/benefits/{key}/actuals/{on_date}", response_model=BenefitDetail,
               summary="Remove a wrongly recorded actual")
def remove_actual(key: str, on_date: date, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.remove_actual(session, actor=actor, programme=programme, key=key, on_date=on_date)
    return _detail(session, programme, key, actor)


history_route(router, BENEFITS)


def _tolerance(programme) -> Tolerance:
    found = service.tolerance_of(programme)
    return Tolerance(version=programme.version, at_risk=found.at_risk, off_track=found.off_track,
                     rule=found.describe())


@router.get("/benefit-tolerance", response_model=Tolerance, tags=["escalation"],
            summary="The programme's tolerance for benefit status against trajectory")
def get_tolerance(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    service.require_view(actor)
    return _tolerance(programme)


@router.put("/benefit-tolerance", response_model=Tolerance, tags=["escalation"], responses=CONFLICT)
def set_tolerance(data: Tolerance, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    programme = service.set_tolerance(session, actor=actor, programme=programme,
                                 at_risk=data.at_risk, off_track=data.off_track, version=data.version)
    return _tolerance(programme)
