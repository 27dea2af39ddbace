"""API: GET /api/v1/programme/dashboard, GET /api/v1/programmes (the portfolio) and GET /api/v1/me/items."""

from dataclasses import asdict
from datetime import date

from fastapi import APIRouter

from caresystem import clock
from caresystem.programme.dashboard import service
from caresystem.programme.dashboard.reads import dashboard_read
from caresystem.programme.dashboard.schemas import DashboardRead, MyItemsRead, OwnedItemRead, PortfolioRead
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep

router = APIRouter(tags=["programme dashboard"])


@router.get("/programme/dashboard", response_model=DashboardRead)
def dashboard(session: SessionDep, actor: ApiActor, programme: ApiProgramme, as_at: date | None = None):
    """Milestone RAG and timeline, risks by RAG with the top five, overdue reviews and actions, benefits status;
    milestones are assessed as at `as_at` (default today)."""
    found = service.dashboard(session, actor=actor, programme=programme, today=as_at)
    return dashboard_read(found)


@router.get("/programmes", response_model=PortfolioRead)
def portfolio(session: SessionDep, actor: ApiActor, as_at: date | None = None):
    """Every programme's dashboard side by side: milestone and risk RAG counts, top risks, benefits status."""
    found = service.portfolio(session, actor=actor, today=as_at)
    return PortfolioRead(as_at=as_at or clock.today(session), programmes=[dashboard_read(d) for d in found])


@router.get("/me/items", response_model=MyItemsRead)
def my_items(session: SessionDep, actor: ApiActor, name: str | None = None):
    """What the caller (or the person named) owns, leads or is responsible for, overdue first."""
    who = name or service.name_of(session, actor)
    items = service.my_items(session, actor=actor, name=who)
    return MyItemsRead(name=who, items=[OwnedItemRead(**asdict(i)) for i in items],
                       overdue=sum(i.overdue for i in items))
