"""Gathering the dashboard and "my items" from each register's own service; no rule is restated here."""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.auth import Actor, Permission, require
from caresystem.auth.models import User
from caresystem.programme import benefits, engagement, impact, plan, raid, registers
from caresystem.programme.core import OwnedItem, Programme, programmes
from caresystem.programme.raid import REGISTERS, UNASSESSED, Action, Risk, assess

TOP_RISKS = 5
TIMELINE_ROWS = 40
OVERDUE_ROWS = 50


@dataclass(frozen=True)
class Dashboard:
    programme: Programme
    as_at: date
    milestones: plan.Summary
    risk_rags: dict[str, int]
    top_risks: list[Risk]
    overdue_reviews: list[Risk]
    overdue_actions: list[Action]
    benefits: benefits.Summary


def dashboard(session: Session, *, actor: Actor, programme: Programme, today: date | None = None) -> Dashboard:
    raid.require_view(actor)
    today = today or clock.today(session)
    top, open_total = raid.list_risks(session, actor=actor, programme=programme, status="open", sort="score",
                                      limit=TOP_RISKS)
    overdue_reviews, _ = raid.list_risks(session, actor=actor, programme=programme, overdue=True,
                                         sort="review_date", limit=OVERDUE_ROWS)
    overdue_actions, _ = registers.list_entries(session, actor=actor, programme=programme,
                                                       register=REGISTERS["actions"], overdue=True, sort="due",
                                                       limit=OVERDUE_ROWS)
    return Dashboard(
        programme=programme, as_at=today,
        milestones=plan.milestone_summary(session, programme, today=today, limit=TIMELINE_ROWS),
        risk_rags=_risk_rags(session, actor, programme, open_total),
        top_risks=[r for r in top if r.current_score is not None],
        overdue_reviews=overdue_reviews,
        overdue_actions=overdue_actions,
        benefits=benefits.benefits_summary(session, programme),
    )


def portfolio(session: Session, *, actor: Actor, today: date | None = None) -> list[Dashboard]:
    """Every programme's dashboard, side by side (the portfolio view); the first programme is the default."""
    raid.require_view(actor)
    return [dashboard(session, actor=actor, programme=p, today=today) for p in programmes(session)]


def _risk_rags(session: Session, actor: Actor, programme: Programme, open_total: int) -> dict[str, int]:
    """Open risks per RAG, from the heat map's counts (so in SQL, whatever the register's size)."""
    rags = Counter()
    for (impact_score, likelihood), count in raid.heat_map(session, actor=actor, programme=programme).items():
        rags[assess(impact_score, likelihood, programme.risk_grades).rag] += count
    rags[UNASSESSED.rag] = open_total - sum(rags.values())
    return {rag: rags.get(rag, 0) for rag in ("red", "amber", "green", UNASSESSED.rag)}


def name_of(session: Session, actor: Actor) -> str:
    """Registers name people as text: the signed-in user is found by display name, else username."""
    user = session.get(User, actor.user_id) if actor.user_id else None
    return (user.display_name or user.username) if user else actor.username


def my_items(session: Session, *, actor: Actor, name: str | None = None,
             today: date | None = None) -> list[OwnedItem]:
    """Everything a person owns, leads or is responsible for, soonest first; overdue items lead."""
    require(actor, Permission.VIEW_INTERNAL)
    who = name or name_of(session, actor)
    items = [*raid.items_owned_by(session, who, today=today), *plan.items_owned_by(session, who, today=today),
             *benefits.items_owned_by(session, who), *impact.items_owned_by(session, who),
             *engagement.items_owned_by(session, who)]
    return sorted(items, key=lambda i: (not i.overdue, i.due is None, i.due or date.max, i.kind, i.reference))
