"""Pages: the principle sets, a set with its principles, and a principle with what cites it."""

from fastapi import APIRouter, Request

from caresystem.auth.audit import history_of
from caresystem.system.principles import service
from caresystem.system.principles.models import KINDS
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/principles")
def principle_sets(request: Request, session: SessionDep, as_at: str | None = None):
    as_at_date = parse_as_at(as_at) if as_at else None
    return render(request, "principles/sets.html", {
        "title": "Principles", "sets": service.list_sets(session, as_at=as_at_date), "kinds": KINDS,
        "as_at": as_at_date})


@router.get("/principles/{key}")
def principle_set(key: str, request: Request, session: SessionDep):
    found = service.get_set(session, key)
    return render(request, "principles/set.html", {
        "title": found.title, "set": found, "kinds": KINDS,
        "history": history_of(session, "principle_sets", found.id)})


@router.get("/principles/{key}/{number}")
def principle(key: str, number: str, request: Request, session: SessionDep, actor: PageActor):
    found = service.get_principle(session, key, number)
    return render(request, "principles/principle.html", {
        "title": found.citation.capitalize(), "principle": found, "set": found.principle_set,
        "citations": service.citations(found, actor=actor),
        "history": history_of(session, "principles", found.id)})
