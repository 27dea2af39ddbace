"""Where agenda items come from by rule: a registry of named source functions, one per rule.

Each source takes the body and the window since its last meeting and returns what should come before it, with why.
Adding a rule is writing one function with `@source(...)`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.assurance import exceptions_for_body
from caresystem.auth import SYSTEM
from caresystem.meetings.models import MinutedAction
from caresystem.programme import benefits, plan, raid
from caresystem.programme.core import Programme
from caresystem.programme.plan import Milestone, Project, Workstream
from caresystem.programme.raid import Action, Risk, RiskScore


@dataclass(frozen=True)
class Window:
    body_key: str
    since: date | None        # the body's last meeting; none for its first
    until: date               # this meeting


@dataclass(frozen=True)
class Pulled:
    source_ref: str           # which record, unique within the source
    title: str
    why: str
    purpose: str = "discussion"
    presenter: str | None = None


@dataclass(frozen=True)
class Source:
    name: str
    label: str
    rule: str                 # the rule in words, and where it comes from
    find: Callable[[Session, Window], list[Pulled]]


SOURCES: dict[str, Source] = {}


def source(name: str, label: str, rule: str):
    def register(find: Callable[[Session, Window], list[Pulled]]):
        SOURCES[name] = Source(name, label, rule, find)
        return find
    return register


def _escalated_since(risk: Risk, scores: list[RiskScore], rules, body_key: str) -> date:
    """When the risk last began to be escalated to the body: the first of its latest unbroken run of scores that
    the rules send there (its opening date when no score history is kept)."""
    started = None
    for entry in reversed(scores):
        if body_key not in raid.escalation_route(entry.score, "open", risk.scope, risk.scope_ref, rules):
            break
        started = entry.recorded_at.date()
    return started or risk.opened_on


def _scores_of(session: Session, risk_ids: list[int]) -> dict[int, list[RiskScore]]:
    """Each risk's score history in the order recorded (`raid.history` for many risks in one query)."""
    found: dict[int, list[RiskScore]] = {}
    for entry in session.scalars(select(RiskScore).where(RiskScore.risk_id.in_(risk_ids)).order_by(RiskScore.id)):
        found.setdefault(entry.risk_id, []).append(entry)
    return found


@source("escalated_risks", "Risk escalated to this body",
        "Open risks the programme's escalation rules send to the body, newly escalated since its last meeting "
        "(PID section 7.1)")
def escalated_risks(session: Session, window: Window) -> list[Pulled]:
    found, _ = raid.escalations_for(session, actor=SYSTEM, body_key=window.body_key, limit=500,
                                   as_at=window.until)
    rules_by_programme = {programme.id: raid.routing_rules(session, programme, window.until)
                          for programme in {p for _, p in found}}
    scores = _scores_of(session, [risk.id for risk, _ in found])
    pulled = []
    for risk, programme in found:
        since = _escalated_since(risk, scores.get(risk.id, []), rules_by_programme[programme.id], window.body_key)
        if (window.since is None or since > window.since) and since <= window.until:
            pulled.append(Pulled(
                f"{programme.key}:{risk.reference}", f"Risk {risk.reference}: {risk.title}",
                f"Scored {risk.current_score} on {since:%-d %B %Y}; the escalation rules of {programme.name} send "
                f"risks of this score to this body.", "assurance", risk.owner))
    return pulled


@source("off_track_benefits", "Benefit off track",
        "Benefits whose actuals are off their trajectory and whose escalation rules send them to the body "
        "(PID section 6.1)")
def off_track_benefits(session: Session, window: Window) -> list[Pulled]:
    return [Pulled(a.benefit.key, f"Benefit {a.benefit.key}: {a.benefit.title}",
                   f"{a.status.label}: {a.status.reason}",
                   "assurance", a.benefit.owner)
            for a in benefits.escalations_for(session, actor=SYSTEM, body_key=window.body_key, as_at=window.until)]


@source("overdue_actions", "Overdue action",
        "Actions the body set at its meetings that are still open after their due date")
def overdue_actions(session: Session, window: Window) -> list[Pulled]:
    rows = session.scalars(select(Action).join(MinutedAction, MinutedAction.action_id == Action.id)
                           .where(MinutedAction.body_key == window.body_key, Action.deleted_at.is_(None),
                                  Action.status == "open", Action.due_date < window.until)
                           .order_by(Action.due_date, Action.reference))
    return [Pulled(a.reference, f"Overdue action {a.reference}: {a.title}",
                   f"Due {a.due_date:%-d %B %Y}, still open; owner {a.owner or 'not named'}.", "assurance", a.owner)
            for a in rows]


@source("slipped_milestones", "Milestone slipped",
        "Milestones of the projects and workstreams the body governs that are red on the slippage rules "
        "(PID section 5)")
def slipped_milestones(session: Session, window: Window) -> list[Pulled]:
    in_scope = (Milestone.projects.any(Project.governance_body == window.body_key)
                | Milestone.workstreams.any(Workstream.governance_body == window.body_key))
    rows = session.execute(select(Milestone, Programme).join(Programme, Programme.id == Milestone.programme_id)
                           .where(in_scope, Milestone.deleted_at.is_(None)).order_by(Milestone.key)).all()
    rules = {programme.id: plan.rules_of(programme) for programme in {p for _, p in rows}}
    pulled = []
    for m, programme in rows:
        rag = plan.assess(m, rules[programme.id], today=window.until)
        if rag.rag == "red":
            pulled.append(Pulled(f"{programme.key}:{m.key}", f"Milestone {m.key}: {m.title}", rag.reason,
                                 "assurance", m.owner))
    return pulled


@source("measure_exceptions", "Performance exception",
        "Measures whose latest point since the body's last meeting is special cause concern, or whose process "
        "consistently fails its target, that the measure exception rules send to the body (NHS Making Data Count)")
def measure_exceptions(session: Session, window: Window) -> list[Pulled]:
    return [Pulled(f"{e.measure_key}:{e.organisation_code}:{e.reason}", f"{e.measure_name}: {e.organisation_name}",
                   f"{e.reason.capitalize()} at {e.period:%B %Y}. {e.detail}", "assurance")
            for e in exceptions_for_body(session, body_key=window.body_key, since=window.since,
                                         until=window.until, as_at=window.until)]
