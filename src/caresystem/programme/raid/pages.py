"""Pages: the risk register, the 5x5 heat map, a risk with its score history, the risk form, the upload page of the
import, the escalation rules."""

from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.errors import NotFound
from caresystem.programme.raid import service, spreadsheet
from caresystem.programme.raid.chart import score_history_chart
from caresystem.programme.raid.reads import export_records, names_in, risk_detail, risk_read
from caresystem.programme.raid.schemas import SCOPES, STATUSES, RiskCreate, RiskUpdate, RuleCreate
from caresystem.programme.raid.scoring import IMPACT, LIKELIHOOD, assess
from caresystem.programme.registers import attachment, may_edit as may_edit_registers
from caresystem.system.names import look_up, people_names
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import clean, form_post, form_values, parse, save_or_show_again
from caresystem.web.templating import render
from caresystem.web.uploads import UploadPage, import_upload, show

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
TEXT_FIELDS = ["title", "cause", "event", "effect", "category", "owner", "scope", "scope_ref", "inherent_impact",
               "inherent_likelihood", "current_impact", "current_likelihood", "target_impact", "target_likelihood",
               "controls", "mitigation", "review_date", "status"]
LABELS = {f: f.replace("_", " ").capitalize() for f in TEXT_FIELDS} | {"reference": "Reference"}
RULE_LABELS = {"min_score": "Score threshold", "body_key": "Governance body", "scope": "Scope"}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@router.get("/programme/risks")
def register(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
             status: str | None = "open",
             scope: str | None = None, min_score: str | None = None, impact: str | None = None,
             likelihood: str | None = None, q: str | None = None, overdue: str | None = None, sort: str = "score",
             page: int = 1):
    page = max(page, 1)
    filters = {"status": status or None, "scope": scope or None, "min_score": _int(min_score), "impact": _int(impact),
               "likelihood": _int(likelihood), "q": q or None, "overdue": overdue == "1", "sort": sort}
    risks, total = service.list_risks(session, actor=actor, programme=programme, **filters,
                                      offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    rules = service.standings_of(session, programme)
    query = urlencode({k: v for k, v in {"status": status or "", "scope": scope, "min_score": min_score,
                                         "impact": impact, "likelihood": likelihood, "q": q, "overdue": overdue,
                                         "sort": sort}.items() if v is not None})
    reads = [risk_read(r, programme, rules) for r in risks]
    return render(request, "raid/register.html", {
        "title": "Risk register", "programme": programme, "risks": reads, "names": names_in(session, reads),
        "total": total, "page": page, "page_size": PAGE_SIZE, "query": query, "filters": filters,
        "scopes": SCOPES, "statuses": STATUSES, "can_add": service.may_add(actor)})


@router.get("/programme/risks/export.{kind}")
def export(kind: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
           status: str | None = None,
           scope: str | None = None, min_score: str | None = None, q: str | None = None):
    """The register as the signed-in user sees it, for download (the API equivalent takes a bearer token)."""
    if kind not in ("xlsx", "csv"):
        raise NotFound("Downloads are .xlsx or .csv.")
    filters = {"status": status or None, "scope": scope or None, "min_score": _int(min_score), "q": q or None}
    records = export_records(session, actor, programme, filters)
    content = spreadsheet.to_xlsx(records) if kind == "xlsx" else spreadsheet.to_csv(records)
    return attachment(content, kind=kind, name="risks")


@router.get("/programme/risks/heatmap")
def heatmap(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    counts = service.heat_map(session, actor=actor, programme=programme)
    cells = {(i, l): assess(i, l, programme.risk_grades) for i in IMPACT for l in LIKELIHOOD}
    return render(request, "raid/heatmap.html", {
        "title": "Risk heat map", "programme": programme, "counts": counts, "cells": cells, "impacts": IMPACT,
        "likelihoods": LIKELIHOOD, "total": sum(counts.values())})


@router.get("/programme/risks/new")
def new_risk(request: Request, session: SessionDep, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return _form(request, session, None, {"scope": "programme", "status": "open"}, {})


@router.post("/programme/risks/new", dependencies=form_post(Permission.EDIT_PROGRAMME, scope="places"))
async def create_risk(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.create_risk(session, actor=actor, programme=programme,
                                             data=parse(RiskCreate, clean(values))),
        lambda errors, status: _form(request, session, None, values, errors, status),
        LABELS, lambda risk: f"/programme/risks/{risk.reference}?saved=1")


UPLOAD = UploadPage(
    title="Import the risk register", action="/programme/risks/import", back=("/programme/risks", "risk register"),
    labels=dict(spreadsheet.COLUMNS + spreadsheet.DERIVED), nav="raid/_nav.html", current="risks",
    about="An .xlsx or .csv file with the columns of the register's download (Reference, Title, Cause, Event, "
          "Effect, Category, Owner, Scope, Scope reference, the inherent, current and target impact and "
          "likelihood from 1 to 5, Controls, Mitigation, Review date and Status), or your own headings for them "
          "(Risk, Consequence, Probability...). Score, Grade, RAG, Place name and the Escalated to columns are "
          "worked out, so they are skipped. A row whose reference is already in the register updates that risk.")


@router.get("/programme/risks/import")
def import_form(request: Request, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return show(request, UPLOAD)


@router.post("/programme/risks/import", dependencies=[Depends(verify_csrf)])
async def import_file(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    """The API's import: every bad row listed by row and column, nothing imported unless every row is good."""

    def run(content: bytes, filename: str) -> dict[str, int]:
        return service.import_file(session, actor=actor, programme=programme, content=content, filename=filename)

    return await import_upload(request, session, UPLOAD, run,  # each row's scope is checked as it is imported
                               permitted=lambda: require_somewhere(actor, Permission.EDIT_PROGRAMME))


@router.get("/programme/risks/{reference}")
def risk(reference: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
         saved: str | None = None):
    risk = service.get_risk(session, actor=actor, programme=programme, reference=reference)
    scores = service.history(session, risk)
    detail = risk_detail(session, risk, programme)
    return render(request, "raid/detail.html", {
        "title": f"{risk.reference}: {risk.title}", "risk": detail, "names": names_in(session, [detail]),
        "scores": scores, "chart": score_history_chart(scores), "history": history_of(session, "risks", risk.id),
        "impacts": IMPACT, "likelihoods": LIKELIHOOD, "scopes": SCOPES, "statuses": STATUSES,
        "flash": "Changes saved." if saved else None, "can_edit": service.may_edit(actor, risk),
        "can_add_action": may_edit_registers(actor)})


@router.get("/programme/risks/{reference}/edit")
def edit_risk(reference: str, request: Request, session: SessionDep, actor: PageActor,
              programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    risk = service.get_risk(session, actor=actor, programme=programme, reference=reference)
    values = {f: getattr(risk, f) for f in TEXT_FIELDS} | {"version": risk.version}
    return _form(request, session, risk, values, {})


@router.post("/programme/risks/{reference}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME, scope="record"))
async def update_risk(reference: str, request: Request, session: SessionDep, actor: PageActor,
                      programme: PageProgramme):
    risk = service.get_risk(session, actor=actor, programme=programme, reference=reference)
    service.require_edit(actor, risk)
    values = await form_values(request)
    keep = tuple(f for f in TEXT_FIELDS if f not in ("title", "scope", "status"))
    return save_or_show_again(
        session, lambda: service.update_risk(session, actor=actor, programme=programme, reference=reference,
                                             data=parse(RiskUpdate, clean(values, keep_empty=keep))),
        lambda errors, status: _form(request, session, risk, values, errors, status),
        LABELS, lambda _: f"/programme/risks/{reference}?saved=1")


@router.post("/programme/risks/{reference}/delete", dependencies=[Depends(verify_csrf)])
async def delete_risk(reference: str, request: Request, session: SessionDep, actor: PageActor,
                      programme: PageProgramme):
    values = await form_values(request)
    service.delete_risk(session, actor=actor, programme=programme, reference=reference,
                        version=_int(values.get("version")) or 0)
    return RedirectResponse("/programme/risks", status_code=303)


@router.get("/programme/escalation-rules")
def rules(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    return _rules_page(request, session, actor, programme)


def _rules_page(request, session, actor, programme, errors: dict | None = None, status_code: int = 200):
    service.require_view(actor)
    found, onward = service.standings_of(session, programme), service.onward_escalation(programme)
    names = look_up(session, bodies=[s.rule.body_key for s in found] + [b for o in onward for b in o.get("bodies", [])],
                    places=[s.rule.scope_ref for s in found if s.rule.scope == "place"])
    return render(request, "raid/rules.html", {
        "title": "Escalation rules", "programme": programme, "rules": found, "names": names,
        "onward": onward, "scopes": SCOPES, "errors": errors or {}, "can_admin": actor.can(Permission.ADMIN_PROGRAMME)},
        status_code=status_code)


@router.post("/programme/escalation-rules", dependencies=form_post(Permission.ADMIN_PROGRAMME))
async def add_rule(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    values = await form_values(request)

    def add():
        data = parse(RuleCreate, clean(values))
        return service.add_rule(session, actor=actor, programme=programme, min_score=data.min_score,
                                body_key=data.body_key, scope=data.scope, scope_ref=data.scope_ref)
    return save_or_show_again(
        session, add, lambda errors, status: _rules_page(request, session, actor, programme, errors=errors,
                                                         status_code=status),
        RULE_LABELS, lambda _: "/programme/escalation-rules")


@router.post("/programme/escalation-rules/{rule_id}/delete", dependencies=form_post(Permission.ADMIN_PROGRAMME))
def remove_rule(rule_id: int, session: SessionDep, actor: PageActor, programme: PageProgramme):
    service.remove_rule(session, actor=actor, programme=programme, rule_id=rule_id)
    return RedirectResponse("/programme/escalation-rules", status_code=303)


def _form(request, session, risk, values, errors, status_code=200):
    return render(request, "raid/form.html", {
        "title": f"Edit risk {risk.reference}" if risk else "Add a risk", "risk": risk, "values": values,
        "errors": errors, "scopes": SCOPES, "statuses": STATUSES, "impacts": IMPACT, "likelihoods": LIKELIHOOD,
        "people": people_names(session)}, status_code=status_code)
