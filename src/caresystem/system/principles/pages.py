"""Pages: the principle sets, a set with its principles, and a principle with what cites it; the forms with which
system editors add and edit sets and principles (the API's rules: `service`)."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from caresystem.auth import Permission, require
from caresystem.auth.audit import history_of
from caresystem.system.principles import service
from caresystem.system.principles.models import KINDS
from caresystem.system.principles.schemas import (PrincipleFields, PrincipleSetCreate, PrincipleSetUpdate,
                                                  PrincipleUpdate)
from caresystem.web.csrf import verify_csrf
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, cleaned_edit, form_values, parse, save_or_show_again
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
SET_LABELS = {"key": "Key", "kind": "Kind", "title": "Title", "introduction": "Introduction",
              "document_dated": "Document dated", "valid_from": "In force from", "valid_to": "In force to",
              "source_document": "Source document", "source_section": "Source section", "programme_key": "Programme",
              "notes": "Notes"}
PRINCIPLE_LABELS = {"number": "Number", "name": "Heading", "text": "Text"}
SET_FIELDS = ("title", "introduction", "document_dated", "valid_from", "valid_to", "notes")


@router.get("/principles")
def principle_sets(request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None):
    as_at_date = parse_as_at(as_at) if as_at else None
    return render(request, "principles/sets.html", {
        "title": "Principles", "sets": service.list_sets(session, as_at=as_at_date), "kinds": KINDS,
        "as_at": as_at_date, "can_edit": actor.may(Permission.EDIT_SYSTEM)})


@router.get("/principles/new")
def new_set(request: Request, session: SessionDep, actor: PageActor):
    require(actor, Permission.EDIT_SYSTEM)
    return _set_form(request, session, None, {})


@router.post("/principles/new", dependencies=[Depends(verify_csrf)])
async def create_set(request: Request, session: SessionDep, actor: PageActor) -> Response:
    require(actor, Permission.EDIT_SYSTEM)
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.create_set(session, actor=actor, data=parse(PrincipleSetCreate, clean(values))),
        lambda errors, status: _set_form(request, session, None, values, errors, status), SET_LABELS,
        lambda made: f"/principles/{made.key}?saved=1")


@router.get("/principles/{key}")
def principle_set(key: str, request: Request, session: SessionDep, actor: PageActor, saved: str | None = None):
    found = service.get_set(session, key)
    return render(request, "principles/set.html", {
        "title": found.title, "set": found, "kinds": KINDS,
        "history": history_of(session, "principle_sets", found.id), "can_edit": actor.may(Permission.EDIT_SYSTEM),
        "flash": "Changes saved." if saved else None})


@router.get("/principles/{key}/edit")
def edit_set(key: str, request: Request, session: SessionDep, actor: PageActor):
    require(actor, Permission.EDIT_SYSTEM)
    found = service.get_set(session, key)
    return _set_form(request, session, found, {f: getattr(found, f) for f in SET_FIELDS} | {"version": found.version})


@router.post("/principles/{key}/edit", dependencies=[Depends(verify_csrf)])
async def update_set(key: str, request: Request, session: SessionDep, actor: PageActor) -> Response:
    require(actor, Permission.EDIT_SYSTEM)
    values = await form_values(request)
    found = service.get_set(session, key)
    return save_or_show_again(
        session, lambda: service.update_set(session, actor=actor, key=key, data=parse(
            PrincipleSetUpdate, cleaned_edit(values, PrincipleSetCreate, PrincipleSetUpdate))),
        lambda errors, status: _set_form(request, session, found, values, errors, status), SET_LABELS,
        lambda _: f"/principles/{key}?saved=1")


@router.get("/principles/{key}/principles/new")
def new_principle(key: str, request: Request, session: SessionDep, actor: PageActor):
    require(actor, Permission.EDIT_SYSTEM)
    return _principle_form(request, session, service.get_set(session, key), None, {})


@router.post("/principles/{key}/principles/new", dependencies=[Depends(verify_csrf)])
async def add_principle(key: str, request: Request, session: SessionDep, actor: PageActor) -> Response:
    require(actor, Permission.EDIT_SYSTEM)
    values = await form_values(request)
    service.get_set(session, key)  # a set that does not exist is "not found", not a form error
    return save_or_show_again(
        session, lambda: service.add_principle(session, actor=actor, key=key,
                                               data=parse(PrincipleFields, clean(values))),
        lambda errors, status: _principle_form(request, session, service.get_set(session, key), None, values, errors,
                                               status),
        PRINCIPLE_LABELS, lambda made: f"/principles/{key}/{made.number}?saved=1")


@router.get("/principles/{key}/{number}")
def principle(key: str, number: str, request: Request, session: SessionDep, actor: PageActor,
              saved: str | None = None):
    found = service.get_principle(session, key, number)
    return render(request, "principles/principle.html", {
        "title": found.citation.capitalize(), "principle": found, "set": found.principle_set,
        "citations": service.citations(found, actor=actor),
        "history": history_of(session, "principles", found.id), "can_edit": actor.may(Permission.EDIT_SYSTEM),
        "flash": "Changes saved." if saved else None})


@router.get("/principles/{key}/{number}/edit")
def edit_principle(key: str, number: str, request: Request, session: SessionDep, actor: PageActor):
    require(actor, Permission.EDIT_SYSTEM)
    found = service.get_principle(session, key, number)
    return _principle_form(request, session, found.principle_set, found,
                           {"name": found.name, "text": found.text, "version": found.version})


@router.post("/principles/{key}/{number}/edit", dependencies=[Depends(verify_csrf)])
async def update_principle(key: str, number: str, request: Request, session: SessionDep,
                           actor: PageActor) -> Response:
    require(actor, Permission.EDIT_SYSTEM)
    values = await form_values(request)
    service.get_principle(session, key, number)  # a principle that does not exist is "not found", not a form error

    def show_again(errors: dict, status: int):
        found = service.get_principle(session, key, number)
        return _principle_form(request, session, found.principle_set, found, values, errors, status)
    return save_or_show_again(
        session, lambda: service.update_principle(session, actor=actor, key=key, number=number, data=parse(
            PrincipleUpdate, cleaned_edit(values, PrincipleFields, PrincipleUpdate))),
        show_again, PRINCIPLE_LABELS, lambda _: f"/principles/{key}/{number}?saved=1")


def _set_form(request, session, principle_set, values, errors=None, status_code=200):
    return render(request, "principles/set_form.html", {
        "title": f"Edit {principle_set.title}" if principle_set else "Add a principle set", "item": principle_set,
        "values": values, "errors": errors or {}, "kinds": KINDS, "key_label": "Key",
        "key_hint": "Lower-case letters, digits and hyphens, like design-principles-2021; principles are cited as "
                    "the key, a hyphen and their number",
        "history": history_of(session, "principle_sets", principle_set.id) if principle_set else []},
        status_code=status_code)


def _principle_form(request, session, principle_set, principle, values, errors=None, status_code=200):
    title = f"Edit {principle.citation}" if principle else "Add a principle"
    return render(request, "principles/principle_form.html", {
        "title": title, "item": principle, "set": principle_set, "values": values, "errors": errors or {},
        "key_name": "number", "key_label": "Number", "key_width": 4,
        "key_hint": "As the document numbers it, like 4 or a; letters and digits only",
        "history": history_of(session, "principles", principle.id) if principle else []}, status_code=status_code)
