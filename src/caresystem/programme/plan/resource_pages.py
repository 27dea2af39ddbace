"""Pages: the resource plan with its costs and totals and the form of a resource line (PID 5), and the sign-off
tracker with its form (PID 9)."""

from fastapi import APIRouter, Request

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.programme.plan import resources, service
from caresystem.programme.plan.costs import EXISTING
from caresystem.programme.plan.schemas import SIGN_OFF_STATUSES, ResourceCreate, ResourceUpdate, SignOffUpdate
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import clean, cleaned_edit, form_post, form_values, parse, save_or_show_again
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
LABELS = {"status": "Status", "signatory": "Signatory", "signed_on": "Date signed",
          "organisation_name": "Organisation"}
RESOURCE_LABELS = {"key": "Key", "role": "Role", "description": "Description", "holder": "Post holder",
                   "posts": "Number of posts", "wte": "WTE", "band": "Band", "additional": "New or existing",
                   "source_organisation": "Organisation code", "source_organisation_text": "Source organisation",
                   "projects": "Projects", "notes": "Notes"}


@router.get("/programme/resources")
def resource_plan(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    lines, totals = resources.resource_plan(session, actor=actor, programme=programme)
    return render(request, "plan/resources.html", {
        "title": "Resource plan", "lines": lines, "totals": totals, "table": resources.pay_table(programme),
        "current": "resources", "can_edit": actor.may(Permission.EDIT_PROGRAMME)})


@router.get("/programme/resources/new")
def new_resource(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return _resource_form(request, session, actor, programme, None, {"projects": []})


@router.post("/programme/resources/new", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def create_resource(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    values = await form_values(request, ("projects",))
    return save_or_show_again(
        session, lambda: resources.save_resource(session, actor=actor, programme=programme,
                                                 data=parse(ResourceCreate, clean(values))),
        lambda errors, status: _resource_form(request, session, actor, programme, None, values, errors, status),
        RESOURCE_LABELS, lambda line: f"/programme/resources#{line.key}")


@router.get("/programme/resources/{key}/edit")
def edit_resource(key: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    line = service.get_record(session, actor=actor, programme=programme, kind=service.RESOURCES, key=key)
    return _resource_form(request, session, actor, programme, line,
                          resources.read_resource(line, resources.pay_table(programme)).model_dump())


@router.post("/programme/resources/{key}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def update_resource(key: str, request: Request, session: SessionDep, actor: PageActor,
                          programme: PageProgramme):
    values = await form_values(request, ("projects",))
    line = service.get_record(session, actor=actor, programme=programme, kind=service.RESOURCES, key=key)
    return save_or_show_again(
        session, lambda: resources.save_resource(session, actor=actor, programme=programme, key=key, data=parse(
            ResourceUpdate, cleaned_edit(values, ResourceCreate, ResourceUpdate))),
        lambda errors, status: _resource_form(request, session, actor, programme, line, values, errors, status),
        RESOURCE_LABELS, lambda _: f"/programme/resources#{key}")


def _resource_form(request, session, actor, programme, line, values, errors=None, status_code=200):
    """The add form (line None) or the edit form with the line's history; `values` are what the user typed."""
    projects, _ = service.list_records(session, actor=actor, programme=programme, kind=service.PROJECTS, limit=1000)
    return render(request, "plan/resource_form.html", {
        "title": f"Edit resource line {line.key}" if line else "Add a resource line", "item": line,
        "values": values, "errors": errors or {}, "current": "resources",
        "bands": [(b, "Existing staff time" if b == EXISTING else f"Band {b}")
                  for b in resources.pay_table(programme).band_choices()],
        "projects": [(p.key, p.name) for p in projects],
        "key_hint": f"Left empty, the next number is given, like {service.RESOURCES.prefix}012",
        "history": history_of(session, service.RESOURCES.model.__tablename__, line.id) if line else []},
        status_code=status_code)


@router.get("/programme/sign-off")
def sign_off(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
             saved: str | None = None):
    found, tracker = resources.sign_offs(session, actor=actor, programme=programme)
    return render(request, "plan/sign_off.html", {
        "title": "Sign-off of the programme document", "items": [resources.read_sign_off(s) for s in found],
        "tracker": tracker, "statuses": SIGN_OFF_STATUSES, "current": "sign-off",
        "flash": "Changes saved." if saved else None, "can_edit": actor.may(Permission.EDIT_PROGRAMME)})


@router.get("/programme/sign-off/{key}/edit")
def edit_sign_off(key: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_record(session, actor=actor, programme=programme, kind=service.SIGN_OFFS,
                               key=key)
    read = resources.read_sign_off(found)
    return _form(request, read, read.model_dump(), {})


@router.post("/programme/sign-off/{key}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def update_sign_off(key: str, request: Request, session: SessionDep, actor: PageActor,
                          programme: PageProgramme):
    values = await form_values(request)
    read = resources.read_sign_off(service.get_record(session, actor=actor, programme=programme,
                                                      kind=service.SIGN_OFFS, key=key))
    return save_or_show_again(
        session, lambda: resources.save_sign_off(
            session, actor=actor, programme=programme, key=key,
            data=parse(SignOffUpdate, clean(values, keep_empty=("signatory", "signed_on", "notes")))),
        lambda errors, status: _form(request, read, values, errors, status),
        LABELS, lambda _: "/programme/sign-off?saved=1")


def _form(request, item, values, errors, status_code=200):
    return render(request, "plan/sign_off_form.html", {
        "title": f"Sign-off by {item.organisation_name}", "item": item, "values": values, "errors": errors,
        "statuses": SIGN_OFF_STATUSES, "current": "sign-off"}, status_code=status_code)
