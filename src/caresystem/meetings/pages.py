"""Pages: the meetings calendar, a meeting (attendance and quorum, agenda, papers, minutes, decisions, actions,
declarations, pack), scheduling, terms of reference and the scheme of delegation. Anonymous visitors see the
meetings of bodies that meet in public: the accepted agenda, public papers, approved minutes and decisions."""

from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from caresystem.auth import Permission
from caresystem.errors import Invalid, NotFound
from caresystem.meetings import agenda, cadence, declarations, delegation, minutes, pack, papers, reads, service
from caresystem.meetings.quorum import ATTENDANCE_STATUSES
from caresystem.meetings.reads import paper_file
from caresystem.meetings.schemas import (DECLARATION_ACTIONS, PURPOSES, ActionCreate, DecisionCreate,
                                         DeclarationCreate, GuestCreate, ItemCreate, MeetingCancel, MeetingMove, PaperFields,
                                         TermsUpdate)
from caresystem.programme.core import get_programme, programmes
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, error_messages, form_post, form_values, parse, save_or_show_again
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
SECRETARY_FORM = form_post(Permission.EDIT_MEETINGS)  # every form here is the board secretary's


@router.get("/meetings")
def calendar(request: Request, session: SessionDep, actor: PageActor, body: str | None = None):
    bodies = service.bodies_by_key(session)
    found = service.list_meetings(session, actor=actor, body_key=body or None)
    return render(request, "meetings/calendar.html", {
        "title": "Meetings", "meetings": reads.meetings_read(session, found), "body": body,
        "bodies": sorted(bodies.values(), key=lambda b: b.name), "can_edit": actor.can(Permission.EDIT_MEETINGS)})


def _schedule_form(request, session, values, errors, status_code=200):
    bodies = sorted(service.bodies_by_key(session).values(), key=lambda b: b.name)
    return render(request, "meetings/schedule.html", {"title": "Schedule meetings", "values": values,
                                                      "errors": errors, "bodies": bodies}, status_code=status_code)


@router.get("/meetings/schedule")
def schedule_form(request: Request, session: SessionDep, actor: PageActor):
    service.require_edit(actor)
    return _schedule_form(request, session, {}, {})


@router.post("/meetings/schedule", dependencies=SECRETARY_FORM)
async def schedule(request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    try:
        data = clean(values)
        errors = {}
        for name in ("body", "first", "until"):
            if not data.get(name):
                errors[name] = f"{name.capitalize()} is required"
        if errors:
            return _schedule_form(request, session, values, errors, 422)
        made = service.schedule(session, actor=actor, body_key=data["body"], first=date.fromisoformat(data["first"]),
                                until=date.fromisoformat(data["until"]))
    except ValueError:
        return _schedule_form(request, session, values, {"first": "Dates must be like 2027-01-31"}, 422)
    except Invalid as exc:
        session.rollback()
        return _schedule_form(request, session, values, error_messages(exc, {"body": "Body", "until": "Until"}), 422)
    target = f"/meetings/{made[0].id}" if made else f"/meetings?body={data['body']}"
    return RedirectResponse(target, status_code=303)


def _meeting_page(request, session, actor, meeting_id: int, errors: dict | None = None, status_code: int = 200,
                  flash: str | None = None):
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    can_edit = actor.can(Permission.EDIT_MEETINGS)
    numbers = agenda.number_of(meeting.items)
    decisions = minutes.decisions_of(session, meeting) if reads.shows_minutes(actor, meeting) else []
    return render(request, "meetings/meeting.html", {
        "title": f"{meeting.title}, {service.local_start(meeting):%-d %B %Y}", "meeting": meeting,
        "read": reads.meeting_detail(session, meeting), "body": service.body_of(session, meeting.body_key),
        "items": reads.visible_items(actor, meeting), "numbers": numbers,
        "show_minutes": reads.shows_minutes(actor, meeting), "decisions": decisions,
        "actions": minutes.actions_of(session, meeting) if reads.shows_minutes(actor, meeting) else [],
        "open_actions": agenda.open_actions(session, meeting.body_key) if can_edit else [],
        "papers": [(p, papers.current(p)) for p in papers.readable_papers(session, actor, meeting)],
        "declarations": declarations.published_declarations(session, actor, meeting),
        "registered": declarations.register_of_seats(session, meeting) if actor.can(Permission.VIEW_INTERNAL) else {},
        "amendments": minutes.amendments(session, meeting.id), "later": service.next_meeting(session, meeting),
        "pack": pack.readable_pack(session, actor=actor, meeting_id=meeting.id),
        "statuses": ATTENDANCE_STATUSES, "purposes": PURPOSES, "delegation_labels": delegation.LABELS,
        "declaration_actions": DECLARATION_ACTIONS, "can_edit": can_edit, "errors": errors or {}, "flash": flash,
        "local_start": service.local_start(meeting), "functions": list(delegation.function_names(session).items()),
        **(_programme_choice(session) if can_edit else {})}, status_code=status_code)


def _programme_choice(session) -> dict:
    """Whose decisions and actions logs a minuted decision or action may go to; the default is preselected."""
    found = programmes(session)
    return {"programmes": found, "programme_key": get_programme(session).key if found else None}


@router.get("/meetings/{meeting_id}")
def meeting_page(meeting_id: int, request: Request, session: SessionDep, actor: PageActor, done: str | None = None):
    return _meeting_page(request, session, actor, meeting_id, flash="Saved." if done else None)


async def _act(request: Request, session, actor, meeting_id: int, action, anchor: str = "") -> Response:
    """Run one service call from a form on the meeting page; refused, show the page again with the errors."""
    values = clean(await form_values(request))
    return _save_or_show_meeting(request, session, actor, meeting_id, lambda: action(values), anchor)


def _save_or_show_meeting(request, session, actor, meeting_id: int, save, anchor: str) -> Response:
    return save_or_show_again(
        session, save, lambda errors, status: _meeting_page(request, session, actor, meeting_id, errors, status),
        {}, lambda _: f"/meetings/{meeting_id}?done=1{anchor}")


def _int(values: dict, name: str) -> int:
    try:
        return int(values.get(name, ""))
    except ValueError:
        raise Invalid.one(name, "must be a whole number") from None


@router.post("/meetings/{meeting_id}/build-agenda", dependencies=SECRETARY_FORM)
async def build_agenda(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id,
                      lambda v: agenda.build(session, actor=actor, meeting_id=meeting_id), "#agenda")


@router.post("/meetings/{meeting_id}/items", dependencies=SECRETARY_FORM)
async def add_item(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: agenda.add_item(
        session, actor=actor, meeting_id=meeting_id, data=parse(ItemCreate, v)), "#agenda")


@router.post("/meetings/{meeting_id}/items/{item_id}/decide", dependencies=SECRETARY_FORM)
async def decide_item(meeting_id: int, item_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: agenda.decide(
        session, actor=actor, meeting_id=meeting_id, item_id=item_id, version=_int(v, "version"),
        accept=v.get("accept") == "true", reason=v.get("reason")), "#agenda")


@router.post("/meetings/{meeting_id}/items/{item_id}/minute", dependencies=SECRETARY_FORM)
async def minute(meeting_id: int, item_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: minutes.write_minute(
        session, actor=actor, meeting_id=meeting_id, item_id=item_id, version=_int(v, "version"),
        discussion=v.get("discussion")), "#minutes")


@router.post("/meetings/{meeting_id}/items/{item_id}/amend", dependencies=SECRETARY_FORM)
async def amend(meeting_id: int, item_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: minutes.amend(
        session, actor=actor, meeting_id=meeting_id, item_id=item_id, discussion=v.get("discussion"),
        reason=v.get("reason") or ""), "#minutes")


@router.post("/meetings/{meeting_id}/items/{item_id}/decisions", dependencies=SECRETARY_FORM)
async def decision(meeting_id: int, item_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: minutes.record_decision(
        session, actor=actor, meeting_id=meeting_id, item_id=item_id, data=parse(DecisionCreate, v)), "#decisions")


@router.post("/meetings/{meeting_id}/items/{item_id}/actions", dependencies=SECRETARY_FORM)
async def action(meeting_id: int, item_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: minutes.record_action(
        session, actor=actor, meeting_id=meeting_id, item_id=item_id, data=parse(ActionCreate, v)), "#actions")


@router.post("/meetings/{meeting_id}/approve", dependencies=SECRETARY_FORM)
async def approve(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: minutes.approve(
        session, actor=actor, meeting_id=meeting_id, at_meeting_id=_int(v, "at_meeting"),
        version=_int(v, "version")), "#minutes")


@router.post("/meetings/{meeting_id}/attendance", dependencies=SECRETARY_FORM)
async def attendance(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    def save(values):
        statuses = {int(k.removeprefix("seat-")): v for k, v in values.items() if k.startswith("seat-")}
        service.set_attendance(session, actor=actor, meeting_id=meeting_id, statuses=statuses)
    return await _act(request, session, actor, meeting_id, save, "#attendance")


@router.post("/meetings/{meeting_id}/move", dependencies=SECRETARY_FORM)
async def move(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: service.move_meeting(
        session, actor=actor, meeting_id=meeting_id, data=parse(MeetingMove, v)))


@router.post("/meetings/{meeting_id}/cancel", dependencies=SECRETARY_FORM)
async def cancel(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: service.cancel_meeting(
        session, actor=actor, meeting_id=meeting_id, data=parse(MeetingCancel, v)))


@router.post("/meetings/{meeting_id}/declarations", dependencies=SECRETARY_FORM)
async def declare(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: declarations.declare(
        session, actor=actor, meeting_id=meeting_id, data=parse(DeclarationCreate, v)), "#declarations")


@router.post("/meetings/{meeting_id}/pack", dependencies=SECRETARY_FORM)
async def build_pack(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id,
                      lambda v: pack.build(session, actor=actor, meeting_id=meeting_id), "#pack")


@router.post("/meetings/{meeting_id}/papers", dependencies=SECRETARY_FORM)
async def upload_paper(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    async with request.form() as form:  # closes the spooled upload once read
        upload = form.get("file")
        values = {k: v for k, v in form.items() if isinstance(v, str) and k != "csrf_token"}
        filename = getattr(upload, "filename", None) or "paper"
        content = None if upload is None or isinstance(upload, str) else upload.file.read(papers.MAX_BYTES + 1)

    def save(_):
        if content is None:
            raise Invalid.one("file", "choose a file to upload")
        fields = clean(values, booleans=("public",))
        fields["linked_risks"] = [r.strip() for r in (fields.get("linked_risks") or "").split(",") if r.strip()]
        papers.add_paper(session, actor=actor, meeting_id=meeting_id, data=parse(PaperFields, fields),
                         filename=filename, content=content)
    return await _act_values(request, session, actor, meeting_id, save, "#papers")


@router.post("/meetings/{meeting_id}/papers/{paper_id}", dependencies=SECRETARY_FORM)
async def update_paper(meeting_id: int, paper_id: int, request: Request, session: SessionDep, actor: PageActor):
    """The paper's cover sheet and whether it is public (the file changes only by a new version)."""
    def save(values):
        fields = {k: v for k, v in values.items() if k != "version"} | {"public": values.get("public") == "true"}
        fields["linked_risks"] = [r.strip() for r in (fields.get("linked_risks") or "").split(",") if r.strip()]
        papers.update_cover_sheet(session, actor=actor, meeting_id=meeting_id, paper_id=paper_id,
                                  version=_int(values, "version"), data=parse(PaperFields, fields))
    return await _act(request, session, actor, meeting_id, save, "#papers")


@router.post("/meetings/{meeting_id}/papers/{paper_id}/versions", dependencies=SECRETARY_FORM)
async def upload_version(meeting_id: int, paper_id: int, request: Request, session: SessionDep, actor: PageActor):
    async with request.form() as form:  # closes the spooled upload once read
        upload = form.get("file")
        filename = getattr(upload, "filename", None) or "paper"
        content = None if upload is None or isinstance(upload, str) else upload.file.read(papers.MAX_BYTES + 1)

    def save(_):
        if content is None:
            raise Invalid.one("file", "choose a file to upload")
        papers.new_version(session, actor=actor, meeting_id=meeting_id, paper_id=paper_id, filename=filename,
                           content=content)
    return await _act_values(request, session, actor, meeting_id, save, "#papers")


@router.post("/meetings/{meeting_id}/guests", dependencies=SECRETARY_FORM)
async def add_guest(meeting_id: int, request: Request, session: SessionDep, actor: PageActor):
    return await _act(request, session, actor, meeting_id, lambda v: service.add_guest(
        session, actor=actor, meeting_id=meeting_id, name=parse(GuestCreate, {"name": v.get("name")}).name),
        "#attendance")


async def _act_values(request, session, actor, meeting_id, action, anchor):
    return _save_or_show_meeting(request, session, actor, meeting_id, lambda: action(None), anchor)


@router.get("/meetings/{meeting_id}/papers/{paper_id}/file")
def paper_download(meeting_id: int, paper_id: int, session: SessionDep, actor: PageActor):
    return paper_file(session, actor, meeting_id, paper_id)


@router.get("/meetings/{meeting_id}/pack.pdf")
def pack_pdf(meeting_id: int, session: SessionDep, actor: PageActor):
    built = pack.readable_pack(session, actor=actor, meeting_id=meeting_id)
    if built is None:
        raise NotFound("No pack has been built for this meeting yet.")
    return Response(built.content, media_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="meeting-{meeting_id}-pack.pdf"'})


@router.get("/meetings/{meeting_id}/pack.html")
def pack_html(meeting_id: int, session: SessionDep, actor: PageActor):
    meeting = service.get_meeting(session, meeting_id, actor=actor)
    content = pack.content(session, meeting, pack.audience_for(session, actor, meeting))
    return Response(pack.html(content, for_print=False), media_type="text/html")


def _terms_page(request, session, actor, key, values=None, errors=None, status_code=200):
    body = service.body_of(session, key, actor=actor)
    terms = reads.terms_read(session, key)
    return render(request, "meetings/terms.html", {
        "title": f"Terms of reference: {body.name}", "body": body, "terms": terms,
        "values": values or terms.model_dump(), "errors": errors or {}, "frequencies": cadence.FREQUENCIES,
        "can_edit": actor.can(Permission.EDIT_MEETINGS),
        "scheme": delegation.scheme(session, body_key=key), "function_names": delegation.function_names(session)}, status_code=status_code)


@router.get("/governance/{key}/terms-of-reference")
def terms(key: str, request: Request, session: SessionDep, actor: PageActor):
    return _terms_page(request, session, actor, key)


@router.post("/governance/{key}/terms-of-reference", dependencies=SECRETARY_FORM)
async def update_terms(key: str, request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    data = clean(values, booleans=("quorum_chair_or_vice",))
    data["quorum_roles"] = [r.strip() for r in (data.get("quorum_roles") or "").split(",") if r.strip()]
    if data.get("quorum_share") is not None:
        try:
            data["quorum_share"] = float(data["quorum_share"]) / 100
        except ValueError:
            data["quorum_share"] = "not a number"
    return save_or_show_again(
        session, lambda: service.update_terms(session, actor=actor, body_key=key, data=parse(TermsUpdate, data)),
        lambda errors, status: _terms_page(request, session, actor, key, values, errors, status),
        {}, lambda _: f"/governance/{key}/terms-of-reference")


@router.get("/governance/{key}/scheme-of-delegation")
def scheme_page(key: str, request: Request, session: SessionDep, actor: PageActor):
    body = service.body_of(session, key, actor=actor)
    return render(request, "meetings/scheme.html", {
        "title": f"Scheme of delegation: {body.name}", "body": body, "scheme": delegation.scheme(session, body_key=key),
        "function_names": delegation.function_names(session)})
