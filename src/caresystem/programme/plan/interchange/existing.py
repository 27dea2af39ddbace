"""The programme's plan as an import finds it: live records by key and by external id, every key ever used (keys
stay taken after a soft delete), the dependency edges by their ends, and a fingerprint that changes with any edit."""

import hashlib
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.programme.core import Programme
from caresystem.programme.plan.dependencies import edges_of
from caresystem.programme.plan.models import Deliverable, Milestone, PlanDependency
from caresystem.programme.plan.service import DELIVERABLES, MILESTONES, PROJECTS, WORKSTREAMS

KINDS = {"project": PROJECTS, "workstream": WORKSTREAMS, "deliverable": DELIVERABLES, "milestone": MILESTONES}
ORDER = tuple(KINDS)
# Fixed, so the id a record is exported with is the same in every export.
NAMESPACE = uuid.UUID("5c0a4f0e-8d1b-4a36-9d2e-6f1b2c3d4e5f")
Node = tuple[str, str]  # (kind, key)


def default_external_id(programme: Programme, kind: str, key: str) -> str:
    """The id a record that came from no file is exported with (a GUID, as Microsoft Project expects)."""
    return str(uuid.uuid5(NAMESPACE, f"{programme.key}/{kind}/{key}"))


def external_id_of(programme: Programme, kind: str, record) -> str:
    return record.external_id or default_external_id(programme, kind, record.key)


def current_values(kind: str, record) -> dict:
    """A record's values in the shape the import compares: links by key."""
    if kind == "project":
        return {"name": record.name, "notes": record.notes, "project_lead_director": record.project_lead_director}
    if kind == "workstream":
        return {"name": record.name, "notes": record.notes, "lead": record.lead}
    values = {name: getattr(record, name) for name in ("title", "owner", "baseline_date", "forecast_date",
                                                        "actual_date", "status", "notes")}
    values["projects"] = [p.key for p in record.projects]
    if kind == "milestone":
        values["workstreams"] = [w.key for w in record.workstreams]
    else:
        values["workstream"] = record.workstream.key if record.workstream else None
    return values


class Existing:
    def __init__(self, session: Session, programme: Programme):
        self.programme = programme
        self.records: dict[str, dict[str, object]] = {}
        self.by_external: dict[str, dict[str, object]] = {}
        self.taken: dict[str, set[str]] = {}
        self.counts: dict[str, int] = {}
        rows: list[tuple] = []
        for kind, spec in KINDS.items():
            model = spec.model
            query = select(model).where(model.programme_id == programme.id)
            if model in (Milestone, Deliverable):
                query = query.options(selectinload(model.projects))
            if model is Milestone:
                query = query.options(selectinload(Milestone.workstreams))
            found = list(session.scalars(query.order_by(model.id)))
            self.taken[kind] = {r.key for r in found}
            self.counts[kind] = len(found)
            live = [r for r in found if r.deleted_at is None]
            self.records[kind] = {r.key: r for r in live}
            self.by_external[kind] = {external_id_of(programme, kind, r): r for r in live}
            rows += [(kind, r.id, r.version, r.deleted_at is None) for r in found]
        self.edges: list[PlanDependency] = edges_of(session, programme)
        rows += [("dependency", e.id, e.version, e.lag_days, e.link_type) for e in self.edges]
        self.fingerprint = hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()
        self._key_of = {(kind, r.id): r.key for kind in KINDS for r in self.records[kind].values()}

    def edge_ends(self, edge: PlanDependency) -> tuple[Node, Node] | None:
        """An edge's two ends as (kind, key), or None when an end is no longer live."""
        pred = self._key_of.get((edge.predecessor_type, edge.predecessor_id))
        succ = self._key_of.get((edge.successor_type, edge.successor_id))
        if pred is None or succ is None:
            return None
        return (edge.predecessor_type, pred), (edge.successor_type, succ)

