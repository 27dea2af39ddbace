"""API: /api/v1/places and /api/v1/system-map."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from caresystem.system.geography import service
from caresystem.system.geography.schemas import PlaceRead, PlaceUpdate, SystemMap
from caresystem.web.deps import ApiActor, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request

router = APIRouter(tags=["geography"])
AsAt = Annotated[date | None, Query(description="YYYY-MM-DD; default today")]


def _with_population(place, populations: dict) -> PlaceRead:
    return PlaceRead.model_validate(place).model_copy(update={"registered_population": populations.get(place.code)})


@router.get("/places", response_model=Page[PlaceRead], summary="Places (integrated care partnerships) as at a date")
def list_places(session: SessionDep, actor: ApiActor, paging: Annotated[PageRequest, Depends(page_request)],
                as_at: AsAt = None):
    as_at = as_at or date.today()
    places = service.list_places(session, actor=actor, as_at=as_at)
    populations = service.place_populations(session, as_at)
    window = places[paging.offset:paging.offset + paging.page_size]
    return Page(items=[_with_population(p, populations) for p in window], total=len(places), page=paging.page,
                page_size=paging.page_size)


@router.get("/places/{code}", response_model=PlaceRead)
def get_place(code: str, session: SessionDep, actor: ApiActor, as_at: AsAt = None):
    place = service.get_place(session, code, actor=actor)
    return _with_population(place, service.place_populations(session, as_at or date.today()))


@router.patch("/places/{code}", response_model=PlaceRead)
def update_place(code: str, data: PlaceUpdate, session: SessionDep, actor: ApiActor):
    place = service.update_place(session, actor=actor, code=code, data=data)
    return _with_population(place, service.place_populations(session, date.today()))


@router.get("/system-map", response_model=SystemMap, summary="System > place > PCN > practice with populations")
def system_map(session: SessionDep, actor: ApiActor, as_at: AsAt = None):
    return service.system_map(session, actor=actor, as_at=as_at or date.today())
