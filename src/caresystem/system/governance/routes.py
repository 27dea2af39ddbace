"""API: /api/v1/governance-bodies and /api/v1/people."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from caresystem.auth.audit import history_entries
from caresystem.system.governance import service
from caresystem.system.governance.schemas import (BodyCreate, BodyDetail, BodyRead, BodyUpdate, MembershipCreate,
                                                  MembershipRead, PersonRead, PersonRoleRead)
from caresystem.web.deps import ApiActor, SessionDep
from caresystem.web.pagination import Page, PageRequest, page_request

router = APIRouter(tags=["governance"])


def body_read(body) -> BodyRead:
    return BodyRead(key=body.key, name=body.name, kind=body.kind, purpose=body.purpose, frequency=body.frequency,
                    chair=body.chair, host_organisations=body.host_organisations,
                    reports_to=body.reports_to.key if body.reports_to else None,
                    reports_to_from=body.reports_to_from, succeeded_by=body.succeeded_by, meets_in_public=body.meets_in_public,
                    delegated_authority=body.delegated_authority, valid_from=body.valid_from, valid_to=body.valid_to,
                    public=body.public, version=body.version)


def member_read(m) -> MembershipRead:
    return MembershipRead(id=m.id, person=m.person.key if m.person else None,
                          person_name=m.person.name if m.person else None, role_title=m.role_title,
                          organisation_code=m.organisation_code, membership_role=m.membership_role, voting=m.voting,
                          valid_from=m.valid_from, valid_to=m.valid_to)


def body_detail(session, body) -> BodyDetail:
    return BodyDetail(**body_read(body).model_dump(), members=[member_read(m) for m in body.members],
                      reporting_bodies=[b.key for b in service.reporting_bodies(session, body)],
                      source_document=body.source_document, source_section=body.source_section)


@router.get("/governance-bodies", response_model=Page[BodyRead], summary="Governance bodies as at a date")
def list_bodies(session: SessionDep, actor: ApiActor, paging: Annotated[PageRequest, Depends(page_request)],
                as_at: Annotated[date | None, Query(description="YYYY-MM-DD; default today")] = None,
                kind: str | None = None, q: str | None = None):
    bodies = service.list_bodies(session, actor=actor, as_at=as_at or date.today(), kind=kind, q=q)
    window = bodies[paging.offset:paging.offset + paging.page_size]
    return Page(items=[body_read(b) for b in window], total=len(bodies), page=paging.page,
                page_size=paging.page_size)


@router.get("/governance-bodies/{key}", response_model=BodyDetail)
def get_body(key: str, session: SessionDep, actor: ApiActor):
    return body_detail(session, service.get_body(session, key, actor=actor))


@router.get("/governance-bodies/{key}/history", summary="Audit trail of a governance body")
def body_history(key: str, session: SessionDep, actor: ApiActor):
    body = service.get_body(session, key, actor=actor)
    return history_entries(session, "governance_bodies", body.id)


@router.post("/governance-bodies", response_model=BodyDetail, status_code=201)
def create_body(data: BodyCreate, session: SessionDep, actor: ApiActor):
    return body_detail(session, service.create_body(session, actor=actor, data=data))


@router.patch("/governance-bodies/{key}", response_model=BodyDetail,
              responses={409: {"description": "The record changed since `version` was read"}})
def update_body(key: str, data: BodyUpdate, session: SessionDep, actor: ApiActor):
    return body_detail(session, service.update_body(session, actor=actor, key=key, data=data))


@router.post("/governance-bodies/{key}/members", response_model=MembershipRead, status_code=201)
def add_member(key: str, data: MembershipCreate, session: SessionDep, actor: ApiActor):
    return member_read(service.add_member(session, actor=actor, key=key, data=data))


@router.delete("/governance-bodies/{key}/members/{member_id}", status_code=204)
def remove_member(key: str, member_id: int, session: SessionDep, actor: ApiActor):
    service.remove_member(session, actor=actor, key=key, member_id=member_id)
    return Response(status_code=204)


@router.get("/people", response_model=Page[PersonRead])
def list_people(session: SessionDep, actor: ApiActor, paging: Annotated[PageRequest, Depends(page_request)]):
    people = service.list_people(session, actor=actor)
    window = people[paging.offset:paging.offset + paging.page_size]
    return Page(items=[_person(p) for p in window], total=len(people), page=paging.page, page_size=paging.page_size)


@router.get("/people/{key}", response_model=PersonRead)
def get_person(key: str, session: SessionDep, actor: ApiActor):
    return _person(service.get_person(session, key, actor=actor))


def _person(person) -> PersonRead:
    return PersonRead(key=person.key, name=person.name, roles=[
        PersonRoleRead(title=r.title, organisation_code=r.organisation_code, body_key=r.body_key,
                       valid_from=r.valid_from, valid_to=r.valid_to) for r in person.roles])
