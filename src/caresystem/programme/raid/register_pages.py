"""Pages for the assumptions, issues, dependencies, decisions and actions logs: list with filters and server-side
pagination, detail with history, create and edit forms with field-level errors, soft delete, downloads, and the
one-step "found invalid" form of an assumption."""

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse
from starlette.convertors import Convertor, register_url_convertor

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.errors import Conflict, Invalid, NotFound
from caresystem.programme.core import get_programme
from caresystem.programme.raid import register_service as service
from caresystem.programme.raid.register_routes import download, export_records
from caresystem.programme.raid.registers import ASSUMPTIONS, REGISTERS, Register
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, error_messages, form_values, parse
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


class RegisterKey(Convertor):
    """Matches only this module's logs, so /programme/{key} never captures another part's pages."""

    regex = "|".join(REGISTERS)

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("raidlog", RegisterKey())


def _register(key: str) -> Register:
    if key not in REGISTERS:
        raise NotFound(f"There is no {key} register.")
    return REGISTERS[key]


def _labels(register: Register) -> dict[str, str]:
    return {f.name: f.label for f in register.fields} | {"status": "Status", "reference": "Reference"}


@router.get("/programme/{key:raidlog}")
def entries(key: str, request: Request, session: SessionDep, actor: PageActor, status: str | None = None,
            q: str | None = None, overdue: str | None = None, sort: str = "reference", page: int = 1):
    register = _register(key)
    page = max(page, 1)
    items, total = service.list_entries(
        session, actor=actor, programme=get_programme(session), register=register, status=status or None,
        q=q or None, overdue=overdue == "1", sort=sort, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    query = urlencode({k: v for k, v in {"status": status, "q": q, "overdue": overdue, "sort": sort}.items() if v})
    return render(request, "raid/register_list.html", {
        "title": register.title, "register": register, "items": [service.read(register, e) for e in items],
        "total": total, "page": page, "page_size": PAGE_SIZE, "query": query,
        "filters": {"status": status, "q": q, "overdue": overdue == "1", "sort": sort},
        "can_edit": actor.can(Permission.EDIT_PROGRAMME)})


@router.get("/programme/{key:raidlog}/export.{kind}")
def export(key: str, kind: str, session: SessionDep, actor: PageActor, status: str | None = None):
    register = _register(key)
    if kind not in ("xlsx", "csv"):
        raise NotFound("Downloads are .xlsx or .csv.")
    return download(register, export_records(session, actor, register, None, status or None), kind)


@router.get("/programme/{key:raidlog}/new")
def new_entry(key: str, request: Request, actor: PageActor, risk: str | None = None):
    register = _register(key)
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    values = {"status": register.default_status} | ({"risk_reference": risk} if risk else {})
    return _form(request, register, None, values, {})


@router.post("/programme/{key:raidlog}/new", dependencies=[Depends(verify_csrf)])
async def create_entry(key: str, request: Request, session: SessionDep, actor: PageActor):
    register = _register(key)
    values = await form_values(request)
    try:
        entry = service.create_entry(session, actor=actor, programme=get_programme(session), register=register,
                                     data=parse(register.create, clean(values)))
    except Invalid as exc:
        session.rollback()
        return _form(request, register, None, values, error_messages(exc, _labels(register)), status_code=422)
    return RedirectResponse(f"/programme/{key}/{entry.reference}?saved=1", status_code=303)


@router.get("/programme/{key:raidlog}/{reference}")
def entry(key: str, reference: str, request: Request, session: SessionDep, actor: PageActor,
          saved: str | None = None):
    register = _register(key)
    found = service.get_entry(session, actor=actor, programme=get_programme(session), register=register,
                              reference=reference)
    return render(request, "raid/register_detail.html", {
        "title": f"{found.reference}: {found.title}", "register": register, "entry": service.read(register, found),
        "history": history_of(session, register.key, found.id), "flash": "Changes saved." if saved else None,
        "raised": service.raised_from(session, found) if register is ASSUMPTIONS else [],
        "can_edit": actor.can(Permission.EDIT_PROGRAMME)})


@router.get("/programme/{key:raidlog}/{reference}/edit")
def edit_entry(key: str, reference: str, request: Request, session: SessionDep, actor: PageActor):
    register = _register(key)
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_entry(session, actor=actor, programme=get_programme(session), register=register,
                              reference=reference)
    return _form(request, register, found, service.read(register, found).model_dump(), {})


@router.post("/programme/{key:raidlog}/{reference}/edit", dependencies=[Depends(verify_csrf)])
async def update_entry(key: str, reference: str, request: Request, session: SessionDep, actor: PageActor):
    register = _register(key)
    values = await form_values(request)
    programme = get_programme(session)
    found = service.get_entry(session, actor=actor, programme=programme, register=register, reference=reference)
    optional = tuple(f.name for f in register.fields if f.name != "title")
    try:
        data = parse(register.update, clean(values, keep_empty=optional))
        service.update_entry(session, actor=actor, programme=programme, register=register, reference=reference,
                             data=data)
    except (Invalid, Conflict) as exc:
        session.rollback()
        return _form(request, register, found, values, error_messages(exc, _labels(register)),
                     status_code=409 if isinstance(exc, Conflict) else 422)
    return RedirectResponse(f"/programme/{key}/{reference}?saved=1", status_code=303)


@router.post("/programme/{key:raidlog}/{reference}/delete", dependencies=[Depends(verify_csrf)])
async def delete_entry(key: str, reference: str, request: Request, session: SessionDep, actor: PageActor):
    register = _register(key)
    values = await form_values(request)
    version = int(values.get("version", "0") or 0) if values.get("version", "").isdigit() else 0
    service.delete_entry(session, actor=actor, programme=get_programme(session), register=register,
                         reference=reference, version=version)
    return RedirectResponse(f"/programme/{key}", status_code=303)


@router.post("/programme/assumptions/{reference}/invalidate", dependencies=[Depends(verify_csrf)])
async def invalidate(reference: str, request: Request, session: SessionDep, actor: PageActor):
    """PID 2.6: the assumption found invalid becomes a risk or an issue, in one step."""
    values = await form_values(request)
    raise_as = values.get("raise_as", "")
    raised = service.invalidate_assumption(
        session, actor=actor, programme=get_programme(session), reference=reference,
        version=int(values["version"]) if values.get("version", "").isdigit() else 0, raise_as=raise_as)
    target = "risks" if raise_as == "risk" else "issues"
    return RedirectResponse(f"/programme/{target}/{raised.reference}?saved=1", status_code=303)


def _form(request, register: Register, entry, values, errors, status_code=200):
    title = f"Edit {register.singular} {entry.reference}" if entry else f"Add {_article(register.singular)}"
    return render(request, "raid/register_form.html", {
        "title": title, "register": register, "entry": entry, "values": values, "errors": errors,
    }, status_code=status_code)


def _article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"
