"""The programme board's roll-up: for one month, every project's latest submitted highlight report with its risks,
issues and milestones as at the month's end, and the projects that have not submitted one."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.auth import Actor, Permission, require_somewhere
from caresystem.errors import NotFound
from caresystem.programme.core import Programme
from caresystem.programme.highlight import live, period as periods
from caresystem.programme.highlight.models import HighlightReport
from caresystem.programme.highlight.schemas import RAGS
from caresystem.programme.plan import Project


@dataclass(frozen=True)
class RollupRow:
    project: Project
    state: str                      # submitted | draft (never submitted) | missing
    revision: int | None            # of the submission shown
    submitted_at: datetime | None
    submitted_by: str | None
    draft_pending: bool             # a later revision is being drafted; the board sees the submitted one
    content: dict | None            # the report as submitted
    sections: live.LiveSections | None  # the registers as at the period end


@dataclass(frozen=True)
class Rollup:
    programme: Programme
    period: str
    period_start: date
    period_end: date
    rows: list[RollupRow]

    @property
    def missing(self) -> list[Project]:
        """Projects with no submitted report for the period (a draft is not yet a report to the board)."""
        return [row.project for row in self.rows if row.state != "submitted"]

    @property
    def counts(self) -> dict[str, int]:
        """Submitted reports by overall RAG, every RAG listed."""
        ratings = [row.content.get("rag_overall") for row in self.rows if row.content]
        return {rag: ratings.count(rag) for rag in RAGS}


def _row(session: Session, programme: Programme, project: Project, report: HighlightReport | None,
         end: date, risk_states: list[dict]) -> RollupRow:
    if report is None or not report.submissions:
        return RollupRow(project, "draft" if report else "missing", None, None, None, False, None, None)
    shown = report.submissions[-1]
    sections = live.sections(session, programme, project, shown.content.get("linked_issues") or [], end, risk_states)
    return RollupRow(project, "submitted", shown.revision, shown.submitted_at, shown.submitted_by,
                     report.status == "draft", shown.content, sections)


def highlight_rollup(session: Session, *, programme_key: str, period: str) -> Rollup:
    """The roll-up for the programme board's pack. Reads only; the caller checks the reader may see the programme's
    internal records (the page and API use `rollup_for`)."""
    start, end = periods.bounds(period)
    programme = session.scalar(select(Programme).where(Programme.key == programme_key))
    if programme is None:
        raise NotFound(f"No programme {programme_key!r}.")
    projects = session.scalars(select(Project).where(Project.programme_id == programme.id,
                                                     Project.deleted_at.is_(None)).order_by(Project.name)).all()
    reports = {r.project_id: r for r in session.scalars(
        select(HighlightReport).where(HighlightReport.programme_id == programme.id, HighlightReport.period == period,
                                      HighlightReport.deleted_at.is_(None))
        .options(selectinload(HighlightReport.submissions)))}
    risk_states = live.programme_risks(session, programme, end)
    rows = [_row(session, programme, p, reports.get(p.id), end, risk_states) for p in projects]
    return Rollup(programme, period, start, end, rows)


def rollup_for(session: Session, *, actor: Actor, programme_key: str, period: str) -> Rollup:
    require_somewhere(actor, Permission.VIEW_INTERNAL)
    return highlight_rollup(session, programme_key=programme_key, period=period)
