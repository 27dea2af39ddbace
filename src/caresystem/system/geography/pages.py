"""Pages: the system map (places > PCNs > practices, drawn and listed)."""

from fastapi import APIRouter, Request

from caresystem.system.geography import service
from caresystem.system.geography.diagram import layout
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/system-map")
def system_map(request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None):
    as_at_date = parse_as_at(as_at)
    system = service.system_map(session, actor=actor, as_at=as_at_date)
    boxes, height = layout(system)
    return render(request, "geography/system_map.html", {
        "title": "System map", "system": system, "as_at": as_at_date, "boxes": boxes, "height": height})
