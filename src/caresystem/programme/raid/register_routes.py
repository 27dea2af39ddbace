"""API for the assumptions, issues, dependencies, decisions and actions logs: the register frame's routes for each
(`programme.registers.api`), `POST /api/v1/assumptions/{reference}/invalidate` and the principles a decision
applies (`/api/v1/decisions/{reference}/principles`)."""

from typing import Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from caresystem.programme.raid.assumptions import invalidate_assumption
from caresystem.programme.raid.decision_principles import cite_principles, get_decision
from caresystem.programme.raid.registers import ASSUMPTIONS, DECISIONS, REGISTERS
from caresystem.programme.registers.api import register_router
from caresystem.system.principles import Citations, CitationsRead, citations_read
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


def principles_routes(router: APIRouter) -> None:
    @router.get("/{reference}/principles", response_model=CitationsRead, summary="The principles the decision applies")
    def decision_principles(reference: str, session: SessionDep, actor: ApiActor, programme: ApiProgramme):
        decision = get_decision(session, actor=actor, programme=programme, reference=reference)
        return citations_read(decision)

    @router.put("/{reference}/principles", response_model=CitationsRead,
                summary="Set the principles the decision applies (by principle key); audited on the decision",
                responses={409: {"description": "The decision changed since `version` was read"}})
    def cite_decision_principles(reference: str, data: Citations, session: SessionDep, actor: ApiActor,
                                 programme: ApiProgramme):
        decision = cite_principles(session, actor=actor, programme=programme, reference=reference,
                                   keys=data.principles, version=data.version)
        return citations_read(decision)


EXTRA = {ASSUMPTIONS.key: invalidate_route, DECISIONS.key: principles_routes}
routers = [register_router(r, extra=EXTRA.get(r.key)) for r in REGISTERS.values()]
