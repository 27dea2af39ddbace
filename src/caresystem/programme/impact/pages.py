"""Pages: impact assessments (PID 6.2) listed, one with its ratings and suggested outcome, the form, and the form of
the principles it applies."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.errors import FieldError, Invalid
from caresystem.programme.impact import rules, service
from caresystem.programme.impact.reads import assessment_read
from caresystem.programme.impact.schemas import AssessmentCreate, AssessmentUpdate
from caresystem.system.principles import CITE_LABELS, cite_form
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import (clean, error_messages, form_post, form_values, parse, refuse_emptied,
                                  save_or_show_again, version_of)
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
TEXT = ["title", "description", "project", "owner", "assessed_on", "mitigations", "outcome", "outcome_rationale",
        "signed_off_by", "signed_off_on"]
LABELS = {"title": "Proposal", "assessed_on": "Date assessed", "outcome_rationale": "Reason for the outcome",
          "signed_off_by": "Signed off by", "signed_off_on": "Date signed off", "key": "Key"}
CHOICES = {"ratings": rules.RATINGS, "outcomes": rules.OUTCOMES, "groups": rules.EQUALITY_GROUPS,
           "rule": rules.RULE}


def _labels(domains) -> dict[str, str]:
    found = dict(LABELS)
    for kind, names in (("domains", {d.key: d.name for d in domains}), ("equality", rules.EQUALITY_GROUPS)):
        for key, name in names.items():
            found[f"{kind}_{key}_rating"] = f"{name}:"
    return found


def _errors(exc, domains) -> dict[str, str]:
    """Nested fields (domains.safety.rating) become the flat input names of the form (domains_safety_rating)."""
    def flat(field: str) -> str:
        name = field.replace(".", "_")
        rated = name.startswith(("domains_", "equality_")) and not name.endswith(("_rating", "_narrative"))
        return name + "_rating" if rated else name

    if isinstance(exc, Invalid):
        exc = Invalid([FieldError(flat(e.field), e.message) for e in exc.errors])
    return error_messages(exc, _labels(domains))


def _from_form(values: dict, domains, *, editing: bool) -> dict:
    """Flat inputs (domains_safety_rating, domains_safety_narrative) into the schema's nested ratings."""
    if editing:
        refuse_emptied(values, AssessmentCreate)
    data = clean({k: v for k, v in values.items() if not k.startswith(("domains_", "equality_"))},
                 keep_empty=tuple(f for f in TEXT if f != "title") if editing else ())
    for kind, keys in (("domains", [d.key for d in domains]), ("equality", list(rules.EQUALITY_GROUPS))):
        given = {}
        for key in keys:
            rating = (values.get(f"{kind}_{key}_rating") or "").strip()
            if rating:
                given[key] = {"rating": rating,
                              "narrative": (values.get(f"{kind}_{key}_narrative") or "").strip() or None}
        data[kind] = given
    return data


def _values(assessment) -> dict:
    values = {f: getattr(assessment, f) for f in TEXT} | {"version": assessment.version}
    for kind, ratings in (("domains", assessment.domain_ratings), ("equality", assessment.equality_ratings)):
        for key, given in ratings.items():
            values[f"{kind}_{key}_rating"] = given.get("rating")
            values[f"{kind}_{key}_narrative"] = given.get("narrative")
    return values


@router.get("/programme/impact-assessments")
def list_page(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
              outcome: str | None = None,
              q: str | None = None, page: int = 1):
    page = max(page, 1)
    found, total = service.list_assessments(session, actor=actor, programme=programme, outcome=outcome or None,
                                            q=q or None, offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    domains = service.domains_of(session, programme)
    return render(request, "impact/list.html", {
        "title": "Impact assessments", "programme": programme, "assessments": [assessment_read(a, domains)
                                                                               for a in found],
        "domains": domains, "total": total, "page": page, "page_size": PAGE_SIZE,
        "filters": {"outcome": outcome or "", "q": q or ""}, "query": urlencode({"outcome": outcome or "", "q": q or ""}),
        **CHOICES, "can_edit": actor.may(Permission.EDIT_PROGRAMME)})


@router.get("/programme/impact-assessments/new")
def new_assessment(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return _form(request, service.domains_of(session, programme), None, {}, {})


@router.post("/programme/impact-assessments/new", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def create_assessment(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    values = await form_values(request)
    domains = service.domains_of(session, programme)
    return save_or_show_again(
        session, lambda: service.create_assessment(
            session, actor=actor, programme=programme,
            data=parse(AssessmentCreate, _from_form(values, domains, editing=False))),
        lambda errors, status: _form(request, domains, None, values, errors, status),
        lambda exc: _errors(exc, domains), lambda found: f"/programme/impact-assessments/{found.key}?saved=1")


@router.get("/programme/impact-assessments/{key}")
def detail(key: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
           saved: str | None = None):
    found = service.get_assessment(session, actor=actor, programme=programme, key=key)
    return render(request, "impact/detail.html", {
        "title": f"{found.key}: {found.title}", "assessment": assessment_read(found, service.domains_of(session,
                                                                                                      programme)),
        "history": history_of(session, "impact_assessments", found.id), "flash": "Changes saved." if saved else None,
        **CHOICES, "can_edit": actor.may(Permission.EDIT_PROGRAMME), "cited": found.principles,
        "cite_href": f"/programme/impact-assessments/{found.key}/principles"})


def _principles_form(request, session, found, *, status_code=200, **posted):
    return render(request, "principles/cite_form.html", cite_form(
        session, found, record_label=f"Impact assessment {found.key}: {found.title}",
        action=f"/programme/impact-assessments/{found.key}/principles",
        back=f"/programme/impact-assessments/{found.key}", **posted), status_code=status_code)


@router.get("/programme/impact-assessments/{key}/principles")
def assessment_principles(key: str, request: Request, session: SessionDep, actor: PageActor,
                          programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_assessment(session, actor=actor, programme=programme, key=key)
    return _principles_form(request, session, found)


@router.post("/programme/impact-assessments/{key}/principles", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def cite_assessment_principles(key: str, request: Request, session: SessionDep, actor: PageActor,
                                     programme: PageProgramme):
    values = await form_values(request, lists=("principles",))
    version = version_of(values)

    def show_again(errors: dict, status_code: int):
        found = service.get_assessment(session, actor=actor, programme=programme, key=key)
        return _principles_form(request, session, found, chosen=values["principles"], version=version, errors=errors,
                                status_code=status_code)

    return save_or_show_again(
        session, lambda: service.cite_principles(session, actor=actor, programme=programme, key=key,
                                                 keys=values["principles"], version=version),
        show_again, CITE_LABELS, lambda _: f"/programme/impact-assessments/{key}?saved=1")


@router.get("/programme/impact-assessments/{key}/edit")
def edit_assessment(key: str, request: Request, session: SessionDep, actor: PageActor,
                    programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_assessment(session, actor=actor, programme=programme, key=key)
    return _form(request, service.domains_of(session, programme), found, _values(found), {})


@router.post("/programme/impact-assessments/{key}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def update_assessment(key: str, request: Request, session: SessionDep, actor: PageActor,
                            programme: PageProgramme):
    values = await form_values(request)
    domains = service.domains_of(session, programme)
    found = service.get_assessment(session, actor=actor, programme=programme, key=key)
    return save_or_show_again(
        session, lambda: service.update_assessment(
            session, actor=actor, programme=programme, key=key,
            data=parse(AssessmentUpdate, _from_form(values, domains, editing=True))),
        lambda errors, status: _form(request, domains, found, values, errors, status),
        lambda exc: _errors(exc, domains), lambda _: f"/programme/impact-assessments/{key}?saved=1")


@router.post("/programme/impact-assessments/{key}/delete", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def delete_assessment(key: str, request: Request, session: SessionDep, actor: PageActor,
                            programme: PageProgramme):
    values = await form_values(request)
    version = version_of(values)
    service.delete_assessment(session, actor=actor, programme=programme, key=key, version=version)
    return RedirectResponse("/programme/impact-assessments", status_code=303)


def _form(request, domains, assessment, values, errors, status_code=200):
    return render(request, "impact/form.html", {
        "title": f"Edit impact assessment {assessment.key}" if assessment else "Add an impact assessment",
        "assessment": assessment, "values": values, "errors": errors,
        "domains": domains, **CHOICES}, status_code=status_code)
