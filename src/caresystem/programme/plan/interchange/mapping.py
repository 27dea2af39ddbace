"""From a file's tasks to the plan's records: which task is a project, a workstream, a deliverable or a milestone,
what it belongs to, its dates and status, and its links. Pure: no database; problems are named by task id and field.

The rules (docs/plan.md, "Plans from Microsoft Project and spreadsheets"):
- a task's kind is the one the file gives (caresystem's own exports carry it), else from the outline: a summary task
  at outline level 1 is a project, a summary task directly under a project is a workstream, a milestone (flagged, or
  of zero duration) is a milestone, and every other task is a deliverable;
- a deliverable or milestone belongs to the nearest project and workstream above it in the outline;
- dates are finish dates: baseline finish -> baseline date, finish -> forecast date, actual finish -> actual date
  (a task 100% complete without an actual finish finished on its finish date);
- status: inactive -> cancelled; an actual finish or 100% complete -> complete; more than 0% -> in progress;
  otherwise not started (a status the file gives explicitly wins);
- links FS, SS, FF and SF keep their type; the lag is in days (a lead, a negative lag, is kept as no lag, with a
  warning); links to or from a workstream are left out, with a warning.
"""

from dataclasses import dataclass, field

from caresystem.errors import FieldError
from caresystem.programme.plan.interchange.plan_file import KINDS, LINK_TYPES, FilePlan, FileTask
from caresystem.programme.plan.schemas import STATUSES

MAX_LAG_DAYS = 3650
NETWORK = ("milestone", "deliverable", "project")
STATUS_WORDS = {code: code for code in STATUSES} | {label.lower(): code for code, label in STATUSES.items()}


@dataclass
class Incoming:
    """One record the file describes; `fields` are the record's own values, links are resolved later."""

    task: str
    kind: str
    external_id: str | None
    key: str | None
    fields: dict
    owners: list[str]
    project_task: str | None = None       # the project above it in the outline (a task id)
    workstream_task: str | None = None
    projects: list[str] | None = None     # project keys the file gives explicitly
    workstreams: list[str] | None = None


@dataclass
class IncomingLink:
    predecessor: str   # task ids
    successor: str
    link_type: str
    lag_days: int


@dataclass
class Mapped:
    items: list[Incoming] = field(default_factory=list)
    links: list[IncomingLink] = field(default_factory=list)
    errors: list[FieldError] = field(default_factory=list)
    warnings: list[FieldError] = field(default_factory=list)


def problem(task: str, name: str, message: str) -> FieldError:
    return FieldError(f"task {task}, {name}", message)


def kind_of(task: FileTask, parent_kind: str | None, errors: list[FieldError]) -> str:
    if task.type:
        given = task.type.strip().lower()
        if given in KINDS:
            return given
        errors.append(problem(task.id, "type", f"{task.type!r} is not one of {', '.join(KINDS)}"))
    if task.summary and task.outline_level == 1:
        return "project"
    if task.summary and parent_kind == "project":
        return "workstream"
    return "milestone" if task.milestone else "deliverable"


def status_of(task: FileTask, errors: list[FieldError]) -> str:
    if task.status:
        code = STATUS_WORDS.get(task.status.strip().lower())
        if code:
            return code
        errors.append(problem(task.id, "status", f"{task.status!r} is not one of {', '.join(STATUSES)}"))
    if not task.active:
        return "cancelled"
    percent = task.percent_complete or 0
    if task.actual_finish or percent >= 100:
        return "complete"
    return "in_progress" if percent > 0 else "not_started"


def actual_of(task: FileTask):
    return task.actual_finish or (task.finish if (task.percent_complete or 0) >= 100 else None)


def fields_of(task: FileTask, kind: str, errors: list[FieldError]) -> dict:
    owner = task.resources[0] if task.resources else None
    if kind == "project":
        return {"name": task.name, "notes": task.notes, "project_lead_director": owner}
    if kind == "workstream":
        return {"name": task.name, "notes": task.notes, "lead": owner}
    return {"title": task.name, "owner": owner, "baseline_date": task.baseline_finish, "forecast_date": task.finish,
            "actual_date": actual_of(task), "status": status_of(task, errors), "notes": task.notes}


def _link(task: FileTask, link, kinds: dict[str, str], mapped: Mapped) -> None:
    if link.predecessor not in kinds:
        mapped.errors.append(problem(task.id, "predecessors", f"there is no task {link.predecessor} in the file"))
        return
    link_type = link.type.strip().upper()
    if link_type not in LINK_TYPES:
        mapped.errors.append(problem(task.id, "predecessors", f"link type {link.type!r} is not FS, SS, FF or SF"))
        return
    ends = (kinds[link.predecessor], kinds[task.id])
    if "workstream" in ends:
        mapped.warnings.append(problem(task.id, "predecessors", f"the link from task {link.predecessor} touches a "
                                       "workstream; only projects, deliverables and milestones are linked, so it is "
                                       "left out"))
        return
    lag = round(link.lag_days)
    if lag < 0:
        mapped.warnings.append(problem(task.id, "predecessors", f"the lead of {-lag} days on the link from task "
                                       f"{link.predecessor} is kept as no lag"))
        lag = 0
    if lag > MAX_LAG_DAYS:
        mapped.errors.append(problem(task.id, "predecessors", f"a lag of {lag} days is more than {MAX_LAG_DAYS}"))
        return
    mapped.links.append(IncomingLink(link.predecessor, task.id, link_type, lag))


def map_plan(plan: FilePlan) -> Mapped:
    """Every task as an Incoming record and every link as an IncomingLink; problems collected, none raised."""
    mapped = Mapped(errors=[FieldError(where, message) for where, message in plan.problems])
    kinds: dict[str, str] = {}
    by_id: dict[str, Incoming] = {}
    seen_external: dict[str, str] = {}
    for task in plan.tasks:
        if task.id in kinds:
            mapped.errors.append(problem(task.id, "id", "is given to two tasks"))
            continue
        parent = by_id.get(task.parent) if task.parent else None
        kind = kinds[task.id] = kind_of(task, parent.kind if parent else None, mapped.errors)
        if task.external_id:
            if task.external_id in seen_external:
                mapped.errors.append(problem(task.id, "unique id", f"{task.external_id!r} is also task "
                                                                   f"{seen_external[task.external_id]}"))
            seen_external.setdefault(task.external_id, task.id)
        item = Incoming(task=task.id, kind=kind, external_id=task.external_id, key=task.key,
                        fields=fields_of(task, kind, mapped.errors), owners=task.resources[:1],
                        projects=task.projects, workstreams=task.workstreams)
        if len(task.resources) > 1:
            mapped.warnings.append(problem(task.id, "resources", f"{', '.join(task.resources[1:])} also assigned; "
                                           f"{task.resources[0]} is the owner"))
        if parent is not None:
            item.project_task = parent.task if parent.kind == "project" else parent.project_task
            item.workstream_task = parent.task if parent.kind == "workstream" else parent.workstream_task
        by_id[task.id] = item
        mapped.items.append(item)
    for task in plan.tasks:
        for link in task.predecessors:
            if task.id in kinds:
                _link(task, link, kinds, mapped)
    return mapped
