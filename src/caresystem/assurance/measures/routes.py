"""API: /api/v1/assurance/measures (the catalogue), their data (read and import) and SPC per organisation."""

from datetime import date

from fastapi import APIRouter, UploadFile
from pydantic import BaseModel

from caresystem.assurance.measures import service
from caresystem.assurance.measures.models import Measure
from caresystem.assurance.measures.schemas import (ImportResult, MeasureRead, NarrativeIn, NarrativeRead, RuleIn,
                                                   ValueRead)
from caresystem.errors import NotFound
from caresystem.web.deps import ApiActor, SessionDep

router = APIRouter(prefix="/assurance", tags=["assurance"])


def measure_read(m: Measure) -> MeasureRead:
    return MeasureRead.model_validate({**{c: getattr(m, c) for c in MeasureRead.model_fields if c != "url"},
                                       "url": f"/assurance/measures/{m.key}"})


@router.get("/measures", response_model=list[MeasureRead], summary="The measures catalogue: direction, target, source")
def list_measures(session: SessionDep, actor: ApiActor, domain: str | None = None):
    return [measure_read(m) for m in service.list_measures(session, actor=actor, domain=domain)]


@router.get("/measures/{key}", response_model=MeasureRead)
def get_measure(key: str, session: SessionDep, actor: ApiActor):
    return measure_read(service.get_measure(session, key, actor=actor))


@router.get("/measures/{key}/data", response_model=list[ValueRead],
            summary="A measure's data for one organisation or area, oldest first")
def measure_data(key: str, organisation: str, session: SessionDep, actor: ApiActor):
    measure = service.get_measure(session, key, actor=actor)
    return [ValueRead(measure=key, entity_code=v.entity_code, period=v.period, numerator=v.numerator,
                      denominator=v.denominator, value=v.value, note=v.note, illustrative=v.illustrative,
                      source=f"{v.source_document} {v.source_section}" if v.source_document else None)
            for v in service.values_of(session, measure, organisation)]


class PointRead(BaseModel):
    period: date
    value: float
    segment: int
    moving_range: float | None
    rules: list[str]
    side: str | None
    classification: str


class SegmentRead(BaseModel):
    start: date
    end: date
    mean: float
    mean_moving_range: float
    lower_limit: float
    upper_limit: float
    baseline_points: int
    screened_out: int


class SpcRead(BaseModel):
    measure: str
    organisation: str
    direction: str
    target: float | None
    target_operator: str | None
    variation: str
    assurance: str | None
    screened: bool
    warnings: list[str]
    segments: list[SegmentRead]
    points: list[PointRead]


@router.get("/measures/{key}/spc/{organisation}", response_model=SpcRead,
            summary="Making Data Count SPC of a measure for one organisation: limits, rules per point, icons")
def measure_spc(key: str, organisation: str, session: SessionDep, actor: ApiActor):
    measure = service.get_measure(session, key, actor=actor)
    rows = service.values_of(session, measure, organisation)
    result = service.spc_of(measure, [r.value for r in rows])
    if result is None:
        raise NotFound(f"'{key}' has fewer than two points for '{organisation}'.")
    periods = [r.period for r in rows]
    return SpcRead(measure=key, organisation=organisation, direction=result.direction, target=result.target,
                   target_operator=result.target_operator, variation=result.variation, assurance=result.assurance,
                   screened=result.screened, warnings=list(result.warnings),
                   segments=[SegmentRead(start=periods[s.start], end=periods[s.end - 1], mean=s.mean,
                                         mean_moving_range=s.mean_moving_range, lower_limit=s.lower_limit,
                                         upper_limit=s.upper_limit, baseline_points=s.baseline_points,
                                         screened_out=s.screened_out) for s in result.segments],
                   points=[PointRead(period=periods[p.index], value=p.value, segment=p.segment,
                                     moving_range=p.moving_range, rules=list(p.rules), side=p.side,
                                     classification=p.classification) for p in result.points])


@router.post("/data", response_model=ImportResult,
             summary="Import measure data (CSV or XLSX, long format); nothing is imported if any row is bad")
def import_data(file: UploadFile, session: SessionDep, actor: ApiActor):
    """A plain function, so parsing and the database work run in the thread pool, not on the event loop."""
    return ImportResult(**service.import_file(session, actor=actor, content=file.file.read(),
                                              filename=file.filename or ""))


@router.get("/measures/{key}/narratives/{organisation}", response_model=list[NarrativeRead])
def narratives(key: str, organisation: str, session: SessionDep, actor: ApiActor):
    measure = service.get_measure(session, key, actor=actor)
    return service.narratives(session, measure, organisation)


@router.put("/measures/{key}/narratives", response_model=NarrativeRead,
            summary="Write (or change, with the version read) a measure's narrative for a period")
def save_narrative(key: str, data: NarrativeIn, session: SessionDep, actor: ApiActor):
    measure = service.get_measure(session, key, actor=actor)
    return service.save_narrative(session, actor=actor, measure=measure, data_in=data)


class RuleRead(RuleIn):
    id: int


@router.get("/exception-rules", response_model=list[RuleRead],
            summary="Rules routing measures' exceptions to governance bodies")
def list_rules(session: SessionDep, actor: ApiActor):
    return [RuleRead(id=r.id, condition=r.condition, domain=r.domain, measure_key=r.measure_key,
                     entity_code=r.entity_code, body_key=r.body_key) for r in service.rules(session)]


@router.post("/exception-rules", response_model=RuleRead, status_code=201,
             summary="Add a rule: a condition, optionally a domain, measure and organisation, and the body")
def add_rule(data: RuleIn, session: SessionDep, actor: ApiActor):
    rule = service.add_rule(session, actor=actor, data_in=data)
    return RuleRead(id=rule.id, **data.model_dump())


@router.delete("/exception-rules/{rule_id}", status_code=204)
def remove_rule(rule_id: int, session: SessionDep, actor: ApiActor):
    service.remove_rule(session, actor=actor, rule_id=rule_id)
