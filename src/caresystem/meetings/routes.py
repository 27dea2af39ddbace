"""API: /api/v1/meetings (schedule, attendance, agenda, minutes, decisions, actions, papers, declarations, packs)
and each body's terms of reference and scheme of delegation."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, File, Form, UploadFile

from caresystem.auth import Permission
from caresystem.meetings import agenda, declarations, delegation, minutes, pack, papers, reads, service
from caresystem.meetings.schemas import (ActionCreate, ActionRead, Amendment, AttendanceUpdate, DecisionCreate,
                                         DecisionRead, DeclarationCreate, DeclarationRead, DelegationRead,
                                         GuestCreate, ItemCreate, ItemDecision, ItemRead, MeetingCancel,
                                         MeetingCreate, MeetingDetail, MeetingMove, MeetingRead, MemberLink, MinuteUpdate,
                                         PaperFields, PaperRead, PaperUpdate, ScheduleRequest, TermsRead, TermsUpdate)
from caresystem.programme.raid import ACTIONS
from caresystem.programme.registers import is_overdue
from caresystem.web.deps import ApiActor, SessionDep, api_permission_first
from caresystem.meetings.reads import paper_file

router = APIRouter(tags=["meetings"])


@router.get("/governance-bodies/{key}/terms-of-reference", response_model=TermsRead)
def get_terms(key: str, session: SessionDep, actor: ApiActor):
    service.body_of(session, key, actor=actor)
    return reads.terms_read(session, key)


@router.put("/governance-bodies/{key}/terms-of-reference", response_model=TermsRead)
def put_terms(key: str, data: TermsUpdate, session: SessionDep, actor: ApiActor):
    service.update_terms(session, actor=actor, body_key=key, data=data)
    return reads.terms_read(session, key)


@router.get("/governance-bodies/{key}/scheme-of-delegation", response_model=list[DelegationRead],
            summary="The functions a body may decide, as at a date (all dates when none is given)")
def get_scheme(key: str, session: SessionDep, actor: ApiActor, as_at: date | None = None):
    service.body_of(session, key, actor=actor)
    names = delegation.function_names(session)
    return [DelegationRead(function=d.function_key, function_name=names.get(d.function_key, d.function_key),
                           kind=d.kind, limit_amount=d.limit_amount, valid_from=d.valid_from, valid_to=d.valid_to,
                           notes=d.notes, source=f"{d.source_document} s{d.source_section}" if d.source_document
                           else None) for d in delegation.scheme(session, body_key=key, on=as_at)]


@router.put("/meetings/member-accounts/{username}", summary="Say which person a user account is, so the member "
            "reads the confidential papers of the bodies they sit on")
def link_member(username: str, data: MemberLink, session: SessionDep, actor: ApiActor):
    link = service.link_account(session, actor=actor, username=username, person_key=data.person)
    return {"username": link.username, "person": link.person_key}


@router.get("/meetings", response_model=list[MeetingRead])
def list_meetings(session: SessionDep, actor: ApiActor, body: str | None = None, person: str | None = None,
                  since: date | None = None, until: date | None = None):
    return reads.meetings_read(session, service.list_meetings(
        session, actor=actor, body_key=body, person_key=person, since=since, until=until))


@router.post("/meetings/schedule", response_model=list[MeetingRead], status_code=201,
             summary="Meetings of a body for a period, at the frequency of its terms of reference")
def schedule(data: ScheduleRequest, session: SessionDep, actor: ApiActor):
    made = service.schedule(session, actor=actor, body_key=data.body, first=data.first, until=data.until)
    return reads.meetings_read(session, made)


@router.post("/meetings", response_model=MeetingDetail, status_code=201)
def create_meeting(data: MeetingCreate, session: SessionDep, actor: ApiActor):
    return reads.meeting_detail(session, service.create_meeting(session, actor=actor, data=data))


@router.get("/meetings/{meeting_id}", response_model=MeetingDetail)
def get_meeting(meeting_id: int, session: SessionDep, actor: ApiActor):
    return reads.meeting_detail(session, service.get_meeting(session, meeting_id, actor=actor))


@router.post("/meetings/{meeting_id}/move", response_model=MeetingDetail,
             dependencies=[api_permission_first(Permission.EDIT_MEETINGS)])
def move(meeting_id: int, data: MeetingMove, session: SessionDep, actor: ApiActor):
    return reads.meeting_detail(session, service.move_meeting(session, actor=actor, meeting_id=meeting_id, data=data))


@router.post("/meetings/{meeting_id}/cancel", response_model=MeetingDetail)
def cancel(meeting_id: int, data: MeetingCancel, session: SessionDep, actor: ApiActor):
    return reads.meeting_detail(session, service.cancel_meeting(session, actor=actor, meeting_id=meeting_id,
                                                                data=data))


@router.put("/meetings/{meeting_id}/attendance", response_model=MeetingDetail)
def attendance(meeting_id: int, data: AttendanceUpdate, session: SessionDep, actor: ApiActor):
    return reads.meeting_detail(session, service.set_attendance(session, actor=actor, meeting_id=meeting_id,
                                                                statuses=data.statuses))


@router.post("/meetings/{meeting_id}/guests", response_model=MeetingDetail, status_code=201)
def guest(meeting_id: int, data: GuestCreate, session: SessionDep, actor: ApiActor):
    service.add_guest(session, actor=actor, meeting_id=meeting_id, name=data.name)
    return reads.meeting_detail(session, service.get_meeting(session, meeting_id, actor=actor))


@router.get("/meetings/{meeting_id}/agenda", response_model=list[ItemRead])
def get_agenda(meeting_id: int, session: SessionDep, actor: ApiActor):
    return reads.items_read(actor, service.get_meeting(session, meeting_id, actor=actor))


@router.post("/meetings/{meeting_id}/agenda/build", response_model=list[ItemRead],
             summary="Add the standing items and what each agenda rule finds since the body's last meeting")
def build_agenda(meeting_id: int, session: SessionDep, actor: ApiActor):
    agenda.build(session, actor=actor, meeting_id=meeting_id)
    return reads.items_read(actor, service.get_meeting(session, meeting_id, actor=actor))


@router.post("/meetings/{meeting_id}/agenda/items", response_model=ItemRead, status_code=201)
def add_item(meeting_id: int, data: ItemCreate, session: SessionDep, actor: ApiActor):
    item = agenda.add_item(session, actor=actor, meeting_id=meeting_id, data=data)
    return reads.item_read(item, agenda.number_of(item.meeting.items), True)


@router.post("/meetings/{meeting_id}/agenda/items/{item_id}/decision", response_model=ItemRead,
             summary="Accept a proposed item onto the agenda, or remove it with a reason")
def decide_item(meeting_id: int, item_id: int, data: ItemDecision, session: SessionDep, actor: ApiActor):
    item = agenda.decide(session, actor=actor, meeting_id=meeting_id, item_id=item_id, version=data.version,
                         accept=data.accept, reason=data.reason)
    return reads.item_read(item, agenda.number_of(item.meeting.items), True)


@router.put("/meetings/{meeting_id}/agenda/items/{item_id}/minute", response_model=ItemRead)
def put_minute(meeting_id: int, item_id: int, data: MinuteUpdate, session: SessionDep, actor: ApiActor):
    item = minutes.write_minute(session, actor=actor, meeting_id=meeting_id, item_id=item_id, version=data.version,
                                discussion=data.discussion)
    return reads.item_read(item, agenda.number_of(item.meeting.items), True)


@router.post("/meetings/{meeting_id}/agenda/items/{item_id}/amendments", status_code=201)
def amend(meeting_id: int, item_id: int, data: Amendment, session: SessionDep, actor: ApiActor):
    made = minutes.amend(session, actor=actor, meeting_id=meeting_id, item_id=item_id, discussion=data.discussion,
                         reason=data.reason)
    return {"id": made.id, "old_text": made.old_text, "new_text": made.new_text, "reason": made.reason,
            "made_by": made.made_by}


@router.post("/meetings/{meeting_id}/minutes/approve", response_model=MeetingDetail,
             summary="Approve the minutes at a later meeting of the body; they are locked from then on")
def approve(meeting_id: int, at_meeting: int, version: int, session: SessionDep, actor: ApiActor):
    return reads.meeting_detail(session, minutes.approve(session, actor=actor, meeting_id=meeting_id,
                                                         at_meeting_id=at_meeting, version=version))


@router.post("/meetings/{meeting_id}/agenda/items/{item_id}/decisions", response_model=DecisionRead,
             status_code=201)
def add_decision(meeting_id: int, item_id: int, data: DecisionCreate, session: SessionDep, actor: ApiActor):
    minutes.record_decision(session, actor=actor, meeting_id=meeting_id, item_id=item_id, data=data)
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    return reads.decisions_read(session, actor, meeting)[-1]


@router.get("/meetings/{meeting_id}/decisions", response_model=list[DecisionRead])
def get_decisions(meeting_id: int, session: SessionDep, actor: ApiActor):
    return reads.decisions_read(session, actor, service.get_meeting(session, meeting_id, actor=actor))


@router.post("/meetings/{meeting_id}/agenda/items/{item_id}/actions", response_model=ActionRead, status_code=201)
def add_action(meeting_id: int, item_id: int, data: ActionCreate, session: SessionDep, actor: ApiActor):
    a = minutes.record_action(session, actor=actor, meeting_id=meeting_id, item_id=item_id, data=data)
    return ActionRead(reference=a.reference, title=a.title, owner=a.owner, owner_person=a.owner_person,
                      due_date=a.due_date, status=a.status,
                      overdue=is_overdue(ACTIONS, a))


@router.get("/meetings/{meeting_id}/papers", response_model=list[PaperRead])
def list_papers(meeting_id: int, session: SessionDep, actor: ApiActor):
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    return [reads.paper_read(p) for p in papers.readable_papers(session, actor, meeting)]


@router.post("/meetings/{meeting_id}/papers", response_model=PaperRead, status_code=201)
async def upload_paper(meeting_id: int, session: SessionDep, actor: ApiActor,
                       file: Annotated[UploadFile, File()],
                       title: Annotated[str, Form()], public: Annotated[bool, Form()] = False,
                       item_id: Annotated[int | None, Form()] = None, author: Annotated[str | None, Form()] = None,
                       purpose: Annotated[str, Form()] = "information",
                       recommendation: Annotated[str | None, Form()] = None,
                       linked_risks: Annotated[str | None, Form(description="comma-separated references")] = None):
    content = await file.read(papers.MAX_BYTES + 1)
    data = PaperFields(title=title, item_id=item_id, public=public, author=author, purpose=purpose,
                       recommendation=recommendation,
                       linked_risks=[r.strip() for r in (linked_risks or "").split(",") if r.strip()])
    paper = papers.add_paper(session, actor=actor, meeting_id=meeting_id, data=data,
                             filename=file.filename or "paper", content=content)
    return reads.paper_read(paper)


@router.put("/meetings/{meeting_id}/papers/{paper_id}", response_model=PaperRead,
            summary="Change a paper's cover sheet or whether it is public")
def update_paper(meeting_id: int, paper_id: int, data: PaperUpdate, session: SessionDep, actor: ApiActor):
    return reads.paper_read(papers.update_cover_sheet(session, actor=actor, meeting_id=meeting_id, paper_id=paper_id,
                                                      version=data.version,
                                                      data=PaperFields(**data.model_dump(exclude={"version"}))))


@router.post("/meetings/{meeting_id}/papers/{paper_id}/versions", response_model=PaperRead, status_code=201)
async def upload_version(meeting_id: int, paper_id: int, session: SessionDep, actor: ApiActor,
                         file: Annotated[UploadFile, File()]):
    content = await file.read(papers.MAX_BYTES + 1)
    papers.new_version(session, actor=actor, meeting_id=meeting_id, paper_id=paper_id,
                       filename=file.filename or "paper", content=content)
    return reads.paper_read(papers.get_paper(session, actor=actor, meeting_id=meeting_id, paper_id=paper_id))


@router.get("/meetings/{meeting_id}/papers/{paper_id}/file", summary="The paper's current file")
def get_paper_file(meeting_id: int, paper_id: int, session: SessionDep, actor: ApiActor):
    return paper_file(session, actor, meeting_id, paper_id)


@router.post("/meetings/{meeting_id}/declarations", response_model=DeclarationRead, status_code=201)
def declare(meeting_id: int, data: DeclarationCreate, session: SessionDep, actor: ApiActor):
    d = declarations.declare(session, actor=actor, meeting_id=meeting_id, data=data)
    return declaration_read(service.get_meeting(session, meeting_id, actor=actor), d)


def declaration_read(meeting, d) -> DeclarationRead:
    item = next((i for i in meeting.items if i.id == d.agenda_item_id), None)
    return DeclarationRead(id=d.id, person_name=d.person_name, person_key=d.person_key, item_id=d.agenda_item_id,
                           item_title=item.title if item else None, interest=d.interest,
                           interest_reference=d.interest_reference, action_taken=d.action_taken)


@router.get("/meetings/{meeting_id}/declarations", response_model=list[DeclarationRead])
def list_declarations(meeting_id: int, session: SessionDep, actor: ApiActor):
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    return [declaration_read(meeting, d) for d in declarations.published_declarations(session, actor, meeting)]


@router.post("/meetings/{meeting_id}/pack", status_code=201, summary="Build the meeting's public and members' packs")
def build_pack(meeting_id: int, session: SessionDep, actor: ApiActor):
    return [{"audience": p.audience, "pages": p.pages, "bytes": len(p.content)}
            for p in pack.build(session, actor=actor, meeting_id=meeting_id)]
