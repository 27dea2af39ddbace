"""The meeting pack: one PDF (cover, agenda with page numbers, each cover sheet followed by its paper, the
escalated-risk report, the off-track benefits and the action log) and the same as HTML.

Rendered here rather than in a `reports` part: the pack is made of the meeting's own records, and no other report
shares its pieces yet (docs/adr/0009-meetings-part.md). WeasyPrint renders the pages caresystem writes; pypdf merges the PDF papers.
"""

import io
from datetime import timedelta
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject
from sqlalchemy import select
from sqlalchemy.orm import Session
from weasyprint import HTML

from caresystem.auth import SYSTEM, Actor, Permission
from caresystem.db.base import utcnow
from caresystem.meetings import agenda, papers, service
from caresystem.meetings.models import Meeting, MeetingPack, Paper
from caresystem.meetings.schemas import PURPOSES
from caresystem.programme import benefits, raid
from caresystem.programme.core import Programme
from caresystem.programme.highlight import highlight_rollup
from caresystem.programme.plan import Project

TEMPLATES = Path(__file__).parent / "templates" / "meetings" / "pack"
_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True))
_env.filters["nicedate"] = lambda d: d.strftime("%-d %B %Y") if d else "Not set"


@dataclass
class Section:
    number: str
    item: object
    papers: list[Paper] = field(default_factory=list)
    page: int | None = None


@dataclass
class PackContent:
    meeting: Meeting
    body: object
    audience: str
    local_start: object
    sections: list[Section]
    risks: list
    benefits: list
    actions: list
    highlights: list = field(default_factory=list)   # the highlight roll-ups this body receives
    purposes: dict = field(default_factory=lambda: PURPOSES)
    report_page: int | None = None


def content(session: Session, meeting: Meeting, audience: str) -> PackContent:
    """What goes in: accepted items with their papers (public papers only in the public pack), and the reports."""
    all_papers = papers.papers_of(session, meeting)
    if audience == "public":
        all_papers = [p for p in all_papers if p.public]
    sections = [Section(number, item, [p for p in all_papers if p.agenda_item_id == item.id])
                for number, item in agenda.numbered(meeting.items)]
    members = audience == "members"
    held_on = service.meeting_date(meeting)  # a body receives escalations only while it is in force
    risks = (raid.escalations_for(session, actor=SYSTEM, body_key=meeting.body_key, limit=500, as_at=held_on)[0]
             if members else [])
    off_track = (benefits.escalations_for(session, actor=SYSTEM, body_key=meeting.body_key, as_at=held_on)
                 if members else [])
    actions = agenda.open_actions(session, meeting.body_key) if members else []
    highlights = highlight_rollups(session, meeting) if members else []
    return PackContent(meeting, service.body_of(session, meeting.body_key), audience, service.local_start(meeting),
                       sections, risks, off_track, actions, highlights)


def highlight_rollups(session: Session, meeting: Meeting) -> list:
    """The programme board receives its projects' monthly highlight reports (PID 8.3): the board is the body that
    the projects' governing groups report to (PID 3.2); the roll-up is of the month before the meeting."""
    on = service.meeting_date(meeting)
    period = f"{on.replace(day=1) - timedelta(days=1):%Y-%m}"
    bodies = service.bodies_by_key(session)
    board = bodies[meeting.body_key]
    governed = session.execute(select(Programme.key, Project.governance_body)
                               .join(Project, Project.programme_id == Programme.id)
                               .where(Project.deleted_at.is_(None), Project.governance_body.is_not(None)))
    keys = sorted({key for key, body in governed if body in bodies and bodies[body].reports_to_id == board.id})
    return [highlight_rollup(session, programme_key=key, period=period) for key in keys]


def html(pack: PackContent, *, for_print: bool) -> str:
    return _env.get_template("pack.html").render(pack=pack, for_print=for_print, part="all")


def _document(pack: PackContent, part: str, **extra):
    markup = _env.get_template("pack.html").render(pack=pack, for_print=True, part=part, **extra)
    return HTML(string=markup).render()


def _sheet_pages(document, listed: list) -> dict[int, tuple[int, int]]:
    """Each paper's cover sheet in the one document of all sheets: (first page, page count), from the anchors."""
    starts: dict[int, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            if anchor.startswith("sheet-"):
                starts.setdefault(int(anchor.removeprefix("sheet-")), index)
    order = [starts[p.id] for _, p in listed] + [len(document.pages)]
    return {p.id: (order[i], order[i + 1] - order[i]) for i, (_, p) in enumerate(listed)}


def build_pdf(session: Session, meeting: Meeting, audience: str) -> tuple[bytes, int]:
    """Render the front, all cover sheets and the reports as three documents, number the agenda from the page
    counts, then merge them with the PDF papers."""
    pack = content(session, meeting, audience)
    listed = [(s, p) for s in pack.sections for p in s.papers]
    files = {p.id: papers.current(p) for _, p in listed}
    merged = {pid: v for pid, v in files.items() if v is not None and v.kind == "pdf"}
    sheets = _document(pack, "cover_sheets_print", listed=listed) if listed else None
    spans = _sheet_pages(sheets, listed) if sheets else {}
    front_pages = 2
    for _ in range(3):  # the agenda's own length decides where everything after it starts
        page = front_pages + 1
        for section in pack.sections:
            section.page = page if section.papers else None
            for paper in section.papers:
                page += spans[paper.id][1] + ((merged[paper.id].pages or 0) if paper.id in merged else 0)
        pack.report_page = page
        front = _document(pack, "front")
        if len(front.pages) == front_pages:
            break
        front_pages = len(front.pages)
    writer = PdfWriter()
    writer.append(io.BytesIO(front.write_pdf()))
    sheet_pdf = PdfReader(io.BytesIO(sheets.write_pdf())) if sheets else None
    for _, paper in listed:
        first, count = spans[paper.id]
        writer.append(sheet_pdf, pages=(first, first + count))
        if paper.id in merged:
            writer.append(io.BytesIO(merged[paper.id].content))
    if audience == "members":
        writer.append(io.BytesIO(_document(pack, "reports").write_pdf()))
    _number_pages(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)


def _number_pages(writer: PdfWriter) -> None:
    """"Page N of M" at the foot of every page, the merged papers' too, so the agenda's page numbers can be
    followed in print. Drawn straight into each page (a WeasyPrint overlay of every page costs seconds)."""
    # pypdf has no public way to add an indirect object; _add_object is what its own helpers use
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica")}))
    total = len(writer.pages)
    for number, page in enumerate(writer.pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        stamp = PageObject.create_blank_page(width=width, height=height)
        stamp[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject({
            NameObject("/F1"): font})})
        text = DecodedStreamObject()
        text.set_data(f"BT /F1 9 Tf 0.3 0.38 0.45 rg {width - 110:.1f} 18 Td (Page {number} of {total}) Tj ET"
                      .encode())
        stamp[NameObject("/Contents")] = writer._add_object(text)
        page.merge_page(stamp)


def build(session: Session, *, actor: Actor, meeting_id: int) -> list[MeetingPack]:
    """Build and keep both packs of a meeting: the public one and the members' one."""
    service.require_edit(actor)
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    built = []
    for audience in ("public", "members"):
        pdf, pages = build_pdf(session, meeting, audience)
        built.append(MeetingPack(meeting_id=meeting.id, audience=audience, pages=pages, content=pdf,
                                 built_by=actor.username, built_at=utcnow()))
    session.add_all(built)
    session.flush()
    return built


def latest(session: Session, meeting: Meeting, audience: str) -> MeetingPack | None:
    return session.scalar(select(MeetingPack).where(MeetingPack.meeting_id == meeting.id,
                                                    MeetingPack.audience == audience)
                          .order_by(MeetingPack.id.desc()).limit(1))


def audience_for(session: Session, actor: Actor, meeting: Meeting) -> str:
    """Members and secretaries read the members' pack; everyone else who may see the meeting, the public one."""
    members = actor.can(Permission.EDIT_MEETINGS) or service.is_member(session, actor, meeting)
    return "members" if members else "public"


def readable_pack(session: Session, *, actor: Actor, meeting_id: int) -> MeetingPack | None:
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    if audience_for(session, actor, meeting) == "members":
        return latest(session, meeting, "members") or latest(session, meeting, "public")
    return latest(session, meeting, "public")
