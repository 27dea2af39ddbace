"""API for the plan under /api/v1: objectives, roles, projects, workstreams, deliverables and milestones (filters,
derived RAG, what moves if one slips), the dependency network, the resource plan, sign-offs and plan settings."""

from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import Response

from caresystem.auth.audit import history_of
from caresystem.programme.plan import dependencies, resources, service, spreadsheet
from caresystem.programme.plan.reads import read_project, read_scheduled, read_workstream
from caresystem.programme.plan.schemas import (DeliverableCreate, DeliverableRead, DeliverableUpdate, DependencyCreate,
                                               DependencyRead, ItemRef, MilestoneCreate, MilestoneRead,
                                               MilestoneUpdate, ObjectiveRead, PlanSettings, ProjectCreate,
                                               ProjectRead, ProjectUpdate, RagCounts, ResourceCreate, ResourcePlan,
                                               ResourceRead, ResourceUpdate, RoleRead, SignOffCreate, SignOffRead,
                                               SignOffs, SignOffUpdate, WhatMoves, WorkstreamCreate, WorkstreamRead,
                                               WorkstreamUpdate)
from caresystem.programme.plan.service import DELIVERABLES, MILESTONES, PROJECTS, SIGN_OFFS, WORKSTREAMS, RESOURCES
from caresystem.programme.registers import EXPORT_LIMIT, XLSX
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_of, page_request

router = APIRouter(tags=["plan"])
Paging = Annotated[PageRequest, Depends(page_request)]
STALE = {409: {"description": "The record changed since `version` was read"}}


@router.get("/objectives", response_model=Page[ObjectiveRead], summary="Aims and objectives (PID 2.5)")
def list_objectives(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = service.objectives(session, actor=actor, programme=programme)
    items = [ObjectiveRead(key=o.key, kind=o.kind, number=o.number, text=o.text, sub_items=o.sub_items or [],
                           projects=projects) for o, projects in found]
    return page_of(items)


@router.get("/plan-roles", response_model=Page[RoleRead], summary="Role descriptions (PID 3.4)")
def list_roles(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = service.roles(session, actor=actor, programme=programme)
    items = [RoleRead(key=r.key, title=r.title, applies_to=r.applies_to, responsibility=r.responsibility)
             for r in found]
    return page_of(items)


def _history(session, kind, record):
    return [{"at": e.at, "actor": e.actor, "action": e.action, "changes": e.changes}
            for e in history_of(session, kind.model.__tablename__, record.id)]


def simple_router(kind, Create, Update, Read, read) -> APIRouter:
    """List, create, get, history, update (with version) and soft delete for a kind of plan record."""
    r = APIRouter(prefix=f"/{kind.key}", tags=["plan"])

    def _save(session, actor, prog, data, key=None):
        if key is None:
            return service.create_record(session, actor=actor, programme=prog, kind=kind, data=data)
        return service.update_record(session, actor=actor, programme=prog, kind=kind, key=key, data=data)

    @r.get("", response_model=Page[Read], summary=f"The programme's {kind.key.replace('-', ' ')}")
    def list_all(session: SessionDep, actor: ApiActor, programme: ApiProgramme, paging: Paging,
                 q: str | None = None):
        found, total = service.list_records(session, actor=actor, programme=programme, kind=kind, q=q,
                                            offset=paging.offset, limit=paging.page_size)
        return Page(items=[read(session, programme, f) for f in found], total=total, page=paging.page,
                    page_size=paging.page_size)

    @r.post("", response_model=Read, status_code=201)
    def create(data: Annotated[Create, Body()], session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        return read(session, programme, _save(session, actor, programme, data))

    _item_routes(r, kind, Update, Read, read, _save)
    return r


def _item_routes(r: APIRouter, kind, Update, Read, read, save) -> None:
    @r.get("/{key}", response_model=Read)
    def get_one(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        return read(session, programme, service.get_record(session, actor=actor, programme=programme, kind=kind, key=key))

    @r.get("/{key}/history", summary=f"Audit trail of a {kind.type}")
    def history(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        return _history(session, kind, service.get_record(session, actor=actor, programme=programme, kind=kind, key=key))

    @r.patch("/{key}", response_model=Read, responses=STALE)
    def update(key: str, data: Annotated[Update, Body()], session: SessionDep, actor: ApiActor,
               programme: ApiProgramme):
        return read(session, programme, save(session, actor, programme, data, key))

    @r.delete("/{key}", status_code=204, responses=STALE)
    def delete(key: str, version: Annotated[int, Query(ge=1)], session: SessionDep, actor: ApiActor,
               programme: ApiProgramme):
        """Soft delete: the record leaves the plan; its audit trail is kept."""
        service.delete_record(session, actor=actor, programme=programme, kind=kind, key=key,
                              version=version)
        return Response(status_code=204)


def _read_scheduled(kind):
    def read(session, prog, item):
        return read_scheduled(kind, item, service.assess(item, service.rules_of(prog)))
    return read


def scheduled_router(kind, Create, Update, Read) -> APIRouter:
    """Deliverables and milestones: filtered lists with derived RAG, the RAG summary and what moves if one slips."""
    r = APIRouter(prefix=f"/{kind.key}", tags=["plan"])
    read = _read_scheduled(kind)

    @r.get("", response_model=Page[Read], summary=f"{kind.key.capitalize()}, filtered; RAG derived from slippage")
    def list_all(session: SessionDep, actor: ApiActor, programme: ApiProgramme, paging: Paging,
                 status: str | None = None,
                 rag: str | None = None, project: str | None = None, workstream: str | None = None,
                 owner: Annotated[str | None, Query(description="part of the owner's name")] = None,
                 q: str | None = None, sort: str = "due"):
        found, total = service.list_scheduled(
            session, actor=actor, programme=programme, kind=kind, status=status, rag=rag, project=project,
            workstream=workstream, owner=owner, q=q, sort=sort, offset=paging.offset, limit=paging.page_size)
        return Page(items=[read_scheduled(kind, i, g) for i, g in found], total=total, page=paging.page,
                    page_size=paging.page_size)

    @r.get("/export.{fmt}", response_class=Response, summary=f"The {kind.key} as XLSX or CSV, with the same filters",
           responses={200: {"content": {XLSX: {}}}})
    def export(fmt: Literal["xlsx", "csv"], session: SessionDep, actor: ApiActor, programme: ApiProgramme,
               status: str | None = None,
               rag: str | None = None, project: str | None = None, workstream: str | None = None,
               owner: str | None = None, q: str | None = None, sort: str = "due"):
        found, _ = service.list_scheduled(
            session, actor=actor, programme=programme, kind=kind, status=status, rag=rag,
            project=project, workstream=workstream, owner=owner, q=q, sort=sort, limit=EXPORT_LIMIT)
        return spreadsheet.download(kind.key, [read_scheduled(kind, i, g) for i, g in found], fmt)

    @r.get("/summary", response_model=RagCounts, summary=f"{kind.key.capitalize()} by RAG, and the RAG rules")
    def summary(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        service.require_view(actor)
        found = service.milestone_summary(session, programme, kind=kind, limit=0)
        return RagCounts(counts=found.counts, rules=found.rules)

    @r.post("", response_model=Read, status_code=201)
    def create(data: Annotated[Create, Body()], session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        return read(session, programme, service.create_record(session, actor=actor, programme=programme, kind=kind, data=data))

    @r.get("/{key}/what-moves", response_model=WhatMoves,
           summary="If this slips N days: every downstream item and its new forecast")
    def what_moves(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                   days: Annotated[int, Query(ge=0, le=dependencies.MAX_SLIP_DAYS)]):
        return dependencies.what_moves(session, actor=actor, programme=programme,
                                       item_type=kind.type, key=key, days=days)

    def save(session, actor, prog, data, key):
        return service.update_record(session, actor=actor, programme=prog, kind=kind, key=key, data=data)

    _item_routes(r, kind, Update, Read, read, save)
    return r


@router.get("/plan-dependencies", response_model=Page[DependencyRead],
            summary="The plan's dependency network (not the RAID dependencies log)")
def list_dependencies(session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                      item_type: str | None = None, key: str | None = None):
    found = dependencies.list_dependencies(session, actor=actor, programme=programme,
                                           item_type=item_type, key=key)
    items = [_dependency_read(e, p, s) for e, p, s in found]
    return page_of(items)


def _dependency_read(edge, pred: ItemRef, succ: ItemRef) -> DependencyRead:
    return DependencyRead(id=edge.id, version=edge.version, predecessor=pred, successor=succ,
                          lag_days=edge.lag_days, link_type=edge.link_type, note=edge.note)


@router.post("/plan-dependencies", response_model=DependencyRead, status_code=201,
             responses={422: {"description": "An item is unknown, or the edge would close a cycle (named)"}})
def add_dependency(data: DependencyCreate, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    edge = dependencies.add_dependency(session, actor=actor, programme=programme, data=data)
    ends = {(edge.predecessor_type, edge.predecessor_id), (edge.successor_type, edge.successor_id)}
    items = dependencies.Items(session, programme, ends)
    return _dependency_read(edge, items.by_node[(edge.predecessor_type, edge.predecessor_id)],
                            items.by_node[(edge.successor_type, edge.successor_id)])


@router.delete("/plan-dependencies/{dependency_id}", status_code=204, responses=STALE)
def remove_dependency(dependency_id: int, version: Annotated[int, Query(ge=1)], session: SessionDep,
                      actor: ApiActor, programme: ApiProgramme):
    dependencies.remove_dependency(session, actor=actor, programme=programme,
                                   dependency_id=dependency_id, version=version)
    return Response(status_code=204)


@router.get("/resource-plan", response_model=ResourcePlan, tags=["plan"],
            summary="The resource plan with costs from the pay-band table, and its totals (PID 5)")
def resource_plan(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    lines, totals = resources.resource_plan(session, actor=actor, programme=programme)
    return ResourcePlan(items=lines, total=len(lines), page=1, page_size=max(len(lines), 1), totals=totals)


@router.get("/sign-offs", response_model=SignOffs, tags=["plan"],
            summary="Sign-off of the programme document by member organisations, and the tracker (PID 9)")
def sign_off_tracker(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found, tally = resources.sign_offs(session, actor=actor, programme=programme)
    items = [resources.read_sign_off(s) for s in found]
    return SignOffs(items=items, total=len(items), page=1, page_size=max(len(items), 1), tracker=tally)


@router.get("/plan-settings", response_model=PlanSettings, tags=["plan"],
            summary="Slippage RAG thresholds and the pay-band override of the programme")
def get_settings(session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = resources.plan_settings(session, actor=actor, programme=programme)
    return PlanSettings(version=found.version, milestone_rag=found.milestone_rag, pay_bands=found.pay_bands)


@router.put("/plan-settings", response_model=PlanSettings, tags=["plan"], responses=STALE)
def put_settings(data: PlanSettings, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
    found = resources.set_plan_settings(session, actor=actor, programme=programme,
                                        version=data.version, milestone_rag=data.milestone_rag,
                                        pay_bands=data.pay_bands)
    return PlanSettings(version=found.version, milestone_rag=found.milestone_rag, pay_bands=found.pay_bands)


def _resource_read(session, prog, line):
    return resources.read_resource(line, resources.pay_table(prog))


def _resource_routes() -> APIRouter:
    r = APIRouter(prefix="/resource-plan", tags=["plan"])

    @r.post("", response_model=ResourceRead, status_code=201)
    def create(data: ResourceCreate, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        return _resource_read(session, programme, resources.save_resource(session, actor=actor, programme=programme, data=data))

    _item_routes(r, RESOURCES, ResourceUpdate, ResourceRead, _resource_read,
                 lambda session, actor, prog, data, key: resources.save_resource(
                     session, actor=actor, programme=prog, data=data, key=key))
    return r


def _sign_off_routes() -> APIRouter:
    r = APIRouter(prefix="/sign-offs", tags=["plan"])
    read = lambda session, prog, s: resources.read_sign_off(s)  # noqa: E731

    @r.post("", response_model=SignOffRead, status_code=201)
    def create(data: SignOffCreate, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        return read(session, programme, resources.save_sign_off(session, actor=actor, programme=programme, data=data))

    _item_routes(r, SIGN_OFFS, SignOffUpdate, SignOffRead, read,
                 lambda session, actor, prog, data, key: resources.save_sign_off(
                     session, actor=actor, programme=prog, data=data, key=key))
    return r


routers = [
    router,
    simple_router(PROJECTS, ProjectCreate, ProjectUpdate, ProjectRead, lambda s, p, x: read_project(x)),
    simple_router(WORKSTREAMS, WorkstreamCreate, WorkstreamUpdate, WorkstreamRead,
                  lambda s, p, x: read_workstream(x, service.deliverable_counts(s, p).get(x.id, 0))),
    scheduled_router(DELIVERABLES, DeliverableCreate, DeliverableUpdate, DeliverableRead),
    scheduled_router(MILESTONES, MilestoneCreate, MilestoneUpdate, MilestoneRead),
    _resource_routes(), _sign_off_routes(),
]
