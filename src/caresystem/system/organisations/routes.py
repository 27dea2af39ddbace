"""API: /api/v1/organisations."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from caresystem.auth.audit import history_entries
from caresystem.system.organisations import service
from caresystem.system.organisations.schemas import (BudgetRead, OrganisationCreate, OrganisationDetail,
                                                     OrganisationRead, OrganisationUpdate, PopulationRead)
from caresystem.web.deps import ApiActor, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request

router = APIRouter(prefix="/organisations", tags=["organisations"])


def _read(organisation, populations: dict[str, int]) -> OrganisationRead:
    return OrganisationRead.model_validate(organisation).model_copy(
        update={"registered_population": populations.get(organisation.code)})


def _detail(session, organisation, as_at: date) -> OrganisationDetail:
    populations = service.populations_as_at(session, as_at, [organisation])
    return OrganisationDetail(
        **_read(organisation, populations).model_dump(), postcode=organisation.postcode, notes=organisation.notes,
        predecessors=[p.code for p in service.predecessors_of(session, organisation.code)],
        populations=[PopulationRead.model_validate(p, from_attributes=True) for p in organisation.populations],
        budgets=[BudgetRead(year=b.year, amount_gbp_millions=float(b.amount_gbp_millions))
                 for b in organisation.budgets],
        source_document=organisation.source_document, source_section=organisation.source_section)


@router.get("", response_model=Page[OrganisationRead], summary="List organisations as at a date")
def list_organisations(session: SessionDep, actor: ApiActor, paging: Annotated[PageRequest, Depends(page_request)],
                       type: Annotated[str | None, Query(description="organisation type, e.g. ccg")] = None,
                       as_at: Annotated[date | None, Query(description="YYYY-MM-DD; default today")] = None,
                       q: Annotated[str | None, Query(description="text in the name or code")] = None,
                       place: Annotated[str | None, Query(description="place code")] = None,
                       parent: Annotated[str | None, Query(description="parent code (a practice's PCN)")] = None):
    as_at = as_at or date.today()
    items, total, populations = service.list_organisations(
        session, actor=actor, as_at=as_at, type=type, q=q, place=place, parent=parent,
        offset=paging.offset, limit=paging.page_size)
    return Page(items=[_read(o, populations) for o in items], total=total, page=paging.page,
                page_size=paging.page_size)


@router.get("/{code}", response_model=OrganisationDetail)
def get_organisation(code: str, session: SessionDep, actor: ApiActor, as_at: date | None = None):
    return _detail(session, service.get_organisation(session, code, actor=actor), as_at or date.today())


@router.get("/{code}/history", summary="Audit trail of an organisation")
def organisation_history(code: str, session: SessionDep, actor: ApiActor):
    organisation = service.get_organisation(session, code, actor=actor)
    return history_entries(session, "organisations", organisation.id)


@router.post("", response_model=OrganisationDetail, status_code=201)
def create_organisation(data: OrganisationCreate, session: SessionDep, actor: ApiActor):
    organisation = service.create_organisation(session, actor=actor, data=data)
    return _detail(session, organisation, date.today())


@router.patch("/{code}", response_model=OrganisationDetail,
              responses={409: {"description": "The record changed since `version` was read"}})
def update_organisation(code: str, data: OrganisationUpdate, session: SessionDep, actor: ApiActor):
    organisation = service.update_organisation(session, actor=actor, code=code, data=data)
    return _detail(session, organisation, date.today())
