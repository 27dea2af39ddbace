"""Loading a programme's impact assessment domains from `impact_domains.yaml` (PID 6.2); idempotent, by `key`."""

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.db.ownership import may_remove
from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import Programme
from caresystem.programme.impact.models import ImpactDomain
from caresystem.system.interchange import Source


class DomainRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    key: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
    name: str = Field(min_length=1, max_length=200)
    description: str | None = None
    source: Source | None = None


def load(session: Session, directory: Path, *, programme: Programme) -> str:
    """Create or bring up to date the domains, in the file's order; domains no longer in the file are removed."""
    path = directory / "impact_domains.yaml"
    if not path.exists():
        return "impact domains: none"
    errors: list[FieldError] = []
    records = []
    for i, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")) or []):
        try:
            records.append(DomainRecord.model_validate(item))
        except ValidationError as exc:
            errors += [FieldError(f"{path.name}[{i + 1}].{'.'.join(map(str, e['loc']))}", e["msg"])
                       for e in exc.errors()]
    keys = [r.key for r in records]
    errors += [FieldError(f"{path.name}.key", f"{k!r} is given twice") for k in sorted({k for k in keys
                                                                                        if keys.count(k) > 1})]
    if errors:
        raise Invalid(errors)
    current = {d.key: d for d in session.scalars(select(ImpactDomain).where(ImpactDomain.programme_id == programme.id))}
    created = changed = 0
    for position, record in enumerate(records, start=1):
        values = {"name": record.name, "description": record.description, "position": position,
                  "source_document": record.source.document if record.source else None,
                  "source_section": record.source.section if record.source else None}
        domain = current.pop(record.key, None)
        if domain is None:
            session.add(ImpactDomain(programme_id=programme.id, key=record.key, **values))
            created += 1
        elif any(getattr(domain, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(domain, name, value)
            changed += 1
    for gone in current.values():
        if may_remove(gone):
            session.delete(gone)
    session.flush()
    return f"impact domains: {created} new {changed} changed {len(current)} removed"
