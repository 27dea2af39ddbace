"""Pages: the plan (objectives, projects, workstreams, roles), milestones and deliverables (list with RAG tags and a
Gantt-style timeline with its data table, detail with dependencies, form), and "what moves if this slips"."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse
from starlette.convertors import Convertor, register_url_convertor

from caresystem import clock
from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.errors import Invalid
from caresystem.programme.plan import dependencies, service, slippage, spreadsheet
from caresystem.programme.plan.reads import (linked_names, read_listed, read_project, read_scheduled,
                                             read_workstream)
from caresystem.programme.plan.schemas import (DELIVERABLE_KINDS, LEVELS, OBJECTIVE_KINDS, STATUSES,
                                               DeliverableCreate, DeliverableUpdate, DependencyCreate, MilestoneCreate,
                                               MilestoneUpdate)
from caresystem.programme.plan.service import DELIVERABLES, MILESTONES
from caresystem.programme.plan.timeline import layout
from caresystem.programme.registers import EXPORT_LIMIT
from caresystem.system.names import people_names
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import clean, form_post, parse, save_or_show_again
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
KINDS = {"milestones": MILESTONES, "deliverables": DELIVERABLES}
SCHEMAS = {"milestones": (MilestoneCreate, MilestoneUpdate), "deliverables": (DeliverableCreate, DeliverableUpdate)}
TEXT = ("title", "owner", "baseline_date", "forecast_date", "actual_date", "status", "notes", "date_text", "kind",
        "number", "workstream")
LABELS = {"title": "Title", "owner": "Owner", "baseline_date": "Baseline date", "forecast_date": "Forecast date",
          "actual_date": "Actual date", "status": "Status", "projects": "Projects", "workstreams": "Workstreams",
          "workstream": "Workstream", "key": "Key", "kind": "Kind", "predecessor": "Depends on",
          "successor": "Item", "lag_days": "Lag in days", "days": "Days of slip"}


class ScheduledKind(Convertor):
    regex = "milestones|deliverables"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("plansched", ScheduledKind())


def _context(session, programme, actor, workstreams: bool = True) -> dict:
    """The choices forms and filters offer: the programme's projects and workstreams (key and name), statuses,
    RAGs. The lists' filters offer no workstream, so they pass `workstreams=False` and skip reading them."""
    projects = service.choices(session, actor=actor, programme=programme, kind=service.PROJECTS)
    streams = service.choices(session, actor=actor, programme=programme, kind=service.WORKSTREAMS) \
        if workstreams else []
    return {"projects": projects, "workstreams": streams, "statuses": STATUSES, "rags": slippage.RAGS,
            "deliverable_kinds": DELIVERABLE_KINDS}


@router.get("/programme/plan")
def plan(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    objectives = service.objectives(session, actor=actor, programme=programme)
    projects, _ = service.list_records(session, actor=actor, programme=programme, kind=service.PROJECTS, limit=1000)
    streams, _ = service.list_records(session, actor=actor, programme=programme, kind=service.WORKSTREAMS,
                                      limit=1000)
    counts = service.deliverable_counts(session, programme)
    summary = service.milestone_summary(session, programme, limit=0)
    return render(request, "plan/plan.html", {
        "title": "Programme plan", "programme": programme, "objectives": objectives, "kinds": OBJECTIVE_KINDS,
        "projects": [read_project(p) for p in projects], "project_names": {p.key: p.name for p in projects},
        "levels": LEVELS,
        "workstreams": [read_workstream(w, counts.get(w.id, 0)) for w in streams],
        "roles": service.roles(session, actor=actor, programme=programme), "summary": summary,
        "current": "plan", "can_edit": actor.may(Permission.EDIT_PROGRAMME)})


@router.get("/programme/{kind:plansched}")
def scheduled_list(kind: str, request: Request, session: SessionDep, actor: PageActor,
                   programme: PageProgramme, status: str | None = None,
                   rag: str | None = None, project: str | None = None, workstream: str | None = None,
                   owner: str | None = None, q: str | None = None, sort: str = "due", page: int = 1):
    spec, programme, page = KINDS[kind], programme, max(page, 1)
    filters = {"status": status or None, "rag": rag or None, "project": project or None,
               "workstream": workstream or None, "owner": owner or None, "q": q or None, "sort": sort}
    found, total = service.list_scheduled(session, actor=actor, programme=programme, kind=spec, **filters,
                                          offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE, links=False)
    items = [read_listed(item, r) for item, r in found]
    summary = service.milestone_summary(session, programme, kind=spec, limit=0)
    chart = layout(items, clock.today(session))
    return render(request, "plan/scheduled_list.html", {
        "title": kind.capitalize(), "kind": kind, "spec": spec, "items": items, "total": total, "page": page,
        "page_size": PAGE_SIZE, "filters": filters, "summary": summary, "chart": chart,
        "query": urlencode({k: v for k, v in filters.items() if v}), "current": kind,
        "can_edit": actor.may(Permission.EDIT_PROGRAMME), **_context(session, programme, actor, workstreams=False)})


@router.get("/programme/{kind:plansched}/export.{fmt}")
def export(kind: str, fmt: str, session: SessionDep, actor: PageActor, programme: PageProgramme,
           status: str | None = None,
           rag: str | None = None, project: str | None = None, workstream: str | None = None,
           owner: str | None = None, q: str | None = None, sort: str = "due"):
    """The list as the signed-in user filtered it, for download (the API equivalent takes a bearer token)."""
    if fmt not in ("xlsx", "csv"):
        raise Invalid.one("format", "must be xlsx or csv")
    spec = KINDS[kind]
    found, _ = service.list_scheduled(session, actor=actor, programme=programme, kind=spec,
                                      status=status or None, rag=rag or None, project=project or None,
                                      workstream=workstream or None, owner=owner or None, q=q or None, sort=sort,
                                      limit=EXPORT_LIMIT)
    return spreadsheet.download(kind, [read_scheduled(spec, i, g) for i, g in found], fmt)


@router.get("/programme/{kind:plansched}/new")
def new_item(kind: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return _form(request, session, actor, programme, kind, None,
                 {"status": "not_started", "projects": [], "workstreams": []}, {})


@router.post("/programme/{kind:plansched}/new", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def create_item(kind: str, request: Request, session: SessionDep, actor: PageActor,
                      programme: PageProgramme):
    values = await _values(request)
    return save_or_show_again(
        session, lambda: service.create_record(session, actor=actor, programme=programme, kind=KINDS[kind],
                                               data=parse(SCHEMAS[kind][0], _clean(kind, values, keep=()))),
        lambda errors, status: _form(request, session, actor, programme, kind, None, values, errors, status),
        LABELS, lambda item: f"/programme/{kind}/{item.key}?saved=1")


@router.get("/programme/{kind:plansched}/{key}")
def item_detail(kind: str, key: str, request: Request, session: SessionDep, actor: PageActor,
                programme: PageProgramme, saved: str | None = None, errors: dict | None = None,
                status_code: int = 200):
    spec = KINDS[kind]
    item = service.get_record(session, actor=actor, programme=programme, kind=spec, key=key)
    read = read_scheduled(spec, item, service.assess(item, service.rules_of(programme)))
    edges = dependencies.list_dependencies(session, actor=actor, programme=programme, item_type=spec.type, key=key)
    return render(request, "plan/scheduled_detail.html", {
        "title": f"{spec.type.capitalize()} {key}", "kind": kind, "spec": spec, "item": read,
        "linked_names": linked_names(item),
        "before": [(e, p) for e, p, s in edges if s.type == spec.type and s.key == key],
        "after": [(e, s) for e, p, s in edges if p.type == spec.type and p.key == key],
        "history": history_of(session, spec.model.__tablename__, item.id), "flash": "Changes saved." if saved else None,
        "errors": errors or {}, "current": kind, "can_edit": actor.may(Permission.EDIT_PROGRAMME),
        "rules": service.rules_of(programme).describe()}, status_code=status_code)


@router.get("/programme/{kind:plansched}/{key}/edit")
def edit_item(kind: str, key: str, request: Request, session: SessionDep, actor: PageActor,
              programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    spec = KINDS[kind]
    item = service.get_record(session, actor=actor, programme=programme, kind=spec, key=key)
    read = read_scheduled(spec, item, service.assess(item, service.rules_of(programme)))
    return _form(request, session, actor, programme, kind, read, read.model_dump(), {})


@router.post("/programme/{kind:plansched}/{key}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def update_item(kind: str, key: str, request: Request, session: SessionDep, actor: PageActor,
                      programme: PageProgramme):
    spec = KINDS[kind]
    values = await _values(request)
    item = service.get_record(session, actor=actor, programme=programme, kind=spec, key=key)
    read = read_scheduled(spec, item, service.assess(item, service.rules_of(programme)))
    keep = tuple(t for t in TEXT if t not in ("title", "status"))
    return save_or_show_again(
        session, lambda: service.update_record(session, actor=actor, programme=programme, kind=spec, key=key,
                                               data=parse(SCHEMAS[kind][1], _clean(kind, values, keep=keep))),
        lambda errors, status: _form(request, session, actor, programme, kind, read, values, errors, status),
        LABELS, lambda _: f"/programme/{kind}/{key}?saved=1")


@router.post("/programme/{kind:plansched}/{key}/delete", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def delete_item(kind: str, key: str, request: Request, session: SessionDep, actor: PageActor,
                      programme: PageProgramme):
    values = await _values(request)
    service.delete_record(session, actor=actor, programme=programme, kind=KINDS[kind], key=key,
                          version=int(values["version"]) if str(values.get("version", "")).isdigit() else 0)
    return RedirectResponse(f"/programme/{kind}", status_code=303)


@router.post("/programme/{kind:plansched}/{key}/dependencies", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def add_dependency(kind: str, key: str, request: Request, session: SessionDep, actor: PageActor,
                         programme: PageProgramme):
    """Record that this item depends on another; a cycle is refused, naming it, on the item's page."""
    values = await _values(request)
    spec = KINDS[kind]
    item_type, _, other = str(values.get("predecessor", "")).partition(":")
    fields = {"predecessor_type": item_type or "milestone", "predecessor": other, "successor_type": spec.type,
              "successor": key, "lag_days": values.get("lag_days") or "0"}
    return save_or_show_again(
        session, lambda: dependencies.add_dependency(session, actor=actor, programme=programme,
                                                     data=parse(DependencyCreate, clean(fields))),
        lambda errors, status: item_detail(kind, key, request, session, actor, programme, errors=errors,
                                           status_code=status),
        LABELS, lambda _: f"/programme/{kind}/{key}?saved=1#dependencies")


@router.post("/programme/plan-dependencies/{dependency_id}/delete", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def remove_dependency(dependency_id: int, request: Request, session: SessionDep, actor: PageActor,
                            programme: PageProgramme):
    values = await _values(request)
    dependencies.remove_dependency(session, actor=actor, programme=programme,
                                   dependency_id=dependency_id,
                                   version=int(values["version"]) if str(values.get("version", "")).isdigit() else 0)
    back = str(values.get("back", "/programme/milestones"))
    return RedirectResponse(back if back.startswith("/programme/") else "/programme/milestones", status_code=303)


@router.get("/programme/{kind:plansched}/{key}/what-moves")
def what_moves(kind: str, key: str, request: Request, session: SessionDep, actor: PageActor,
               programme: PageProgramme, days: str = "30"):
    spec = KINDS[kind]
    if not days.strip().isdigit():
        raise Invalid.one("days", "must be a whole number of days, 0 or more")
    found = dependencies.what_moves(session, actor=actor, programme=programme, item_type=spec.type,
                                    key=key, days=int(days))
    return render(request, "plan/what_moves.html", {
        "title": f"What moves if {spec.type} {key} slips", "kind": kind, "spec": spec, "found": found,
        "current": kind})


async def _values(request: Request) -> dict:
    form = await request.form()
    values = {k: v for k, v in form.items() if k not in ("csrf_token", "projects", "workstreams")
              and isinstance(v, str)}
    values["projects"] = [v for v in form.getlist("projects") if isinstance(v, str) and v]
    values["workstreams"] = [v for v in form.getlist("workstreams") if isinstance(v, str) and v]
    return values


def _clean(kind: str, values: dict, keep: tuple) -> dict:
    text = clean({k: v for k, v in values.items() if isinstance(v, str)}, keep_empty=keep)
    if kind == "deliverables":
        text.pop("date_text", None)
        return text | {"projects": values["projects"]}
    for name in ("kind", "number", "workstream"):
        text.pop(name, None)
    return text | {"projects": values["projects"], "workstreams": values["workstreams"]}


def _form(request, session, actor, programme, kind, item, values, errors, status_code=200):
    spec = KINDS[kind]
    title = f"Edit {spec.type} {item.key}" if item else f"Add a {spec.type}"
    return render(request, "plan/scheduled_form.html", {
        "title": title, "kind": kind, "spec": spec, "item": item, "values": values, "errors": errors,
        "current": kind, "people": people_names(session), **_context(session, programme, actor)},
        status_code=status_code)
