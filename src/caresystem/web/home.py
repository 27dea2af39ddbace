"""The home page: the system at a glance, and where to go next."""

from fastapi import APIRouter, Request

from caresystem import clock
from caresystem.system.geography import service as geography
from caresystem.system.governance import service as governance
from caresystem.system.functions import service as functions
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, session: SessionDep, actor: PageActor):
    today = clock.today(session)
    system = geography.system_map(session, actor=actor, as_at=today)
    return render(request, "home.html", {
        "title": "Home", "system": system,
        "bodies": len(governance.list_bodies(session, actor=actor, as_at=today)),
        "functions": len(functions.list_functions(session, actor=actor, as_at=today)),
        "networks": sum(len(n.networks) for n in system.places),
        "practices": sum(len(c.children) for n in system.places for c in n.networks)})


@router.get("/about")
def about(request: Request):
    return render(request, "about.html", {"title": "About caresystem"})
