"""A programme folder's references to things outside its own file: governance bodies of the system, and the aims,
objectives and projects that benefits point at. A reference to something that exists nowhere fails the load, naming
the file, the record and the field (rather than leaving a link that leads nowhere)."""

from pathlib import Path

import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.errors import FieldError
from caresystem.system.governance import GovernanceBody

# file -> fields holding governance body keys (a dotted field is a list of mappings, e.g. a stakeholder's forums)
GOVERNANCE_FIELDS = {
    "projects.yaml": ("governance_body",), "workstreams.yaml": ("governance_body",),
    "escalation_rules.yaml": ("body", "bodies", "onward_bodies"), "decisions.yaml": ("body_key",),
    "actions.yaml": ("body_key",), "issues.yaml": ("body_key",), "stakeholders.yaml": ("forums.body",),
}


def _records(directory: Path, name: str) -> list:
    path = directory / name
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    return [r for r in data or [] if isinstance(r, dict)]


def _values(record: dict, field: str) -> list:
    head, _, rest = field.partition(".")
    value = record.get(head)
    if rest:
        return [v for item in value or [] if isinstance(item, dict) for v in _values(item, rest)]
    return [v for v in (value if isinstance(value, list) else [value]) if v]


def _label(name: str, index: int, record: dict) -> str:
    key = record.get("key") or record.get("reference")
    return f"{name}[{index}]" + (f" ({key})" if key else "")


def dangling_references(session: Session, directory: Path) -> list[FieldError]:
    """Errors for every governance key not in the system, and every benefit aim or project not in the folder."""
    bodies = set(session.scalars(select(GovernanceBody.key)))
    errors = []
    for name, fields in GOVERNANCE_FIELDS.items():
        for i, record in enumerate(_records(directory, name), 1):
            for field in fields:
                errors += [FieldError(f"{_label(name, i, record)}.{field}",
                                      f"refers to governance body {key!r}, which is not in the system's data")
                           for key in _values(record, field) if key not in bodies]
    programme = (yaml.safe_load((directory / "programme.yaml").read_text(encoding="utf-8"))
                 if (directory / "programme.yaml").exists() else None) or {}
    aims = {o.get("key") for o in [*(programme.get("aims") or []), *(programme.get("objectives") or [])]}
    projects = {p.get("key") for p in _records(directory, "projects.yaml")}
    for i, benefit in enumerate(_records(directory, "benefits.yaml"), 1):
        if benefit.get("objective") and benefit["objective"] not in aims:
            errors.append(FieldError(f"{_label('benefits.yaml', i, benefit)}.objective",
                                     f"refers to aim or objective {benefit['objective']!r}, which programme.yaml "
                                     "does not define"))
        if benefit.get("project") and benefit["project"] not in projects:
            errors.append(FieldError(f"{_label('benefits.yaml', i, benefit)}.project",
                                     f"refers to project {benefit['project']!r}, which projects.yaml does not define"))
    return errors
