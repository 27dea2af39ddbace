"""Pages: highlight reports (list, start, edit a draft, submit, revise, detail), the programme board's roll-up,
and a plain printable view of each. Usable without JavaScript."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from caresystem import clock
from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.errors import Invalid
from caresystem.programme.highlight import period as periods, service
from caresystem.programme.highlight.reads import report_detail
from caresystem.programme.highlight.rollup import rollup_for
from caresystem.programme.highlight.schemas import (RAG_FIELDS, RAGS, STATUSES, TEXT_FIELDS, ReportCreate,
                                                    ReportUpdate)
from caresystem.programme.plan import PROJECTS, list_records
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import clean, form_post, form_values, parse, save_or_show_again
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
BASE = "/programme/highlights"
RECORD_FORM = form_post(Permission.EDIT_PROGRAMME, scope="record")  # the report's project is checked
LABELS = {"project": "Project", "period": "Reporting month", "linked_issues": "Issues from the issues log",
          "status": "Status", "reason": "Reason", **RAG_FIELDS, **TEXT_FIELDS}


def _version(values: dict) -> int:
    version = values.get("version", "")
    if not version.isdigit():
        raise Invalid.one("version", "is missing; reload the page and try again")
    return int(version)


def _form_data(values: dict) -> dict:
    """The posted form as schema input: the linked issues are typed as references separated by commas."""
    data = clean(values, keep_empty=(*RAG_FIELDS, *TEXT_FIELDS))
    if "linked_issues" in values:
        data["linked_issues"] = [r.strip() for r in (values["linked_issues"] or "").replace(";", ",").split(",")
                                 if r.strip()]
    return data


def _href(report) -> str:
    return f"{BASE}/{report.project.key}/{report.period}"


@router.get(BASE)
def reports(request: Request, session: SessionDep, actor: PageActor,
            programme: PageProgramme, period: str | None = None,
            project: str | None = None, status: str | None = None, page: int = 1):
    page = max(page, 1)
    found, total = service.list_reports(session, actor=actor, programme=programme, period=period or None,
                                        project=project or None, status=status or None,
                                        offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    filters = {"period": period, "project": project, "status": status}
    return render(request, "highlight/list.html", {
        "title": "Highlight reports", "items": found, "total": total, "page": page, "page_size": PAGE_SIZE,
        "filters": filters, "query": urlencode({k: v for k, v in filters.items() if v}), "statuses": STATUSES,
        "projects": _projects(session, actor, programme), "this_month": periods.containing(clock.today(session)),
        "can_add": service.may_add(actor)})


def _rollup_context(session, actor, programme, period: str | None) -> dict:
    period = period or periods.containing(clock.today(session))
    rollup = rollup_for(session, actor=actor, programme_key=programme.key, period=period)
    return {"title": f"Highlight roll-up, {periods.label(period)}", "rollup": rollup, "period": period,
            "rag_fields": RAG_FIELDS, "text_fields": TEXT_FIELDS}


@router.get(f"{BASE}/rollup")
def rollup(request: Request, session: SessionDep, actor: PageActor,
           programme: PageProgramme, period: str | None = None):
    return render(request, "highlight/rollup.html", _rollup_context(session, actor, programme, period))


@router.get(f"{BASE}/rollup/print")
def rollup_print(request: Request, session: SessionDep, actor: PageActor,
                 programme: PageProgramme, period: str | None = None):
    return render(request, "highlight/print_rollup.html", _rollup_context(session, actor, programme, period))


@router.get(f"{BASE}/new")
def new_report(request: Request, session: SessionDep, actor: PageActor,
               programme: PageProgramme, project: str | None = None,
               period: str | None = None):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    values = {"project": project, "period": period or periods.containing(clock.today(session))}
    return _form(request, session, actor, programme, None, values, {})


@router.post(f"{BASE}/new", dependencies=form_post(Permission.EDIT_PROGRAMME, scope="places"))
async def create_report(request: Request, session: SessionDep, actor: PageActor,
                        programme: PageProgramme) -> Response:
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.create_report(session, actor=actor, programme=programme,
                                               data=parse(ReportCreate, _form_data(values))),
        lambda errors, status: _form(request, session, actor, programme, None, values, errors, status), LABELS,
        lambda report: f"{_href(report)}?saved=1")


def _detail_context(session, actor, programme, project: str, period: str) -> dict:
    report = service.get_report(session, actor=actor, programme=programme, project=project, period=period)
    return {"title": f"{report.project.name}: highlight report, {periods.label(period)}", "report": report,
            "detail": report_detail(session, programme, report), "rag_fields": RAG_FIELDS,
            "text_fields": TEXT_FIELDS, "history": history_of(session, "highlight_reports", report.id),
            "can_edit": service.may_edit(actor, report), "errors": {}}


@router.get(BASE + "/{project}/{period}")
def report(project: str, period: str, request: Request, session: SessionDep, actor: PageActor,
           programme: PageProgramme,
           saved: str | None = None):
    context = _detail_context(session, actor, programme, project, period)
    return render(request, "highlight/detail.html", context | {"flash": "Changes saved." if saved else None})


@router.get(BASE + "/{project}/{period}/print")
def report_print(project: str, period: str, request: Request, session: SessionDep, actor: PageActor,
                 programme: PageProgramme):
    return render(request, "highlight/print_report.html", _detail_context(session, actor, programme, project, period))


@router.get(BASE + "/{project}/{period}/edit")
def edit_report(project: str, period: str, request: Request, session: SessionDep, actor: PageActor,
                programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_report(session, actor=actor, programme=programme, project=project,
                               period=period)
    values = {name: getattr(found, name) for name in (*RAG_FIELDS, *TEXT_FIELDS)} | {
        "version": found.version, "linked_issues": ", ".join(found.linked_issues)}
    return _form(request, session, actor, programme, found, values, {})


@router.post(BASE + "/{project}/{period}/edit", dependencies=RECORD_FORM)
async def update_report(project: str, period: str, request: Request, session: SessionDep,
                        actor: PageActor, programme: PageProgramme) -> Response:
    found = _editable(session, actor, programme, project, period)
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.update_report(session, actor=actor, programme=programme, project=project,
                                               period=period, data=parse(ReportUpdate, _form_data(values))),
        lambda errors, status: _form(request, session, actor, programme, found, values, errors, status), LABELS,
        lambda report: f"{_href(report)}?saved=1")


@router.post(BASE + "/{project}/{period}/submit", dependencies=RECORD_FORM)
async def submit_report(project: str, period: str, request: Request, session: SessionDep,
                        actor: PageActor, programme: PageProgramme) -> Response:
    _editable(session, actor, programme, project, period)
    values = await form_values(request)
    return _act(request, session, actor, programme, project, period, lambda programme: service.submit_report(
        session, actor=actor, programme=programme, project=project, period=period, version=_version(values)))


@router.post(BASE + "/{project}/{period}/revise", dependencies=RECORD_FORM)
async def revise_report(project: str, period: str, request: Request, session: SessionDep,
                        actor: PageActor, programme: PageProgramme) -> Response:
    _editable(session, actor, programme, project, period)
    values = await form_values(request)
    return _act(request, session, actor, programme, project, period, lambda programme: service.revise_report(
        session, actor=actor, programme=programme, project=project, period=period, version=_version(values),
        reason=values.get("reason", "")))


@router.post(BASE + "/{project}/{period}/delete", dependencies=RECORD_FORM)
async def delete_report(project: str, period: str, request: Request, session: SessionDep, actor: PageActor,
                        programme: PageProgramme):
    _editable(session, actor, programme, project, period)
    values = await form_values(request)
    service.delete_report(session, actor=actor, programme=programme, project=project, period=period,
                          version=_version(values))
    return RedirectResponse(BASE, status_code=303)


def _editable(session, actor, programme, project: str, period: str):
    """The report the path names, if the actor may change it: checked before the form is read."""
    found = service.get_report(session, actor=actor, programme=programme, project=project, period=period)
    service.require_edit(actor, found)
    return found


def _act(request, session, actor, programme, project, period, action) -> Response:
    """Submit or revise from the detail page; a refusal shows the page again with the reasons."""
    return save_or_show_again(
        session, lambda: action(programme),
        lambda errors, status: render(request, "highlight/detail.html", _detail_context(
            session, actor, programme, project, period) | {"errors": errors}, status_code=status), LABELS,
        lambda report: f"{_href(report)}?saved=1")


def _projects(session, actor, programme) -> list[tuple[str, str]]:
    found, _ = list_records(session, actor=actor, programme=programme, kind=PROJECTS, limit=1000)
    return [(p.key, p.name) for p in found]


def _form(request, session, actor, programme, report, values, errors, status_code=200):
    title = (f"Edit the {periods.label(report.period)} report: {report.project.name}" if report
             else "Start a highlight report")
    return render(request, "highlight/form.html", {
        "title": title, "report": report, "values": values, "errors": errors, "rags": RAGS,
        "rag_fields": RAG_FIELDS, "text_fields": TEXT_FIELDS, "projects": _projects(session, actor, programme)},
        status_code=status_code)
