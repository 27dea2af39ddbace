"""Pages: the planning frameworks in force, and a framework with its levels, catchments, taxonomy and work areas."""

from fastapi import APIRouter, Request

from caresystem.auth.audit import history_of
from caresystem.clock import today
from caresystem.system.planning import service
from caresystem.system.planning.models import KINDS, SCALES
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/planning")
def frameworks(request: Request, session: SessionDep, as_at: str | None = None):
    as_at_date = parse_as_at(as_at) if as_at else None
    return render(request, "planning/frameworks.html", {
        "title": "Planning frameworks", "frameworks": service.list_frameworks(session, as_at=as_at_date),
        "as_at": as_at_date, "today": today(session)})


@router.get("/planning/{key}")
def framework(key: str, request: Request, session: SessionDep, actor: PageActor):
    found = service.get_framework(session, key)
    return render(request, "planning/framework.html", {
        "title": found.title, "framework": found, "kinds": KINDS, "scales": SCALES,
        "children": lambda item, kind=None: service.children(found, item, kind),
        "bodies": service.role_bodies(session, found, actor=actor),
        "history": history_of(session, "planning_frameworks", found.id)})
