"""The rules of finance and workforce figures: loading them, totals computed from the rows (never typed) beside the
totals the documents state, flagged where they differ, and the vacancy rate that SPC applies to."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.assurance.finance.models import FinanceFigure, StatedTotal, WorkforceFigure
from caresystem.errors import FieldError, Invalid
from caresystem.system.organisations import Organisation

METRICS = {"surplus_deficit": "Surplus (deficit)", "surplus_deficit_before_support": "Surplus (deficit) before "
           "sustainability or recovery funds", "accumulated_surplus_deficit": "Accumulated surplus (deficit)",
           "csf": "Commissioner sustainability fund (CSF)", "psf": "Provider sustainability fund (PSF)",
           "frf": "Financial recovery fund (FRF)", "control_total": "Control total", "qipp_plan": "QIPP plan",
           "qipp_delivered": "QIPP delivered"}
BASES = ("plan", "actual", "forecast")
GROUPS = {"ccgs": "CCGs", "providers": "NHS providers", "system": "Whole system"}
PROVIDER_TYPES = frozenset({"nhs_trust", "foundation_trust"})
TOLERANCE = 0.05  # GBP millions: documents round to one decimal place


class _Source(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document: str
    section: str


class FigureRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    organisation: str
    year: str
    metric: str
    basis: str
    month: int | None = None
    value: float
    note: str | None = None
    source: _Source


class TotalRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")
    group: str
    year: str
    metric: str
    basis: str
    value: float
    note: str | None = None
    source: _Source


class WorkforceRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)
    entity: str
    as_at: date
    staff_group: str
    kind: str
    fte: float
    note: str | None = None
    source: _Source


def _parse(items, model, label: str, errors: list[FieldError]) -> list:
    parsed = []
    for i, item in enumerate(items or []):
        try:
            parsed.append(model.model_validate(item))
        except ValidationError as exc:
            errors += [FieldError(f"{label}[{i + 1}].{'.'.join(map(str, e['loc']))}", e["msg"]) for e in exc.errors()]
    return parsed


def load_reference(session: Session, directory: Path) -> list[str]:
    """Load `finance.yaml` and `workforce.yaml` (idempotent: each figure is kept by its natural key)."""
    errors: list[FieldError] = []
    finance = yaml.safe_load((directory / "finance.yaml").read_text("utf-8")) if (directory / "finance.yaml").exists() \
        else {}
    workforce = yaml.safe_load((directory / "workforce.yaml").read_text("utf-8")) \
        if (directory / "workforce.yaml").exists() else []
    figures = _parse(finance.get("figures"), FigureRecord, "finance.yaml figures", errors)
    totals = _parse(finance.get("stated_totals"), TotalRecord, "finance.yaml stated_totals", errors)
    staff = _parse(workforce, WorkforceRecord, "workforce.yaml", errors)
    known = set(session.scalars(select(Organisation.code)))
    errors += [FieldError(f"finance.yaml figures[{i + 1}].organisation", f"'{f.organisation}' is not an organisation")
               for i, f in enumerate(figures) if f.organisation not in known]
    errors += [FieldError(f"finance.yaml figures[{i + 1}].metric", f"'{f.metric}' is not one of {', '.join(METRICS)}")
               for i, f in enumerate(figures) if f.metric not in METRICS]
    if errors:
        raise Invalid(errors)
    changed = sum(_upsert(session, FinanceFigure, {"organisation_code": f.organisation, "financial_year": f.year,
                                                   "metric": f.metric, "basis": f.basis, "month": f.month},
                          {"value_gbp_m": f.value, "note": f.note, **_src(f)}) for f in figures)
    changed += sum(_upsert(session, StatedTotal, {"group_key": t.group, "financial_year": t.year, "metric": t.metric,
                                                  "basis": t.basis, "source_section": t.source.section},
                           {"value_gbp_m": t.value, "note": t.note, "source_document": t.source.document})
                   for t in totals)
    changed += sum(_upsert(session, WorkforceFigure, {"entity_code": w.entity, "as_at": w.as_at,
                                                      "staff_group": w.staff_group, "kind": w.kind},
                           {"fte": w.fte, "note": w.note, **_src(w)}) for w in staff)
    session.flush()
    return [f"finance and workforce: {len(figures)} figures, {len(totals)} stated totals, {len(staff)} workforce "
            f"figures ({changed} new or changed)"]


def _src(record) -> dict:
    return {"source_document": record.source.document, "source_section": record.source.section}


def _upsert(session: Session, model, key: dict, values: dict) -> int:
    found = session.scalar(select(model).filter_by(**key))
    if found is None:
        session.add(model(**key, **values))
        return 1
    if all(getattr(found, k) == v for k, v in values.items()):
        return 0
    for k, v in values.items():
        setattr(found, k, v)
    return 1


@dataclass(frozen=True)
class TotalLine:
    """A group's total for a year, metric and basis: computed from the rows, and what each document states."""

    group: str
    financial_year: str
    metric: str
    basis: str
    computed: float | None
    rows: int
    stated: list[StatedTotal]

    @property
    def differs(self) -> list[StatedTotal]:
        """The stated totals that do not equal the rows' sum (or have no rows to check against)."""
        return [s for s in self.stated if self.computed is None or abs(s.value_gbp_m - self.computed) > TOLERANCE]


def figures(session: Session, *, year: str | None = None) -> list[FinanceFigure]:
    query = select(FinanceFigure).order_by(FinanceFigure.financial_year, FinanceFigure.metric, FinanceFigure.basis,
                                           FinanceFigure.organisation_code)
    if year:
        query = query.where(FinanceFigure.financial_year == year)
    return list(session.scalars(query))


def years(session: Session) -> list[str]:
    found = set(session.scalars(select(FinanceFigure.financial_year).distinct()))
    found |= set(session.scalars(select(StatedTotal.financial_year).distinct()))
    return sorted(found)


def group_of(organisation_type: str | None) -> str | None:
    if organisation_type == "ccg":
        return "ccgs"
    return "providers" if organisation_type in PROVIDER_TYPES else None


def totals(session: Session, *, year: str | None = None) -> list[TotalLine]:
    """Totals by group (CCGs, providers, the whole system) computed from the year-end rows, beside stated totals."""
    types = {code: kind for code, kind in session.execute(select(Organisation.code, Organisation.type))}
    sums: dict[tuple, list[float]] = defaultdict(list)
    for f in figures(session, year=year):
        if f.month is not None:
            continue
        for group in (group_of(types.get(f.organisation_code)), "system"):
            if group:
                sums[(group, f.financial_year, f.metric, f.basis)].append(f.value_gbp_m)
    stated: dict[tuple, list[StatedTotal]] = defaultdict(list)
    query = select(StatedTotal).order_by(StatedTotal.id)
    for s in session.scalars(query.where(StatedTotal.financial_year == year) if year else query):
        stated[(s.group_key, s.financial_year, s.metric, s.basis)].append(s)
    keys = sorted(set(sums) | set(stated), key=lambda k: (k[1], k[2], k[3], list(GROUPS).index(k[0])
                                                         if k[0] in GROUPS else 9))
    return [TotalLine(*k, round(sum(sums[k]), 2) if k in sums else None, len(sums.get(k, [])), stated.get(k, []))
            for k in keys]


@dataclass(frozen=True)
class Workforce:
    entity_code: str
    as_at: date
    in_post: list[WorkforceFigure]
    vacancies: float

    @property
    def total_in_post(self) -> float:
        return sum(w.fte for w in self.in_post)

    @property
    def vacancy_rate(self) -> float:
        """Vacancies as a percentage of establishment (in post plus vacant), FTE."""
        return 100 * self.vacancies / (self.total_in_post + self.vacancies)


def workforce(session: Session) -> list[Workforce]:
    grouped: dict[tuple, list[WorkforceFigure]] = defaultdict(list)
    for w in session.scalars(select(WorkforceFigure).order_by(WorkforceFigure.as_at, WorkforceFigure.id)):
        grouped[(w.entity_code, w.as_at)].append(w)
    return [Workforce(code, as_at, [w for w in rows if w.kind == "in_post"],
                      sum(w.fte for w in rows if w.kind == "vacancies"))
            for (code, as_at), rows in grouped.items() if any(w.kind == "vacancies" for w in rows)]


def vacancy_rate_rows(session: Session) -> list[dict]:
    """The vacancy-rate measure's figures, computed from the workforce rows (never typed), for loading as data."""
    return [{"measure": "vacancy-rate", "entity": w.entity_code, "period": w.as_at.replace(day=1),
             "value": round(w.vacancy_rate, 2), "numerator": w.vacancies,
             "denominator": w.total_in_post + w.vacancies,
             "note": "Computed from the workforce figures: vacancies / (in post + vacancies)",
             "source": {"document": w.in_post[0].source_document or "", "section": w.in_post[0].source_section or ""}}
            for w in workforce(session) if w.in_post]
