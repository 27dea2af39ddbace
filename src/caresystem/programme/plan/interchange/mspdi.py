"""The plan as Microsoft Project XML (MSPDI), written by MPXJ's own writer so Microsoft Project and ProjectLibre
open it: the outline, dates and baselines, percent complete, milestones flagged, resources as owners, and the links
with their type and lag. The record's kind, key, projects, workstreams and status go in named text fields, so the
file imported again gives the same plan.

A deliverable has one date in caresystem (when it is due), so it is written as a one-day task ending that day; a
milestone is a zero-duration task on its date.
"""

import uuid
from datetime import date

from sqlalchemy.orm import Session

from caresystem.programme.core import Programme
from caresystem.programme.plan.interchange import mpxj
from caresystem.programme.plan.interchange.outline import OutlineTask, outline

# Text1..Text6, in this order. The owner goes in a field too: Project refuses commas in a resource's name.
TEXT_FIELDS = ("type", "key", "projects", "workstreams", "status", "owner")
RELATIONS = {"FS": "FINISH_START", "SS": "START_START", "FF": "FINISH_FINISH", "SF": "START_FINISH"}
DAY_START, DAY_END = 8, 17


def _guid(external_id: str, programme: Programme, task: OutlineTask):
    try:
        value = uuid.UUID(external_id)
    except ValueError:  # an id from a file that was not Microsoft Project (a spreadsheet's unique id)
        value = uuid.uuid5(uuid.NAMESPACE_URL, f"caresystem:{programme.key}/{task.kind}/{task.key}")
    return mpxj.java("java.util.UUID").fromString(str(value))


class Writer:
    def __init__(self, programme: Programme):
        self.programme = programme
        self.project = mpxj.java("org.mpxj.ProjectFile")()
        self.project.getProjectProperties().setName(programme.name)
        self.project.getProjectProperties().setProjectTitle(programme.name)
        task_field = mpxj.java("org.mpxj.TaskField")
        for number, name in enumerate(TEXT_FIELDS, start=1):
            self.project.getCustomFields().getOrCreate(getattr(task_field, f"TEXT{number}")).setAlias(
                mpxj.FIELD_ALIASES[name])
        self.at = mpxj.java("java.time.LocalDateTime").of
        self.duration = mpxj.java("org.mpxj.Duration").getInstance
        self.days = mpxj.java("org.mpxj.TimeUnit").DAYS
        self.resources: dict[str, object] = {}
        self.tasks: dict[int, object] = {}

    def _time(self, day: date, hour: int):
        return self.at(day.year, day.month, day.day, hour, 0)

    def _dates(self, java_task, task: OutlineTask) -> None:
        values, milestone = task.values, task.kind == "milestone"
        end_hour = DAY_START if milestone else DAY_END
        if task.due:
            java_task.setStart(self._time(task.due, DAY_START))
            java_task.setFinish(self._time(task.due, end_hour))
        java_task.setDuration(self.duration(0 if milestone else 1, self.days))
        if values.get("baseline_date"):
            java_task.setBaselineStart(self._time(values["baseline_date"], DAY_START))
            java_task.setBaselineFinish(self._time(values["baseline_date"], end_hour))
            java_task.setBaselineDuration(self.duration(0 if milestone else 1, self.days))
        if values.get("actual_date"):
            java_task.setActualStart(self._time(values["actual_date"], DAY_START))
            java_task.setActualFinish(self._time(values["actual_date"], end_hour))
        done = values.get("status") == "complete" or values.get("actual_date") is not None
        java_task.setPercentageComplete(mpxj.java("java.lang.Double")(100.0 if done else 0.0))
        java_task.setActive(values.get("status") != "cancelled")

    def _owner(self, java_task, name: str) -> None:
        if name not in self.resources:
            resource = self.project.addResource()
            resource.setName(name)
            self.resources[name] = resource
        java_task.addResourceAssignment(self.resources[name])

    def add(self, task: OutlineTask) -> None:
        parent = self.tasks.get(task.parent) if task.parent else None
        java_task = (parent or self.project).addTask()
        self.tasks[task.id] = java_task
        java_task.setName(task.name)
        java_task.setGUID(_guid(task.external_id, self.programme, task))
        texts = {"type": task.kind, "key": task.key, "projects": "; ".join(task.projects),
                 "workstreams": "; ".join(task.workstreams), "status": task.values.get("status"), "owner": task.owner}
        for number, name in enumerate(TEXT_FIELDS, start=1):
            if texts[name]:
                java_task.setText(number, texts[name])
        if task.kind in ("deliverable", "milestone"):
            java_task.setMilestone(task.kind == "milestone")
            self._dates(java_task, task)
        if task.values.get("notes"):
            java_task.setNotes(task.values["notes"])
        if task.owner:
            self._owner(java_task, task.owner)

    def summarise(self, tasks: list[OutlineTask]) -> None:
        """Summary tasks span their children (Microsoft Project recalculates this; other readers need it written)."""
        for task in reversed(tasks):
            java_task = self.tasks[task.id]
            children = [self.tasks[c] for c in task.children]
            starts = [c.getStart() for c in children if c.getStart() is not None]
            finishes = [c.getFinish() for c in children if c.getFinish() is not None]
            if starts and finishes:
                java_task.setSummary(True)
                java_task.setStart(min(starts, key=str))
                java_task.setFinish(max(finishes, key=str))

    def link(self, task: OutlineTask) -> None:
        builder, relation = mpxj.java("org.mpxj.Relation$Builder"), mpxj.java("org.mpxj.RelationType")
        for predecessor, link_type, lag in task.predecessors:
            self.tasks[task.id].addPredecessor(builder().predecessorTask(self.tasks[predecessor]).type(
                getattr(relation, RELATIONS[link_type])).lag(self.duration(lag, self.days)))

    def write(self) -> bytes:
        stream = mpxj.java("java.io.ByteArrayOutputStream")()
        writer = mpxj.java("org.mpxj.writer.UniversalProjectWriter")
        writer(mpxj.java("org.mpxj.writer.FileFormat").MSPDI).write(self.project, stream)
        return bytes(stream.toByteArray())


def export(session: Session, programme: Programme) -> bytes:
    tasks = outline(session, programme)
    writer = Writer(programme)
    for task in tasks:
        writer.add(task)
    writer.summarise(tasks)
    for task in tasks:
        writer.link(task)
    return writer.write()
