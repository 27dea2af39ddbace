"""A plan as read from a file, whatever the tool that wrote it: tasks in outline order with their dates, progress,
resources and links. Readers produce it; the mapping turns it into projects, workstreams, deliverables, milestones
and dependencies. It is JSON-serialisable so a preview can be stored and applied later exactly as shown."""

from datetime import date

from pydantic import BaseModel, Field

MAX_BYTES = 20 * 1024 * 1024
MAX_TASKS = 10_000
KINDS = ("project", "workstream", "deliverable", "milestone")
LINK_TYPES = ("FS", "SS", "FF", "SF")


class Link(BaseModel):
    predecessor: str            # the predecessor's task id in the file
    type: str = "FS"
    lag_days: float = 0


class FileTask(BaseModel):
    id: str                      # the task's ID as the file shows it; problems name it
    name: str = ""
    outline_level: int = 1
    parent: str | None = None    # id of the summary task it sits under
    summary: bool = False
    milestone: bool = False      # flagged as a milestone, or of zero duration
    external_id: str | None = None
    type: str | None = None      # given explicitly (a Type column or field): project, workstream, ...
    key: str | None = None       # a caresystem key the file carries (files caresystem exported)
    projects: list[str] | None = None     # project keys the file carries explicitly
    workstreams: list[str] | None = None
    status: str | None = None
    baseline_finish: date | None = None
    start: date | None = None
    finish: date | None = None
    actual_finish: date | None = None
    percent_complete: float | None = None
    active: bool = True
    resources: list[str] = Field(default_factory=list)
    predecessors: list[Link] = Field(default_factory=list)
    notes: str | None = None


class FilePlan(BaseModel):
    format: str                  # "Microsoft Project (MSPDI)", "XLSX spreadsheet", ...
    tasks: list[FileTask]
    # (where, problem) of cells that could not be read, reported with the plan's other problems in one pass
    problems: list[tuple[str, str]] = Field(default_factory=list)
