"""API: GET /api/v1/programme/dashboard, GET /api/v1/programmes (the portfolio) and GET /api/v1/me/items."""

from dataclasses import asdict
from datetime import date

from fastapi import APIRouter

from caresystem.programme.core.service import get_programme
from caresystem.programme.dashboard import service
from caresystem.programme.dashboard.schemas import (ActionLine, BenefitLine, DashboardRead, MilestoneBar,
                                                    MyItemsRead, OwnedItemRead, PortfolioRead, RiskLine)
from caresystem.programme.raid import service as raid
from caresystem.web.deps import ApiActor, SessionDep

router = APIRouter(tags=["programme dashboard"])


def risk_line(risk, programme) -> RiskLine:
    assessed = raid.assessment(risk, programme)
    return RiskLine(reference=risk.reference, title=risk.title, owner=risk.owner, score=assessed.score,
                    rag=assessed.rag, review_date=risk.review_date)


def dashboard_read(found: service.Dashboard) -> DashboardRead:
    programme = found.programme
    return DashboardRead(
        programme=programme.key, programme_name=programme.name, as_at=found.as_at,
        milestone_rags=found.milestones.counts, milestone_rules=found.milestones.rules,
        milestones=[MilestoneBar(**{f: getattr(r, f) for f in MilestoneBar.model_fields})
                    for r in found.milestones.timeline],
        risk_rags=found.risk_rags, top_risks=[risk_line(r, programme) for r in found.top_risks],
        overdue_reviews=[risk_line(r, programme) for r in found.overdue_reviews],
        overdue_actions=[ActionLine(reference=a.reference, title=a.title, owner=a.owner, due=a.due_date)
                         for a in found.overdue_actions],
        benefit_statuses=found.benefits.counts,
        off_track_benefits=[BenefitLine(key=a.benefit.key, title=a.benefit.title, owner=a.benefit.owner,
                                        reason=a.status.reason) for a in found.benefits.off_track])


@router.get("/programme/dashboard", response_model=DashboardRead)
def dashboard(session: SessionDep, actor: ApiActor, programme: str | None = None, as_at: date | None = None):
    """Milestone RAG and timeline, risks by RAG with the top five, overdue reviews and actions, benefits status;
    milestones are assessed as at `as_at` (default today)."""
    found = service.dashboard(session, actor=actor, programme=get_programme(session, programme), today=as_at)
    return dashboard_read(found)


@router.get("/programmes", response_model=PortfolioRead)
def portfolio(session: SessionDep, actor: ApiActor, as_at: date | None = None):
    """Every programme's dashboard side by side: milestone and risk RAG counts, top risks, benefits status."""
    found = service.portfolio(session, actor=actor, today=as_at)
    return PortfolioRead(as_at=as_at or date.today(), programmes=[dashboard_read(d) for d in found])


@router.get("/me/items", response_model=MyItemsRead)
def my_items(session: SessionDep, actor: ApiActor, name: str | None = None):
    """What the caller (or the person named) owns, leads or is responsible for, overdue first."""
    who = name or service.name_of(session, actor)
    items = service.my_items(session, actor=actor, name=who)
    return MyItemsRead(name=who, items=[OwnedItemRead(**asdict(i)) for i in items],
                       overdue=sum(i.overdue for i in items))
