"""A measure's series for one organisation or area, for other parts to read: each point with where it came from,
its SPC, and its chart. The programme's benefits bound to a measure take their actuals from here."""

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.assurance.measures import service
from caresystem.assurance.measures.models import Measure
from caresystem.assurance.report import chart
from caresystem.assurance.report.text import summary
from caresystem.stats import SpcResult


@dataclass(frozen=True)
class MeasuredPoint:
    period: date
    value: float
    illustrative: bool
    source: str  # where the figure came from, in words


@dataclass(frozen=True)
class MeasuredSeries:
    measure_key: str
    measure_name: str
    entity_code: str
    entity_name: str
    unit: str
    direction: str  # higher | lower | neutral
    points: tuple[MeasuredPoint, ...]
    result: SpcResult | None
    url: str

    def chart(self) -> Markup | None:
        if self.result is None:
            return None
        return chart.spc_chart(self.result, [p.period for p in self.points], unit=self.unit,
                               title=f"{self.measure_name}, {self.entity_name}", target=None)

    def summary(self) -> list[str]:
        return summary(self.result, self.unit, [p.period for p in self.points]) if self.result else []


def _source_text(value, measure_key: str, entity_code: str) -> str:
    where = f"performance data: {measure_key} for {entity_code}"
    if value.illustrative:
        return f"{where} (illustrative)"
    if value.source_document:
        return f"{where} (document {value.source_document}, {value.source_section})"
    return f"{where} (imported)"


def measure_series(session: Session, *, measure_key: str, entity_code: str) -> MeasuredSeries | None:
    """The series of a measure for an organisation or area (None when the measure or the organisation is unknown)."""
    measure = session.scalar(select(Measure).where(Measure.key == measure_key))
    known = service.entities(session)
    if measure is None or entity_code not in known:
        return None
    rows = service.values_of(session, measure, entity_code)
    points = tuple(MeasuredPoint(r.period, r.value, r.illustrative, _source_text(r, measure_key, entity_code))
                   for r in rows)
    return MeasuredSeries(measure.key, measure.name, entity_code, known[entity_code].name, measure.unit,
                          measure.direction, points, service.spc_of(measure, [p.value for p in points]),
                          f"/assurance/measures/{measure.key}/{entity_code}")


def known_measure(session: Session, measure_key: str) -> bool:
    return session.scalar(select(Measure.id).where(Measure.key == measure_key)) is not None


def known_entity(session: Session, entity_code: str) -> bool:
    return entity_code in service.entities(session)
