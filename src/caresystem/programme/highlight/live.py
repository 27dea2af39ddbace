"""A project's risks, issues and milestones as they stood at the end of a reporting period, read from the registers
themselves (never copied into the report): today's values with every audited change made since then undone.

Which records belong: risks of the project's scope opened by the period end, the issues the report links (raised
by then), and the milestones linked to the project. A record soft-deleted after the period end still shows; one
deleted before it does not.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import Date, DateTime, or_, select
from sqlalchemy.orm import Session

from caresystem.auth.audit import AuditEntry
from caresystem.programme.core import Programme
from caresystem.programme.plan import Milestone, Project, SlipRules, assess_slippage, due_date
from caresystem.programme.raid import Issue, Risk, assess


@dataclass(frozen=True)
class LiveRisk:
    reference: str
    title: str
    owner: str | None
    status: str
    score: int | None
    grade: str
    rag: str


@dataclass(frozen=True)
class LiveIssue:
    reference: str
    title: str
    owner: str | None
    priority: str | None
    status: str
    resolve_by: date | None


@dataclass(frozen=True)
class LiveMilestone:
    key: str
    title: str
    owner: str | None
    status: str
    baseline_date: date | None
    forecast_date: date | None
    actual_date: date | None
    rag: str
    rag_label: str
    rag_reason: str


@dataclass(frozen=True)
class LiveSections:
    as_at: date
    risks: list[LiveRisk]
    issues: list[LiveIssue]
    milestones: list[LiveMilestone]
    missing_issues: list[str]   # linked references the issues log does not hold (any longer)


def end_of(day: date) -> datetime:
    """The moment a day ends (UTC); a change recorded later belongs to a later period."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=timezone.utc)


def _restore(value, column):
    """Audit values are plain JSON (dates as ISO text); give them back their column's type."""
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return datetime.fromisoformat(value)
    if isinstance(column.type, Date):
        return date.fromisoformat(value)
    return value


def states_at(session: Session, model, records: list, moment: datetime) -> dict[int, dict]:
    """Each record's column values as they were at `moment`: the audited changes since, undone newest first."""
    columns = {c.key: c for c in model.__table__.columns}
    states = {r.id: {name: getattr(r, name) for name in columns} for r in records}
    if not states:
        return states
    later = session.execute(select(AuditEntry.entity_id, AuditEntry.changes).where(  # rows, not ORM objects: cheaper
        AuditEntry.entity_type == model.__tablename__, AuditEntry.entity_id.in_([str(i) for i in states]),
        AuditEntry.action == "updated", AuditEntry.at >= moment).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()))
    for entity_id, changes in later:
        state = states[int(entity_id)]
        for name, (old, _new) in changes.items():
            if name in columns:
                state[name] = _restore(old, columns[name])
    return states


def _still_there(model, moment: datetime):
    return or_(model.deleted_at.is_(None), model.deleted_at >= moment)


def _present(state: dict, moment: datetime) -> bool:
    return state["deleted_at"] is None or state["deleted_at"] >= moment


def programme_risks(session: Session, programme: Programme, as_at: date) -> list[dict]:
    """Every risk of the programme opened by `as_at`, as it stood then. A risk's scope may have changed since, so
    the project is chosen after the changes are undone; the roll-up reads this once for all its projects."""
    moment = end_of(as_at)
    found = list(session.scalars(select(Risk).where(
        Risk.programme_id == programme.id, Risk.opened_on <= as_at, _still_there(Risk, moment))))
    return list(states_at(session, Risk, found, moment).values())


def project_risks(session: Session, programme: Programme, project: Project, as_at: date,
                  states: list[dict] | None = None) -> list[LiveRisk]:
    moment = end_of(as_at)
    risks = []
    for state in programme_risks(session, programme, as_at) if states is None else states:
        if state["scope"] != "project" or state["scope_ref"] != project.key or not _present(state, moment):
            continue
        rating = assess(state["current_impact"], state["current_likelihood"], programme.risk_grades)
        risks.append(LiveRisk(state["reference"], state["title"], state["owner"], state["status"], rating.score,
                              rating.grade, rating.rag))
    return sorted(risks, key=lambda r: (-(r.score or 0), r.reference))


def linked_issues(session: Session, programme: Programme, references: list[str],
                  as_at: date) -> tuple[list[LiveIssue], list[str]]:
    moment = end_of(as_at)
    found = list(session.scalars(select(Issue).where(
        Issue.programme_id == programme.id, Issue.reference.in_(references or [""]), _still_there(Issue, moment))))
    issues = [LiveIssue(s["reference"], s["title"], s["owner"], s["priority"], s["status"], s["resolve_by"])
              for s in states_at(session, Issue, found, moment).values()
              if _present(s, moment) and (s["raised_on"] is None or s["raised_on"] <= as_at)]
    shown = {i.reference for i in issues}
    return sorted(issues, key=lambda i: i.reference), [r for r in references if r not in shown]


def project_milestones(session: Session, programme: Programme, project: Project,
                       as_at: date) -> list[LiveMilestone]:
    moment = end_of(as_at)
    rules = SlipRules.from_settings(programme.settings)
    found = list(session.scalars(select(Milestone).where(
        Milestone.programme_id == programme.id, Milestone.projects.any(Project.id == project.id),
        _still_there(Milestone, moment))))
    milestones = []
    for s in states_at(session, Milestone, found, moment).values():
        if not _present(s, moment):
            continue
        rag = assess_slippage(status=s["status"], baseline=s["baseline_date"], forecast=s["forecast_date"],
                              actual=s["actual_date"], today=as_at, rules=rules)
        milestones.append(LiveMilestone(s["key"], s["title"], s["owner"], s["status"], s["baseline_date"],
                                        s["forecast_date"], s["actual_date"], rag.rag, rag.label, rag.reason))
    return sorted(milestones, key=lambda m: (due_date(m.baseline_date, m.forecast_date) or date.max, m.key))


def sections(session: Session, programme: Programme, project: Project, issue_references: list[str],
             as_at: date, risk_states: list[dict] | None = None) -> LiveSections:
    """`risk_states`: `programme_risks` read once by a caller showing many projects for the same date."""
    issues, missing = linked_issues(session, programme, issue_references, as_at)
    return LiveSections(as_at, project_risks(session, programme, project, as_at, risk_states), issues,
                        project_milestones(session, programme, project, as_at), missing)
