"""Pages: organisations list with filters, detail with history, create and edit forms."""

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.system import geography
from caresystem.system.organisations import service
from caresystem.system.organisations.schemas import OrganisationCreate, OrganisationUpdate
from caresystem.system.organisations.types import ORGANISATION_TYPES
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, form_post, form_values, parse, save_or_show_again
from caresystem.system.names import look_up
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
LABELS = {"code": "Code", "name": "Name", "type": "Type", "place_code": "Place", "parent_code": "Parent",
          "successor_code": "Successor", "valid_from": "Valid from", "valid_to": "Valid to", "postcode": "Postcode"}
FORM_FIELDS = ["name", "type", "short_name", "place_code", "parent_code", "successor_code", "postcode",
               "valid_from", "valid_to", "notes"]


@router.get("/organisations")
def organisations(request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None,
                  type: str | None = None, place: str | None = None, q: str | None = None, page: int = 1):
    as_at_date = parse_as_at(as_at)
    page = max(page, 1)
    items, total, populations = service.list_organisations(
        session, actor=actor, as_at=as_at_date, type=type or None, q=q, place=place or None,
        offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    query = urlencode({k: v for k, v in {"as_at": as_at, "type": type, "place": place, "q": q}.items() if v})
    return render(request, "organisations/list.html", {
        "title": "Organisations", "items": items, "total": total, "populations": populations, "page": page,
        "page_size": PAGE_SIZE, "as_at": as_at_date, "type": type, "place": place, "q": q or "", "query": query,
        "types": ORGANISATION_TYPES, "places": geography.list_places(session, actor=actor, as_at=as_at_date),
        "can_add": service.may_add(actor)})


@router.get("/organisations/new")
def new_organisation(request: Request, session: SessionDep, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_SYSTEM)
    return _form(request, session, actor, None, {}, {})


@router.post("/organisations/new", dependencies=form_post(Permission.EDIT_SYSTEM, scope="places"))
async def create_organisation(request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.create_organisation(
            session, actor=actor, data=parse(OrganisationCreate, clean(values, booleans=("public",)))),
        lambda errors, status: _form(request, session, actor, None, values, errors, status),
        LABELS, lambda organisation: f"/organisations/{organisation.code}?created=1")


@router.get("/organisations/{code}")
def organisation(code: str, request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None,
                 saved: str | None = None, created: str | None = None):
    as_at_date = parse_as_at(as_at)
    organisation = service.get_organisation(session, code, actor=actor)
    members, _, member_pops = (service.list_organisations(session, actor=actor, as_at=as_at_date, parent=code,
                                                          limit=500) if organisation.type == "pcn" else ([], 0, {}))
    return render(request, "organisations/detail.html", {
        "title": organisation.name, "organisation": organisation, "as_at": as_at_date,
        "names": look_up(session, places=[organisation.place_code],
                         organisations=[organisation.parent_code, organisation.successor_code]),
        "population": service.populations_as_at(session, as_at_date, [organisation]).get(code),
        "predecessors": service.predecessors_of(session, code), "members": members, "member_pops": member_pops,
        "type_label": ORGANISATION_TYPES.get(organisation.type, organisation.type),
        "history": history_of(session, "organisations", organisation.id),
        "flash": "Changes saved." if saved else ("Organisation created." if created else None),
        "can_edit": service.may_edit(actor, organisation)})


@router.get("/organisations/{code}/edit")
def edit_organisation(code: str, request: Request, session: SessionDep, actor: PageActor):
    organisation = service.get_organisation(session, code, actor=actor)
    service.require_edit(actor, organisation)
    values = {f: getattr(organisation, f) for f in FORM_FIELDS} | {"version": organisation.version,
                                                                    "public": organisation.public}
    return _form(request, session, actor, organisation, values, {})


@router.post("/organisations/{code}/edit", dependencies=form_post(Permission.EDIT_SYSTEM, scope="record"))
async def update_organisation(code: str, request: Request, session: SessionDep, actor: PageActor):
    organisation = service.get_organisation(session, code, actor=actor)
    service.require_edit(actor, organisation)
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.update_organisation(
            session, actor=actor, code=code,
            data=parse(OrganisationUpdate, clean(values, booleans=("public",), keep_empty=tuple(FORM_FIELDS)))),
        lambda errors, status: _form(request, session, actor, organisation, values, errors, status),
        LABELS, lambda _: f"/organisations/{code}?saved=1")


def _form(request, session, actor, organisation, values, errors, status_code=200):
    return render(request, "organisations/form.html", {
        "title": f"Edit {organisation.name}" if organisation else "Add an organisation",
        "organisation": organisation, "values": values, "errors": errors, "types": ORGANISATION_TYPES,
        "places": geography.list_places(session, actor=actor, as_at=date.today())}, status_code=status_code)
