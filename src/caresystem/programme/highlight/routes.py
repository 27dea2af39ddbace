"""API: /api/v1/highlight-reports (list, create, detail with the registers as at the period end, update, submit,
revise, delete a draft, history) and /api/v1/highlight-reports/rollup for the programme board."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from caresystem.auth.audit import history_entries
from caresystem.programme.highlight import service
from caresystem.programme.highlight.reads import report_detail, report_read, rollup_read
from caresystem.programme.highlight.rollup import rollup_for
from caresystem.programme.highlight.schemas import (ReportCreate, ReportDetail, ReportRead, ReportUpdate, Revise,
                                                    RollupRead, Submit)
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request

router = APIRouter(prefix="/highlight-reports", tags=["highlight reports"])
STALE = {409: {"description": "The report changed since `version` was read"}}


@router.get("", response_model=Page[ReportRead], summary="Highlight reports, filtered")
def list_reports(session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                 paging: Annotated[PageRequest, Depends(page_request)], period: str | None = None,
                 project: str | None = None, status: str | None = None):
    found, total = service.list_reports(session, actor=actor, programme=programme,
                                        period=period, project=project, status=status, offset=paging.offset,
                                        limit=paging.page_size)
    return Page(items=[report_read(r) for r in found], total=total, page=paging.page, page_size=paging.page_size)


@router.get("/rollup", response_model=RollupRead,
            summary="The programme board's roll-up for a month: every project's submitted report, and who is missing")
def rollup(period: Annotated[str, Query(description="YYYY-MM")], session: SessionDep, actor: ApiActor,
           programme: ApiProgramme):
    return rollup_read(rollup_for(session, actor=actor, programme_key=programme.key, period=period))


@router.post("", response_model=ReportDetail, status_code=201)
def create_report(data: ReportCreate, session: SessionDep, actor: ApiActor,
                  programme: ApiProgramme):
    return report_detail(session, programme, service.create_report(session, actor=actor, programme=programme, data=data))


@router.get("/{project}/{period}", response_model=ReportDetail,
            summary="A report, with the project's risks, issues and milestones as at the period end")
def get_report(project: str, period: str, session: SessionDep, actor: ApiActor,
               programme: ApiProgramme):
    return report_detail(session, programme, service.get_report(session, actor=actor, programme=programme, project=project,
                                                            period=period))


@router.get("/{project}/{period}/history", summary="Audit trail of a highlight report")
def report_history(project: str, period: str, session: SessionDep, actor: ApiActor,
                   programme: ApiProgramme):
    report = service.get_report(session, actor=actor, programme=programme, project=project,
                                period=period)
    return history_entries(session, "highlight_reports", report.id)


@router.patch("/{project}/{period}", response_model=ReportDetail, responses=STALE)
def update_report(project: str, period: str, data: ReportUpdate, session: SessionDep, actor: ApiActor,
                  programme: ApiProgramme):
    return report_detail(session, programme, service.update_report(session, actor=actor, programme=programme,
                                                               project=project, period=period, data=data))


@router.post("/{project}/{period}/submit", response_model=ReportDetail, responses=STALE,
             summary="Submit the draft: it is locked and kept as submitted")
def submit_report(project: str, period: str, data: Submit, session: SessionDep, actor: ApiActor,
                  programme: ApiProgramme):
    return report_detail(session, programme, service.submit_report(session, actor=actor, programme=programme,
                                                               project=project, period=period, version=data.version))


@router.post("/{project}/{period}/revise", response_model=ReportDetail, responses=STALE,
             summary="Reopen a submitted report as its next revision, saying why")
def revise_report(project: str, period: str, data: Revise, session: SessionDep, actor: ApiActor,
                  programme: ApiProgramme):
    return report_detail(session, programme, service.revise_report(
        session, actor=actor, programme=programme, project=project, period=period, version=data.version,
        reason=data.reason))


@router.delete("/{project}/{period}", status_code=204, responses=STALE)
def delete_report(project: str, period: str, version: Annotated[int, Query(ge=1)], session: SessionDep,
                  actor: ApiActor, programme: ApiProgramme):
    service.delete_report(session, actor=actor, programme=programme, project=project,
                          period=period, version=version)
    return Response(status_code=204)
