"""Loading a programme's engagement records from reference-data YAML, keyed by `key`; loading twice changes nothing.

Files (all optional) in the programme folder: `audiences.yaml`, `stakeholders.yaml`, `communications.yaml`,
`you_said_we_did.yaml` (fields in the folder's README.md). The communication principles are a set of the system's
principles register (`principles.yaml`, kind `communication`, naming the programme).
"""

import datetime as dt
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import SYSTEM
from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import Programme
from caresystem.programme.engagement import communications_plan
from caresystem.programme.engagement.models import Audience, Communication, Stakeholder, YouSaidWeDid
from caresystem.programme.engagement.rules import FREQUENCIES
from caresystem.programme.engagement.schemas import CATEGORIES, FEEDBACK_STATUSES
from caresystem.system.interchange import Source

KEY = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
WORD_RATINGS = {"low": 1, "medium": 3, "high": 5}  # the interchange format's words, on the 1-5 scale


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = KEY
    source: Source | None = None


class AudienceRecord(Record):
    name: str
    includes: str | None = None
    rationale: str | None = None
    notes: str | None = None


class ForumRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    forum: str
    body: str | None = None
    filled_by: list[str] = []
    tbc: bool = False
    notes: str | None = None


class StakeholderRecord(Record):
    name: str
    organisations: list[str] = []
    forums: list[ForumRecord] = []
    influence: int | None = Field(None, ge=1, le=5)
    interest: int | None = Field(None, ge=1, le=5)
    notes: str | None = None

    @field_validator("influence", "interest", mode="before")
    @classmethod
    def _words(cls, value):
        return WORD_RATINGS.get(value.strip().lower(), value) if isinstance(value, str) else value

    @field_validator("organisations", mode="before")
    @classmethod
    def _codes(cls, value):
        return [str(v) for v in value] if isinstance(value, list) else value


class CommunicationRecord(Record):
    tool: str
    description: str | None = None
    category: str | None = None
    frequency: str = "tbc"
    frequency_text: str | None = None
    responsible: str | None = Field(None, max_length=200)
    audience: str | None = None
    audience_keys: list[str] = []
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    notes: str | None = None

    @field_validator("category")
    @classmethod
    def _category(cls, value):
        if value is not None and value not in CATEGORIES:
            raise ValueError(f"must be one of {', '.join(CATEGORIES)}")
        return value

    @field_validator("frequency")
    @classmethod
    def _frequency(cls, value):
        if value not in FREQUENCIES:
            raise ValueError(f"must be one of {', '.join(FREQUENCIES)}")
        return value


class FeedbackRecord(Record):
    audience: str | None = None
    forum: str | None = None
    you_said: str
    we_did: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    status: str = "done"
    published: bool = True

    @field_validator("status")
    @classmethod
    def _status(cls, value):
        if value not in FEEDBACK_STATUSES:
            raise ValueError(f"must be one of {', '.join(FEEDBACK_STATUSES)}")
        return value


FILES = {"audiences": AudienceRecord, "stakeholders": StakeholderRecord, "communications": CommunicationRecord,
         "you_said_we_did": FeedbackRecord}


def _read(directory: Path, name: str, errors: list[FieldError]) -> list[tuple[int, BaseModel]]:
    """The file's good records with their record numbers (so later checks name the right record)."""
    path = directory / f"{name}.yaml"
    if not path.exists():
        return []
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(items, list):
        errors.append(FieldError(path.name, "must be a list of records"))
        return []
    parsed, seen = [], set()
    for i, item in enumerate(items, start=1):
        try:
            record = FILES[name].model_validate(item)
        except ValidationError as exc:
            errors += [FieldError(f"{path.name}[{i}].{'.'.join(map(str, e['loc']))}", e["msg"]) for e in exc.errors()]
            continue
        if record.key in seen:
            errors.append(FieldError(f"{path.name}[{i}].key", f"{record.key!r} is used twice"))
        seen.add(record.key)
        parsed.append((i, record))
    return parsed


def _check_links(records: dict[str, list], known_audiences: set[str], errors: list[FieldError]) -> None:
    audiences = known_audiences | {a.key for _, a in records["audiences"]}
    for i, record in records["communications"]:
        for key in record.audience_keys:
            if key not in audiences:
                errors.append(FieldError(f"communications.yaml[{i}].audience_keys", f"there is no audience {key!r}"))
    for i, record in records["you_said_we_did"]:
        if record.audience and record.audience not in audiences:
            errors.append(FieldError(f"you_said_we_did.yaml[{i}].audience", f"there is no audience {record.audience!r}"))


def _check_starts(communications: list, programme: Programme, errors: list[FieldError]) -> None:
    """A tool's plan starts no earlier than its programme: no occurrence falls due before the programme begins."""
    for i, record in communications:
        if programme.start_date and record.starts_on and record.starts_on < programme.start_date:
            errors.append(FieldError(f"communications.yaml[{i}].starts_on",
                                     f"{record.starts_on} is before the programme starts ({programme.start_date})"))


def _source(record) -> dict:
    return {"source_document": record.source.document if record.source else None,
            "source_section": record.source.section if record.source else None}


def _upsert(session: Session, model, programme: Programme, values: dict, key_field: str = "key"):
    """Create the record, or set only what differs (so an unchanged file writes nothing); returns (obj, state)."""
    existing = session.scalar(select(model).where(model.programme_id == programme.id,
                                                  getattr(model, key_field) == values[key_field]))
    if existing is None:
        obj = model(programme_id=programme.id, **values)
        session.add(obj)
        return obj, "new", set(values)
    changed = {name for name, value in values.items() if getattr(existing, name) != value}
    for name in changed:
        setattr(existing, name, values[name])
    return existing, "changed" if changed else "same", changed


def load(session: Session, directory: Path, programme: Programme) -> str:
    """Create or bring up to date the programme's engagement records from `directory`; returns a summary line."""
    errors: list[FieldError] = []
    if (directory / "communication_principles.yaml").exists():
        errors.append(FieldError("communication_principles.yaml", "communication principles are a set of the "
                                 "system's principles.yaml now (kind: communication, programme: the programme key)"))
    numbered = {name: _read(directory, name, errors) for name in FILES}
    records = {name: [record for _, record in found] for name, found in numbered.items()}
    known = set(session.scalars(select(Audience.key).where(Audience.programme_id == programme.id)))
    _check_links(numbered, known, errors)
    _check_starts(numbered["communications"], programme, errors)
    if errors:
        raise Invalid(errors)
    counts: dict[str, list[int]] = {}

    def count(name: str, state: str) -> None:
        tally = counts.setdefault(name, [0, 0, 0])
        tally[("new", "changed", "same").index(state)] += 1

    for r in records["audiences"]:
        values = r.model_dump(exclude={"source"}) | _source(r)
        count("audiences", _upsert(session, Audience, programme, values)[1])
    for r in records["stakeholders"]:
        values = r.model_dump(exclude={"source"}) | _source(r)
        count("stakeholders", _upsert(session, Stakeholder, programme, values)[1])
    session.flush()
    for r in records["communications"]:
        values = r.model_dump(exclude={"source", "audience"}) | {"audience_text": r.audience} | _source(r)
        communication, state, changed = _upsert(session, Communication, programme, values)
        session.flush()
        if communication.deleted_at is None and (state == "new" or communications_plan.SCHEDULE_FIELDS & changed):
            communications_plan.generate_occurrences(session, actor=SYSTEM, communication=communication)
        count("communications", state)
    for r in records["you_said_we_did"]:
        values = {"reference": r.key, "said_on": r.date, "date_text": r.date_text, "audience_key": r.audience,
                  "forum": r.forum, "you_said": r.you_said, "we_did": r.we_did, "status": r.status,
                  "published": r.published} | _source(r)
        count("'you said, we did'", _upsert(session, YouSaidWeDid, programme, values, key_field="reference")[1])
    session.flush()
    parts = ", ".join(f"{name} {new} new {changed} changed" for name, (new, changed, _) in counts.items())
    return f"engagement: {parts or 'nothing to load'}"
