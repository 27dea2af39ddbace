"""The pages of registers described as data, written once: list with filters and server-side pagination, detail
with history, add and edit forms that go through `save_or_show_again` (field-level errors, 409 on a stale
version), soft delete, downloads and the upload page of the import. A register adds what is its own through
`detail_context` and its templates."""

from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.convertors import Convertor, register_url_convertor

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.errors import NotFound
from caresystem.programme.registers import service, spreadsheet
from caresystem.programme.registers.api import download, export_records
from caresystem.programme.registers.description import Register
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import clean, form_post, form_values, parse, save_or_show_again, version_of
from caresystem.system.names import look_up, people_names
from caresystem.web.templating import render
from caresystem.web.uploads import UploadPage, import_upload, show

PAGE_SIZE = 50


def labels(register: Register) -> dict[str, str]:
    return {f.name: f.label for f in register.fields} | {"status": "Status", "reference": "Reference"}


def article(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def upload_page(register: Register) -> UploadPage:
    """The upload page of a log: its columns as its download heads them."""
    columns = spreadsheet.register_columns(register)
    headings = ", ".join(h for _, h in columns[:-1]) + f" and {columns[-1][1]}"
    return UploadPage(
        title=f"Import the {register.title.lower()} log", action=f"/programme/{register.key}/import",
        back=(f"/programme/{register.key}", f"{register.title.lower()} log"), labels=dict(columns),
        about=f"An .xlsx or .csv file with the columns of the log's download: {headings}. A row whose reference "
              f"is already in the log updates that {register.singular}; a row without one adds a new "
              f"{register.singular}.", nav=register.nav, current=register.key)


def _convertor(name: str, keys) -> None:
    class RegisterKey(Convertor):
        """Matches only these registers' keys, so /programme/{key} never captures another part's pages."""

        regex = "|".join(keys)

        def convert(self, value: str) -> str:
            return value

        def to_string(self, value: str) -> str:
            return value

    register_url_convertor(name, RegisterKey())


def register_pages(registers: dict[str, Register], *, convertor: str,
                   detail_context: Callable[..., dict] | None = None) -> APIRouter:
    """One router serving /programme/{key}... for every register in `registers`."""
    _convertor(convertor, registers)
    router = APIRouter(include_in_schema=False)
    base = f"/programme/{{key:{convertor}}}"

    def register_of(key: str) -> Register:
        if key not in registers:
            raise NotFound(f"There is no {key} register.")
        return registers[key]

    def show_form(request, session, register: Register, entry, values, errors, status_code=200):
        title = f"Edit {register.singular} {entry.reference}" if entry else f"Add {article(register.singular)}"
        owned_by_people = any(f.kind == "person" for f in register.fields)
        return render(request, "registers/form.html", {
            "title": title, "register": register, "entry": entry, "values": values, "errors": errors,
            "people": people_names(session) if owned_by_people else [],
        }, status_code=status_code)

    @router.get(base)
    def entries(key: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
                status: str | None = None, q: str | None = None, overdue: str | None = None, sort: str = "reference",
                page: int = 1):
        register = register_of(key)
        page = max(page, 1)
        items, total = service.list_entries(
            session, actor=actor, programme=programme, register=register, status=status or None, q=q or None,
            overdue=overdue == "1", sort=sort, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        query = urlencode({k: v for k, v in {"status": status, "q": q, "overdue": overdue, "sort": sort}.items()
                           if v})
        return render(request, "registers/list.html", {
            "title": register.title, "register": register, "items": [service.read(register, e) for e in items],
            "total": total, "page": page, "page_size": PAGE_SIZE, "query": query,
            "filters": {"status": status, "q": q, "overdue": overdue == "1", "sort": sort},
            "can_edit": service.may_edit(actor)})

    @router.get(base + "/export.{kind}")
    def export(key: str, kind: str, session: SessionDep, actor: PageActor, programme: PageProgramme,
               status: str | None = None):
        register = register_of(key)
        if kind not in ("xlsx", "csv"):
            raise NotFound("Downloads are .xlsx or .csv.")
        return download(register, export_records(session, actor, register, programme, status or None), kind)

    @router.get(base + "/new")
    def new_entry(key: str, request: Request, session: SessionDep, actor: PageActor, risk: str | None = None):
        register = register_of(key)
        require_somewhere(actor, Permission.EDIT_PROGRAMME)
        values = {"status": register.default_status} | ({"risk_reference": risk} if risk else {})
        return show_form(request, session, register, None, values, {})

    @router.post(base + "/new", dependencies=form_post(Permission.EDIT_PROGRAMME))
    async def create_entry(key: str, request: Request, session: SessionDep, actor: PageActor,
                           programme: PageProgramme):
        register = register_of(key)
        values = await form_values(request)
        return save_or_show_again(
            session, lambda: service.create_entry(session, actor=actor, programme=programme, register=register,
                                                  data=parse(register.create, clean(values))),
            lambda errors, status: show_form(request, session, register, None, values, errors, status),
            labels(register), lambda entry: f"/programme/{key}/{entry.reference}?saved=1")

    @router.get(base + "/import")
    def import_form(key: str, request: Request, actor: PageActor):
        register = register_of(key)
        service.require_edit(actor)
        return show(request, upload_page(register))

    @router.post(base + "/import", dependencies=form_post(Permission.EDIT_PROGRAMME))
    async def import_file(key: str, request: Request, session: SessionDep, actor: PageActor,
                          programme: PageProgramme):
        """The API's import (`registers.api`): every bad row listed, nothing imported unless every row is good."""
        register = register_of(key)

        def run(content: bytes, filename: str) -> dict[str, int]:
            return service.import_file(session, actor=actor, programme=programme, register=register, content=content,
                                       filename=filename)

        return await import_upload(request, session, upload_page(register), run,
                                   permitted=lambda: service.require_edit(actor))

    @router.get(base + "/{reference}")
    def entry(key: str, reference: str, request: Request, session: SessionDep, actor: PageActor,
              programme: PageProgramme, saved: str | None = None):
        register = register_of(key)
        found = service.get_entry(session, actor=actor, programme=programme, register=register, reference=reference)
        extra = detail_context(session, register, found) if detail_context else {}
        read = service.read(register, found)
        names = look_up(session, bodies=[getattr(read, f.name) for f in register.fields if f.names == "bodies"])
        return render(request, "registers/detail.html", {
            "title": f"{found.reference}: {found.title}", "register": register, "entry": read, "names": names,
            "history": history_of(session, register.key, found.id), "flash": "Changes saved." if saved else None,
            "can_edit": service.may_edit(actor), **extra})

    @router.get(base + "/{reference}/edit")
    def edit_entry(key: str, reference: str, request: Request, session: SessionDep, actor: PageActor,
                   programme: PageProgramme):
        register = register_of(key)
        require_somewhere(actor, Permission.EDIT_PROGRAMME)
        found = service.get_entry(session, actor=actor, programme=programme, register=register, reference=reference)
        return show_form(request, session, register, found, service.read(register, found).model_dump(), {})

    @router.post(base + "/{reference}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
    async def update_entry(key: str, reference: str, request: Request, session: SessionDep, actor: PageActor,
                           programme: PageProgramme):
        register = register_of(key)
        values = await form_values(request)
        found = service.get_entry(session, actor=actor, programme=programme, register=register, reference=reference)
        optional = tuple(f.name for f in register.fields if f.name != "title")
        return save_or_show_again(
            session, lambda: service.update_entry(
                session, actor=actor, programme=programme, register=register, reference=reference,
                data=parse(register.update, clean(values, keep_empty=optional))),
            lambda errors, status: show_form(request, session, register, found, values, errors, status),
            labels(register), lambda _: f"/programme/{key}/{reference}?saved=1")

    @router.post(base + "/{reference}/delete", dependencies=form_post(Permission.EDIT_PROGRAMME))
    async def delete_entry(key: str, reference: str, request: Request, session: SessionDep, actor: PageActor,
                           programme: PageProgramme):
        register = register_of(key)
        values = await form_values(request)
        version = version_of(values)
        service.delete_entry(session, actor=actor, programme=programme, register=register, reference=reference,
                             version=version)
        return RedirectResponse(f"/programme/{key}", status_code=303)

    return router
