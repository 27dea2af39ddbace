"""Loading programmes and their registers from reference-data YAML: a system's `programme/` folder (its first,
default programme) and one folder per further programme under `programmes/`."""

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic import Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import Programme, default_risk_grades
from caresystem.programme.raid import check_bands, reference as raid_reference
from caresystem.programme.plan import reference as plan_reference
from caresystem.programme.benefits import reference as benefits_reference
from caresystem.programme.impact import reference as impact_reference
from caresystem.programme.engagement import reference as engagement_reference
from caresystem.programme.references import dangling_references
from caresystem.system.interchange import Source


class ProgrammeRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str
    name: str
    description: str | None = None
    senior_responsible_owner: str | None = None
    vision: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    risk_grades: list[dict] = default_risk_grades()
    source: Source | None = None
    objectives: list[dict] = Field([], exclude=True)  # PID 2.5; loaded by programme/plan/reference.py
    aims: list[dict] = Field([], exclude=True)  # PID 2.5 a and b: objectives of kind "aim", loaded there too


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
    """Create or bring up to date the programme and its registers (each part loads its own files); idempotent."""
    errors: list[FieldError] = []
    record = _read(directory / "programme.yaml", ProgrammeRecord, errors, many=False)
    if record and (problem := check_bands(record.risk_grades)):
        errors.append(FieldError("programme.yaml.risk_grades", problem))
    errors += dangling_references(session, directory)
    if errors:
        raise Invalid(errors)
    if record is None:
        return []
    programme = _upsert_programme(session, record)
    summary = [f"programme {programme.key}", raid_reference.load(session, directory, programme=programme)]
    summary.append(plan_reference.load(session, directory, programme))
    summary.append(engagement_reference.load(session, directory, programme))
    summary.append(benefits_reference.load(session, directory, programme=programme))
    summary.append(impact_reference.load(session, directory, programme=programme))
    return summary


def programme_folders(system_directory: Path) -> list[Path]:
    """The system's programme folders: `programme/` first (the default programme), then `programmes/*/` by name."""
    further = system_directory / "programmes"
    found = [system_directory / "programme"] if (system_directory / "programme").is_dir() else []
    return found + (sorted(p for p in further.iterdir() if p.is_dir()) if further.is_dir() else [])


def load_programmes(session: Session, system_directory: Path) -> list[str]:
    """Load every programme folder of a system; a bad record in any of them fails the whole load."""
    return [line for folder in programme_folders(system_directory) for line in load_programme(session, folder)]


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
