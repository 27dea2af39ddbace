"""Pages for the assumptions, issues, dependencies, decisions and actions logs: the register frame's pages
(`programme.registers.views`), an assumption's risks and issues, and its one-step "found invalid" form, and the
principles a decision applies with their form."""

from fastapi import Request
from fastapi.responses import RedirectResponse

from caresystem.auth import Permission, require_somewhere
from caresystem.programme.raid.assumptions import invalidate_assumption, raised_from
from caresystem.programme.raid.decision_principles import cite_principles, get_decision
from caresystem.programme.raid.registers import ASSUMPTIONS, DECISIONS, REGISTERS
from caresystem.programme.registers.views import register_pages
from caresystem.system.principles import CITE_LABELS, cite_form
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import form_post, form_values, save_or_show_again, version_of
from caresystem.web.templating import render


def _detail_context(session, register, entry) -> dict:
    if register is ASSUMPTIONS:
        return {"raised": raised_from(session, entry)}
    if register is DECISIONS:
        return {"cited": entry.principles, "cite_href": f"/programme/decisions/{entry.reference}/principles"}
    return {}


router = register_pages(REGISTERS, convertor="raidlog", detail_context=_detail_context)


@router.post("/programme/assumptions/{reference}/invalidate", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def invalidate(reference: str, request: Request, session: SessionDep, actor: PageActor,
                     programme: PageProgramme):
    """PID 2.6: the assumption found invalid becomes a risk or an issue, in one step."""
    values = await form_values(request)
    raise_as = values.get("raise_as", "")
    raised = invalidate_assumption(
        session, actor=actor, programme=programme, reference=reference,
        version=version_of(values), raise_as=raise_as)
    target = "risks" if raise_as == "risk" else "issues"
    return RedirectResponse(f"/programme/{target}/{raised.reference}?saved=1", status_code=303)


def _principles_form(request, session, decision, *, status_code=200, **posted):
    return render(request, "principles/cite_form.html", cite_form(
        session, decision, record_label=f"Decision {decision.reference}: {decision.title}",
        action=f"/programme/decisions/{decision.reference}/principles",
        back=f"/programme/decisions/{decision.reference}", **posted), status_code=status_code)


@router.get("/programme/decisions/{reference}/principles")
def decision_principles(reference: str, request: Request, session: SessionDep, actor: PageActor,
                        programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    decision = get_decision(session, actor=actor, programme=programme, reference=reference)
    return _principles_form(request, session, decision)


@router.post("/programme/decisions/{reference}/principles", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def cite_decision_principles(reference: str, request: Request, session: SessionDep, actor: PageActor,
                                   programme: PageProgramme):
    values = await form_values(request, lists=("principles",))
    version = version_of(values)

    def show_again(errors: dict, status_code: int):
        decision = get_decision(session, actor=actor, programme=programme, reference=reference)
        return _principles_form(request, session, decision, chosen=values["principles"], version=version,
                                errors=errors, status_code=status_code)

    return save_or_show_again(
        session, lambda: cite_principles(session, actor=actor, programme=programme, reference=reference,
                                         keys=values["principles"], version=version),
        show_again, CITE_LABELS, lambda _: f"/programme/decisions/{reference}?saved=1")
