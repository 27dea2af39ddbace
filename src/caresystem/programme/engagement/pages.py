"""Pages under /programme/engagement: principles and audiences (with their form), stakeholders and their
influence/interest map, the communications plan (with the form of a tool), the coming and overdue occurrences with a
"mark done" form, and "You said, we did"."""

from fastapi import APIRouter, Request

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.errors import Conflict, Invalid
from caresystem.programme.engagement import communications_plan, service
from caresystem.programme.engagement.chart import stakeholder_map
from caresystem.programme.engagement.reads import (audience_read, communication_read, feedback_read, occurrence_read,
                                                   stakeholder_read)
from caresystem.programme.engagement.rules import FREQUENCIES, QUADRANTS
from caresystem.programme.engagement.models import Audience, Communication
from caresystem.programme.engagement.schemas import (CATEGORIES, FEEDBACK_STATUSES, AudienceCreate, AudienceUpdate,
                                                     CommunicationCreate, CommunicationUpdate, FeedbackCreate,
                                                     StakeholderUpdate)
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import (clean, cleaned_edit, form_post, form_values, parse, save_or_show_again,
                                  version_of)
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
BASE = "/programme/engagement"
ALL = 1000  # the plan, audiences and stakeholders are short lists, shown whole
FEEDBACK_LABELS = {"said_on": "Date", "audience_key": "Audience", "forum": "Forum", "you_said": "You said",
                   "we_did": "We did", "status": "Status", "published": "Published"}
RATING_LABELS = {"influence": "Influence", "interest": "Interest", "notes": "Notes"}
AUDIENCE_LABELS = {"key": "Key", "name": "Name", "includes": "Who it includes", "rationale": "Why we engage them",
                   "notes": "Notes"}
COMMUNICATION_LABELS = {"key": "Key", "tool": "Tool", "description": "Description", "category": "Category",
                        "frequency": "Frequency", "frequency_text": "Frequency in words",
                        "responsible": "Responsible", "audience_keys": "Audiences",
                        "audience_text": "Audience in words", "starts_on": "Start date", "ends_on": "End date",
                        "notes": "Notes"}
KEY_HINT = "Left empty, one is made from the name, like local-people"


def _common(programme, actor) -> dict:
    return {"programme": programme, "can_edit": actor.may(Permission.EDIT_PROGRAMME),
            "quadrants": QUADRANTS, "frequencies": FREQUENCIES, "categories": CATEGORIES,
            "feedback_statuses": FEEDBACK_STATUSES}


@router.get(BASE)
def overview(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    context = _common(programme, actor)
    return render(request, "engagement/overview.html", context | {
        "title": "Stakeholders and communications", "current": "",
        "principles": service.principles(session, actor=actor, programme=programme),
        "counts": communications_plan.occurrence_counts(session, actor=actor, programme=programme)})


@router.get(f"{BASE}/audiences")
def audiences(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    context = _common(programme, actor)
    found, total = service.list_audiences(session, actor=actor, programme=programme, limit=ALL)
    return render(request, "engagement/audiences.html", context | {
        "title": "Key audiences", "current": "audiences", "audiences": [audience_read(a) for a in found],
        "total": total})


@router.get(f"{BASE}/audiences/new")
def new_audience(request: Request, session: SessionDep, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return _audience_form(request, session, None, {})


@router.post(f"{BASE}/audiences/new", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def create_audience(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.create_audience(session, actor=actor, programme=programme,
                                                 data=parse(AudienceCreate, clean(values))),
        lambda errors, status: _audience_form(request, session, None, values, errors, status), AUDIENCE_LABELS,
        lambda audience: f"{BASE}/audiences#{audience.key}")


@router.get(f"{BASE}/audiences/{{key}}/edit")
def edit_audience(key: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_audience(session, actor=actor, programme=programme, key=key)
    return _audience_form(request, session, found, audience_read(found).model_dump())


@router.post(f"{BASE}/audiences/{{key}}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def update_audience(key: str, request: Request, session: SessionDep, actor: PageActor,
                          programme: PageProgramme):
    values = await form_values(request)
    found = service.get_audience(session, actor=actor, programme=programme, key=key)
    return save_or_show_again(
        session, lambda: service.update_audience(session, actor=actor, programme=programme, key=key, data=parse(
            AudienceUpdate, cleaned_edit(values, AudienceCreate, AudienceUpdate))),
        lambda errors, status: _audience_form(request, session, found, values, errors, status), AUDIENCE_LABELS,
        lambda _: f"{BASE}/audiences#{key}")


def _audience_form(request, session, audience, values, errors=None, status_code=200):
    return render(request, "engagement/audience_form.html", {
        "title": f"Edit audience {audience.name}" if audience else "Add an audience", "item": audience,
        "values": values, "errors": errors or {}, "key_hint": KEY_HINT,
        "history": history_of(session, Audience.__tablename__, audience.id) if audience else []},
        status_code=status_code)


@router.get(f"{BASE}/stakeholders")
def stakeholders(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
                 quadrant: str | None = None):
    context = _common(programme, actor)
    found, total = service.list_stakeholders(session, actor=actor, programme=programme,
                                             quadrant_key=quadrant or None, limit=ALL)
    return render(request, "engagement/stakeholders.html", context | {
        "title": "Stakeholders", "current": "stakeholders", "stakeholders": [stakeholder_read(s) for s in found],
        "total": total, "quadrant": quadrant or None})


@router.get(f"{BASE}/stakeholders/map")
def stakeholders_map(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    context = _common(programme, actor)
    found, _ = service.list_stakeholders(session, actor=actor, programme=programme, limit=ALL)
    return render(request, "engagement/map.html", context | {
        "title": "Influence and interest map", "current": "stakeholders/map", "chart": stakeholder_map(found),
        "stakeholders": [stakeholder_read(s) for s in found]})


@router.get(f"{BASE}/stakeholders/{{key}}/edit")
def edit_stakeholder(key: str, request: Request, session: SessionDep, actor: PageActor,
                     programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_stakeholder(session, actor=actor, programme=programme, key=key)
    return _rating_form(request, found, {"version": found.version, "influence": found.influence,
                                         "interest": found.interest, "notes": found.notes}, {})


@router.post(f"{BASE}/stakeholders/{{key}}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def update_stakeholder(key: str, request: Request, session: SessionDep, actor: PageActor,
                             programme: PageProgramme):
    values = await form_values(request)
    found = service.get_stakeholder(session, actor=actor, programme=programme, key=key)
    return save_or_show_again(
        session, lambda: service.update_stakeholder(
            session, actor=actor, programme=programme, key=key,
            data=parse(StakeholderUpdate, clean(values, keep_empty=("influence", "interest", "notes")))),
        lambda errors, status: _rating_form(request, found, values, errors, status),
        RATING_LABELS, lambda _: f"{BASE}/stakeholders#{key}")


def _rating_form(request, stakeholder, values, errors, status_code=200):
    return render(request, "engagement/rating_form.html", {
        "title": f"Rate {stakeholder.name}", "stakeholder": stakeholder, "values": values, "errors": errors,
        "ratings": [(str(r), f"{r}") for r in range(1, 6)]}, status_code=status_code)


@router.get(f"{BASE}/communications")
def communications(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    context = _common(programme, actor)
    found, total = communications_plan.list_communications(session, actor=actor, programme=programme, limit=ALL)
    return render(request, "engagement/communications.html", context | {
        "title": "Communications plan", "current": "communications",
        "communications": [communication_read(c) for c in found], "total": total,
        "audience_names": service.audience_names(session, programme)})


@router.get(f"{BASE}/communications/new")
def new_communication(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return _communication_form(request, session, programme, None, {"frequency": "tbc", "audience_keys": []})


@router.post(f"{BASE}/communications/new", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def create_communication(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    values = await form_values(request, ("audience_keys",))
    return save_or_show_again(
        session, lambda: communications_plan.create_communication(session, actor=actor, programme=programme,
                                                   data=parse(CommunicationCreate, clean(values))),
        lambda errors, status: _communication_form(request, session, programme, None, values, errors, status),
        COMMUNICATION_LABELS, lambda communication: f"{BASE}/communications#{communication.key}")


@router.get(f"{BASE}/communications/{{key}}/edit")
def edit_communication(key: str, request: Request, session: SessionDep, actor: PageActor,
                       programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = communications_plan.get_communication(session, actor=actor, programme=programme, key=key)
    return _communication_form(request, session, programme, found, communication_read(found).model_dump())


@router.post(f"{BASE}/communications/{{key}}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def update_communication(key: str, request: Request, session: SessionDep, actor: PageActor,
                               programme: PageProgramme):
    values = await form_values(request, ("audience_keys",))
    found = communications_plan.get_communication(session, actor=actor, programme=programme, key=key)
    return save_or_show_again(
        session, lambda: communications_plan.update_communication(session, actor=actor, programme=programme, key=key, data=parse(
            CommunicationUpdate, cleaned_edit(values, CommunicationCreate, CommunicationUpdate))),
        lambda errors, status: _communication_form(request, session, programme, found, values, errors, status),
        COMMUNICATION_LABELS, lambda _: f"{BASE}/communications#{key}")


def _communication_form(request, session, programme, communication, values, errors=None, status_code=200):
    return render(request, "engagement/communication_form.html", {
        "title": f"Edit communication {communication.key}" if communication else "Add a communication tool",
        "item": communication, "values": values, "errors": errors or {}, "key_hint": KEY_HINT,
        "categories": CATEGORIES, "frequencies": FREQUENCIES,
        "audiences": list(service.audience_names(session, programme).items()),
        "history": history_of(session, Communication.__tablename__, communication.id) if communication else []},
        status_code=status_code)


@router.get(f"{BASE}/occurrences")
def occurrences(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
                saved: str | None = None):
    return _occurrences_page(request, session, actor, programme, flash="Marked done." if saved else None)


def _occurrences_page(request, session, actor, programme, errors: dict | None = None,
                      flash: str | None = None, status_code: int = 200):
    context = _common(programme, actor)
    found, total = communications_plan.coming_and_overdue(session, actor=actor, programme=programme)
    items = [occurrence_read(o) for o in found]
    return render(request, "engagement/occurrences.html", context | {
        "title": "Coming and overdue communications", "current": "occurrences", "items": items, "total": total,
        "overdue": [o for o in items if o.overdue], "not_recorded": [o for o in items if o.not_recorded],
        "coming": [o for o in items if not o.overdue and not o.not_recorded],
        "days": communications_plan.UPCOMING_DAYS, "errors": errors or {}, "flash": flash}, status_code=status_code)


@router.post(f"{BASE}/occurrences/{{occurrence_id}}/done", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def mark_done(occurrence_id: int, request: Request, session: SessionDep, actor: PageActor,
                    programme: PageProgramme):
    values = await form_values(request)
    version = version_of(values)
    def on_the_row(exc: Invalid | Conflict) -> dict[str, str]:
        """The occurrences page has one note input per row: every message goes on this row's."""
        message = exc.detail if isinstance(exc, Conflict) else "; ".join(e.message for e in exc.errors)
        return {f"note-{occurrence_id}": message}
    return save_or_show_again(
        session, lambda: communications_plan.mark_done(session, actor=actor, occurrence_id=occurrence_id,
                                                       version=version,
                                                       note=(values.get("note") or "").strip() or None),
        lambda errors, status: _occurrences_page(request, session, actor, programme, errors=errors,
                                                 status_code=status),
        on_the_row, lambda _: f"{BASE}/occurrences?saved=1")


@router.get(f"{BASE}/you-said-we-did")
def feedback(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
             status: str | None = None):
    """Public: visitors who are not signed in see the published entries only."""
    found, total = service.list_feedback(session, actor=actor, programme=programme, status=status or None,
                                         limit=ALL)
    return render(request, "engagement/feedback.html", {
        "title": "You said, we did", "current": "you-said-we-did", "programme": programme,
        "entries": [feedback_read(e) for e in found], "total": total, "status": status,
        "feedback_statuses": FEEDBACK_STATUSES, "can_edit": actor.may(Permission.EDIT_PROGRAMME),
        "internal": actor.can(Permission.VIEW_INTERNAL),
        "audience_names": service.audience_names(session, programme)})


@router.get(f"{BASE}/you-said-we-did/new")
def new_feedback(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return _feedback_form(request, session, programme, {"status": "open"}, {})


@router.post(f"{BASE}/you-said-we-did/new", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def create_feedback(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.create_feedback(session, actor=actor, programme=programme,
                                                 data=parse(FeedbackCreate, clean(values, booleans=("published",)))),
        lambda errors, status: _feedback_form(request, session, programme, values, errors, status_code=status),
        FEEDBACK_LABELS, lambda _: f"{BASE}/you-said-we-did")


def _feedback_form(request, session, programme, values, errors, status_code=200):
    audiences = service.audience_names(session, programme)
    return render(request, "engagement/feedback_form.html", {
        "title": "Add to 'You said, we did'", "values": values, "errors": errors,
        "audiences": list(audiences.items()), "statuses": list(FEEDBACK_STATUSES.items())}, status_code=status_code)
