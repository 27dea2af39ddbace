"""Pages: the programme dashboard (/programme) and "my items" (/programme/my-items)."""

from datetime import date

from fastapi import APIRouter, Request

from caresystem.programme.core.service import get_programme
from caresystem.programme.dashboard import service
from caresystem.programme.dashboard.routes import dashboard_read
from caresystem.programme.plan.timeline import layout
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/programme")
def dashboard(request: Request, session: SessionDep, actor: PageActor):
    found = service.dashboard(session, actor=actor, programme=get_programme(session))
    read = dashboard_read(found)
    return render(request, "dashboard/dashboard.html", {
        "title": f"{found.programme.name}: dashboard", "programme": found.programme, "d": read,
        "chart": layout(found.milestones.timeline, date.today()), "milestone_total": found.milestones.total})


@router.get("/programme/my-items")
def my_items(request: Request, session: SessionDep, actor: PageActor, name: str | None = None):
    who = name or service.name_of(session, actor)
    items = service.my_items(session, actor=actor, name=who)
    return render(request, "dashboard/my_items.html", {
        "title": "My items" if not name else f"Items of {who}", "who": who, "items": items,
        "overdue": sum(i.overdue for i in items), "asked": name})
