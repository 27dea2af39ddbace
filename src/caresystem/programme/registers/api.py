"""The API of a register described as data, written once: list (filtered, paginated), export.xlsx / export.csv,
import (all rows or none), detail, history, create, update (with `version`) and soft delete. A register adds its
own routes (an assumption's `invalidate`) through `extra`."""

from collections.abc import Callable
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


def register_router(register: Register, extra: Callable[[APIRouter], None] | None = None) -> APIRouter:
    router = APIRouter(prefix=f"/{register.key}", tags=[register.key])
    Read, Create, Update = register.read, register.create, register.update
    name = register.singular

    @router.get("", response_model=Page[Read], summary=f"The {register.title.lower()} log, filtered")
    def list_entries(session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                     paging: Annotated[PageRequest, Depends(page_request)],
                     status: str | None = None, q: str | None = None, overdue: bool = False,
                     risk: Annotated[str | None, Query(description="actions mitigating this risk")] = None,
                     sort: str = "reference"):
        entries, total = service.list_entries(
            session, actor=actor, programme=programme, register=register, status=status, q=q, overdue=overdue,
            risk=risk, sort=sort, offset=paging.offset, limit=paging.page_size)
        return Page(items=[service.read(register, e) for e in entries], total=total, page=paging.page,
                    page_size=paging.page_size)

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

    @router.get("/{reference}", response_model=Read)
    def get_entry(reference: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        entry = service.get_entry(session, actor=actor, programme=programme, register=register, reference=reference)
        return service.read(register, entry)

    @router.get("/{reference}/history", summary=f"Audit trail of an {name}")
    def entry_history(reference: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        entry = service.get_entry(session, actor=actor, programme=programme, register=register, reference=reference)
        return history_entries(session, register.key, entry.id)

    @router.post("", response_model=Read, status_code=201)
    def create_entry(data: Annotated[Create, Body()], session: SessionDep, actor: ApiActor,
                     programme: ApiProgramme):
        entry = service.create_entry(session, actor=actor, programme=programme, register=register, data=data)
        return service.read(register, entry)

    @router.patch("/{reference}", response_model=Read,
                  responses={409: {"description": "The entry changed since `version` was read"}})
    def update_entry(reference: str, data: Annotated[Update, Body()], session: SessionDep, actor: ApiActor,
                     programme: ApiProgramme):
        entry = service.update_entry(session, actor=actor, programme=programme, register=register,
                                     reference=reference, data=data)
        return service.read(register, entry)

    @router.delete("/{reference}", status_code=204)
    def delete_entry(reference: str, version: Annotated[int, Query(ge=1)], session: SessionDep, actor: ApiActor,
                     programme: ApiProgramme):
        service.delete_entry(session, actor=actor, programme=programme, register=register, reference=reference,
                             version=version)
        return Response(status_code=204)

    if extra is not None:
        extra(router)
    return router
