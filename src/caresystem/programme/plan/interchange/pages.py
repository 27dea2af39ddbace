"""Pages: upload a plan file, see what it would change, confirm; download the plan as MSPDI or XLSX and the
milestones as a calendar. The preview is kept on the server, so the confirm applies exactly what was shown."""

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from caresystem.auth import Permission, require
from caresystem.errors import Conflict, Invalid
from caresystem.programme.plan.interchange import calendar, service
from caresystem.programme.plan.interchange.routes import ICS, MSPDI, XLSX, read_upload
from caresystem.programme.plan.interchange.sheets import COLUMNS
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
UPLOAD = "plan/interchange_upload.html"
PREVIEW = "plan/interchange_preview.html"


def _upload_form(request: Request, errors: dict | None = None, done: dict | None = None, status_code: int = 200):
    return render(request, UPLOAD, {"title": "Import a plan", "errors": errors or {}, "done": done,
                                    "columns": [h for _, h in COLUMNS], "current": "plan"}, status_code=status_code)


@router.get("/programme/plan/import")
def upload_form(request: Request, actor: PageActor, created: int | None = None, updated: int | None = None,
                removed: int | None = None):
    require(actor, Permission.EDIT_PROGRAMME)
    done = None if created is None else {"created": created, "updated": updated or 0, "removed": removed or 0}
    return _upload_form(request, done=done)


def _preview_page(request, filename, found, token, errors=None, status_code=200):
    changed = [i for i in found.items if i.action != "unchanged"]
    links = [k for k in found.links if k.action != "unchanged"]
    problems = {f"problem-{n}": f"{e.field}: {e.message}" for n, e in enumerate(found.errors, start=1)}
    return render(request, PREVIEW, {
        "title": f"Preview the import of {filename}", "filename": filename, "found": found, "token": token,
        "counts": found.counts(), "changed": changed, "links": links, "errors": (errors or {}) | problems,
        "current": "plan"}, status_code=status_code)


@router.post("/programme/plan/import", dependencies=[Depends(verify_csrf)])
def upload(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
           file: UploadFile | None = None):
    """Read the file and show what importing it would do; nothing is written to the plan yet."""
    require(actor, Permission.EDIT_PROGRAMME)
    if file is None or not file.filename:
        return _upload_form(request, {"file": "Choose a plan file to import"}, status_code=422)
    try:
        plan = service.read_file(read_upload(file), file.filename)
        token, found = service.stage_import(session, actor=actor, programme=programme, plan=plan,
                                            filename=file.filename)
    except Invalid as exc:
        session.rollback()
        return _upload_form(request, {"file": "; ".join(f"{e.field.replace('file', 'The file', 1)} {e.message}"
                                                        if e.field == "file" else f"{e.field}: {e.message}"
                                                        for e in exc.errors)}, status_code=422)
    return _preview_page(request, file.filename, found, token, status_code=422 if found.errors else 200)


@router.post("/programme/plan/import/confirm", dependencies=[Depends(verify_csrf)])
def confirm(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
            token: Annotated[str, Form()] = ""):
    try:
        _, found = service.confirm_import(session, actor=actor, programme=programme, token=token)
    except (Conflict, Invalid) as exc:
        session.rollback()
        filename, found = service.staged_preview(session, actor=actor, programme=programme, token=token)
        message = exc.detail if isinstance(exc, Conflict) else "The file has problems; nothing was imported."
        return _preview_page(request, filename, found, None, {"token": message},
                             status_code=409 if isinstance(exc, Conflict) else 422)
    counts = found.counts()
    created = sum(c["created"] for c in counts.values())
    updated = sum(c["updated"] for c in counts.values())
    return RedirectResponse(f"/programme/plan/import?created={created}&updated={updated}"
                            f"&removed={counts['dependency']['removed']}", status_code=303)


@router.get("/programme/plan/export.xml")
def export_mspdi(session: SessionDep, actor: PageActor, programme: PageProgramme):
    return Response(service.export_mspdi(session, actor=actor, programme=programme), media_type=MSPDI,
                    headers={"Content-Disposition": f'attachment; filename="{programme.key}-plan.xml"'})


@router.get("/programme/plan/export.xlsx")
def export_xlsx(session: SessionDep, actor: PageActor, programme: PageProgramme):
    return Response(service.export_xlsx(session, actor=actor, programme=programme), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{programme.key}-plan.xlsx"'})


@router.get("/programme/plan/milestones.ics")
def milestone_feed(session: SessionDep, actor: PageActor, programme: PageProgramme, owner: str | None = None):
    content = calendar.milestone_feed(session, actor=actor, programme=programme, owner=owner or None)
    return Response(content, media_type=ICS)
