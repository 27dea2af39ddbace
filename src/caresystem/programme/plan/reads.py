"""Plan records as their Read schemas (derived RAG included), shared by the API and the pages."""

from dataclasses import dataclass
from datetime import date

from caresystem.programme.plan import slippage
from caresystem.programme.plan.models import Project, Workstream
from caresystem.programme.plan.schemas import DeliverableRead, MilestoneRead, ProjectRead, WorkstreamRead
from caresystem.programme.plan.service import DELIVERABLES, MILESTONES, Kind


def _values(record, schema) -> dict:
    return {name: getattr(record, name) for name in schema.model_fields if hasattr(record, name)
            and name not in ("projects", "workstreams", "workstream", "due_date", "slip_days")}


def read_project(project: Project) -> ProjectRead:
    return ProjectRead(**_values(project, ProjectRead))


def read_workstream(stream: Workstream, deliverables: int = 0) -> WorkstreamRead:
    return WorkstreamRead(**_values(stream, WorkstreamRead), deliverables=deliverables)


def read_scheduled(kind: Kind, item, rag: slippage.Rag) -> MilestoneRead | DeliverableRead:
    schema = MilestoneRead if kind is MILESTONES else DeliverableRead
    links = {"projects": [p.key for p in item.projects]}
    if kind is MILESTONES:
        links["workstreams"] = [w.key for w in item.workstreams]
    if kind is DELIVERABLES:
        links["workstream"] = item.workstream.key if item.workstream else None
    return schema(**_values(item, schema), **links, due_date=slippage.due_date(item.baseline_date, item.forecast_date),
                  slip_days=rag.slip_days, rag=rag.rag, rag_reason=rag.reason, overdue=rag.overdue)


def linked_names(item) -> dict[str, str]:
    """The names of the projects and workstreams a milestone or deliverable is linked to, by key (from the links
    `read_scheduled` has already loaded)."""
    linked = [*item.projects, *getattr(item, "workstreams", []), *filter(None, [getattr(item, "workstream", None)])]
    return {record.key: record.name for record in linked}


@dataclass(frozen=True)
class ListedItem:
    """A milestone or deliverable as a list page draws it, in its table and timeline."""
    key: str
    title: str
    owner: str | None
    baseline_date: date | None
    forecast_date: date | None
    actual_date: date | None
    slip_days: int | None
    rag: str


def read_listed(row, rag: slippage.Rag) -> ListedItem:
    """A row of `service.list_scheduled(..., links=False)` with its RAG; text trimmed as the Read schemas trim it."""
    return ListedItem(key=row.key.strip(), title=row.title.strip(), owner=row.owner and row.owner.strip(),
                      baseline_date=row.baseline_date, forecast_date=row.forecast_date, actual_date=row.actual_date,
                      slip_days=rag.slip_days, rag=rag.rag)
