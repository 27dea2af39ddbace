"""API for the assumptions, issues, dependencies, decisions and actions logs, one router per register.

Every register gets the same routes: list (filtered, paginated), export.xlsx / export.csv, import (all rows or
none), detail, history, create, update (with `version`) and soft delete. Assumptions also have
`POST .../{reference}/invalidate`.
"""

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Query, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from caresystem.auth.audit import history_of
from caresystem.programme.core import get_programme
from caresystem.programme.raid import register_service as service, spreadsheet
from caresystem.programme.raid.registers import ASSUMPTIONS, REGISTERS, Register
from caresystem.programme.registers import EXPORT_LIMIT, XLSX, attachment
from caresystem.web.deps import ApiActor, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request



class Invalidate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1)
    raise_as: Literal["risk", "issue"] = Field(description="what the failed assumption becomes")
    title: str | None = Field(None, min_length=3)
    owner: str | None = None


def export_records(session, actor, register: Register, programme: str | None, status: str | None = None) -> list:
    entries, _ = service.list_entries(session, actor=actor, programme=get_programme(session, programme),
                                      register=register, status=status, limit=EXPORT_LIMIT)
    return [service.read(register, e).model_dump() for e in entries]


def download(register: Register, records: list[dict], kind: str) -> Response:
    columns = spreadsheet.register_columns(register)
    content = spreadsheet.register_xlsx(register.title, columns, records, register.statuses) if kind == "xlsx" \
        else spreadsheet.register_csv(columns, records)
    return attachment(content, kind=kind, name=register.key)


def register_router(register: Register) -> APIRouter:
    router = APIRouter(prefix=f"/{register.key}", tags=[register.key])
    Read, Create, Update = register.read, register.create, register.update
    name = register.singular

    @router.get("", response_model=Page[Read], summary=f"The {register.title.lower()} log, filtered")
    def list_entries(session: SessionDep, actor: ApiActor, paging: Annotated[PageRequest, Depends(page_request)],
                     status: str | None = None, q: str | None = None, overdue: bool = False,
                     risk: Annotated[str | None, Query(description="actions mitigating this risk")] = None,
                     sort: str = "reference", programme: str | None = None):
        entries, total = service.list_entries(
            session, actor=actor, programme=get_programme(session, programme), register=register, status=status,
            q=q, overdue=overdue, risk=risk, sort=sort, offset=paging.offset, limit=paging.page_size)
        return Page(items=[service.read(register, e) for e in entries], total=total, page=paging.page,
                    page_size=paging.page_size)

    @router.get("/export.{kind}", response_class=Response, summary=f"The {register.title.lower()} log as XLSX or CSV",
                responses={200: {"content": {XLSX: {}, "text/csv": {}}}})
    def export(kind: Literal["xlsx", "csv"], session: SessionDep, actor: ApiActor, status: str | None = None,
               programme: str | None = None):
        return download(register, export_records(session, actor, register, programme, status), kind)

    @router.post("/import", summary=f"Import the {register.title.lower()} log (XLSX or CSV); nothing is imported "
                                    "if any row is bad",
                 responses={422: {"description": "Every bad row, with its row number, field and reason"}})
    def import_entries(file: UploadFile, session: SessionDep, actor: ApiActor, programme: str | None = None):
        rows = spreadsheet.read_file(file.file.read(), file.filename or "", spreadsheet.register_layout(register))
        counts = service.import_entries(session, actor=actor, programme=get_programme(session, programme),
                                        register=register, rows=rows)
        return {"rows": len(rows), **counts}

    @router.get("/{reference}", response_model=Read)
    def get_entry(reference: str, session: SessionDep, actor: ApiActor, programme: str | None = None):
        entry = service.get_entry(session, actor=actor, programme=get_programme(session, programme),
                                  register=register, reference=reference)
        return service.read(register, entry)

    @router.get("/{reference}/history", summary=f"Audit trail of an {name}")
    def entry_history(reference: str, session: SessionDep, actor: ApiActor, programme: str | None = None):
        entry = service.get_entry(session, actor=actor, programme=get_programme(session, programme),
                                  register=register, reference=reference)
        return [{"at": e.at, "actor": e.actor, "action": e.action, "changes": e.changes}
                for e in history_of(session, register.key, entry.id)]

    @router.post("", response_model=Read, status_code=201)
    def create_entry(data: Annotated[Create, Body()], session: SessionDep, actor: ApiActor,
                     programme: str | None = None):
        entry = service.create_entry(session, actor=actor, programme=get_programme(session, programme),
                                     register=register, data=data)
        return service.read(register, entry)

    @router.patch("/{reference}", response_model=Read,
                  responses={409: {"description": "The entry changed since `version` was read"}})
    def update_entry(reference: str, data: Annotated[Update, Body()], session: SessionDep, actor: ApiActor,
                     programme: str | None = None):
        entry = service.update_entry(session, actor=actor, programme=get_programme(session, programme),
                                     register=register, reference=reference, data=data)
        return service.read(register, entry)

    @router.delete("/{reference}", status_code=204)
    def delete_entry(reference: str, version: Annotated[int, Query(ge=1)], session: SessionDep, actor: ApiActor,
                     programme: str | None = None):
        service.delete_entry(session, actor=actor, programme=get_programme(session, programme), register=register,
                             reference=reference, version=version)
        return Response(status_code=204)

    if register is ASSUMPTIONS:
        @router.post("/{reference}/invalidate", status_code=201,
                     summary="Mark the assumption found invalid and raise a linked risk or issue, in one step")
        def invalidate(reference: str, data: Invalidate, session: SessionDep, actor: ApiActor,
                       programme: str | None = None):
            raised = service.invalidate_assumption(
                session, actor=actor, programme=get_programme(session, programme), reference=reference,
                version=data.version, raise_as=data.raise_as, title=data.title, owner=data.owner)
            kind = "risks" if data.raise_as == "risk" else "issues"
            return {"raised": kind, "reference": raised.reference, "href": f"/api/v1/{kind}/{raised.reference}"}

    return router


routers = [register_router(r) for r in REGISTERS.values()]
