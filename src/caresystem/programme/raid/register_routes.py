"""API for the assumptions, issues, dependencies, decisions and actions logs: the register frame's routes for each
(`programme.registers.api`), and `POST /api/v1/assumptions/{reference}/invalidate`."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from caresystem.programme.raid.assumptions import invalidate_assumption
from caresystem.programme.raid.registers import ASSUMPTIONS, REGISTERS
from caresystem.programme.registers.api import register_router
from caresystem.web.deps import ApiActor, ApiProgramme, SessionDep


class Invalidate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1)
    raise_as: Literal["risk", "issue"] = Field(description="what the failed assumption becomes")
    title: str | None = Field(None, min_length=3)
    owner: str | None = None


def invalidate_route(router: APIRouter) -> None:
    @router.post("/{reference}/invalidate", status_code=201,
                 summary="Mark the assumption found invalid and raise a linked risk or issue, in one step")
    def invalidate(reference: str, data: Invalidate, session: SessionDep, actor: ApiActor,
                   programme: ApiProgramme):
        raised = invalidate_assumption(session, actor=actor, programme=programme, reference=reference,
                                       version=data.version, raise_as=data.raise_as, title=data.title,
                                       owner=data.owner)
        kind = "risks" if data.raise_as == "risk" else "issues"
        return {"raised": kind, "reference": raised.reference, "href": f"/api/v1/{kind}/{raised.reference}"}


routers = [register_router(r, extra=invalidate_route if r is ASSUMPTIONS else None) for r in REGISTERS.values()]
