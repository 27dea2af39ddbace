"""Loading a programme's RAID from reference-data YAML: the risk matrix (bands and RAG), escalation rules, risks,
assumptions and the other logs. Idempotent: records are upserted by their reference, so loading twice changes nothing.

Files (all optional) in the programme folder, e.g. `reference/kent_and_medway/programme/`:
`risk_matrix.yaml`, `escalation_rules.yaml`, `risks.yaml`, `assumptions.yaml`, `issues.yaml`, `dependencies.yaml`,
`decisions.yaml`, `actions.yaml`. Each record may cite its `source: {document, section}`.
"""

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import SYSTEM
from caresystem.db.ownership import may_remove
from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import Programme
from caresystem.programme import registers
from caresystem.programme.raid import service
from caresystem.programme.raid.models import EscalationRule, Risk
from caresystem.programme.raid.registers import REGISTERS, Register
from caresystem.programme.raid.schemas import RiskCreate, RiskUpdate
from caresystem.programme.raid.scoring import check_bands


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    document: str
    section: str | None = None


def _key_is_reference(data):
    """Reference data elsewhere calls its identifier `key`; here it is the register reference."""
    if isinstance(data, dict) and "key" in data and "reference" not in data:
        data = {("reference" if k == "key" else k): v for k, v in data.items()}
    return data


class RuleRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    min_score: int
    body: str | None = None
    bodies: list[str] = []
    scope: str | None = None
    scope_ref: str | None = None
    description: str | None = None
    onward_bodies: list[str] = []  # further escalation "as necessary", not automatic (PID 7.1)
    onward_text: str | None = None  # who else, when not a governance body ("individual organisations")
    source: Source | None = None

    def body_keys(self) -> list[str]:
        return ([self.body] if self.body else []) + self.bodies


class RiskRecord(RiskCreate):
    opened_on: date | None = None
    source: Source | None = None

    _key = model_validator(mode="before")(_key_is_reference)


def _read_yaml(path: Path):
    if not path.exists():
        return None
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _validate(path: Path, items, model, errors: list[FieldError]) -> list:
    parsed = []
    for i, item in enumerate(items or []):
        try:
            parsed.append(model.model_validate(item))
        except ValidationError as exc:
            errors += [FieldError(f"{path.name}[{i + 1}].{'.'.join(map(str, e['loc']))}", e["msg"])
                       for e in exc.errors()]
    return parsed


def _source(record) -> dict:
    source = getattr(record, "source", None)
    return {"source_document": source.document if source else None,
            "source_section": source.section if source else None}


def read_grades(directory: Path, errors: list[FieldError]) -> list[dict] | None:
    """`risk_matrix.yaml`: a list of bands, or a mapping with `grades:` (NHS 5x5 matrix, PID section 7.1)."""
    data = _read_yaml(directory / "risk_matrix.yaml")
    if data is None:
        return None
    bands = data.get("grades", data.get("risk_grades")) if isinstance(data, dict) else data
    bands = [{"grade": b.get("grade", b.get("name")), "min": b.get("min", b.get("from")),
              "max": b.get("max", b.get("to")), "rag": str(b.get("rag", "")).lower()} for b in bands or []]
    if problem := check_bands(bands):
        errors.append(FieldError("risk_matrix.yaml", problem))
    return bands


def load(session: Session, directory: Path, *, programme: Programme) -> str:
    """Create or bring up to date the programme's RAID from `directory`; returns a one-line summary."""
    errors: list[FieldError] = []
    grades = read_grades(directory, errors)
    rules = _validate(directory / "escalation_rules.yaml", [r for r in _read_yaml(directory / "escalation_rules.yaml")
                      or [] if not (isinstance(r, dict) and r.get("applies_to") == "benefit")],  # benefits' loader
                      RuleRecord, errors)
    risks = _validate(directory / "risks.yaml", _read_yaml(directory / "risks.yaml"), RiskRecord, errors)
    logs = {key: _validate(directory / f"{key}.yaml", _read_yaml(directory / f"{key}.yaml"), _record_model(r),
                           errors) for key, r in REGISTERS.items()}
    if errors:
        raise Invalid(errors)
    if grades is not None and grades != programme.risk_grades:
        programme.risk_grades = grades
    rule_count = _replace_rules(session, programme, rules)
    onward = onward_escalation(rules)
    if (programme.settings or {}).get(service.ONWARD) != onward:
        programme.settings = {**(programme.settings or {}), service.ONWARD: onward}
    counts = {"risks": _upsert_risks(session, programme, risks)}
    for key in ("assumptions", "issues", "dependencies", "decisions", "actions"):  # links point backwards
        counts[key] = _upsert_entries(session, programme, REGISTERS[key], logs[key])
    session.flush()
    parts = ", ".join(f"{key} {new} new {changed} changed" for key, (new, changed) in counts.items()
                      if new or changed or key == "risks")
    return f"RAID: {rule_count} escalation rules; {parts}"


def _record_model(register: Register) -> type[BaseModel]:
    class Record(register.create):
        source: Source | None = None
        _key = model_validator(mode="before")(_key_is_reference)

    Record.__name__ = f"{register.singular.capitalize()}Record"
    return Record


def onward_escalation(rules: list[RuleRecord]) -> list[dict]:
    """The rules' onward escalation, once each: where a risk goes next when the bodies it is escalated to cannot
    manage it (PID 7.1: "escalate to individual organisations and the STP Programme Board as necessary")."""
    found = []
    for r in rules:
        entry = {"min_score": r.min_score, "bodies": r.onward_bodies, "text": r.onward_text, **_source(r)}
        if (r.onward_bodies or r.onward_text) and entry not in found:
            found.append(entry)
    return found


def _replace_rules(session: Session, programme: Programme, rules: list[RuleRecord]) -> int:
    """The file is the whole rule set: rules no longer in it are removed, new ones added, others left alone."""
    wanted = {(r.min_score, r.scope, r.scope_ref, key): r for r in rules for key in r.body_keys()}
    current = {(r.min_score, r.scope, r.scope_ref, r.body_key): r for r in service.rules_of(session, programme)}
    for key, rule in current.items():
        if key not in wanted and may_remove(rule):
            session.delete(rule)
    for key, record in wanted.items():
        if key not in current:
            session.add(EscalationRule(programme_id=programme.id, min_score=key[0], scope=key[1], scope_ref=key[2],
                                       body_key=key[3], **_source(record)))
    return len(wanted)


def _upsert_risks(session: Session, programme: Programme, records: list[RiskRecord]) -> tuple[int, int]:
    """New risks through the service (so their first score is kept); changed ones updated, recording score moves."""
    created = changed = 0
    for record in records:
        fields = record.model_dump(exclude={"source", "opened_on", "reference"}, exclude_unset=True)
        existing = record.reference and session.scalar(select(Risk).where(
            Risk.programme_id == programme.id, Risk.reference == record.reference))
        if not existing:
            risk = service.create_risk(session, actor=SYSTEM, programme=programme,
                                       data=RiskCreate(reference=record.reference, **fields))
            created += 1
        else:
            risk = existing
            differs = {k: v for k, v in fields.items() if getattr(risk, k) != v}
            if differs:
                service.update_risk(session, actor=SYSTEM, programme=programme, reference=risk.reference,
                                    data=RiskUpdate(version=risk.version, **differs))
                changed += 1
        extra = _source(record) | ({"opened_on": record.opened_on} if record.opened_on else {})
        for name, value in extra.items():
            if getattr(risk, name) != value:
                setattr(risk, name, value)
    return created, changed


def _upsert_entries(session: Session, programme: Programme, register: Register,
                    records: list) -> tuple[int, int]:
    created = changed = 0
    for record in records:
        fields = record.model_dump(exclude={"source", "reference"}, exclude_unset=True)
        existing = record.reference and session.scalar(select(register.model).where(
            register.model.programme_id == programme.id, register.model.reference == record.reference))
        if not existing:
            entry = registers.create_entry(session, actor=SYSTEM, programme=programme, register=register,
                                                  data=register.create(reference=record.reference, **fields))
            created += 1
        else:
            entry = existing
            current = registers.read(register, entry).model_dump()
            differs = {k: v for k, v in fields.items() if current.get(k) != v}
            if differs:
                registers.update_entry(session, actor=SYSTEM, programme=programme, register=register,
                                              reference=entry.reference,
                                              data=register.update(version=entry.version, **differs))
                changed += 1
        for name, value in _source(record).items():
            if getattr(entry, name) != value:
                setattr(entry, name, value)
    return created, changed
