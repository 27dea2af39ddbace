"""Pages: the resource plan with its costs and totals (PID 5), and the sign-off tracker with its form (PID 9)."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from caresystem.auth import Permission, require_somewhere
from caresystem.errors import Conflict, Invalid
from caresystem.programme.core.service import get_programme
from caresystem.programme.plan import resources, service
from caresystem.programme.plan.schemas import SIGN_OFF_STATUSES, SignOffUpdate
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, error_messages, form_values, parse
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
LABELS = {"status": "Status", "signatory": "Signatory", "signed_on": "Date signed",
          "organisation_name": "Organisation"}


@router.get("/programme/resources")
def resource_plan(request: Request, session: SessionDep, actor: PageActor):
    programme = get_programme(session)
    lines, totals = resources.resource_plan(session, actor=actor, programme=programme)
    return render(request, "plan/resources.html", {
        "title": "Resource plan", "lines": lines, "totals": totals, "table": resources.pay_table(programme),
        "current": "resources"})


@router.get("/programme/sign-off")
def sign_off(request: Request, session: SessionDep, actor: PageActor, saved: str | None = None):
    found, tracker = resources.sign_offs(session, actor=actor, programme=get_programme(session))
    return render(request, "plan/sign_off.html", {
        "title": "Sign-off of the programme document", "items": [resources.read_sign_off(s) for s in found],
        "tracker": tracker, "statuses": SIGN_OFF_STATUSES, "current": "sign-off",
        "flash": "Changes saved." if saved else None, "can_edit": actor.can(Permission.EDIT_PROGRAMME)})


@router.get("/programme/sign-off/{key}/edit")
def edit_sign_off(key: str, request: Request, session: SessionDep, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_record(session, actor=actor, programme=get_programme(session), kind=service.SIGN_OFFS,
                               key=key)
    read = resources.read_sign_off(found)
    return _form(request, read, read.model_dump(), {})


@router.post("/programme/sign-off/{key}/edit", dependencies=[Depends(verify_csrf)])
async def update_sign_off(key: str, request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    programme = get_programme(session)
    read = resources.read_sign_off(service.get_record(session, actor=actor, programme=programme,
                                                      kind=service.SIGN_OFFS, key=key))
    try:
        data = parse(SignOffUpdate, clean(values, keep_empty=("signatory", "signed_on", "notes")))
        resources.save_sign_off(session, actor=actor, programme=programme, data=data, key=key)
    except (Invalid, Conflict) as exc:
        session.rollback()
        return _form(request, read, values, error_messages(exc, LABELS),
                     status_code=409 if isinstance(exc, Conflict) else 422)
    return RedirectResponse("/programme/sign-off?saved=1", status_code=303)


def _form(request, item, values, errors, status_code=200):
    return render(request, "plan/sign_off_form.html", {
        "title": f"Sign-off by {item.organisation_name}", "item": item, "values": values, "errors": errors,
        "statuses": SIGN_OFF_STATUSES, "current": "sign-off"}, status_code=status_code)
