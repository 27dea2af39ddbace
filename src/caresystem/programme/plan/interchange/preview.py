"""What importing a file would do, worked out before anything is written: each record created, updated (with its
changes) or left unchanged, each dependency added, changed or removed, and every problem by task id and field.

A value the file leaves empty never clears one the plan has (a plan without resources keeps its owners, one without
a baseline keeps its baselines); a forecast equal to the baseline is no change for an item without a forecast.
Links the file drops between two of its own tasks are removed; records the file does not mention are left alone.
"""

import re
from collections import defaultdict, deque
from dataclasses import dataclass, field

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.errors import FieldError
from caresystem.programme.core import Programme, matches
from caresystem.programme.plan.interchange.existing import ORDER, Existing, Node, current_values
from caresystem.programme.plan.interchange.mapping import Incoming, Mapped, map_plan, problem
from caresystem.programme.plan.interchange.plan_file import FilePlan
from caresystem.programme.plan.schemas import (DeliverableCreate, DeliverableUpdate, MilestoneCreate, MilestoneUpdate,
                                               ProjectCreate, ProjectUpdate, WorkstreamCreate, WorkstreamUpdate)
from caresystem.system.governance import Person
from caresystem.validation_messages import readable

CREATE = {"project": ProjectCreate, "workstream": WorkstreamCreate, "deliverable": DeliverableCreate,
          "milestone": MilestoneCreate}
UPDATE = {"project": ProjectUpdate, "workstream": WorkstreamUpdate, "deliverable": DeliverableUpdate,
          "milestone": MilestoneUpdate}
PREFIX = {"project": "P", "workstream": "WS", "deliverable": "DL", "milestone": "MS"}
KEY_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
OWNER_FIELDS = ("owner", "lead", "project_lead_director")


@dataclass
class Planned:
    kind: str
    task: str
    key: str
    action: str                         # created, updated or unchanged
    values: dict                        # everything the record will have (links by key)
    external_id: str | None = None
    changes: dict[str, tuple] = field(default_factory=dict)  # field -> (old, new)
    version: int | None = None


@dataclass
class PlannedLink:
    action: str                         # created, updated, unchanged or removed
    predecessor: Node
    successor: Node
    link_type: str
    lag_days: int
    dependency_id: int | None = None
    version: int | None = None
    before: tuple[str, int] | None = None  # (link type, lag) it had


@dataclass
class Preview:
    format: str
    fingerprint: str
    items: list[Planned] = field(default_factory=list)
    links: list[PlannedLink] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)
    unmatched_owners: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        """For each kind (and "dependency"): how many are created, updated, unchanged, removed."""
        found: dict[str, dict[str, int]] = {k: {"created": 0, "updated": 0, "unchanged": 0} for k in ORDER}
        found["dependency"] = {"created": 0, "updated": 0, "unchanged": 0, "removed": 0}
        for item in self.items:
            found[item.kind][item.action] += 1
        for link in self.links:
            found["dependency"][link.action] += 1
        return found

    @property
    def changes_anything(self) -> bool:
        return any(i.action != "unchanged" for i in self.items) or any(k.action != "unchanged" for k in self.links)


class Keys:
    """Keys for new records: the key the file carries when it is free, else the next PREFIX001, PREFIX002..."""

    def __init__(self, existing: Existing):
        self.taken = {kind: set(keys) for kind, keys in existing.taken.items()}
        self.count = dict(existing.counts)

    def claim(self, kind: str, wanted: str | None) -> str:
        if wanted and KEY_PATTERN.match(wanted) and wanted not in self.taken[kind]:
            self.taken[kind].add(wanted)
            return wanted
        while True:
            self.count[kind] += 1
            candidate = f"{PREFIX[kind]}{self.count[kind]:03d}"
            if candidate not in self.taken[kind]:
                self.taken[kind].add(candidate)
                return candidate


def _people(session: Session) -> dict[str, str]:
    return {matches(name): name for name in session.scalars(select(Person.name))}


def _links_of(item: Incoming, keys: dict[str, str]) -> dict:
    projects = item.projects if item.projects is not None else (
        [keys[item.project_task]] if item.project_task in keys else [])
    streams = item.workstreams if item.workstreams is not None else (
        [keys[item.workstream_task]] if item.workstream_task in keys else [])
    if item.kind == "milestone":
        return {"projects": projects, "workstreams": streams}
    if item.kind == "deliverable":
        return {"projects": projects, "workstream": streams[0] if streams else None}
    return {}


def _match(item: Incoming, existing: Existing, errors: list[FieldError]):
    if item.external_id:
        if (record := existing.by_external[item.kind].get(item.external_id)) is not None:
            return record
        for other in ORDER:
            if other != item.kind and (found := existing.by_external[other].get(item.external_id)) is not None:
                errors.append(problem(item.task, "type", f"was imported as {other} {found.key} and is now a "
                                                         f"{item.kind}; change or remove {found.key} first"))
                return None
    if item.key and (record := existing.records[item.kind].get(item.key)) is not None:
        return record
    return None


def _changes(kind: str, current: dict, wanted: dict) -> dict[str, tuple]:
    changes = {}
    for name, new in wanted.items():
        old = current.get(name)
        if new is None or new == []:
            continue  # the file leaves it empty: keep what the plan has
        if name == "forecast_date" and old is None and new == (wanted.get("baseline_date") or
                                                               current.get("baseline_date")):
            continue
        if new != old:
            changes[name] = (old, new)
    return changes


def _validate(planned: Planned, errors: list[FieldError]) -> None:
    try:
        if planned.action == "created":
            CREATE[planned.kind].model_validate(planned.values | {"key": planned.key,
                                                                   "external_id": planned.external_id})
        elif planned.action == "updated":
            UPDATE[planned.kind].model_validate({n: new for n, (_, new) in planned.changes.items()} |
                                                {"version": planned.version})
    except ValidationError as exc:
        for e in exc.errors():
            name = ".".join(str(p) for p in e["loc"])
            errors.append(problem(planned.task, {"title": "name"}.get(name, name), readable(e)))


def _link_errors(existing_keys: dict[str, dict], planned: list[Planned], errors: list[FieldError]) -> None:
    """Keys of linked projects and workstreams must be in the plan or in the file."""
    known = {kind: set(existing_keys[kind]) | {p.key for p in planned if p.kind == kind} for kind in ORDER}
    for item in planned:
        for name, kind in (("projects", "project"), ("workstreams", "workstream"), ("workstream", "workstream")):
            value = item.values.get(name)
            wanted = value if isinstance(value, list) else [value] if value else []
            if missing := [k for k in wanted if k not in known[kind]]:
                errors.append(problem(item.task, name, f"there is no {kind} {', '.join(map(repr, missing))}"))


def plan_items(mapped: Mapped, existing: Existing, session: Session) -> tuple[list[Planned], list[str]]:
    keys, task_keys, claimed = Keys(existing), {}, {}
    people, unmatched, planned = _people(session), [], []
    for item in mapped.items:
        record = _match(item, existing, mapped.errors)
        values = dict(item.fields)
        for name in OWNER_FIELDS:
            if values.get(name):
                person = people.get(matches(values[name]))
                if person is None and values[name] not in unmatched:
                    unmatched.append(values[name])
                values[name] = person or values[name]
        values |= _links_of(item, task_keys)
        if record is not None and (item.kind, record.key) in claimed:
            mapped.errors.append(problem(item.task, "unique id", f"matches {item.kind} {record.key}, as task "
                                                                 f"{claimed[(item.kind, record.key)]} does"))
            continue
        if record is None:
            if values.get("forecast_date") and values["forecast_date"] == values.get("baseline_date"):
                values["forecast_date"] = None  # on plan: as an item keyed in with only a baseline
            key = keys.claim(item.kind, item.key)
            entry = Planned(item.kind, item.task, key, "created", values, item.external_id)
        else:
            key = record.key
            current = current_values(item.kind, record)
            changes = _changes(item.kind, current, values)
            entry = Planned(item.kind, item.task, key, "updated" if changes else "unchanged",
                            current | {n: new for n, (_, new) in changes.items()}, item.external_id, changes,
                            record.version)
        claimed[(item.kind, key)] = item.task
        task_keys[item.task] = key
        _validate(entry, mapped.errors)
        planned.append(entry)
    _link_errors(existing.records, planned, mapped.errors)
    return planned, unmatched


def _cycle(edges: list[tuple[Node, Node]]) -> list[Node] | None:
    """A cycle in the final network, or None (Kahn's algorithm; what is left over holds a cycle)."""
    successors, indegree = defaultdict(list), defaultdict(int)
    for pred, succ in edges:
        successors[pred].append(succ)
        indegree[succ] += 1
        indegree.setdefault(pred, 0)
    queue = deque(n for n, d in indegree.items() if d == 0)
    while queue:
        for succ in successors[queue.popleft()]:
            indegree[succ] -= 1
            if indegree[succ] == 0:
                queue.append(succ)
    left = {n for n, d in indegree.items() if d > 0}
    if not left:
        return None
    node, path = next(iter(sorted(left))), []
    while node not in path:
        path.append(node)
        node = next(s for s in successors[node] if s in left)
    return path[path.index(node):] + [node]


def plan_links(mapped: Mapped, planned: list[Planned], existing: Existing) -> list[PlannedLink]:
    node_of = {p.task: (p.kind, p.key) for p in planned}
    current = {ends: edge for edge in existing.edges if (ends := existing.edge_ends(edge)) is not None}
    in_file = {(p.kind, p.key) for p in planned}
    links, wanted = [], set()
    for link in mapped.links:
        if link.predecessor not in node_of or link.successor not in node_of:
            continue
        ends = (node_of[link.predecessor], node_of[link.successor])
        if ends in wanted:
            continue
        wanted.add(ends)
        edge = current.get(ends)
        if edge is None:
            links.append(PlannedLink("created", *ends, link.link_type, link.lag_days))
        else:
            same = (edge.link_type, edge.lag_days) == (link.link_type, link.lag_days)
            links.append(PlannedLink("unchanged" if same else "updated", *ends, link.link_type, link.lag_days,
                                     edge.id, edge.version, (edge.link_type, edge.lag_days)))
    for ends, edge in current.items():
        if ends not in wanted and ends[0] in in_file and ends[1] in in_file:
            links.append(PlannedLink("removed", *ends, edge.link_type, edge.lag_days, edge.id, edge.version))
    final = [(k.predecessor, k.successor) for k in links if k.action != "removed"]
    final += [ends for ends in current if ends not in wanted and not (ends[0] in in_file and ends[1] in in_file)]
    if cycle := _cycle(final):
        task_of = {(p.kind, p.key): p.task for p in planned}
        named = " → ".join(f"{kind} {key}" for kind, key in cycle)
        mapped.errors.append(problem(task_of.get(cycle[-1], "?"), "predecessors", f"would make a cycle: {named}"))
    return links


def preview(session: Session, programme: Programme, plan: FilePlan) -> Preview:
    """What importing `plan` into `programme` would do; reads only."""
    existing = Existing(session, programme)
    mapped = map_plan(plan)
    planned, unmatched = plan_items(mapped, existing, session)
    links = plan_links(mapped, planned, existing)
    return Preview(format=plan.format, fingerprint=existing.fingerprint, items=planned, links=links,
                   errors=mapped.errors, warnings=mapped.warnings, unmatched_owners=unmatched)

