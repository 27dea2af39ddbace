"""Page: what the programme escalates to one governance body (its risks and benefits)."""

from fastapi import APIRouter, Request

from caresystem.programme import raid
from caresystem.programme.escalations.reads import (escalated_benefits, escalated_measures, escalated_risks,
                                                    not_in_force)
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


@router.get("/governance/{key}/escalations")
def escalations(key: str, request: Request, session: SessionDep, actor: PageActor, page: int = 1):
    page = max(page, 1)
    risks, total = escalated_risks(session, actor=actor, body_key=key, offset=(page - 1) * PAGE_SIZE,
                                   limit=PAGE_SIZE)
    name = raid.body_name(session, key)
    return render(request, "escalations/body.html", {
        "title": f"Risks escalated to {name}", "key": key, "name": name, "risks": risks,
        "total": total, "page": page, "page_size": PAGE_SIZE, "not_in_force": not_in_force(session, key),
        "benefits": escalated_benefits(session, actor=actor, body_key=key),
        "measure_exceptions": escalated_measures(session, body_key=key)})
