"""Papers: files checked by their content (not their name), size-limited and versioned; public or confidential,
each with a cover sheet (purpose, recommendation, linked risks, author)."""

import hashlib
import io
import zipfile
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PdfReadError
from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.auth import Actor, Permission
from caresystem.db.base import utcnow
from caresystem.db.versioning import apply_changes, flush_or_conflict
from caresystem.errors import FieldError, Forbidden, Invalid, NotFound
from caresystem.meetings import service
from caresystem.meetings.models import Meeting, Paper, PaperVersion
from caresystem.meetings.schemas import PURPOSES, PaperFields
from caresystem.programme.raid import Risk

MAX_BYTES = 25 * 1024 * 1024
MEDIA_TYPES = {"pdf": "application/pdf",
               "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_OFFICE_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}


@dataclass(frozen=True)
class Checked:
    kind: str
    pages: int | None


def check_file(content: bytes) -> Checked:
    """What the file is, from its bytes: a PDF that opens, or a Word or Excel (OOXML) package."""
    if not content:
        raise Invalid.one("file", "is empty")
    if len(content) > MAX_BYTES:
        raise Invalid.one("file", f"is {len(content) / 1024 / 1024:.1f} MB; papers may be at most "
                                  f"{MAX_BYTES // 1024 // 1024} MB")
    if content.startswith(b"%PDF-"):
        try:
            return Checked("pdf", len(PdfReader(io.BytesIO(content)).pages))
        except (PdfReadError, ValueError, KeyError) as exc:
            raise Invalid.one("file", f"looks like a PDF but cannot be read ({exc})") from None
    if content.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
        except zipfile.BadZipFile:
            names = set()
        if "[Content_Types].xml" in names:
            for kind, part in _OFFICE_PARTS.items():
                if part in names:
                    return Checked(kind, None)
    raise Invalid.one("file", "must be a PDF, Word (.docx) or Excel (.xlsx) file; its content is none of these")


def _check_fields(session: Session, data: PaperFields, meeting: Meeting) -> None:
    errors = []
    if data.purpose not in PURPOSES:
        errors.append(FieldError("purpose", f"must be one of {', '.join(PURPOSES)}"))
    if data.item_id is not None and data.item_id not in {i.id for i in meeting.items}:
        errors.append(FieldError("item_id", "is not an item on this meeting's agenda"))
    if data.linked_risks:
        known = set(session.scalars(select(Risk.reference).where(Risk.reference.in_(data.linked_risks),
                                                                 Risk.deleted_at.is_(None))))
        if unknown := [r for r in data.linked_risks if r not in known]:
            errors.append(FieldError("linked_risks", f"no risk with reference {', '.join(unknown)}"))
    if errors:
        raise Invalid(errors)


def add_paper(session: Session, *, actor: Actor, meeting_id: int, data: PaperFields, filename: str,
              content: bytes) -> Paper:
    service.require_edit(actor)
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    _check_fields(session, data, meeting)
    checked = check_file(content)
    values = data.model_dump(exclude={"item_id"})
    paper = Paper(meeting_id=meeting.id, agenda_item_id=data.item_id, **values)
    session.add(paper)
    _add_version(paper, checked, filename, content, actor)
    flush_or_conflict(session, f"Paper {data.title}")
    return paper


def _add_version(paper: Paper, checked: Checked, filename: str, content: bytes, actor: Actor) -> PaperVersion:
    version = PaperVersion(number=len(paper.versions) + 1, filename=filename[:300] or "paper", kind=checked.kind,
                           size=len(content), sha256=hashlib.sha256(content).hexdigest(), pages=checked.pages,
                           content=content, uploaded_by=actor.username, uploaded_at=utcnow())
    paper.versions.append(version)
    return version


def new_version(session: Session, *, actor: Actor, meeting_id: int, paper_id: int, filename: str,
                content: bytes) -> PaperVersion:
    service.require_edit(actor)
    paper = get_paper(session, actor=actor, meeting_id=meeting_id, paper_id=paper_id)
    version = _add_version(paper, check_file(content), filename, content, actor)
    paper.updated_at = utcnow()  # the paper's version goes up with each file, so a stale cover-sheet edit is caught
    flush_or_conflict(session, f"Paper {paper.title}")
    return version


def update_cover_sheet(session: Session, *, actor: Actor, meeting_id: int, paper_id: int, version: int,
                       data: PaperFields) -> Paper:
    """The cover sheet and whether the paper is public; the file itself changes only by a new version."""
    service.require_edit(actor)
    paper = get_paper(session, actor=actor, meeting_id=meeting_id, paper_id=paper_id)
    _check_fields(session, data, service.get_meeting(session, meeting_id, actor=actor))
    values = data.model_dump(exclude={"item_id"}) | {"agenda_item_id": data.item_id}
    apply_changes(paper, values, expected_version=version, label=f"Paper {paper.title}")
    flush_or_conflict(session, f"Paper {paper.title}")
    return paper


def can_read(session: Session, actor: Actor, meeting: Meeting, paper: Paper) -> bool:
    """Public papers of bodies meeting in public: anyone; confidential ones: the body's members and secretaries."""
    if paper.public:
        return service.visible_to(session, actor, meeting)
    return actor.can(Permission.EDIT_MEETINGS) or service.is_member(session, actor, meeting)


def papers_of(session: Session, meeting: Meeting) -> list[Paper]:
    return list(session.scalars(select(Paper).where(Paper.meeting_id == meeting.id, Paper.deleted_at.is_(None))
                                .options(selectinload(Paper.versions))
                                .order_by(Paper.agenda_item_id.is_(None), Paper.id)))


def public_titles(session: Session, meeting_ids: list[int]) -> dict[int, list[str]]:
    """The public papers' titles of many meetings in one query (for feeds)."""
    found: dict[int, list[str]] = {i: [] for i in meeting_ids}
    rows = session.execute(select(Paper.meeting_id, Paper.title).where(
        Paper.meeting_id.in_(meeting_ids), Paper.public.is_(True), Paper.deleted_at.is_(None)).order_by(Paper.id))
    for meeting_id, title in rows:
        found[meeting_id].append(title)
    return found


def readable_papers(session: Session, actor: Actor, meeting: Meeting) -> list[Paper]:
    """`can_read` for every paper of the meeting, with the meeting's visibility and membership looked up once."""
    found = papers_of(session, meeting)
    public_ok = service.visible_to(session, actor, meeting)
    confidential_ok = actor.can(Permission.EDIT_MEETINGS) or service.is_member(session, actor, meeting)
    return [p for p in found if (public_ok if p.public else confidential_ok)]


def get_paper(session: Session, *, actor: Actor, meeting_id: int, paper_id: int) -> Paper:
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    paper = session.get(Paper, paper_id)
    if paper is None or paper.meeting_id != meeting.id or paper.deleted_at is not None:
        raise NotFound(f"No paper {paper_id} for meeting {meeting_id}.")
    if not can_read(session, actor, meeting, paper):
        if not actor.is_authenticated:
            raise NotFound(f"No paper {paper_id} for meeting {meeting_id}.")
        raise Forbidden("This paper is confidential to the body's members.")
    return paper


def current(paper: Paper) -> PaperVersion | None:
    return paper.versions[-1] if paper.versions else None
