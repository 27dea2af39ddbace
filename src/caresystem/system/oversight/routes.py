"""API: /api/v1/oversight, the oversight strands and the accountability chain (read by anyone)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from caresystem.system.oversight import service
from caresystem.system.oversight.reads import oversight_read
from caresystem.system.oversight.schemas import OversightRead
from caresystem.web.deps import ApiActor, SessionDep

router = APIRouter(tags=["governance"])


@router.get("/oversight", response_model=OversightRead,
            summary="Who oversees whom, for what: the oversight strands and the accountability chain")
def get_oversight(session: SessionDep, actor: ApiActor,
                  as_at: Annotated[date | None, Query(description="YYYY-MM-DD: only the lines in force then")] = None):
    return oversight_read(service.oversight(session, actor=actor, as_at=as_at), as_at)
