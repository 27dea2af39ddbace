"""Pages: the oversight strands and the accountability chain, under the governance pages."""

from fastapi import APIRouter, Request

from caresystem.system.oversight import service
from caresystem.system.oversight.reads import oversight_read
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/governance/oversight")
def oversight(request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None):
    as_at_date = parse_as_at(as_at) if as_at else None
    found = oversight_read(service.oversight(session, actor=actor, as_at=as_at_date), as_at_date)
    return render(request, "oversight/oversight.html", {
        "title": "Oversight and accountability", "oversight": found, "as_at": as_at_date})
