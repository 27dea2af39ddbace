"""Pages for the assumptions, issues, dependencies, decisions and actions logs: the register frame's pages
(`programme.registers.views`), an assumption's risks and issues, and its one-step "found invalid" form."""

from fastapi import Depends, Request
from fastapi.responses import RedirectResponse

from caresystem.programme.raid.assumptions import invalidate_assumption, raised_from
from caresystem.programme.raid.registers import ASSUMPTIONS, REGISTERS
from caresystem.programme.registers.views import register_pages
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import form_values


def _assumption_context(session, register, entry) -> dict:
    return {"raised": raised_from(session, entry)} if register is ASSUMPTIONS else {}


router = register_pages(REGISTERS, convertor="raidlog", detail_context=_assumption_context)


@router.post("/programme/assumptions/{reference}/invalidate", dependencies=[Depends(verify_csrf)])
async def invalidate(reference: str, request: Request, session: SessionDep, actor: PageActor,
                     programme: PageProgramme):
    """PID 2.6: the assumption found invalid becomes a risk or an issue, in one step."""
    values = await form_values(request)
    raise_as = values.get("raise_as", "")
    raised = invalidate_assumption(
        session, actor=actor, programme=programme, reference=reference,
        version=int(values["version"]) if values.get("version", "").isdigit() else 0, raise_as=raise_as)
    target = "risks" if raise_as == "risk" else "issues"
    return RedirectResponse(f"/programme/{target}/{raised.reference}?saved=1", status_code=303)
