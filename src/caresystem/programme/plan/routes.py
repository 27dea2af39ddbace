"""API for the plan under /api/v1: objectives, roles, projects, workstreams, deliverables and milestones (filters,
derived RAG, what moves if one slips), the dependency network, the resource plan, sign-offs and plan settings."""

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

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
from caresystem.programme.registers.api import RecordApi, collection_routes, item_routes
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep
from caresystem.web.pagination import Page, page_of

router = APIRouter(tags=["plan"])
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


PLAN_NAMES = {"list": "list_all", "create": "create", "get": "get_one", "update": "update", "delete": "delete",
              "history": "history"}


def _plan_api(kind, Read, read, **more) -> RecordApi:
    """A kind of plan record as the registers frame's API sees it: found, removed and audited by the plan service."""
    return RecordApi(
        path="", ident="key", entity=kind.model.__tablename__, names=PLAN_NAMES, Read=Read, read=read,
        get=partial(service.get_record, kind=kind), delete=partial(service.delete_record, kind=kind), conflict=STALE,
        delete_doc="Soft delete: the record leaves the plan; its audit trail is kept.",
        history=f"Audit trail of a {kind.type}", **more)


def _router(kind, api: RecordApi) -> APIRouter:
    r = APIRouter(prefix=f"/{kind.key}", tags=["plan"])
    collection_routes(r, api)
    return r


def _q(q: str | None = None) -> dict:
    return {"q": q}


def simple_router(kind, Create, Update, Read, read) -> APIRouter:
    """List, create, get, history, update (with version) and soft delete for a kind of plan record."""
    api = _plan_api(kind, Read, read, list=partial(service.list_records, kind=kind), filters=_q, Create=Create,
                    create=partial(service.create_record, kind=kind), Update=Update,
                    update=partial(service.update_record, kind=kind),
                    summaries={"list": f"The programme's {kind.key.replace('-', ' ')}"})
    r = _router(kind, api)
    item_routes(r, api)
    return r


def _read_scheduled(kind):
    def read(session, prog, item):
        return read_scheduled(kind, item, service.assess(item, service.rules_of(prog)))
    return read


def _scheduled_filters(status: str | None = None, rag: str | None = None, project: str | None = None,
                       workstream: str | None = None,
                       owner: Annotated[str | None, Query(description="part of the owner's name")] = None,
                       q: str | None = None, sort: str = "due") -> dict:
    return {"status": status, "rag": rag, "project": project, "workstream": workstream, "owner": owner, "q": q,
            "sort": sort}


def scheduled_router(kind, Create, Update, Read) -> APIRouter:
    """Deliverables and milestones: filtered lists with derived RAG, the RAG summary and what moves if one slips."""
    api = _plan_api(kind, Read, _read_scheduled(kind), list=partial(service.list_scheduled, kind=kind),
                    filters=_scheduled_filters,
                    read_page=lambda session, programme, found: [read_scheduled(kind, i, g) for i, g in found],
                    Create=Create, create=partial(service.create_record, kind=kind), Update=Update,
                    update=partial(service.update_record, kind=kind),
                    summaries={"list": f"{kind.key.capitalize()}, filtered; RAG derived from slippage"})
    r = _router(kind, api)

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

    @r.get("/{key}/what-moves", response_model=WhatMoves,
           summary="If this slips N days: every downstream item and its new forecast")
    def what_moves(key: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme,
                   days: Annotated[int, Query(ge=0, le=dependencies.MAX_SLIP_DAYS)]):
        return dependencies.what_moves(session, actor=actor, programme=programme,
                                       item_type=kind.type, key=key, days=days)

    item_routes(r, api)
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


def saved_router(kind, Create, Update, Read, read, save) -> APIRouter:
    """Resource lines and sign-offs: created and changed by one `save` that applies their own checks."""
    api = _plan_api(kind, Read, read, Create=Create, create=save, Update=Update, update=save)
    r = _router(kind, api)
    item_routes(r, api)
    return r


routers = [
    router,
    simple_router(PROJECTS, ProjectCreate, ProjectUpdate, ProjectRead, lambda s, p, x: read_project(x)),
    simple_router(WORKSTREAMS, WorkstreamCreate, WorkstreamUpdate, WorkstreamRead,
                  lambda s, p, x: read_workstream(x, service.deliverable_counts(s, p).get(x.id, 0))),
    scheduled_router(DELIVERABLES, DeliverableCreate, DeliverableUpdate, DeliverableRead),
    scheduled_router(MILESTONES, MilestoneCreate, MilestoneUpdate, MilestoneRead),
    saved_router(RESOURCES, ResourceCreate, ResourceUpdate, ResourceRead, _resource_read, resources.save_resource),
    saved_router(SIGN_OFFS, SignOffCreate, SignOffUpdate, SignOffRead,
                 lambda session, prog, s: resources.read_sign_off(s), resources.save_sign_off),
]
