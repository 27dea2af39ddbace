"""Pages: the measure exception rules (which governance body a measure's special cause concern or failing assurance
goes to), listed for everyone who may view, added and removed by administrators; the same service as the API."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from caresystem import clock
from caresystem.assurance.measures import service
from caresystem.assurance.measures.schemas import DOMAINS, RuleIn
from caresystem.auth import Permission, require
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, form_post, form_values, parse, save_or_show_again
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
PATH = "/assurance/exception-rules"
CONDITION_TEXT = {"special_cause_concern": "Special cause concern", "failing_assurance": "Failing assurance",
                  "either": "Special cause concern or failing assurance"}
LABELS = {"condition": "Condition", "domain": "Domain", "measure_key": "Measure", "entity_code": "Organisation",
          "body_key": "Governance body"}


def _page(request, session, actor, errors: dict | None = None, values: dict | None = None, status_code: int = 200):
    require(actor, Permission.VIEW_INTERNAL)  # routing is internal configuration, as the risks' rules are
    bodies = service.bodies_in_force(session, clock.today(session))
    return render(request, "assurance/exception_rules.html", {
        "title": "Exception rules", "section": "exception-rules", "rules": service.rules(session),
        "conditions": CONDITION_TEXT, "domains": {d: d.capitalize() for d in DOMAINS},
        "measures": {m.key: m.name for m in service.list_measures(session, actor=actor)},
        "bodies": {b.key: b.name for b in bodies}, "errors": errors or {}, "values": values or {},
        "can_admin": actor.can(Permission.ADMIN_PROGRAMME)}, status_code=status_code)


@router.get(PATH)
def rules(request: Request, session: SessionDep, actor: PageActor):
    return _page(request, session, actor)


@router.post(PATH, dependencies=form_post(Permission.ADMIN_PROGRAMME))
async def add_rule(request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.add_rule(session, actor=actor, data_in=parse(RuleIn, clean(values))),
        lambda errors, status: _page(request, session, actor, errors=errors, values=values, status_code=status),
        LABELS, lambda _: PATH)


@router.post(PATH + "/{rule_id}/delete", dependencies=form_post(Permission.ADMIN_PROGRAMME))
def remove_rule(rule_id: int, session: SessionDep, actor: PageActor):
    service.remove_rule(session, actor=actor, rule_id=rule_id)
    return RedirectResponse(PATH, status_code=303)
