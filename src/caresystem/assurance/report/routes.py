"""API: /api/v1/assurance/report (the integrated performance report) and /api/v1/assurance/exceptions."""

from dataclasses import asdict
from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel

from caresystem.assurance.report import service
from caresystem.web.dates import parse_period
from caresystem.web.deps import ApiActor, SessionDep

router = APIRouter(prefix="/assurance", tags=["assurance"])


class ExceptionRead(BaseModel):
    measure_key: str
    measure_name: str
    organisation_code: str
    organisation_name: str
    period: date
    reason: str
    detail: str
    url: str


class LineRead(BaseModel):
    measure: str
    measure_name: str
    domain: str
    unit: str
    organisation: str
    organisation_name: str
    period: date
    value: float
    illustrative: bool
    target: float | None
    target_operator: str | None
    variation: str | None
    assurance: str | None
    url: str


class ReportRead(BaseModel):
    period: date | None
    lines: list[LineRead]
    exceptions: list[ExceptionRead]


def line_read(line: service.Line) -> LineRead:
    return LineRead(measure=line.measure.key, measure_name=line.measure.name, domain=line.measure.domain,
                    unit=line.measure.unit, organisation=line.entity.code, organisation_name=line.entity.name,
                    period=line.period, value=line.value, illustrative=line.illustrative, target=line.measure.target,
                    target_operator=line.measure.target_operator, variation=line.variation,
                    assurance=line.assurance, url=line.url)


@router.get("/report", response_model=ReportRead,
            summary="Every measure and organisation at a reporting period (YYYY-MM; latest when omitted)")
def report(session: SessionDep, actor: ApiActor, period: str | None = None, domain: str | None = None,
           organisation: str | None = None, place: str | None = None):
    found = service.report(session, actor=actor, period=parse_period(period), domain=domain,
                           organisation=organisation, place=place)
    return ReportRead(period=found.period, lines=[line_read(x) for x in found.lines],
                      exceptions=[ExceptionRead(**asdict(e)) for e in found.exceptions])


@router.get("/exceptions", response_model=list[ExceptionRead],
            summary="The measure exceptions the rules send to a governance body, at periods from since to until")
def exceptions(body: str, until: date, session: SessionDep, actor: ApiActor, since: date | None = None):
    return [ExceptionRead(**asdict(e)) for e in service.exceptions_for_body(session, body_key=body, since=since,
                                                                            until=until)]
