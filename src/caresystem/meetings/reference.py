"""Loading terms of reference and the scheme of delegation from a system's `meetings.yaml`; idempotent."""

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.errors import FieldError, Invalid
from caresystem.meetings import cadence
from caresystem.meetings.models import Delegation, TermsOfReference
from caresystem.system.functions import Function
from caresystem.system.governance import GovernanceBody
from caresystem.system.interchange import Source


class TermsRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    body: str
    frequency: str | None = None
    vice_chair: str | None = None
    quorum_share: float | None = None
    quorum_chair_or_vice: bool = False
    quorum_roles: list[str] = []
    paper_deadline_days: int | None = None
    source: Source | None = None


class DelegationRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    function: str
    body: str
    kind: str = "delegated"
    limit_amount: float | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    notes: str | None = None
    source: Source | None = None


class MeetingsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    terms_of_reference: list[TermsRecord] = []
    delegations: list[DelegationRecord] = []


def _source(record) -> dict:
    return {"source_document": record.source.document if record.source else None,
            "source_section": record.source.section if record.source else None}


def _check(session: Session, pack: MeetingsFile) -> list[FieldError]:
    bodies = set(session.scalars(select(GovernanceBody.key)))
    functions = set(session.scalars(select(Function.key)))
    errors = []
    for i, t in enumerate(pack.terms_of_reference, start=1):
        if t.body not in bodies:
            errors.append(FieldError(f"meetings.yaml.terms_of_reference[{i}].body", f"no governance body {t.body!r}"))
        if t.frequency is not None and t.frequency not in cadence.FREQUENCIES:
            errors.append(FieldError(f"meetings.yaml.terms_of_reference[{i}].frequency",
                                     f"must be one of {', '.join(cadence.FREQUENCIES)}"))
    for i, d in enumerate(pack.delegations, start=1):
        if d.body not in bodies:
            errors.append(FieldError(f"meetings.yaml.delegations[{i}].body", f"no governance body {d.body!r}"))
        if d.function not in functions:
            errors.append(FieldError(f"meetings.yaml.delegations[{i}].function", f"no function {d.function!r}"))
        if d.kind not in ("reserved", "delegated"):
            errors.append(FieldError(f"meetings.yaml.delegations[{i}].kind", "must be reserved or delegated"))
    return errors


def _set(record, values: dict) -> bool:
    changed = False
    for name, value in values.items():
        if getattr(record, name) != value:
            setattr(record, name, value)
            changed = True
    return changed


def load(session: Session, directory: Path) -> str:
    path = directory / "meetings.yaml"
    if not path.exists():
        return "meetings: none"
    try:
        pack = MeetingsFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    except ValidationError as exc:
        raise Invalid([FieldError("meetings.yaml." + ".".join(map(str, e["loc"])), e["msg"])
                       for e in exc.errors()]) from None
    if errors := _check(session, pack):
        raise Invalid(errors)
    changed = 0
    for t in pack.terms_of_reference:
        values = t.model_dump(exclude={"body", "source"}) | _source(t)
        terms = session.scalar(select(TermsOfReference).where(TermsOfReference.body_key == t.body))
        if terms is None:
            session.add(TermsOfReference(body_key=t.body, **values))
            changed += 1
        else:
            changed += _set(terms, values)
    for d in pack.delegations:
        values = d.model_dump(exclude={"function", "body", "source"}) | _source(d)
        row = session.scalar(select(Delegation).where(Delegation.function_key == d.function,
                                                      Delegation.body_key == d.body,
                                                      Delegation.valid_from == d.valid_from))
        if row is None:
            session.add(Delegation(function_key=d.function, body_key=d.body, **values))
            changed += 1
        else:
            changed += _set(row, values)
    session.flush()
    return (f"meetings: {len(pack.terms_of_reference)} terms of reference, {len(pack.delegations)} delegations "
            f"({changed} changed)")
