"""API: /api/v1/interests (the full register, signed in), /api/v1/interests/published (anyone), and a person's
interests as at a date. Import and export as XLSX or CSV; an import with any bad row changes nothing."""

from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, UploadFile

from caresystem.auth import Permission, require
from caresystem.auth.audit import history_entries
from caresystem.system.governance import get_person
from caresystem.programme.registers import XLSX
from caresystem.system.interests import service, spreadsheet
from caresystem.system.interests.schemas import InterestCreate, InterestRead, InterestUpdate, PublishedPerson
from caresystem.web.deps import ApiActor, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request

router = APIRouter(tags=["interests"])
AS_AT = Query(description="YYYY-MM-DD; default today")


@router.get("/interests", response_model=Page[InterestRead], summary="The full register of interests (staff)")
def list_interests(session: SessionDep, actor: ApiActor, paging: Annotated[PageRequest, Depends(page_request)],
                   person: str | None = None, as_at: Annotated[date | None, AS_AT] = None, type: str | None = None,
                   q: str | None = None):
    found, total = service.list_interests(session, actor=actor, person=person, as_at=as_at, type=type, q=q,
                                          offset=paging.offset, limit=paging.page_size)
    return Page(items=[service.read(i) for i in found], total=total, page=paging.page, page_size=paging.page_size)


@router.get("/interests/published", response_model=list[PublishedPerson],
            summary="The published register: members of decision-making bodies and their interests, as at a date")
def published(session: SessionDep, as_at: Annotated[date | None, AS_AT] = None):
    return service.published_register(session, as_at=as_at or date.today())


@router.get("/interests/export.{kind}", response_class=Response, summary="The register of interests as XLSX or CSV",
            responses={200: {"content": {XLSX: {}, "text/csv": {}}}})
def export(kind: Literal["xlsx", "csv"], session: SessionDep, actor: ApiActor,
           as_at: Annotated[date | None, AS_AT] = None):
    return spreadsheet.download(spreadsheet.export(session, actor=actor, kind=kind, as_at=as_at), kind)


@router.post("/interests/import", summary="Import the register (XLSX or CSV); nothing is imported if any row is bad",
             responses={422: {"description": "Every bad row, with its row number, field and reason"}})
def import_interests(file: UploadFile, session: SessionDep, actor: ApiActor):
    require(actor, Permission.EDIT_INTERESTS)  # before the file is read: a refusal, not the file's faults
    return spreadsheet.import_file(session, actor=actor, content=file.file.read(), filename=file.filename or "")


@router.get("/interests/{reference}", response_model=InterestRead)
def get_interest(reference: str, session: SessionDep, actor: ApiActor):
    return service.read(service.get_interest(session, actor=actor, reference=reference))


@router.get("/interests/{reference}/history", summary="Audit trail of an interest")
def interest_history(reference: str, session: SessionDep, actor: ApiActor):
    interest = service.get_interest(session, actor=actor, reference=reference)
    return history_entries(session, "interests", interest.id)


@router.post("/interests", response_model=InterestRead, status_code=201)
def create_interest(data: InterestCreate, session: SessionDep, actor: ApiActor):
    return service.read(service.create_interest(session, actor=actor, data=data))


@router.patch("/interests/{reference}", response_model=InterestRead,
              responses={409: {"description": "The interest changed since `version` was read"}})
def update_interest(reference: str, data: InterestUpdate, session: SessionDep, actor: ApiActor):
    return service.read(service.update_interest(session, actor=actor, reference=reference, data=data))


@router.delete("/interests/{reference}", status_code=204)
def delete_interest(reference: str, version: Annotated[int, Query(ge=1)], session: SessionDep, actor: ApiActor):
    service.delete_interest(session, actor=actor, reference=reference, version=version)
    return Response(status_code=204)


@router.get("/people/{key}/interests", response_model=list[InterestRead],
            summary="The interests a person holds as at a date (staff)")
def person_interests(key: str, session: SessionDep, actor: ApiActor, as_at: Annotated[date | None, AS_AT] = None):
    found, _ = service.list_interests(session, actor=actor, person=get_person(session, key, actor=actor).key,
                                      as_at=as_at or date.today(), limit=1000)
    return [service.read(i) for i in found]
