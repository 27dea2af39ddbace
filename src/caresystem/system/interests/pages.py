"""Pages: the full register of interests (signed in), the published register (anyone), an interest's detail with
history, and the add and edit forms that board secretaries use."""

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.errors import Invalid, NotFound
from caresystem.system.governance import list_people
from caresystem.system.interests import service, spreadsheet
from caresystem.system.interests.schemas import InterestCreate, InterestUpdate
from caresystem.system.interests.types import INTEREST_TYPE_HINTS, INTEREST_TYPES
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, cleaned_edit, form_post, form_values, parse, save_or_show_again
from caresystem.web.templating import render
from caresystem.web.uploads import UploadPage, import_upload, show

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
LABELS = {"person": "Person", "type": "Type of interest", "description": "Description",
          "organisation": "Organisation or party", "valid_from": "From", "valid_to": "To",
          "action": "Action taken to manage it", "reference": "Reference"}


@router.get("/interests")
def register(request: Request, session: SessionDep, actor: PageActor, person: str | None = None,
             type: str | None = None, q: str | None = None, as_at: str | None = None, page: int = 1):
    page = max(page, 1)
    when = parse_as_at(as_at) if as_at else None
    found, total = service.list_interests(session, actor=actor, person=person or None, type=type or None,
                                          q=q or None, as_at=when, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    filters = {"person": person, "type": type, "q": q, "as_at": as_at}
    return render(request, "interests/register.html", {
        "title": "Register of interests", "items": [service.read(i) for i in found], "total": total, "page": page,
        "page_size": PAGE_SIZE, "query": urlencode({k: v for k, v in filters.items() if v}), "filters": filters,
        "types": INTEREST_TYPES, "can_edit": actor.may(Permission.EDIT_INTERESTS)})


@router.get("/interests/published")
def published(request: Request, session: SessionDep, as_at: str | None = None):
    when = parse_as_at(as_at) if as_at else date.today()
    return render(request, "interests/published.html", {
        "title": "Published register of interests", "as_at": when,
        "people": service.published_register(session, as_at=when)})


@router.get("/interests/export.{kind}")
def export(kind: str, session: SessionDep, actor: PageActor, as_at: str | None = None):
    if kind not in ("xlsx", "csv"):
        raise NotFound("Downloads are .xlsx or .csv.")
    when = parse_as_at(as_at) if as_at else None
    return spreadsheet.download(spreadsheet.export(session, actor=actor, kind=kind, as_at=when), kind)


UPLOAD = UploadPage(
    title="Import the register of interests", action="/interests/import",
    back=("/interests", "register of interests"), labels=dict(spreadsheet.COLUMNS), nav="interests/_nav.html",
    current="/interests/import",
    about="An .xlsx or .csv file with the columns of the register's download: Reference (empty for a new "
          "interest), Person key, Type, Description, Organisation, From, To and Action taken to manage it. Rows with "
          "a reference already in the register update it.")


@router.get("/interests/import")
def import_form(request: Request, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_INTERESTS)
    return show(request, UPLOAD)


@router.post("/interests/import", dependencies=form_post(Permission.EDIT_INTERESTS))
async def import_file(request: Request, session: SessionDep, actor: PageActor):
    """The API's import: every bad row listed by row and column, nothing imported unless every row is good."""

    def run(content: bytes, filename: str) -> dict[str, int]:
        return spreadsheet.import_file(session, actor=actor, content=content, filename=filename)

    return await import_upload(request, session, UPLOAD, run,
                               permitted=lambda: require_somewhere(actor, Permission.EDIT_INTERESTS))


@router.get("/interests/new")
def new_interest(request: Request, session: SessionDep, actor: PageActor, person: str | None = None):
    require_somewhere(actor, Permission.EDIT_INTERESTS)
    return _form(request, session, actor, None, {"person": person}, {})


@router.post("/interests/new", dependencies=form_post(Permission.EDIT_INTERESTS))
async def create_interest(request: Request, session: SessionDep, actor: PageActor) -> Response:
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.create_interest(session, actor=actor, data=parse(InterestCreate, clean(values))),
        lambda errors, status: _form(request, session, actor, None, values, errors, status), LABELS,
        lambda interest: f"/interests/{interest.reference}?saved=1")


@router.get("/interests/{reference}")
def interest(reference: str, request: Request, session: SessionDep, actor: PageActor, saved: str | None = None):
    found = service.get_interest(session, actor=actor, reference=reference)
    return render(request, "interests/detail.html", {
        "title": f"Interest {found.reference}", "entry": service.read(found), "types": INTEREST_TYPES,
        "history": history_of(session, "interests", found.id), "flash": "Changes saved." if saved else None,
        "can_edit": actor.may(Permission.EDIT_INTERESTS)})


@router.get("/interests/{reference}/edit")
def edit_interest(reference: str, request: Request, session: SessionDep, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_INTERESTS)
    found = service.get_interest(session, actor=actor, reference=reference)
    return _form(request, session, actor, found, service.read(found).model_dump(), {})


@router.post("/interests/{reference}/edit", dependencies=form_post(Permission.EDIT_INTERESTS))
async def update_interest(reference: str, request: Request, session: SessionDep, actor: PageActor) -> Response:
    values = await form_values(request)
    found = service.get_interest(session, actor=actor, reference=reference)

    def save():
        edit = {k: v for k, v in values.items() if k != "person"}
        return service.update_interest(session, actor=actor, reference=reference,
                                       data=parse(InterestUpdate, cleaned_edit(edit, InterestCreate, InterestUpdate)))
    return save_or_show_again(session, save, lambda errors, status: _form(
        request, session, actor, found, values | {"person": found.person.key}, errors, status), LABELS,
        lambda interest: f"/interests/{interest.reference}?saved=1")


@router.post("/interests/{reference}/delete", dependencies=form_post(Permission.EDIT_INTERESTS))
async def delete_interest(reference: str, request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    version = values.get("version", "")
    if not version.isdigit():
        raise Invalid.one("version", "is missing; reload the page and try again")
    service.delete_interest(session, actor=actor, reference=reference, version=int(version))
    return RedirectResponse("/interests", status_code=303)


def _form(request, session, actor, entry, values, errors, status_code=200):
    title = f"Edit interest {entry.reference}" if entry else "Record an interest"
    people = [(p.key, p.name) for p in list_people(session, actor=actor)]
    return render(request, "interests/form.html", {
        "title": title, "entry": entry, "values": values, "errors": errors, "people": people,
        "types": INTEREST_TYPES, "type_hints": INTEREST_TYPE_HINTS}, status_code=status_code)
