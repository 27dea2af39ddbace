"""Benefits measured from data: a benefit bound to a performance measure (for an organisation or area) takes every
actual from the assurance part's data, never typed, each saying where it came from; its status combines the
trajectory with the measure's SPC.

The combined rule (Making Data Count read beside PID 6.1's trajectory): the trajectory decides the status, and the
SPC of the measured series qualifies it. A benefit on trajectory whose latest point is special cause concern is at
risk (the process has shifted the wrong way); a benefit off trajectory whose latest point is special cause
improvement is at risk rather than off track (it is moving the right way, measurably). The reason always says both:
"behind trajectory; special cause improvement for 3 months".
"""

from dataclasses import replace

from sqlalchemy.orm import Session

from caresystem.assurance import MeasuredSeries, measure_series
from caresystem.programme.benefits.models import Benefit
from caresystem.programme.benefits.trajectory import Status

SERIES = "_measured_series"  # the series is attached to the loaded benefit, not stored: the data may change


def is_measured(benefit: Benefit) -> bool:
    return bool(benefit.measure and benefit.measure.source == "measure" and benefit.measure.measure_key)


def attach(session: Session, benefits: list[Benefit]) -> list[Benefit]:
    """Read the measured series of every benefit bound to a measure (one read per bound benefit)."""
    for benefit in benefits:
        if is_measured(benefit):
            setattr(benefit, SERIES, measure_series(session, measure_key=benefit.measure.measure_key,
                                                    entity_code=benefit.measure.measure_entity or ""))
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
