"""API: import a plan file (with a dry run that only previews), export the plan as MSPDI or XLSX, and the
milestone iCalendar feeds."""

from typing import Annotated

from fastapi import APIRouter, Query, UploadFile
from fastapi.responses import Response

from caresystem.auth import Permission, require
from caresystem.errors import Invalid
from caresystem.programme.plan.interchange import calendar, service
from caresystem.programme.plan.interchange.plan_file import MAX_BYTES
from caresystem.programme.plan.interchange.schemas import ImportRead, read_preview
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep

router = APIRouter(tags=["plan"])
MSPDI = "application/vnd.ms-project+xml"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS = "text/calendar"


def read_upload(file: UploadFile) -> bytes:
    content = file.file.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise Invalid.one("file", f"is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return content


@router.post("/plan/import", response_model=ImportRead,
             summary="Import a plan (Microsoft Project .mpp or .xml, other MPXJ formats, or XLSX); all or nothing",
             responses={422: {"description": "The file cannot be read, or has problems (each named by task and "
                                             "field); nothing was written"}})
def import_plan(file: UploadFile, session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                dry_run: Annotated[bool, Query(description="preview only: write nothing")] = False):
    """A plain function, so reading the file and the database work run in the thread pool, not on the event loop."""
    require(actor, Permission.EDIT_PROGRAMME)  # before the file is read: a refusal, not the file's faults
    plan = service.read_file(read_upload(file), file.filename or "")
    found = service.import_plan(session, actor=actor, programme=programme, plan=plan,
                                dry_run=dry_run)
    return read_preview(found, applied=not dry_run)


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@router.get("/plan/export.xml", response_class=Response, summary="The plan as Microsoft Project XML (MSPDI)",
            responses={200: {"content": {MSPDI: {}}}})
def export_mspdi(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return _download(service.export_mspdi(session, actor=actor, programme=programme), MSPDI,
                     f"{programme.key}-plan.xml")


@router.get("/plan/export.xlsx", response_class=Response, summary="The plan as a spreadsheet (XLSX)",
            responses={200: {"content": {XLSX: {}}}})
def export_xlsx(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    return _download(service.export_xlsx(session, actor=actor, programme=programme), XLSX,
                     f"{programme.key}-plan.xlsx")


@router.get("/plan/milestones.ics", response_class=Response, responses={200: {"content": {ICS: {}}}},
            summary="The programme's milestones as an iCalendar feed; `owner` for one person's")
def milestone_feed(session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                   owner: Annotated[str | None, Query(description="the owner's name")] = None):
    content = calendar.milestone_feed(session, actor=actor, programme=programme, owner=owner)
    return Response(content, media_type=ICS)
