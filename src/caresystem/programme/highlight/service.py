"""The rules of highlight reports: one per project per month; a draft is edited, the project lead submits it
(which locks it and keeps the submission as it was), and a change after submission reopens it as the next
revision, saying why. Services never commit; the caller owns the transaction."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, may_add_somewhere, require, require_somewhere
from caresystem.auth.audit import record_event
from caresystem.db.base import utcnow
from caresystem.db.versioning import apply_changes, check_version, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.programme.core import Programme
from caresystem.programme.highlight import period as periods
from caresystem.programme.highlight.models import HighlightReport, HighlightSubmission
from caresystem.programme.highlight.schemas import (CONTENT_FIELDS, RAG_FIELDS, RAGS, REQUIRED_TO_SUBMIT, STATUSES,
                                                    ReportCreate, ReportUpdate)
from caresystem.programme.plan import Project
from caresystem.programme.raid import Issue


def label(report: HighlightReport) -> str:
    return f"Highlight report {report.project.key} {report.period}"


def _project(session: Session, programme: Programme, key: str) -> Project | None:
    return session.scalar(select(Project).where(Project.programme_id == programme.id, Project.key == key,
                                                Project.deleted_at.is_(None)))


def _edit_scope(project: Project) -> dict:
    """Project leads edit their own projects' reports: editors scoped to a place edit that place's projects."""
    return {"places": {project.place} if project.place else set()}


def _require_edit(actor: Actor, project: Project) -> None:
    require(actor, Permission.EDIT_PROGRAMME, **_edit_scope(project))


def require_edit(actor: Actor, report: HighlightReport) -> None:
    """Refuse unless the actor may change this report (a form checks it before reading what was posted)."""
    _require_edit(actor, report.project)


def may_edit(actor: Actor, report: HighlightReport) -> bool:
    """Whether the actor may change or submit this report (pages offer only that)."""
    return actor.may(Permission.EDIT_PROGRAMME, **_edit_scope(report.project))


def may_add(actor: Actor) -> bool:
    """Whether to offer "Start a highlight report": a scoped editor starts reports of its places' projects."""
    return may_add_somewhere(actor, Permission.EDIT_PROGRAMME, by="places")


def list_reports(session: Session, *, actor: Actor, programme: Programme, period: str | None = None,
                 project: str | None = None, status: str | None = None, offset: int = 0,
                 limit: int = 50) -> tuple[list[HighlightReport], int]:
    require_somewhere(actor, Permission.VIEW_INTERNAL)
    conditions = [HighlightReport.programme_id == programme.id, HighlightReport.deleted_at.is_(None)]
    if period:
        periods.bounds(period)
        conditions.append(HighlightReport.period == period)
    if project:
        conditions.append(HighlightReport.project.has(Project.key == project))
    if status:
        if status not in STATUSES:
            raise Invalid.one("status", f"must be one of {', '.join(STATUSES)}")
        conditions.append(HighlightReport.status == status)
    total = session.scalar(select(func.count()).select_from(HighlightReport).where(*conditions))
    found = session.scalars(select(HighlightReport).join(HighlightReport.project).where(*conditions)
                            .order_by(HighlightReport.period.desc(), Project.name).offset(offset).limit(limit))
    return list(found), total


def get_report(session: Session, *, actor: Actor, programme: Programme, project: str,
               period: str) -> HighlightReport:
    require_somewhere(actor, Permission.VIEW_INTERNAL)
    report = session.scalar(select(HighlightReport).where(
        HighlightReport.programme_id == programme.id, HighlightReport.project.has(Project.key == project),
        HighlightReport.period == period, HighlightReport.deleted_at.is_(None)))
    if report is None:
        raise NotFound(f"No highlight report for {project!r} in {period!r}.")
    return report


def _check(session: Session, programme: Programme, values: dict) -> list[FieldError]:
    errors = [FieldError(name, "must be red, amber or green") for name in RAG_FIELDS
              if values.get(name) is not None and values[name] not in RAGS]
    references = values.get("linked_issues") or []
    if references:
        known = set(session.scalars(select(Issue.reference).where(
            Issue.programme_id == programme.id, Issue.reference.in_(references), Issue.deleted_at.is_(None))))
        if unknown := [r for r in references if r not in known]:
            errors.append(FieldError("linked_issues", f"the issues log has no {', '.join(unknown)}"))
    return errors


def create_report(session: Session, *, actor: Actor, programme: Programme, data: ReportCreate) -> HighlightReport:
    project = _project(session, programme, data.project)
    if project is None:
        raise Invalid.one("project", f"there is no project {data.project!r} in {programme.name}")
    _require_edit(actor, project)
    start, end = periods.bounds(data.period)
    values = data.model_dump(include=set(CONTENT_FIELDS))
    values["linked_issues"] = values["linked_issues"] or []
    errors = _check(session, programme, values)
    if session.scalar(select(HighlightReport.id).where(HighlightReport.project_id == project.id,
                                                       HighlightReport.period == data.period)):
        errors.append(FieldError("period", f"{project.name} already has a report for {data.period}"))
    if errors:
        raise Invalid(errors)
    report = HighlightReport(programme_id=programme.id, project=project, period=data.period, period_start=start,
                             period_end=end, **values)
    session.add(report)
    flush_or_conflict(session, f"Highlight report {project.key} {data.period}")
    return report


def _require_draft(report: HighlightReport) -> None:
    if report.status != "draft":
        raise Invalid.one("status", f"revision {report.revision} was submitted and is locked; revise it to change it")


def update_report(session: Session, *, actor: Actor, programme: Programme, project: str, period: str,
                  data: ReportUpdate) -> HighlightReport:
    report = get_report(session, actor=actor, programme=programme, project=project, period=period)
    _require_edit(actor, report.project)
    check_version(report, data.version, label(report))
    _require_draft(report)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    if "linked_issues" in changes:
        changes["linked_issues"] = changes["linked_issues"] or []
    if errors := _check(session, programme, changes):
        raise Invalid(errors)
    apply_changes(report, changes, expected_version=data.version, label=label(report))
    flush_or_conflict(session, label(report))
    return report


def content_of(report: HighlightReport) -> dict:
    return {name: getattr(report, name) for name in CONTENT_FIELDS}


def submit_report(session: Session, *, actor: Actor, programme: Programme, project: str, period: str,
                  version: int) -> HighlightReport:
    """Submission locks the report and keeps its content as submitted; the four RAGs, the achievements and the
    next steps must be there (the PID's monthly reporting asks for progress and what comes next)."""
    report = get_report(session, actor=actor, programme=programme, project=project, period=period)
    _require_edit(actor, report.project)
    check_version(report, version, label(report))
    _require_draft(report)
    if missing := [name for name in REQUIRED_TO_SUBMIT if not getattr(report, name)]:
        raise Invalid([FieldError(name, "must be given before the report is submitted") for name in missing])
    now = utcnow()
    apply_changes(report, {"status": "submitted", "submitted_at": now, "submitted_by": actor.username},
                  expected_version=version, label=label(report))
    report.submissions.append(HighlightSubmission(revision=report.revision, submitted_at=now,
                                                  submitted_by=actor.username, content=content_of(report)))
    flush_or_conflict(session, label(report))
    return report


def revise_report(session: Session, *, actor: Actor, programme: Programme, project: str, period: str,
                  version: int, reason: str) -> HighlightReport:
    """Reopen a submitted report as the next revision; the submission it replaces stays, with the reason."""
    report = get_report(session, actor=actor, programme=programme, project=project, period=period)
    _require_edit(actor, report.project)
    check_version(report, version, label(report))
    if report.status != "submitted":
        raise Invalid.one("status", "only a submitted report is revised; a draft is edited as it is")
    if not reason or len(reason.strip()) < 3:
        raise Invalid.one("reason", "say why the submitted report has to change")
    report.submissions[-1].reason = reason.strip()
    apply_changes(report, {"status": "draft", "revision": report.revision + 1}, expected_version=version,
                  label=label(report))
    record_event(session, action="revised", entity_type="highlight_reports", entity_id=report.id,
                 details={"revision": [report.revision - 1, report.revision], "reason": [None, reason.strip()]})
    flush_or_conflict(session, label(report))
    return report


def delete_report(session: Session, *, actor: Actor, programme: Programme, project: str, period: str,
                  version: int) -> None:
    """A draft never submitted may be removed (soft delete); a report that reached the board stays."""
    report = get_report(session, actor=actor, programme=programme, project=project, period=period)
    _require_edit(actor, report.project)
    check_version(report, version, label(report))
    if report.submissions:
        raise Invalid.one("status", "a report that has been submitted is kept; revise it instead")
    report.deleted_at = utcnow()
    flush_or_conflict(session, label(report))


def latest_submission(report: HighlightReport) -> HighlightSubmission | None:
    return report.submissions[-1] if report.submissions else None
