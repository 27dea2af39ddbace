"""What a benefit is made of when it leaves the service: the register row with its computed status, the detail with trajectory and actuals, the export rows; one place for the API, the pages and other parts."""

from caresystem.programme.benefits import measured, service, spreadsheet
from caresystem.programme.benefits.estimate import range_text
from caresystem.programme.benefits.schemas import ActualRead, BenefitDetail, BenefitRead, Measure, Point
from caresystem.programme.registers import EXPORT_LIMIT


def benefit_read(found: service.Assessed) -> BenefitRead:
    b, s = found.benefit, found.status
    measure = b.measure and Measure(name=b.measure.name, unit=b.measure.unit, direction=b.measure.direction,
                                    source=b.measure.source, indicator=b.measure.indicator_key,
                                    measure=b.measure.measure_key, organisation=b.measure.measure_entity)
    fields = {f: getattr(b, f) for f in BenefitRead.model_fields if hasattr(b, f) and f not in ("measure", "status")}
    return BenefitRead(**fields, measure=measure, status=s.status, status_label=s.label, status_reason=s.reason,
                       target_range=range_text(b.target_low, b.target_high, b.measure and b.measure.unit),
                       latest_actual=s.actual if s.actual is not None else (b.actuals[-1].value if b.actuals else None),
                       latest_actual_date=s.as_at or (b.actuals[-1].on_date if b.actuals else None),
                       expected=s.expected, shortfall=s.shortfall, escalated_to=found.escalated_to,
                       escalated_to_text=found.escalated_to_text)


def benefit_detail(found: service.Assessed, programme) -> BenefitDetail:
    b = found.benefit
    return BenefitDetail(**benefit_read(found).model_dump(),
                         trajectory=[Point(date=p.on_date, value=p.value) for p in b.trajectory],
                         actuals=actual_reads(b),
                         rule=service.tolerance_of(programme).describe())


def actual_reads(b) -> list[ActualRead]:
    """Recorded actuals, or for a benefit measured from performance data every period of that data, saying where
    each came from."""
    series = measured.series_of(b)
    if measured.is_measured(b):
        return [ActualRead(date=p.period, value=p.value, source=p.source, note=None,
                           recorded_by="population run" if b.measure.source == "population" else "performance data")
                for p in (series.points if series else ())]
    return [ActualRead(date=a.on_date, value=a.value, source=a.source, note=a.note, recorded_by=a.recorded_by)
            for a in b.actuals]


def export_records(session, actor, programme, filters: dict) -> list[dict]:
    found, _ = service.list_benefits(session, actor=actor, programme=programme,
                                     **(filters | {"sort": "key"}), limit=EXPORT_LIMIT)
    return [spreadsheet.record(benefit_read(f)) for f in found]
