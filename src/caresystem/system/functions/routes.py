"""API: /api/v1/functions."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from caresystem.system.functions import service
from caresystem.system.functions.schemas import (AllocationFields, AllocationRead, AllocationUpdate, FunctionCreate,
                                                 FunctionRead, FunctionUpdate, SubsidiarityTestRead)
from caresystem.system.principles import Citations, CitationsRead, citations_read
from caresystem.web.deps import ApiActor, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_of, page_request

router = APIRouter(tags=["functions"])


def allocation_read(a) -> AllocationRead:
    return AllocationRead(id=a.id, version=a.version, level=a.level, holder=a.holder, arrangement=a.arrangement,
                          tests=a.tests, valid_from=a.valid_from, valid_to=a.valid_to, notes=a.notes,
                          principles=[p.key for p in a.principles])


def function_read(f, as_at: date | None) -> FunctionRead:
    allocations = service.allocations_at(f, as_at) if as_at else f.allocations
    return FunctionRead(key=f.key, name=f.name, description=f.description, public=f.public, version=f.version,
                        allocations=[allocation_read(a) for a in allocations], source_document=f.source_document,
                        source_section=f.source_section)


@router.get("/functions", response_model=Page[FunctionRead],
            summary="Functions with the allocations in force as at a date")
def list_functions(session: SessionDep, actor: ApiActor, paging: Annotated[PageRequest, Depends(page_request)],
                   as_at: Annotated[date | None, Query(description="YYYY-MM-DD; default today")] = None,
                   level: str | None = None):
    as_at = as_at or date.today()
    functions = service.list_functions(session, actor=actor, as_at=as_at)
    items = [function_read(f, as_at) for f in functions]
    if level:
        items = [i for i in items if any(a.level == level for a in i.allocations)]
    return page_of(items, paging)


@router.get("/functions/subsidiarity-tests", response_model=list[SubsidiarityTestRead])
def subsidiarity_tests(session: SessionDep):
    return [SubsidiarityTestRead(key=t.key, text=t.text) for t in service.subsidiarity_tests(session)]


@router.get("/functions/{key}", response_model=FunctionRead, summary="A function with all its allocations")
def get_function(key: str, session: SessionDep, actor: ApiActor):
    return function_read(service.get_function(session, key, actor=actor), None)


@router.post("/functions", response_model=FunctionRead, status_code=201)
def create_function(data: FunctionCreate, session: SessionDep, actor: ApiActor):
    return function_read(service.create_function(session, actor=actor, data=data), None)


@router.patch("/functions/{key}", response_model=FunctionRead,
              responses={409: {"description": "The record changed since `version` was read"}})
def update_function(key: str, data: FunctionUpdate, session: SessionDep, actor: ApiActor):
    return function_read(service.update_function(session, actor=actor, key=key, data=data), None)


@router.post("/functions/{key}/allocations", response_model=AllocationRead, status_code=201)
def add_allocation(key: str, data: AllocationFields, session: SessionDep, actor: ApiActor):
    return allocation_read(service.add_allocation(session, actor=actor, key=key, data=data))


@router.patch("/functions/{key}/allocations/{allocation_id}", response_model=AllocationRead)
def update_allocation(key: str, allocation_id: int, data: AllocationUpdate, session: SessionDep, actor: ApiActor):
    return allocation_read(service.update_allocation(session, actor=actor, key=key, allocation_id=allocation_id,
                                                     data=data))


@router.put("/functions/{key}/allocations/{allocation_id}/principles", response_model=CitationsRead,
            summary="Set the principles the allocation applies (by principle key); audited on the allocation",
            responses={409: {"description": "The allocation changed since `version` was read"}})
def cite_allocation_principles(key: str, allocation_id: int, data: Citations, session: SessionDep, actor: ApiActor):
    allocation = service.cite_principles(session, actor=actor, key=key, allocation_id=allocation_id,
                                         keys=data.principles, version=data.version)
    return citations_read(allocation)
