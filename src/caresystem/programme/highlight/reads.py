"""Highlight reports and the roll-up as their Read schemas, for the API (and the pages' print view)."""

from dataclasses import asdict

from sqlalchemy.orm import Session

from caresystem.programme.core import Programme
from caresystem.programme.highlight import live
from caresystem.programme.highlight.models import HighlightReport
from caresystem.programme.highlight.rollup import Rollup
from caresystem.programme.highlight.schemas import (LiveIssueRead, LiveMilestoneRead, LiveRiskRead, ReportDetail,
                                                    ReportRead, RollupRead, RollupRowRead, SubmissionRead)

FIELDS = [name for name in ReportRead.model_fields if name not in ("project", "project_name")]


def report_read(report: HighlightReport) -> ReportRead:
    return ReportRead(project=report.project.key, project_name=report.project.name,
                      **{name: getattr(report, name) for name in FIELDS})


def _sections(sections: live.LiveSections | None) -> dict:
    if sections is None:
        return {"risks": [], "issues": [], "milestones": []}
    return {"risks": [LiveRiskRead(**asdict(r)) for r in sections.risks],
            "issues": [LiveIssueRead(**asdict(i)) for i in sections.issues],
            "milestones": [LiveMilestoneRead(**asdict(m)) for m in sections.milestones]}


def report_detail(session: Session, programme: Programme, report: HighlightReport) -> ReportDetail:
    sections = live.sections(session, programme, report.project, report.linked_issues, report.period_end)
    return ReportDetail(**report_read(report).model_dump(), as_at=report.period_end, **_sections(sections),
                        missing_issues=sections.missing_issues,
                        submissions=[SubmissionRead(revision=s.revision, submitted_at=s.submitted_at,
                                                    submitted_by=s.submitted_by, reopened_because=s.reason,
                                                    content=s.content) for s in report.submissions])


def rollup_read(rollup: Rollup) -> RollupRead:
    rows = [RollupRowRead(project=r.project.key, project_name=r.project.name, state=r.state, revision=r.revision,
                          submitted_at=r.submitted_at, submitted_by=r.submitted_by, draft_pending=r.draft_pending,
                          content=r.content, **_sections(r.sections)) for r in rollup.rows]
    return RollupRead(programme=rollup.programme.key, programme_name=rollup.programme.name, period=rollup.period,
                      period_start=rollup.period_start, period_end=rollup.period_end, counts=rollup.counts,
                      missing=[p.key for p in rollup.missing], rows=rows)
