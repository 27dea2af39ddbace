"""API: /api/v1/planning-frameworks (read by anyone, as the system map is; loaded as reference data)."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from caresystem.system.planning import service
from caresystem.system.planning.models import KINDS
from caresystem.system.planning.schemas import PlanningFrameworkRead
from caresystem.web.deps import SessionDep

router = APIRouter(tags=["planning"])


@router.get("/planning-frameworks", response_model=list[PlanningFrameworkRead],
            summary="Planning frameworks: footprints, planning levels, focus areas, enablers, work areas")
def list_frameworks(session: SessionDep,
                    as_at: Annotated[date | None, Query(description="YYYY-MM-DD: only the frameworks in force then")]
                    = None):
    return service.list_frameworks(session, as_at=as_at)


@router.get("/planning-frameworks/{key}", response_model=PlanningFrameworkRead)
def get_framework(key: str, session: SessionDep,
                  kind: Annotated[str | None, Query(description=f"only items of this kind: {', '.join(KINDS)}")]
                  = None):
    framework = service.get_framework(session, key)
    read = PlanningFrameworkRead.model_validate(framework)
    if kind:
        read.items = [i for i in read.items if i.kind == kind]
    return read
