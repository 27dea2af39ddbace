"""Loading a programme's benefits and benefit escalation rules from reference-data YAML. Idempotent: benefits are
upserted by `key`, and the benefit rules in `escalation_rules.yaml` (`applies_to: benefit`) replace the programme's.

Files (optional) in the programme folder: `benefits.yaml` (see the README of the Kent and Medway draft for the
format) and `escalation_rules.yaml`, whose risk rules the RAID loader reads.
"""

from datetime import date as Date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.auth import SYSTEM
from caresystem.db.ownership import may_remove
from caresystem.errors import FieldError, Invalid
from caresystem.programme.benefits import service
from caresystem.programme.benefits.bounds import actual_errors
from caresystem.programme.benefits.models import Benefit, BenefitActual, BenefitEscalationRule
from caresystem.programme.benefits.schemas import BenefitCreate, BenefitUpdate, Measure, Point
from caresystem.programme.benefits.trajectory import CONDITIONS
from caresystem.programme.core import Programme
from caresystem.system.interchange import Source


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class MeasureRecord(Strict):
    text: str
    unit: str | None = None
    direction: str | None = None
    indicator: str | None = None


class Baseline(Strict):
    value: float | None = None
    date: Date | None = None


class Target(Baseline):
    low: float | None = None  # an estimate range (document 001 section 5.3)
    high: float | None = None
    unit: str | None = None
    date_text: str | None = None
    text: str | None = None


class ActualRecord(Strict):
    date: Date
    value: float
    source: str | None = None


class BenefitRecord(Strict):
    key: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
    objective: str | None = None
    title: str
    description: str | None = None
    sub_items: list[str] | None = None
    beneficiaries: list[str] | None = None
    type: str | None = None
    measure: MeasureRecord | None = None
    baseline: Baseline | None = None
    target: Target | None = None
    trajectory: list[Point] = []
    actuals: list[ActualRecord] = []
    owner: str | None = None
    project: str | None = None
    notes: str | None = None
    source: Source | None = None


class BenefitRuleRecord(Strict):
    """A benefit rule in the draft's escalation_rules.yaml format; risk rules are the RAID loader's."""

    key: str | None = None
    applies_to: str
    min_score: None = None
    condition: str
    scope: None = None
    scope_ref: None = None
    bodies: list[str] = []
    to_text: str | None = None
    rule_text: str | None = None
    onward_bodies: list[str] = []
    onward_text: str | None = None
    notes: str | None = None
    source: Source | None = None


def _items(path: Path) -> list:
    if not path.exists():
        return []
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def _validate(path: Path, items: list, model, errors: list[FieldError], keep=lambda item: True) -> list[tuple]:
    """(record number in the file, parsed record) for each good record; each bad one adds its errors."""
    parsed = []
    for i, item in enumerate(items):
        if not keep(item):
            continue
        try:
            parsed.append((i + 1, model.model_validate(item)))
        except ValidationError as exc:
            errors += [FieldError(f"{path.name}[{i + 1}].{'.'.join(map(str, e['loc']))}", e["msg"])
                       for e in exc.errors()]
    return parsed


def _is_benefit_rule(item) -> bool:
    return isinstance(item, dict) and item.get("applies_to") == "benefit"


def _fields(record: BenefitRecord) -> dict:
    """The record as the benefit's own fields (its trajectory and actuals are compared separately)."""
    m, b, t = record.measure, record.baseline, record.target
    return {"objective": record.objective, "title": record.title, "description": record.description,
            "sub_items": record.sub_items or [], "beneficiaries": record.beneficiaries or [], "type": record.type,
            "owner": record.owner, "project": record.project, "notes": record.notes,
            "baseline_value": b and b.value, "baseline_date": b and b.date,
            "target_value": t and t.value, "target_date": t and t.date, "target_text": t and t.text,
            "target_low": t and t.low, "target_high": t and t.high,
            "measure": m and Measure(name=m.text, unit=m.unit, direction=m.direction,
                                     source="indicator" if m.indicator else "manual", indicator=m.indicator)}


def _check(path: Path, records: list[tuple], rules: list[tuple], errors: list[FieldError]) -> None:
    seen = set()
    for number, record in records:
        where = f"{path.name}[{number}]"
        if record.key in seen:
            errors.append(FieldError(f"{where}.key", f"{record.key!r} is given twice"))
        seen.add(record.key)
        if record.measure and record.target and record.target.unit and record.measure.unit \
                and record.target.unit != record.measure.unit:
            errors.append(FieldError(f"{where}.target.unit", "must be the measure's unit"))
        for n, actual in enumerate(record.actuals or [], 1):
            errors += [FieldError(f"{where}.actuals[{n}].{e.field}", e.message) for e in actual_errors(
                on_date=actual.date, value=actual.value, unit=record.measure and record.measure.unit,
                today=clock.today())]
    for number, rule in rules:
        if rule.condition not in CONDITIONS:
            errors.append(FieldError(f"escalation_rules.yaml[{number}].condition",
                                     f"must be one of {', '.join(CONDITIONS)}"))


def load(session: Session, directory: Path, *, programme: Programme) -> str:
    """Create or bring up to date the programme's benefits from `directory`; returns a one-line summary."""
    errors: list[FieldError] = []
    path = directory / "benefits.yaml"
    records = _validate(path, _items(path), BenefitRecord, errors)
    rules_path = directory / "escalation_rules.yaml"
    rules = _validate(rules_path, _items(rules_path), BenefitRuleRecord, errors, keep=_is_benefit_rule)
    _check(path, records, rules, errors)
    if errors:
        raise Invalid(errors)
    created = changed = 0
    for number, record in records:
        try:
            new, moved = _upsert(session, programme, record)
        except Invalid as exc:
            raise Invalid([FieldError(f"{path.name}[{number}].{e.field}", e.message) for e in exc.errors]) from None
        created, changed = created + new, changed + moved
    rule_count = _replace_rules(session, programme, [rule for _, rule in rules])
    session.flush()
    return f"benefits: {created} new {changed} changed; {rule_count} benefit escalation rules"


def _source(record) -> dict:
    return {"source_document": record.source.document if record.source else None,
            "source_section": record.source.section if record.source else None}


def _upsert(session: Session, programme: Programme, record: BenefitRecord) -> tuple[int, int]:
    fields = _fields(record)
    benefit = session.scalar(select(Benefit).where(Benefit.programme_id == programme.id, Benefit.key == record.key))
    created = changed = 0
    if benefit is None:
        benefit = service.create_benefit(session, actor=SYSTEM, programme=programme,
                                         data=BenefitCreate(key=record.key, trajectory=record.trajectory, **fields))
        created = 1
    else:
        if benefit.deleted_at is not None:  # the reference data brings it back
            benefit.deleted_at = None
            changed = 1
        current = {k: getattr(benefit, k) for k in fields if k != "measure"}
        differs = {k: v for k, v in fields.items() if k != "measure" and current[k] != v}
        old_measure = benefit.measure and Measure(name=benefit.measure.name, unit=benefit.measure.unit,
                                                  direction=benefit.measure.direction, source=benefit.measure.source,
                                                  indicator=benefit.measure.indicator_key)
        if old_measure != fields["measure"]:
            differs["measure"] = fields["measure"]
        if differs:
            service.update_benefit(session, actor=SYSTEM, programme=programme, key=benefit.key,
                                   data=BenefitUpdate(version=benefit.version, **differs))
            changed = 1
        if [(p.on_date, p.value) for p in benefit.trajectory] != sorted((p.date, p.value) for p in record.trajectory):
            service.set_trajectory(session, actor=SYSTEM, programme=programme, key=benefit.key,
                                   version=benefit.version, points=record.trajectory)
            changed = 1
    if _sync_actuals(benefit, record.actuals) and not created:
        changed = 1
    for name, value in _source(record).items():
        if getattr(benefit, name) != value:
            setattr(benefit, name, value)
    return created, changed


def _sync_actuals(benefit: Benefit, actuals: list[ActualRecord]) -> int:
    """Actuals in the file are added or corrected by date; actuals recorded in caresystem since are kept."""
    by_date = {a.on_date: a for a in benefit.actuals}
    moved = 0
    for actual in actuals:
        existing = by_date.get(actual.date)
        source = actual.source or "reference data"
        if existing is None:
            benefit.actuals.append(BenefitActual(on_date=actual.date, value=actual.value, source=source))
            moved = 1
        elif (existing.value, existing.source) != (actual.value, source):
            existing.value, existing.source = actual.value, source
            moved = 1
    return moved


def _replace_rules(session: Session, programme: Programme, rules: list[BenefitRuleRecord]) -> int:
    """The file's benefit rules are the whole set: one row per body, or one for recipients named only in text."""
    wanted = {}
    for rule in rules:
        for body in rule.bodies or [None]:
            wanted[(rule.condition, body, None if body else rule.to_text)] = rule
    current = {(r.condition, r.body_key, r.to_text): r for r in service.rules_of(session, programme)}
    for key, row in current.items():
        if key not in wanted and may_remove(row):
            session.delete(row)
    for key, rule in wanted.items():
        if key not in current:
            session.add(BenefitEscalationRule(programme_id=programme.id, rule_key=rule.key, condition=key[0],
                                              body_key=key[1], to_text=key[2], **_source(rule)))
    return len(wanted)
