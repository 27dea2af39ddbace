"""API: /api/v1/principle-sets (read by anyone; written by those who may edit the system) and a principle with what
cites it."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from caresystem.auth.audit import history_entries
from caresystem.system.principles import service
from caresystem.system.principles.reads import principle_read
from caresystem.system.principles.schemas import (PrincipleFields, PrincipleRead, PrincipleSetCreate, PrincipleSetRead,
                                                  PrincipleSetUpdate, PrincipleUpdate)
from caresystem.web.deps import ApiActor, SessionDep

router = APIRouter(tags=["principles"])


def set_read(s) -> PrincipleSetRead:
    return PrincipleSetRead(key=s.key, kind=s.kind, version=s.version, title=s.title, introduction=s.introduction,
                            document_dated=s.document_dated, valid_from=s.valid_from, valid_to=s.valid_to,
                            notes=s.notes, source_document=s.source_document, source_section=s.source_section,
                            programme_key=s.programme_key,
                            principles=[principle_read(p) for p in s.principles])


@router.get("/principle-sets", response_model=list[PrincipleSetRead],
            summary="The principle sets (rules of engagement, design, partnership, person-centred, communication)")
def list_sets(session: SessionDep, kind: str | None = None,
              as_at: Annotated[date | None, Query(description="YYYY-MM-DD: only the sets in force then")] = None):
    return [set_read(s) for s in service.list_sets(session, kind=kind, as_at=as_at)]


@router.get("/principle-sets/{key}", response_model=PrincipleSetRead)
def get_set(key: str, session: SessionDep):
    return set_read(service.get_set(session, key))


@router.get("/principle-sets/{key}/history", summary="Audit trail of a principle set")
def set_history(key: str, session: SessionDep, actor: ApiActor):
    return history_entries(session, "principle_sets", service.get_set(session, key).id)


@router.get("/principle-sets/{key}/principles/{number}", response_model=PrincipleRead,
            summary="A principle with the decisions, impact assessments and function allocations that cite it")
def get_principle(key: str, number: str, session: SessionDep, actor: ApiActor):
    principle = service.get_principle(session, key, number)
    return principle_read(principle, service.citations(principle, actor=actor))


@router.post("/principle-sets", response_model=PrincipleSetRead, status_code=201)
def create_set(data: PrincipleSetCreate, session: SessionDep, actor: ApiActor):
    return set_read(service.create_set(session, actor=actor, data=data))


@router.patch("/principle-sets/{key}", response_model=PrincipleSetRead,
              responses={409: {"description": "The set changed since `version` was read"}})
def update_set(key: str, data: PrincipleSetUpdate, session: SessionDep, actor: ApiActor):
    return set_read(service.update_set(session, actor=actor, key=key, data=data))


@router.post("/principle-sets/{key}/principles", response_model=PrincipleRead, status_code=201)
def add_principle(key: str, data: PrincipleFields, session: SessionDep, actor: ApiActor):
    return principle_read(service.add_principle(session, actor=actor, key=key, data=data))


@router.patch("/principle-sets/{key}/principles/{number}", response_model=PrincipleRead,
              responses={409: {"description": "The principle changed since `version` was read"}})
def update_principle(key: str, number: str, data: PrincipleUpdate, session: SessionDep, actor: ApiActor):
    return principle_read(service.update_principle(session, actor=actor, key=key, number=number, data=data))
