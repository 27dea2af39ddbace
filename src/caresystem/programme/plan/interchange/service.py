"""The plan interchange's entry points for the API, the pages and the CLI: read a file, preview, import (at once or
after a stored preview is confirmed) and export. Plain functions taking a session; they never commit."""

import secrets
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require
from caresystem.db.base import utcnow
from caresystem.errors import Conflict, Invalid, NotFound
from caresystem.programme.core import Programme
from caresystem.programme.plan.interchange import apply as applying, mspdi, project_files, sheets
from caresystem.programme.plan.interchange.models import PlanImportPreview
from caresystem.programme.plan.interchange.plan_file import FilePlan
from caresystem.programme.plan.interchange.preview import Preview, preview
from caresystem.programme.plan.service import require_view

PREVIEW_LIFETIME = timedelta(hours=24)
SPREADSHEETS = (".xlsx", ".xlsm")


def read_file(content: bytes, filename: str) -> FilePlan:
    """A spreadsheet plan by its extension, anything else through MPXJ (which recognises the format itself)."""
    if filename.lower().endswith(SPREADSHEETS):
        return sheets.read(content)
    return project_files.read(content)


def preview_import(session: Session, *, actor: Actor, programme: Programme, plan: FilePlan) -> Preview:
    require(actor, Permission.EDIT_PROGRAMME)
    return preview(session, programme, plan)


def import_plan(session: Session, *, actor: Actor, programme: Programme, plan: FilePlan,
                dry_run: bool = False) -> Preview:
    """Preview, and unless `dry_run` apply it (all or nothing: Invalid when the file has any problem)."""
    found = preview_import(session, actor=actor, programme=programme, plan=plan)
    if not dry_run:
        applying.apply(session, actor=actor, programme=programme, preview=found)
    return found


def stage_import(session: Session, *, actor: Actor, programme: Programme, plan: FilePlan,
                 filename: str) -> tuple[str | None, Preview]:
    """Preview and keep the file's plan on the server for a confirm; no token when there is nothing to confirm."""
    found = preview_import(session, actor=actor, programme=programme, plan=plan)
    session.execute(delete(PlanImportPreview).where(PlanImportPreview.created_at < utcnow() - PREVIEW_LIFETIME))
    if found.errors or not found.changes_anything:
        return None, found
    token = secrets.token_urlsafe(32)
    session.add(PlanImportPreview(token=token, programme_id=programme.id, created_by=actor.username,
                                  filename=filename[:300], fingerprint=found.fingerprint,
                                  plan=plan.model_dump(mode="json")))
    session.flush()
    return token, found


def _staged(session: Session, actor: Actor, programme: Programme, token: str) -> PlanImportPreview:
    staged = session.scalar(select(PlanImportPreview).where(
        PlanImportPreview.token == token, PlanImportPreview.programme_id == programme.id,
        PlanImportPreview.created_by == actor.username, PlanImportPreview.created_at >= utcnow() - PREVIEW_LIFETIME))
    if staged is None:
        raise NotFound("That import preview has expired or was already used. Upload the file again.")
    return staged


def staged_preview(session: Session, *, actor: Actor, programme: Programme, token: str) -> tuple[str, Preview]:
    """The file name and the preview of a staged import, worked out again against the plan as it is now."""
    require(actor, Permission.EDIT_PROGRAMME)
    staged = _staged(session, actor, programme, token)
    return staged.filename, preview(session, programme, FilePlan.model_validate(staged.plan))


def confirm_import(session: Session, *, actor: Actor, programme: Programme, token: str) -> tuple[str, Preview]:
    """Apply a staged import exactly as previewed; refused (Conflict) when the plan changed since the preview."""
    require(actor, Permission.EDIT_PROGRAMME)
    staged = _staged(session, actor, programme, token)
    found = preview(session, programme, FilePlan.model_validate(staged.plan))
    if found.fingerprint != staged.fingerprint:
        raise Conflict("The plan was changed since this import was previewed, so it might not do what the preview "
                       "showed. Upload the file again to see a new preview.")
    if found.errors:
        raise Invalid(found.errors)
    applying.apply(session, actor=actor, programme=programme, preview=found)
    session.delete(staged)
    session.flush()
    return staged.filename, found


def export_mspdi(session: Session, *, actor: Actor, programme: Programme) -> bytes:
    require_view(actor)
    return mspdi.export(session, programme)


def export_xlsx(session: Session, *, actor: Actor, programme: Programme) -> bytes:
    require_view(actor)
    return sheets.export(session, programme)
