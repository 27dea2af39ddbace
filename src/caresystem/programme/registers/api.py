"""The API of a register, written once. A register described as data gets all of it from `register_router`: list
(filtered, paginated), export.xlsx / export.csv, import (all rows or none), detail, history, create, update (with
`version`) and soft delete; it adds its own routes (an assumption's `invalidate`) through `extra`. A register kept
by its own service (audiences, impact assessments, risks, benefits, plan records) is described by a `RecordApi` and
gets the same list, create, detail, update, delete and history routes from `collection_routes` and `item_routes`."""

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial, wraps
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Query, UploadFile
from fastapi.responses import Response

from caresystem.auth.audit import history_entries
from caresystem.programme.registers import service, spreadsheet
from caresystem.programme.registers.description import Register
from caresystem.programme.registers.export import CSV, EXPORT_LIMIT, XLSX, attachment
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request


def export_records(session, actor, register: Register, programme, status: str | None = None) -> list[dict]:
    entries, _ = service.list_entries(session, actor=actor, programme=programme, register=register, status=status,
                                      limit=EXPORT_LIMIT)
    return [service.read(register, e).model_dump() for e in entries]


def download(register: Register, records: list[dict], kind: str) -> Response:
    """The records as `kind` (xlsx or csv) in the register's own columns, a drop-down of its statuses."""
    columns = spreadsheet.register_columns(register)
    content = spreadsheet.register_xlsx(register.title, columns, records, register.statuses) if kind == "xlsx" \
        else spreadsheet.register_csv(columns, records)
    return attachment(content, kind=kind, name=register.key)


@dataclass(frozen=True)
class RecordApi:
    """A register kept by its own service, as its API sees it. `get`, `list`, `create`, `update` and `delete` are
    the service's functions (keyword arguments session, actor, programme and `ident`); `read(session, programme,
    record)` gives what a route returns. The handlers are named by `names`, so their OpenAPI summaries and operation
    ids are those of the handlers they replace (`create_audience` is summarised "Create Audience")."""

    path: str                          # "/audiences"
    ident: str                         # the path parameter, as the service names it: "key" or "reference"
    entity: str                        # the audit trail's entity type
    Read: type
    read: Callable
    get: Callable
    names: dict[str, str]
    history: str | None = None         # the history route's summary; None: the register has no history route
    conflict: dict = field(default_factory=dict)
    conflict_on_delete: bool = True    # whether the delete route documents the conflict too
    Create: type | None = None
    create: Callable | None = None
    Update: type | None = None
    update: Callable | None = None
    delete: Callable | None = None
    delete_doc: str | None = None
    List: type | None = None           # a list item, when it is not `Read`
    list: Callable | None = None
    filters: Callable | None = None    # a dependency giving the list's filters as the service's keyword arguments
    read_page: Callable | None = None  # read_page(session, programme, records), when a page reads its rules once
    programme_first: bool = False      # the list's `programme` parameter documented before its filters
    summaries: dict[str, str] = field(default_factory=dict)


def handler_names(noun: str, plural: str) -> dict[str, str]:
    return {"list": f"list_{plural}", "create": f"create_{noun}", "get": f"get_{noun}", "update": f"update_{noun}",
            "delete": f"delete_{noun}", "history": f"{noun}_history"}


def _no_filters() -> dict:
    return {}


def _identified(endpoint: Callable, ident: str) -> Callable:
    """`endpoint` with its `ident` parameter named as the path names it, so the OpenAPI parameter keeps its name."""
    signature = inspect.signature(endpoint)

    @wraps(endpoint)
    def named(**kwargs):
        return endpoint(ident=kwargs.pop(ident), **kwargs)

    named.__signature__ = signature.replace(parameters=[
        p.replace(name=ident) if p.name == "ident" else p for p in signature.parameters.values()])
    return named


def _in_order(endpoint: Callable, names: list[str]) -> None:
    """Document `endpoint`'s parameters in the order `names` gives (they are passed by name)."""
    signature = inspect.signature(endpoint)
    endpoint.__signature__ = signature.replace(parameters=[signature.parameters[n] for n in names])


def collection_routes(router: APIRouter, api: RecordApi) -> None:
    """The list (paginated, with the register's filters) and create routes of `api`, those it has."""
    Filters = Annotated[dict, Depends(api.filters or _no_filters)]
    read_page = api.read_page or (lambda session, programme, found: [api.read(session, programme, r) for r in found])

    if api.list is not None:
        def list_records(filters: Filters, session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                         paging: Annotated[PageRequest, Depends(page_request)]):
            found, total = api.list(session, actor=actor, programme=programme, **filters, offset=paging.offset,
                                    limit=paging.page_size)
            return Page(items=read_page(session, programme, found), total=total, page=paging.page,
                        page_size=paging.page_size)

        if api.programme_first:
            _in_order(list_records, ["session", "actor", "programme", "filters", "paging"])
        router.get(api.path, response_model=Page[api.List or api.Read], name=api.names["list"],
                   summary=api.summaries.get("list"))(list_records)

    if api.create is not None:
        @router.post(api.path, response_model=api.Read, status_code=201, name=api.names["create"],
                     summary=api.summaries.get("create"))
        def create_record(data: Annotated[api.Create, Body()], session: SessionDep, actor: ApiActor,
                          programme: ApiProgramme):
            return api.read(session, programme, api.create(session, actor=actor, programme=programme, data=data))


def _found(api: RecordApi, session, actor, programme, ident: str):
    return api.get(session, actor=actor, programme=programme, **{api.ident: ident})


def item_routes(router: APIRouter, api: RecordApi, *, history: bool = True) -> None:
    """Detail, update (with `version`, 409 when stale), soft delete and history of one record of `api`; a register
    documenting its own routes first adds the history later (`history_route`)."""
    item = f"{api.path}/{{{api.ident}}}"

    def get_record(ident: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        return api.read(session, programme, _found(api, session, actor, programme, ident))

    router.get(item, response_model=api.Read, name=api.names["get"],
               summary=api.summaries.get("get"))(_identified(get_record, api.ident))

    if api.update is not None:
        def update_record(ident: str, data: Annotated[api.Update, Body()], session: SessionDep, actor: ApiActor,
                          programme: ApiProgramme):
            record = api.update(session, actor=actor, programme=programme, data=data, **{api.ident: ident})
            return api.read(session, programme, record)

        router.patch(item, response_model=api.Read, responses=api.conflict, name=api.names["update"],
                     summary=api.summaries.get("update"))(_identified(update_record, api.ident))

    if api.delete is not None:
        def delete_record(ident: str, version: Annotated[int, Query(ge=1)], session: SessionDep, actor: ApiActor,
                          programme: ApiProgramme):
            api.delete(session, actor=actor, programme=programme, version=version, **{api.ident: ident})
            return Response(status_code=204)

        router.delete(item, status_code=204, responses=api.conflict if api.conflict_on_delete else None,
                      name=api.names["delete"],
                      description=api.delete_doc)(_identified(delete_record, api.ident))

    if history and api.history is not None:
        history_route(router, api)


def history_route(router: APIRouter, api: RecordApi) -> None:
    def record_history(ident: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        return history_entries(session, api.entity, _found(api, session, actor, programme, ident).id)

    router.get(f"{api.path}/{{{api.ident}}}/history", name=api.names["history"],
               summary=api.history)(_identified(record_history, api.ident))


def _log_filters(status: str | None = None, q: str | None = None, overdue: bool = False,
                 risk: Annotated[str | None, Query(description="actions mitigating this risk")] = None,
                 sort: str = "reference") -> dict:
    return {"status": status, "q": q, "overdue": overdue, "risk": risk, "sort": sort}


def register_router(register: Register, extra: Callable[[APIRouter], None] | None = None) -> APIRouter:
    router = APIRouter(prefix=f"/{register.key}", tags=[register.key])
    api = RecordApi(
        path="", ident="reference", entity=register.key, names=handler_names("entry", "entries"), Read=register.read,
        read=lambda session, programme, entry: service.read(register, entry),
        get=partial(service.get_entry, register=register), list=partial(service.list_entries, register=register),
        filters=_log_filters, Create=register.create, create=partial(service.create_entry, register=register),
        Update=register.update, update=partial(service.update_entry, register=register),
        delete=partial(service.delete_entry, register=register),
        conflict={409: {"description": "The entry changed since `version` was read"}}, conflict_on_delete=False,
        history=f"Audit trail of an {register.singular}",
        summaries={"list": f"The {register.title.lower()} log, filtered"})
    collection_routes(router, api)

    @router.get("/export.{kind}", response_class=Response, summary=f"The {register.title.lower()} log as XLSX or CSV",
                responses={200: {"content": {XLSX: {}, CSV: {}}}})
    def export(kind: Literal["xlsx", "csv"], session: SessionDep, actor: ApiActor, programme: ApiProgramme,
               status: str | None = None):
        return download(register, export_records(session, actor, register, programme, status), kind)

    @router.post("/import", summary=f"Import the {register.title.lower()} log (XLSX or CSV); nothing is imported "
                                    "if any row is bad",
                 responses={422: {"description": "Every bad row, with its row number, field and reason"}})
    def import_entries(file: UploadFile, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        service.require_edit(actor)  # before the file is read: a refusal, not the file's faults, for those who may not
        return service.import_file(session, actor=actor, programme=programme, register=register,
                                   content=file.file.read(), filename=file.filename or "")

    item_routes(router, api)
    if extra is not None:
        extra(router)
    return router
