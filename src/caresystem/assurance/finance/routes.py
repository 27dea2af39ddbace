"""API: /api/v1/assurance/finance (figures and computed totals beside stated ones) and /api/v1/assurance/workforce."""

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel

from caresystem.assurance.finance import service
from caresystem.web.deps import ApiActor, SessionDep

router = APIRouter(prefix="/assurance", tags=["assurance"])


class FigureRead(BaseModel):
    organisation_code: str
    financial_year: str
    metric: str
    basis: str
    month: int | None
    value_gbp_m: float
    note: str | None
    source: str | None


class StatedRead(BaseModel):
    value_gbp_m: float
    note: str | None
    source: str | None
    differs: bool


class TotalRead(BaseModel):
    group: str
    financial_year: str
    metric: str
    basis: str
    computed_gbp_m: float | None
    rows: int
    stated: list[StatedRead]


class FinanceRead(BaseModel):
    figures: list[FigureRead]
    totals: list[TotalRead]


def _source(record) -> str | None:
    return f"{record.source_document} {record.source_section}" if record.source_document else None


@router.get("/finance", response_model=FinanceRead,
            summary="Finance figures by organisation and year; totals computed from the rows beside stated totals")
def finance(session: SessionDep, actor: ApiActor, year: str | None = None):
    totals = service.totals(session, year=year)
    return FinanceRead(
        figures=[FigureRead(organisation_code=f.organisation_code, financial_year=f.financial_year, metric=f.metric,
                            basis=f.basis, month=f.month, value_gbp_m=f.value_gbp_m, note=f.note, source=_source(f))
                 for f in service.figures(session, year=year)],
        totals=[TotalRead(group=t.group, financial_year=t.financial_year, metric=t.metric, basis=t.basis,
                          computed_gbp_m=t.computed, rows=t.rows,
                          stated=[StatedRead(value_gbp_m=s.value_gbp_m, note=s.note, source=_source(s),
                                             differs=s in t.differs) for s in t.stated]) for t in totals])


class StaffGroupRead(BaseModel):
    staff_group: str
    fte: float


class WorkforceRead(BaseModel):
    entity_code: str
    as_at: date
    in_post: list[StaffGroupRead]
    total_in_post: float
    vacancies: float
    vacancy_rate_percent: float


@router.get("/workforce", response_model=list[WorkforceRead],
            summary="Staff in post by staff group, vacancies and the vacancy rate (computed from the rows)")
def workforce(session: SessionDep, actor: ApiActor):
    return [WorkforceRead(entity_code=w.entity_code, as_at=w.as_at,
                          in_post=[StaffGroupRead(staff_group=g.staff_group, fte=g.fte) for g in w.in_post],
                          total_in_post=w.total_in_post, vacancies=w.vacancies,
                          vacancy_rate_percent=round(w.vacancy_rate, 2)) for w in service.workforce(session)]
