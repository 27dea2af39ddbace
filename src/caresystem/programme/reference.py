"""Loading a programme and its risk register from reference-data YAML (the `programme/` folder of a system)."""

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import SYSTEM
from caresystem.errors import FieldError, Invalid
from caresystem.programme.core.models import Programme, default_risk_grades
from caresystem.programme.raid import service as raid
from caresystem.programme.raid.models import EscalationRule, Risk
from caresystem.programme.raid.schemas import RiskCreate
from caresystem.programme.raid.scoring import check_bands
from caresystem.system.interchange.records import Source


class ProgrammeRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    name: str
    description: str | None = None
    senior_responsible_owner: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    risk_grades: list[dict] = default_risk_grades()
    source: Source | None = None


class RuleRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_score: int
    body: str
    scope: str | None = None
    scope_ref: str | None = None
    source: Source | None = None


class RiskRecord(RiskCreate):
    opened_on: date | None = None
    source: Source | None = None


def _read(path: Path, model, errors: list[FieldError], many: bool):
    if not path.exists():
        return [] if many else None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = data if many else [data]
    parsed = []
    for i, item in enumerate(items or []):
        try:
            parsed.append(model.model_validate(item))
        except ValidationError as exc:
            errors += [FieldError(f"{path.name}[{i + 1}].{'.'.join(map(str, e['loc']))}", e["msg"]) for e in exc.errors()]
    return parsed if many else (parsed[0] if parsed else None)


def _source(record) -> dict:
    return {"source_document": record.source.document if record.source else None,
            "source_section": record.source.section if record.source else None}


def load_programme(session: Session, directory: Path) -> list[str]:
    """Create or bring up to date the programme, its escalation rules and its risks; idempotent."""
    errors: list[FieldError] = []
    record = _read(directory / "programme.yaml", ProgrammeRecord, errors, many=False)
    rules = _read(directory / "escalation_rules.yaml", RuleRecord, errors, many=True)
    risks = _read(directory / "risks.yaml", RiskRecord, errors, many=True)
    if record and (problem := check_bands(record.risk_grades)):
        errors.append(FieldError("programme.yaml.risk_grades", problem))
    if errors:
        raise Invalid(errors)
    if record is None:
        return []
    programme = _upsert_programme(session, record)
    rule_count = _replace_rules(session, programme, rules)
    created = updated = 0
    for risk in risks:
        existing = session.scalar(select(Risk).where(Risk.programme_id == programme.id, Risk.reference == risk.reference))
        fields = risk.model_dump(exclude={"source", "opened_on"}) | _source(risk)
        if existing is None:
            new = raid.create_risk(session, actor=SYSTEM, programme=programme,
                                   data=RiskCreate(**risk.model_dump(exclude={"source", "opened_on"})))
            raid_fields = _source(risk) | ({"opened_on": risk.opened_on} if risk.opened_on else {})
            for name, value in raid_fields.items():
                setattr(new, name, value)
            created += 1
        elif any(getattr(existing, k) != v for k, v in fields.items() if k != "reference"):
            for name, value in fields.items():
                setattr(existing, name, value)
            updated += 1
    session.flush()
    return [f"programme {programme.key}: {rule_count} escalation rules; risks: {created} new, {updated} changed"]


def _upsert_programme(session: Session, record: ProgrammeRecord) -> Programme:
    programme = session.scalar(select(Programme).where(Programme.key == record.key))
    values = record.model_dump(exclude={"source"}) | _source(record)
    if programme is None:
        programme = Programme(**values)
        session.add(programme)
    else:
        for name, value in values.items():
            if getattr(programme, name) != value:
                setattr(programme, name, value)
    session.flush()
    return programme


def _replace_rules(session: Session, programme: Programme, rules: list[RuleRecord]) -> int:
    wanted = {(r.min_score, r.scope, r.scope_ref, r.body) for r in rules}
    current = {(r.min_score, r.scope, r.scope_ref, r.body_key): r for r in raid.rules_of(session, programme)}
    for key, rule in current.items():
        if key not in wanted:
            session.delete(rule)
    for rule in rules:
        if (rule.min_score, rule.scope, rule.scope_ref, rule.body) not in current:
            session.add(EscalationRule(programme_id=programme.id, min_score=rule.min_score, scope=rule.scope,
                                       scope_ref=rule.scope_ref, body_key=rule.body, **_source(rule)))
    return len(rules)
