"""The plan laid out as a planning tool's outline, for export: one task list both the MSPDI and XLSX writers use.

Projects are the top level. A workstream sits under the one project its items belong to, or at the top level when
its items belong to several projects or none (workstreams are cross-cutting). Deliverables and milestones sit under
their workstream, else their first project, else at the top. Every task carries its kind, key, projects and
workstreams too, so an export imported again gives the same plan whatever the outline could not show.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from caresystem.programme.core import Programme
from caresystem.programme.plan.interchange.existing import Existing, Node, current_values, external_id_of


@dataclass
class OutlineTask:
    id: int                       # 1, 2, 3... in outline order
    level: int
    kind: str
    key: str
    name: str
    external_id: str
    values: dict                  # current_values of the record
    parent: int | None = None
    children: list[int] = field(default_factory=list)
    predecessors: list[tuple[int, str, int]] = field(default_factory=list)  # (task id, link type, lag days)

    @property
    def due(self) -> date | None:
        return self.values.get("forecast_date") or self.values.get("baseline_date")

    @property
    def owner(self) -> str | None:
        return self.values.get("owner") or self.values.get("lead") or self.values.get("project_lead_director")

    @property
    def projects(self) -> list[str]:
        return self.values.get("projects") or []

    @property
    def workstreams(self) -> list[str]:
        streams = self.values.get("workstreams")
        if streams is None:
            streams = [self.values["workstream"]] if self.values.get("workstream") else []
        return streams


def _home_of_workstreams(items: list[tuple[str, object, dict]]) -> dict[str, str]:
    """Workstream key -> the one project all its items belong to first (absent when several or none)."""
    homes: dict[str, set] = {}
    for _, _, values in items:
        for stream in (values.get("workstreams") or ([values["workstream"]] if values.get("workstream") else []))[:1]:
            homes.setdefault(stream, set()).add((values.get("projects") or [None])[0])
    return {stream: next(iter(found)) for stream, found in homes.items() if len(found) == 1 and None not in found}


def outline(session: Session, programme: Programme) -> list[OutlineTask]:
    existing = Existing(session, programme)
    records = existing.records
    items = [(kind, r, current_values(kind, r)) for kind in ("deliverable", "milestone")
             for r in sorted(records[kind].values(), key=lambda r: (r.due_date is None, r.due_date, r.key))]
    homes = _home_of_workstreams(items)
    tasks: list[OutlineTask] = []
    by_node: dict[Node, OutlineTask] = {}

    def add(kind: str, record, level: int, parent: OutlineTask | None) -> OutlineTask:
        task = OutlineTask(len(tasks) + 1, level, kind, record.key, record.name if kind in ("project", "workstream")
                           else record.title, external_id_of(programme, kind, record), current_values(kind, record),
                           parent.id if parent else None)
        if parent:
            parent.children.append(task.id)
        tasks.append(task)
        by_node[(kind, record.key)] = task
        return task

    def first_stream(values) -> str | None:
        streams = values.get("workstreams") or ([values["workstream"]] if values.get("workstream") else [])
        return streams[0] if streams else None

    in_stream, in_project, loose = defaultdict(list), defaultdict(list), []
    for kind, record, values in items:
        if (stream := first_stream(values)) is not None:
            in_stream[stream].append((kind, record))
        elif values.get("projects"):
            in_project[values["projects"][0]].append((kind, record))
        else:
            loose.append((kind, record))

    def add_stream(stream, level: int, parent: OutlineTask | None) -> None:
        node = add("workstream", stream, level, parent)
        for kind, record in in_stream.pop(stream.key, []):
            add(kind, record, level + 1, node)

    for project in records["project"].values():
        node = add("project", project, 1, None)
        for stream in records["workstream"].values():
            if homes.get(stream.key) == project.key:
                add_stream(stream, 2, node)
        for kind, record in in_project.pop(project.key, []):
            add(kind, record, 2, node)
    for stream in records["workstream"].values():
        if ("workstream", stream.key) not in by_node:
            add_stream(stream, 1, None)
    for kind, record in loose + [i for group in (*in_stream.values(), *in_project.values()) for i in group]:
        add(kind, record, 1, None)
    for edge in existing.edges:
        ends = existing.edge_ends(edge)
        if ends and ends[0] in by_node and ends[1] in by_node:
            by_node[ends[1]].predecessors.append((by_node[ends[0]].id, edge.link_type, edge.lag_days))
    return tasks
