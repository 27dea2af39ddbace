"""Benefits measured from data: a benefit bound to a performance measure (for an organisation or area) takes every
actual from the assurance part's data, and one bound to a population indicator (for an area) takes one actual from
each population run; never typed, each saying where it came from. Its status combines the trajectory with the
series' SPC.

The combined rule (Making Data Count read beside PID 6.1's trajectory): the trajectory decides the status, and the
SPC of the measured series qualifies it. A benefit on trajectory whose latest point is special cause concern is at
risk (the process has shifted the wrong way); a benefit off trajectory whose latest point is special cause
improvement is at risk rather than off track (it is moving the right way, measurably). The reason always says both:
"behind trajectory; special cause improvement for 3 months".
"""

from dataclasses import replace

from sqlalchemy.orm import Session

from caresystem.assurance import MeasuredPoint, MeasuredSeries, measure_series
from caresystem.population import indicator_series
from caresystem.stats import spc
from caresystem.programme.benefits.models import Benefit
from caresystem.programme.benefits.trajectory import Status

SERIES = "_measured_series"  # the series is attached to the loaded benefit, not stored: the data may change


DATA_DIR = "data_dir"  # session.info key: where population runs live (set by the web app and the CLI)


def is_measured(benefit: Benefit) -> bool:
    m = benefit.measure
    return bool(m and ((m.source == "measure" and m.measure_key) or (m.source == "population" and m.indicator_key)))


def population_series(session: Session, *, indicator: str, area_code: str) -> MeasuredSeries | None:
    """A population indicator for an area, one point per run, in the shape of a measured series (with its SPC)."""
    data_dir = session.info.get(DATA_DIR)
    found = indicator_series(data_dir=data_dir, indicator=indicator, area_code=area_code) if data_dir else None
    if found is None:
        return None
    points = tuple(MeasuredPoint(p.period, p.value, False, p.source) for p in found.points)
    result = spc([p.value for p in points], direction=found.indicator.direction) if len(points) >= 2 else None
    return MeasuredSeries(indicator, found.indicator.label, area_code, found.area_name, found.indicator.unit,
                          found.indicator.direction, points, result, found.url)


def _series(session: Session, benefit: Benefit) -> MeasuredSeries | None:
    m = benefit.measure
    if m.source == "population":
        return population_series(session, indicator=m.indicator_key, area_code=m.measure_entity or "system")
    return measure_series(session, measure_key=m.measure_key, entity_code=m.measure_entity or "")


def attach(session: Session, benefits: list[Benefit]) -> list[Benefit]:
    """Read the measured series of every benefit bound to a measure or indicator (one read per bound benefit)."""
    for benefit in benefits:
        if is_measured(benefit):
            setattr(benefit, SERIES, _series(session, benefit))
    return benefits


def series_of(benefit: Benefit) -> MeasuredSeries | None:
    return getattr(benefit, SERIES, None) if is_measured(benefit) else None


def actuals_of(benefit: Benefit) -> list[tuple]:
    """(date, value) actuals: the measured series when bound to a measure, otherwise those recorded."""
    if is_measured(benefit):
        series = series_of(benefit)
        return [(p.period, p.value) for p in series.points] if series else []
    return [(a.on_date, a.value) for a in benefit.actuals]


def _run_length(series: MeasuredSeries) -> int:
    """How many of the latest points share the latest point's class."""
    points = series.result.points
    latest, count = points[-1].classification, 0
    for point in reversed(points):
        if point.classification != latest:
            break
        count += 1
    return count


WORDS = {"on_track": "on trajectory", "at_risk": "slightly behind trajectory", "off_track": "behind trajectory"}


def combine(status: Status, series: MeasuredSeries | None) -> Status:
    """The trajectory's status qualified by the SPC of the measured series (see the module docstring)."""
    if series is None or series.result is None or status.status == "no_data":
        return status
    latest = series.result.latest.classification
    months = _run_length(series)
    spc_words = {"common_cause": "common cause variation", "special_cause_improvement": "special cause improvement",
                 "special_cause_concern": "special cause concern",
                 "special_cause_neither": "special cause variation"}[latest]
    duration = "" if latest == "common_cause" else f" for {months} month{'s' if months != 1 else ''}"
    combined = status.status
    if latest == "special_cause_concern" and status.status == "on_track":
        combined = "at_risk"
    elif latest == "special_cause_improvement" and status.status == "off_track":
        combined = "at_risk"
    return replace(status, status=combined,
                   reason=f"{WORDS[status.status].capitalize()}; {spc_words}{duration}. {status.reason}")
