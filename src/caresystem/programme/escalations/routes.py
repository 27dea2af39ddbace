"""API: /api/v1/governance-bodies/{key}/escalations."""

from typing import Annotated

from fastapi import APIRouter, Depends

from caresystem.programme.escalations.reads import (escalated_benefits, escalated_measures, escalated_risks,
                                                    not_in_force)
from caresystem.programme.escalations.schemas import Escalations
from caresystem.web.deps import ApiActor, SessionDep
from caresystem.web.pagination import PageRequest, page_request

router = APIRouter(tags=["risks"])


@router.get("/governance-bodies/{key}/escalations", response_model=Escalations,
            summary="Open risks escalated to this body under the programmes' rules, highest score first")
def escalations(key: str, session: SessionDep, actor: ApiActor,
                paging: Annotated[PageRequest, Depends(page_request)]):
    risks, total = escalated_risks(session, actor=actor, body_key=key, offset=paging.offset,
                                   limit=paging.page_size)
    return Escalations(items=risks, total=total, page=paging.page, page_size=paging.page_size,
                       not_in_force=not_in_force(session, key),
                       benefits=escalated_benefits(session, actor=actor, body_key=key),
                       measure_exceptions=escalated_measures(session, body_key=key))
