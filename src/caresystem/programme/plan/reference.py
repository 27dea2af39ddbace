"""Loading a programme's plan from reference-data YAML: objectives (the `objectives` of `programme.yaml`), roles,
projects, workstreams, deliverables, milestones and their dependencies, the resource plan and sign-offs.

Files (all optional) in the programme folder, e.g. `reference/kent_and_medway/programme/`: `roles.yaml`,
`projects.yaml`, `workstreams.yaml`, `deliverables.yaml`, `milestones.yaml`, `resource_plan.yaml`, `signoffs.yaml`,
in the format described in the `programme/README.md` of the Kent and Medway example. Records are upserted by
`key`, so loading twice changes nothing; a bad record fails the whole load, naming the file, record and field.
"""

from datetime import date
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.errors import FieldError, Invalid
from caresystem.programme.core import Programme
from caresystem.programme.plan import network
from caresystem.programme.plan.costs import pay_table
from caresystem.programme.plan.service import DONE
from caresystem.programme.plan.models import (Deliverable, Milestone, Objective, PlanDependency, PlanRole, Project,
                                              ResourceLine, SignOff, Workstream)
from caresystem.programme.plan.schemas import (DELIVERABLE_KINDS, LEVELS, OBJECTIVE_KINDS, SIGN_OFF_STATUSES,
                                               STATUSES)
from caresystem.system.interchange import Source
from caresystem.system.names import link_owner


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)

    key: str
    notes: str | None = None
    source: Source | None = None
    see_also: list[Source] = []


class Person(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str | None = None
    name: str | None = None
    job_title: str | None = None
    organisation: str | None = None
    tbc: bool = False

    def text(self) -> str | None:
        if self.tbc and not self.name:
            return "To be confirmed"
        return ", ".join(p for p in (self.name, self.job_title) if p) or None


def people(persons: list[Person]) -> str | None:
    return " / ".join(t for t in (p.text() for p in persons) if t) or None


class SubItem(BaseModel):
    model_config = ConfigDict(extra="forbid")
    label: str | None = None
    text: str


class ObjectiveRecord(Record):
    kind: str
    number: str | None = None
    number_inferred: bool = False
    text: str
    sub_items: list[SubItem] = []
    projects: list[str] = []


class AimRecord(Record):
    """An overarching aim (PID 2.5 a, b), loaded as an objective of kind "aim" that benefits point at."""
    label: str | None = None
    text: str

    def as_objective(self) -> "ObjectiveRecord":
        return ObjectiveRecord(key=self.key, kind="aim", number=self.label, text=self.text, notes=self.notes,
                               source=self.source)


class RoleRecord(Record):
    title: str
    applies_to: str
    responsibility: str | None = None


class ProjectRecord(Record):
    name: str
    level: str | None = None
    place: str | None = None
    objectives: list[str] = []
    governance_body: str | None = None
    key_roles: list[Person] = []


class WorkstreamRecord(Record):
    name: str
    governance_list_name: str | None = None
    levels: list[str] = []
    levels_text: str | None = None
    leads: list[Person] = []
    lead_text: str | None = None
    lead_tbc: bool = False
    governance_body: str | None = None


class ScheduledRecord(Record):
    title: str
    projects: list[str] = []
    owner: str | None = None
    owner_person: str | None = None  # the key of the person in the system model (people.yaml) who owns it
    baseline_date: date | None = None
    forecast_date: date | None = None
    actual_date: date | None = None
    status: str | None = None


class DeliverableRecord(ScheduledRecord):
    kind: str | None = None
    number: str | None = None
    workstream: str | None = None


class MilestoneRecord(ScheduledRecord):
    workstreams: list[str] = []
    date_text: str | None = None
    date_precision: str | None = None
    actual_date_text: str | None = None
    actual_source: Source | None = None
    depends_on: list[str] = []
    dependency_note: str | None = None


class ResourceRecord(Record):
    role: str
    role_key: str | None = None
    holder: Person | None = None
    description: str | None = None
    areas: list[str] = []
    resource_text: str | None = None
    posts: int | None = None
    wte: float | None = None
    band: str | None = None
    additional: bool | None = None
    source_organisation: str | None = None
    source_organisation_text: str | None = None
    projects: list[str] = []
    group_text: str | None = None


class SignOffRecord(Record):
    organisation: str | None = None
    organisation_name: str
    signatory_name: str | None = None
    signed_on: date | None = None
    status: str = "awaiting"


FILES = {"roles.yaml": RoleRecord, "projects.yaml": ProjectRecord, "workstreams.yaml": WorkstreamRecord,
         "deliverables.yaml": DeliverableRecord, "milestones.yaml": MilestoneRecord,
         "resource_plan.yaml": ResourceRecord, "signoffs.yaml": SignOffRecord}


def _validate(name: str, items, model, errors: list[FieldError]) -> list:
    parsed = []
    for i, item in enumerate(items or []):
        try:
            parsed.append(model.model_validate(item))
        except ValidationError as exc:
            errors += [FieldError(f"{name}[{i + 1}].{'.'.join(map(str, e['loc']))}", e["msg"]) for e in exc.errors()]
    return parsed


def _read(directory: Path) -> dict[str, list]:
    errors: list[FieldError] = []
    records = {}
    for name, model in FILES.items():
        path = directory / name
        records[name] = _validate(name, yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else [],
                                  model, errors)
    programme_file = directory / "programme.yaml"
    data = yaml.safe_load(programme_file.read_text(encoding="utf-8")) if programme_file.exists() else {}
    aims = _validate("programme.yaml.aims", (data or {}).get("aims"), AimRecord, errors)
    records["objectives"] = [a.as_objective() for a in aims] + _validate(
        "programme.yaml.objectives", (data or {}).get("objectives"), ObjectiveRecord, errors)
    errors += _cross_check(records)
    if errors:
        raise Invalid(errors)
    return records


def _cross_check(records: dict[str, list]) -> list[FieldError]:
    """Choices and references between files resolve; milestone dependencies have no cycle."""
    keys = {name: {r.key for r in found} for name, found in records.items()}
    errors = []

    def check(name, i, field, values, allowed, what):
        for value in [v for v in values if v is not None]:
            if value not in allowed:
                errors.append(FieldError(f"{name}[{i}].{field}", f"no {what} {value!r}"))

    for name, found in records.items():
        if dupes := {r.key for r in found if [x.key for x in found].count(r.key) > 1}:
            errors.append(FieldError(name, f"keys used more than once: {', '.join(sorted(dupes))}"))
    for i, r in enumerate(records["objectives"], 1):
        check("programme.yaml.objectives", i, "kind", [r.kind], OBJECTIVE_KINDS, "objective kind")
    for i, r in enumerate(records["projects.yaml"], 1):
        check("projects.yaml", i, "level", [r.level], LEVELS, "level")
        check("projects.yaml", i, "objectives", r.objectives, keys["objectives"], "objective")
    for i, r in enumerate(records["workstreams.yaml"], 1):
        check("workstreams.yaml", i, "levels", r.levels, LEVELS, "level")
    for name in ("deliverables.yaml", "milestones.yaml", "resource_plan.yaml"):
        for i, r in enumerate(records[name], 1):
            check(name, i, "projects", r.projects, keys["projects.yaml"], "project")
    for i, r in enumerate(records["deliverables.yaml"], 1):
        check("deliverables.yaml", i, "workstream", [r.workstream], keys["workstreams.yaml"], "workstream")
        check("deliverables.yaml", i, "kind", [r.kind], DELIVERABLE_KINDS, "deliverable kind")
        check("deliverables.yaml", i, "status", [r.status], STATUSES, "status")
    successors: dict = {}
    for i, r in enumerate(records["milestones.yaml"], 1):
        check("milestones.yaml", i, "workstreams", r.workstreams, keys["workstreams.yaml"], "workstream")
        check("milestones.yaml", i, "depends_on", r.depends_on, keys["milestones.yaml"], "milestone")
        check("milestones.yaml", i, "status", [r.status], STATUSES, "status")
        for pred in r.depends_on:
            if cycle := network.cycle_if_added(successors, pred, r.key):
                errors.append(FieldError(f"milestones.yaml[{i}].depends_on", "makes a cycle: " + " → ".join(cycle)))
            else:
                successors.setdefault(pred, []).append(r.key)
    bands = pay_table().band_choices()
    for i, r in enumerate(records["resource_plan.yaml"], 1):
        check("resource_plan.yaml", i, "band", [r.band], bands, "pay band")
    for i, r in enumerate(records["signoffs.yaml"], 1):
        check("signoffs.yaml", i, "status", [r.status], SIGN_OFF_STATUSES, "sign-off status")
    for name in ("deliverables.yaml", "milestones.yaml"):
        for i, r in enumerate(records[name], 1):
            done = {"status": _status(r), "actual_date": r.actual_date}
            errors += [FieldError(f"{name}[{i}].{e.field}", e.message) for e in DONE.errors(done, clock.today())]
    return errors


def _source(record: Record) -> dict:
    return {"source_document": record.source.document if record.source else None,
            "source_section": record.source.section if record.source else None}


def _join(*parts: str | None) -> str | None:
    return " ".join(p.strip() for p in parts if p and p.strip()) or None


class Upserter:
    """Create or update records by key; counts what it created and changed."""

    def __init__(self, session: Session, programme: Programme):
        self.session, self.programme = session, programme
        self.counts: dict[str, list[int]] = {}

    def __call__(self, model, key: str, values: dict, links: dict | None = None):
        tally = self.counts.setdefault(model.__tablename__, [0, 0])
        record = self.session.scalar(select(model).where(model.programme_id == self.programme.id, model.key == key))
        if record is None:
            record = model(programme_id=self.programme.id, key=key, **values, **(links or {}))
            self.session.add(record)
            tally[0] += 1
            return record
        changed = False
        for name, value in values.items():
            if getattr(record, name) != value:
                setattr(record, name, value)
                changed = True
        for name, value in (links or {}).items():
            if _keys(getattr(record, name)) != _keys(value):
                setattr(record, name, value)
                changed = True
        tally[1] += changed
        return record


def _keys(linked):
    return sorted(o.key for o in linked) if isinstance(linked, list) else getattr(linked, "key", None)


def load(session: Session, directory: Path, programme: Programme) -> str:
    """Create or bring up to date the programme's plan from `directory`; returns a one-line summary."""
    records = _read(directory)
    upsert = Upserter(session, programme)
    for r in records["objectives"]:
        upsert(Objective, r.key, {"kind": r.kind, "number": r.number, "text": r.text, "notes": r.notes,
                                  "sub_items": [s.model_dump() for s in r.sub_items], **_source(r)})
    for r in records["roles.yaml"]:
        upsert(PlanRole, r.key, {"title": r.title, "applies_to": r.applies_to, "responsibility": r.responsibility,
                                 "notes": r.notes, **_source(r)})
    projects = {}
    for r in records["projects.yaml"]:
        held = {role: people([p for p in r.key_roles if p.role == role]) for role in
                ("senior-sponsor", "project-lead-director", "icp-gp-lead", "icp-non-executive-lead")}
        projects[r.key] = upsert(Project, r.key, {
            "name": r.name, "level": r.level, "place": r.place, "governance_body": r.governance_body,
            "objectives": r.objectives, "senior_sponsor": held["senior-sponsor"],
            "project_lead_director": held["project-lead-director"], "icp_gp_lead": held["icp-gp-lead"],
            "non_executive_lead": held["icp-non-executive-lead"], "notes": r.notes, **_source(r)})
    streams = {}
    for r in records["workstreams.yaml"]:
        lead = "To be confirmed" if r.lead_tbc and not r.leads else people(r.leads)
        streams[r.key] = upsert(Workstream, r.key, {"name": r.name, "lead": lead, "levels": r.levels,
                                                    "governance_body": r.governance_body, "notes": r.notes,
                                                    **_source(r)})
    _link_owners(session, [*records["deliverables.yaml"], *records["milestones.yaml"]])
    for r in records["deliverables.yaml"]:
        upsert(Deliverable, r.key, _scheduled(r) | {"kind": r.kind, "number": r.number},
               {"projects": [projects[k] for k in r.projects], "workstream": streams.get(r.workstream)})
    milestones = {}
    for r in records["milestones.yaml"]:
        milestones[r.key] = upsert(Milestone, r.key, _scheduled(r) | {"date_text": r.date_text}, {
            "projects": [projects[k] for k in r.projects], "workstreams": [streams[k] for k in r.workstreams]})
    for r in records["resource_plan.yaml"]:
        holder = r.holder.text() if r.holder else None
        upsert(ResourceLine, r.key, {
            "role": r.role, "description": _join(r.description), "holder": holder, "posts": r.posts, "wte": r.wte,
            "band": r.band, "additional": r.additional, "source_organisation": r.source_organisation,
            "source_organisation_text": r.source_organisation_text,
            "notes": _join(f"As given: {r.resource_text}." if r.resource_text else None, r.notes), **_source(r)},
            {"projects": [projects[k] for k in r.projects]})
    for r in records["signoffs.yaml"]:
        upsert(SignOff, r.key, {"organisation": r.organisation, "organisation_name": r.organisation_name,
                                "signatory": r.signatory_name, "signed_on": r.signed_on, "status": r.status,
                                "notes": r.notes, **_source(r)})
    session.flush()
    edges = _add_dependencies(session, programme, records["milestones.yaml"], milestones)
    session.flush()
    parts = ", ".join(f"{table} {new} new {changed} changed" for table, (new, changed) in upsert.counts.items())
    return f"plan: {parts}; {edges} new dependencies"


def _link_owners(session: Session, records: list[ScheduledRecord]) -> None:
    """Each owner as the plan's service links it (`names.link_owner`): an owner_person names the person and their
    name becomes the owner; an owner that is one person's name links them. A key that is nobody's fails the load."""
    errors = []
    for r in records:
        values = {"owner": r.owner, "owner_person": r.owner_person}
        errors += [FieldError(f"{r.key}, {e.field}", e.message) for e in link_owner(session, values)]
        r.owner, r.owner_person = values["owner"], values["owner_person"]
    if errors:
        raise Invalid(errors)


def _status(r: ScheduledRecord) -> str:
    """The status the file gives, else what its actual date says."""
    return r.status or ("complete" if r.actual_date else "not_started")


def _scheduled(r: ScheduledRecord) -> dict:
    status = _status(r)
    notes = r.notes
    if getattr(r, "dependency_note", None):
        notes = _join(notes, f"Dependency: {r.dependency_note}")
    return {"title": r.title, "owner": r.owner, "owner_person": r.owner_person, "baseline_date": r.baseline_date,
            "forecast_date": r.forecast_date, "actual_date": r.actual_date, "status": status, "notes": notes,
            **_source(r)}


def _add_dependencies(session: Session, programme: Programme, records: list[MilestoneRecord],
                      milestones: dict[str, Milestone]) -> int:
    """Edges the file states are added if missing; edges added in caresystem are left alone."""
    existing = {tuple(row) for row in session.execute(
        select(PlanDependency.predecessor_type, PlanDependency.predecessor_id, PlanDependency.successor_type,
               PlanDependency.successor_id).where(PlanDependency.programme_id == programme.id))}
    added = 0
    for r in records:
        for pred in r.depends_on:
            edge = ("milestone", milestones[pred].id, "milestone", milestones[r.key].id)
            if edge not in existing:
                session.add(PlanDependency(programme_id=programme.id, predecessor_type=edge[0],
                                           predecessor_id=edge[1], successor_type=edge[2], successor_id=edge[3],
                                           note=r.dependency_note))
                existing.add(edge)
                added += 1
    return added
