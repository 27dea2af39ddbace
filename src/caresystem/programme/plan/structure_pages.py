"""Pages: the forms that add and edit the plan's core projects (PID 3.5) and cross-cutting workstreams (PID 3.3)."""

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import APIRouter, Request
from starlette.convertors import Convertor, register_url_convertor

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.programme.plan import service
from caresystem.programme.plan.reads import read_project, read_workstream
from caresystem.programme.plan.schemas import (LEVELS, ProjectCreate, ProjectUpdate, WorkstreamCreate,
                                               WorkstreamUpdate)
from caresystem.programme.plan.service import PROJECTS, WORKSTREAMS, Kind
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import clean, cleaned_edit, form_post, form_values, parse, save_or_show_again
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
LABELS = {"key": "Key", "name": "Name", "level": "Level", "place": "Place", "governance_body": "Governance body",
          "senior_sponsor": "Senior sponsor", "project_lead_director": "Project lead director",
          "icp_gp_lead": "ICP GP lead", "non_executive_lead": "Non-executive lead", "objectives": "Objectives",
          "lead": "Lead", "levels": "Levels served", "notes": "Notes"}


@dataclass(frozen=True)
class Structure:
    kind: Kind
    create: type
    update: type
    read: Callable
    template: str
    lists: tuple[str, ...]   # groups of checkboxes


STRUCTURES = {
    "projects": Structure(PROJECTS, ProjectCreate, ProjectUpdate, read_project, "plan/project_form.html",
                          ("objectives",)),
    "workstreams": Structure(WORKSTREAMS, WorkstreamCreate, WorkstreamUpdate, read_workstream,
                             "plan/workstream_form.html", ("levels",)),
}


class StructureKind(Convertor):
    regex = "projects|workstreams"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("planstruct", StructureKind())


@router.get("/programme/{kind:planstruct}/new")
def new_structure(kind: str, request: Request, session: SessionDep, actor: PageActor,
                  programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return _form(request, session, actor, programme, kind, None, {name: [] for name in STRUCTURES[kind].lists})


@router.post("/programme/{kind:planstruct}/new", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def create_structure(kind: str, request: Request, session: SessionDep, actor: PageActor,
                           programme: PageProgramme):
    spec = STRUCTURES[kind]
    values = await form_values(request, spec.lists)
    return save_or_show_again(
        session, lambda: service.create_record(session, actor=actor, programme=programme, kind=spec.kind,
                                               data=parse(spec.create, clean(values))),
        lambda errors, status: _form(request, session, actor, programme, kind, None, values, errors, status),
        LABELS, lambda record: _saved(kind, record.key))


@router.get("/programme/{kind:planstruct}/{key}/edit")
def edit_structure(kind: str, key: str, request: Request, session: SessionDep, actor: PageActor,
                   programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    record = service.get_record(session, actor=actor, programme=programme, kind=STRUCTURES[kind].kind,
                                key=key)
    return _form(request, session, actor, programme, kind, record, STRUCTURES[kind].read(record).model_dump())


@router.post("/programme/{kind:planstruct}/{key}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def update_structure(kind: str, key: str, request: Request, session: SessionDep, actor: PageActor,
                           programme: PageProgramme):
    spec = STRUCTURES[kind]
    values = await form_values(request, spec.lists)
    record = service.get_record(session, actor=actor, programme=programme, kind=spec.kind, key=key)
    return save_or_show_again(
        session, lambda: service.update_record(
            session, actor=actor, programme=programme, kind=spec.kind, key=key,
            data=parse(spec.update, cleaned_edit(values, spec.create, spec.update))),
        lambda errors, status: _form(request, session, actor, programme, kind, record, values, errors, status),
        LABELS, lambda _: _saved(kind, key))


def _saved(kind: str, key: str) -> str:
    return f"/programme/plan#{STRUCTURES[kind].kind.type}-{key}"


def _form(request, session, actor, programme, kind, record, values, errors=None, status_code=200):
    """The add form (record None) or the edit form with the record's history; `values` are what the user typed."""
    spec = STRUCTURES[kind]
    objectives = service.objectives(session, actor=actor, programme=programme) if kind == "projects" else []
    return render(request, spec.template, {
        "title": f"Edit {spec.kind.type} {record.key}" if record else f"Add a {spec.kind.type}", "item": record,
        "values": values, "errors": errors or {}, "levels": LEVELS, "current": "plan",
        "objectives": [(o.key, f"{o.number + '. ' if o.number else ''}{o.text}") for o, _ in objectives],
        "key_hint": f"Left empty, the next number is given, like {spec.kind.prefix}012",
        "history": history_of(session, spec.kind.model.__tablename__, record.id) if record else []},
        status_code=status_code)
