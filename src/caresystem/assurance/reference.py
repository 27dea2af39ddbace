"""Loading a system's assurance reference data (the `assurance/` folder): the measures catalogue, planning
priorities, measure data, exception rules, finance and workforce; idempotent, in the caller's transaction.

Monthly history before each documented figure is generated (seeded, so the same every time) where `history_months`
asks for it, so that every chart has enough points; every generated row is marked illustrative and says so.
"""

import random
from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.assurance.finance import service as finance_service
from caresystem.assurance.measures import data, service
from caresystem.assurance.measures.models import Measure, MeasureEscalationRule, MustDo
from caresystem.assurance.measures.schemas import MeasureIn, RuleIn
from caresystem.auth import Actor
from caresystem.errors import FieldError, Invalid

HISTORY_MONTHS = 36
ILLUSTRATIVE_NOTE = "Illustrative: seeded monthly history generated around the documented figure, not real data"


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: str
    section: str


class MeasureRecord(MeasureIn):
    source: Source | None = None


class MustDoRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: int
    text: str
    source: Source | None = None


class ValueRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    measure: str
    entity: str
    period: date
    value: float
    numerator: float | None = None
    denominator: float | None = None
    note: str | None = None
    source: Source | None = None


class RuleRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    condition: str = "either"
    domain: str | None = None
    measure: str | None = None
    entity: str | None = None
    body: str
    source: Source | None = None


def _read(path: Path, model, errors: list[FieldError]) -> list:
    if not path.exists():
        return []
    items, parsed = yaml.safe_load(path.read_text(encoding="utf-8")) or [], []
    for i, item in enumerate(items):
        try:
            parsed.append(model.model_validate(item))
        except ValidationError as exc:
            errors += [FieldError(f"{path.name}[{i + 1}].{'.'.join(map(str, e['loc']))}", e["msg"])
                       for e in exc.errors()]
    return parsed


def _source(record) -> tuple[str | None, str | None]:
    return (record.source.document, record.source.section) if record.source else (None, None)


def load_assurance(session: Session, directory: Path, *, actor: Actor) -> list[str]:
    """Create or bring up to date everything in `directory`; returns a summary line per part."""
    if not directory.is_dir():
        return []
    errors: list[FieldError] = []
    measures = _read(directory / "measures.yaml", MeasureRecord, errors)
    priorities = _read(directory / "must_dos.yaml", MustDoRecord, errors)
    values = _read(directory / "values.yaml", ValueRecord, errors)
    rules = _read(directory / "escalation_rules.yaml", RuleRecord, errors)
    if errors:
        raise Invalid(errors)
    for record in measures:
        service.save_measure(session, actor=actor, data_in=MeasureIn(**record.model_dump(exclude={"source"})),
                             source=_source(record))
    _load_priorities(session, priorities)
    session.flush()
    finance_lines = finance_service.load_reference(session, directory)
    counts = _load_values(session, actor, values, finance_service.vacancy_rate_rows(session))
    added = _load_rules(session, actor, rules)
    return [f"assurance: {len(measures)} measures, {len(priorities)} priorities; measure data "
            f"{counts['created']} new, {counts['replaced']} replaced, {counts['unchanged']} unchanged; "
            f"{added} new exception rules", *finance_lines]


def _load_priorities(session: Session, records: list[MustDoRecord]) -> None:
    existing = {p.number: p for p in session.scalars(select(MustDo))}
    for record in records:
        found = existing.get(record.number) or MustDo(number=record.number)
        document, section = _source(record)
        if (found.text, found.source_document, found.source_section) != (record.text, document, section):
            found.text, found.source_document, found.source_section = record.text, document, section
        session.add(found)


def _load_values(session: Session, actor: Actor, records: list[ValueRecord], computed: list[dict]) -> dict:
    measures = {m.key: m for m in session.scalars(select(Measure))}
    known = set(service.entities(session))
    rows, errors = [], []
    for i, record in enumerate([*records, *(ValueRecord.model_validate(c) for c in computed)], start=1):
        measure = measures.get(record.measure)
        if measure is None or record.entity not in known:
            errors.append(FieldError(f"values.yaml[{i}]", f"unknown measure '{record.measure}' or organisation "
                                                          f"'{record.entity}'"))
            continue
        document, section = _source(record)
        rows.append(data.Row(measure, record.entity, record.period.replace(day=1), record.numerator,
                             record.denominator, record.value, record.note, False, document, section))
        rows += illustrative_history(rows[-1])
    if errors:
        raise Invalid(errors)
    return data.import_rows(session, actor=actor, rows=rows, source="reference data")


def _month_before(period: date, months: int) -> date:
    index = period.year * 12 + period.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def illustrative_history(anchor: data.Row, months: int = HISTORY_MONTHS) -> list[data.Row]:
    """`months - 1` monthly values before a documented figure, seeded by measure and organisation: a drift towards the
    figure plus noise on the measure's scale. Marked illustrative; never stands for a real period."""
    rng = random.Random(f"{anchor.measure.key}:{anchor.entity_code}")
    unit, value = anchor.measure.unit, anchor.value
    spread = {"percent": max(0.4, min(2.5, 0.03 * max(value, 100 - value, 1))), "count": 1.5, "ratio": 3.0}.get(
        unit, max(0.5, 0.05 * abs(value)))
    drift = rng.uniform(-0.12, 0.12) * spread
    rows = []
    for back in range(months - 1, 0, -1):
        level = value - drift * back + rng.gauss(0, spread)
        if rng.random() < 0.04:
            level += rng.choice((-1, 1)) * 3.5 * spread  # an occasional unusual month
        rows.append(data.Row(anchor.measure, anchor.entity_code, _month_before(anchor.period, back), None, None,
                             _bounded(level, unit), ILLUSTRATIVE_NOTE, True, anchor.source_document, "illustrative"))
    return rows


def _bounded(level: float, unit: str) -> float:
    if unit == "percent":
        return round(min(100.0, max(0.0, level)), 1)
    if unit == "count":
        return float(max(0, round(level)))
    return round(level, 1)


def _load_rules(session: Session, actor: Actor, records: list[RuleRecord]) -> int:
    existing = {(r.condition, r.domain, r.measure_key, r.entity_code, r.body_key)
                for r in session.scalars(select(MeasureEscalationRule))}
    added = 0
    for record in records:
        key = (record.condition, record.domain, record.measure, record.entity, record.body)
        if key in existing:
            continue
        service.add_rule(session, actor=actor, data_in=RuleIn(condition=record.condition, domain=record.domain,
                                                               measure_key=record.measure, entity_code=record.entity,
                                                               body_key=record.body), source=_source(record))
        existing.add(key)
        added += 1
    return added
