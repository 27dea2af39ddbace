"""Pages: the programme dashboard (/programme), the portfolio (/programmes) and "my items" (/programme/my-items)."""

from fastapi import APIRouter, Request

from caresystem.programme.dashboard import service
from caresystem.programme.dashboard.reads import dashboard_read
from caresystem.programme.plan import timeline_layout as layout
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/programme")
def dashboard(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
              as_at: str | None = None):
    """One programme (the one chosen with `?programme=KEY`, else the default), its milestones as at a date."""
    found = service.dashboard(session, actor=actor, programme=programme, today=parse_as_at(as_at))
    read = dashboard_read(found)
    return render(request, "dashboard/dashboard.html", {
        "title": f"{found.programme.name}: dashboard", "programme": found.programme, "d": read,
        "as_at": found.as_at, "chart": layout(found.milestones.timeline, found.as_at),
        "milestone_total": found.milestones.total})


@router.get("/programmes")
def portfolio(request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None):
    """Every programme side by side: milestone and risk RAG, benefits status, the top risks."""
    as_at_date = parse_as_at(as_at)
    found = [dashboard_read(d) for d in service.portfolio(session, actor=actor, today=as_at_date)]
    return render(request, "dashboard/portfolio.html", {"title": "Programmes", "programmes": found,
                                                         "as_at": as_at_date})


@router.get("/programme/my-items")
def my_items(request: Request, session: SessionDep, actor: PageActor, name: str | None = None):
    who = name or service.name_of(session, actor)
    items = service.my_items(session, actor=actor, name=who)
    return render(request, "dashboard/my_items.html", {
        "title": "My items" if not name else f"Items of {who}", "who": who, "items": items,
        "overdue": sum(i.overdue for i in items), "asked": name})
