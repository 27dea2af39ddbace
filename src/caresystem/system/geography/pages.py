"""Pages: the system map (places > PCNs > practices, drawn and listed)."""

from fastapi import APIRouter, Request

from caresystem.system import planning
from caresystem.system.geography import service
from caresystem.system.geography.diagram import MAX_COLUMNS, WIDTH, layout
from caresystem.system.governance import list_bodies
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/system-map")
def system_map(request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None,
               place: str | None = None):
    """The whole system to network level (to place level beyond eight places); each place down to its practices; the
    planning levels and governance bodies in force on the date."""
    as_at_date = parse_as_at(as_at)
    if place:
        service.get_place(session, place, actor=actor)
    system = service.system_map(session, actor=actor, as_at=as_at_date, place=place or None,
                                with_practices=bool(place))
    boxes, height = layout(system)
    return render(request, "geography/system_map.html", {
        "title": f"System map: {system.places[0].place.name}" if place and system.places else "System map",
        "system": system, "as_at": as_at_date, "boxes": boxes, "width": WIDTH, "height": height, "place": place,
        "max_listed_places": MAX_COLUMNS,
        "planning": [] if place else planning.levels_in_force(session, as_at_date),
        "bodies": [] if place else list_bodies(session, actor=actor, as_at=as_at_date)})
