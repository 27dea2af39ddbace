"""Pages: the governance structure, body detail with members and history, edit and membership forms."""

from datetime import date

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.system.governance import service
from caresystem.system.governance.diagram import layout
from caresystem.system.governance.schemas import BODY_KINDS, MEMBERSHIP_ROLES, BodyCreate, BodyUpdate, MembershipCreate
from caresystem.system.names import look_up
from caresystem.web.csrf import verify_csrf
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, form_post, form_values, parse, save_or_show_again
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
LABELS = {"key": "Key", "name": "Name", "kind": "Kind", "reports_to": "Reports to", "valid_from": "Valid from",
          "valid_to": "Valid to", "host_organisations": "Host organisations", "person": "Person",
          "role_title": "Role title", "organisation_code": "Organisation code", "membership_role": "Role on the body"}
TEXT_FIELDS = ["name", "kind", "purpose", "frequency", "chair", "reports_to", "delegated_authority", "valid_from",
               "valid_to"]


@router.get("/governance")
def governance(request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None):
    as_at_date = parse_as_at(as_at)
    bodies = service.list_bodies(session, actor=actor, as_at=as_at_date)
    tree = service.structure(bodies, as_at_date)
    rows, width, height = layout(tree, BODY_KINDS)
    return render(request, "governance/structure.html", {
        "title": "Governance structure", "bodies": bodies, "tree": tree, "rows": rows, "width": width, "height": height,
        "as_at": as_at_date, "kinds": BODY_KINDS, "can_add": service.may_add(actor)})


@router.get("/governance/new")
def new_body(request: Request, session: SessionDep, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_SYSTEM)
    return _form(request, session, actor, None, {"public": True}, {})


@router.post("/governance/new", dependencies=form_post(Permission.EDIT_SYSTEM, scope="organisations"))
async def create_body(request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    data = clean(values, booleans=("meets_in_public", "public"))
    data["host_organisations"] = _codes(values.get("host_organisations", ""))
    return save_or_show_again(
        session, lambda: service.create_body(session, actor=actor, data=parse(BodyCreate, data)),
        lambda errors, status: _form(request, session, actor, None, values, errors, status),
        LABELS, lambda body: f"/governance/{body.key}?saved=1")


@router.get("/governance/{key}")
def body(key: str, request: Request, session: SessionDep, actor: PageActor, saved: str | None = None):
    body = service.get_body(session, key, actor=actor)
    names = _names(session, body)
    return render(request, "governance/detail.html", {
        "title": body.name, "body": body, "kinds": BODY_KINDS, "roles": MEMBERSHIP_ROLES, "names": names,
        "reporting": service.reporting_bodies(session, body), "history": history_of(session, "governance_bodies",
                                                                                      body.id),
        "flash": "Changes saved." if saved else None, "can_edit": service.may_change(actor, body),
        "member_values": {}, "member_errors": {}})


@router.get("/governance/{key}/edit")
def edit_body(key: str, request: Request, session: SessionDep, actor: PageActor):
    body = service.editable_body(session, actor, key)
    values = {f: getattr(body, f) for f in TEXT_FIELDS if f != "reports_to"} | {
        "reports_to": body.reports_to.key if body.reports_to else "", "version": body.version,
        "host_organisations": ", ".join(body.host_organisations), "meets_in_public": body.meets_in_public,
        "public": body.public}
    return _form(request, session, actor, body, values, {})


@router.post("/governance/{key}/edit", dependencies=form_post(Permission.EDIT_SYSTEM, scope="record"))
async def update_body(key: str, request: Request, session: SessionDep, actor: PageActor):
    body = service.editable_body(session, actor, key)
    values = await form_values(request)
    data = clean(values, booleans=("meets_in_public", "public"), keep_empty=tuple(TEXT_FIELDS))
    data["host_organisations"] = _codes(values.get("host_organisations", ""))
    return save_or_show_again(
        session, lambda: service.update_body(session, actor=actor, key=key, data=parse(BodyUpdate, data)),
        lambda errors, status: _form(request, session, actor, body, values, errors, status),
        LABELS, lambda _: f"/governance/{key}?saved=1")


@router.post("/governance/{key}/members", dependencies=[Depends(verify_csrf)])
async def add_member(key: str, request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)

    def show_again(errors: dict, status_code: int):
        body = service.get_body(session, key, actor=actor)
        return render(request, "governance/detail.html", {
            "title": body.name, "body": body, "kinds": BODY_KINDS, "roles": MEMBERSHIP_ROLES,
            "reporting": service.reporting_bodies(session, body),
            "history": history_of(session, "governance_bodies", body.id),
            "can_edit": service.may_change(actor, body), "names": _names(session, body),
            "member_values": values, "member_errors": errors}, status_code=status_code)
    return save_or_show_again(
        session, lambda: service.add_member(session, actor=actor, key=key,
                                            data=parse(MembershipCreate, clean(values, booleans=("voting",)))),
        show_again, LABELS, lambda _: f"/governance/{key}?saved=1#members")


@router.post("/governance/{key}/members/{member_id}/remove", dependencies=[Depends(verify_csrf)])
async def remove_member(key: str, member_id: int, session: SessionDep, actor: PageActor):
    service.remove_member(session, actor=actor, key=key, member_id=member_id)
    return RedirectResponse(f"/governance/{key}?saved=1#members", status_code=303)


@router.get("/people/{key}")
def person(key: str, request: Request, session: SessionDep, actor: PageActor):
    person = service.get_person(session, key, actor=actor)
    names = look_up(session, organisations=[r.organisation_code for r in person.roles],
                    bodies=[r.body_key for r in person.roles])
    return render(request, "governance/person.html", {"title": person.name, "person": person, "names": names})


def _names(session, body):
    """The names of the organisations the body page shows: its hosts and its members' organisations."""
    return look_up(session, organisations=[*body.host_organisations, *(m.organisation_code for m in body.members)])


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def _form(request, session, actor, body, values, errors, status_code=200):
    when = min(body.valid_to or date.today(), date.today()) if body else date.today()
    others = [b for b in service.list_bodies(session, actor=actor, as_at=when) if not body or b.key != body.key]
    return render(request, "governance/form.html", {
        "title": f"Edit {body.name}" if body else "Add a governance body", "body": body, "values": values, "errors": errors, "kinds": BODY_KINDS,
        "others": others}, status_code=status_code)
