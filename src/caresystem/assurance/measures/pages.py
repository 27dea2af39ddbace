"""Pages: the measures catalogue, a measure's chart for one organisation (with its data, narrative and history), and
the upload page for measure data."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from caresystem.assurance.measures import service
from caresystem.assurance.measures.schemas import NarrativeIn
from caresystem.assurance.report import chart
from caresystem.assurance.report.service import bodies_for, lines
from caresystem.assurance.report.text import (ASSURANCE_TEXT, CLASS_TEXT, DIRECTION_TEXT, VARIATION_TEXT, summary,
                                              target_text, value_text)
from caresystem.auth import Permission
from caresystem.auth.audit import history_of
from caresystem.errors import NotFound
from caresystem.system.names import look_up
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, form_post, form_values, parse, save_or_show_again
from caresystem.web.templating import render
from caresystem.web.uploads import UploadPage, import_upload, show

router = APIRouter(include_in_schema=False)
TEXT = {"value_text": value_text, "target_text": target_text, "direction_text": DIRECTION_TEXT,
        "class_text": CLASS_TEXT, "variation_text": VARIATION_TEXT, "assurance_text": ASSURANCE_TEXT}
NARRATIVE_LABELS = {"what_it_shows": "What the chart shows", "actions": "Actions", "linked_risks": "Linked risks",
                    "written_for": "Reporting period", "entity_code": "Organisation"}


@router.get("/assurance/measures")
def catalogue(request: Request, session: SessionDep, actor: PageActor, domain: str | None = None):
    found = service.list_measures(session, actor=actor, domain=domain or None)
    return render(request, "assurance/measures.html", {
        "title": "Measures", "measures": found, "must_dos": service.must_dos(session), **TEXT})


@router.get("/assurance/measures/{key}")
def measure(key: str, request: Request, session: SessionDep, actor: PageActor):
    found = service.get_measure(session, key, actor=actor)
    known = service.entities(session)
    codes = service.entities_with_data(session, found)
    if len(codes) == 1:
        return RedirectResponse(f"/assurance/measures/{key}/{codes[0]}", status_code=303)
    latest = {line.entity.code: line for line in lines(session, until=None) if line.measure.key == key}
    return render(request, "assurance/measure.html", {
        "title": found.name, "measure": found, "entities": [known[c] for c in codes if c in known],
        "latest": latest, "variation_icon": chart.variation_icon, "assurance_icon": chart.assurance_icon, **TEXT})


@router.get("/assurance/measures/{key}/{entity_code}")
def measure_chart(key: str, entity_code: str, request: Request, session: SessionDep, actor: PageActor,
                  saved: str | None = None):
    return _chart_page(request, session, actor, key, entity_code, {}, {}, 200,
                       "Narrative saved." if saved else None)


def _chart_page(request, session, actor, key, entity_code, values, errors, status_code, flash=None):
    found = service.get_measure(session, key, actor=actor)
    known = service.entities(session)
    if entity_code not in known:
        raise NotFound(f"No organisation or area '{entity_code}'.")
    rows = service.values_of(session, found, entity_code)
    result = service.spc_of(found, [r.value for r in rows])
    periods = [r.period for r in rows]
    line = next((x for x in lines(session, until=None) if x.measure.key == key and x.entity.code == entity_code), None)
    written = service.narratives(session, found, entity_code)
    escalated_to = bodies_for(session, line) if line else []
    latest_period = periods[-1] if periods else None
    defaults = {"written_for": latest_period.isoformat() if latest_period else "", "what_it_shows": "",
                "actions": "", "linked_risks": ""}
    return render(request, "assurance/measure_chart.html", {
        "title": f"{found.name}: {known[entity_code].name}", "measure": found, "entity": known[entity_code],
        "rows": rows, "result": result, "points": list(result.points) if result else [],
        "chart": chart.spc_chart(result, periods, unit=found.unit, title=f"{found.name}, {known[entity_code].name}",
                                 target=found.target) if result else None,
        "legend": chart.legend(), "summary": summary(result, found.unit, periods) if result else [],
        "variation_icon": chart.variation_icon, "assurance_icon": chart.assurance_icon,
        "escalated_to": escalated_to, "names": look_up(session, bodies=escalated_to), "narratives": written,
        "history": [e for n in written for e in history_of(session, "measure_narratives", n.id)],
        "values": values or defaults, "errors": errors, "flash": flash,
        "can_edit": actor.may(Permission.EDIT_SYSTEM), **TEXT}, status_code=status_code)


@router.post("/assurance/measures/{key}/{entity_code}/narrative", dependencies=form_post(Permission.EDIT_SYSTEM))
async def save_narrative(key: str, entity_code: str, request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    found = service.get_measure(session, key, actor=actor)

    def save():
        cleaned = clean(values)
        cleaned["linked_risks"] = [r for r in (values.get("linked_risks") or "").replace(";", ",").split(",")]
        cleaned["entity_code"] = entity_code
        return service.save_narrative(session, actor=actor, measure=found, data_in=parse(NarrativeIn, cleaned))

    return save_or_show_again(
        session, save, lambda errors, status: _chart_page(request, session, actor, key, entity_code, values, errors,
                                                          status),
        NARRATIVE_LABELS, lambda _: f"/assurance/measures/{key}/{entity_code}?saved=1#narrative")


UPLOAD = UploadPage(
    title="Import measure data", action="/assurance/import", back=("/assurance/report", "report"),
    nav="assurance/_nav.html", current="import", accept=".csv,.xlsx",
    labels={"measure": "Measure", "organisation": "Organisation", "period": "Period", "value": "Value",
            "numerator": "Numerator", "denominator": "Denominator", "note": "Note"},
    counted=(("created", "new"), ("replaced", "replaced"), ("unchanged", "unchanged")),
    about="One row per measure, organisation or area, and month, with these columns: measure (its key), "
          "organisation (an organisation, place or system code), period (for example 2015-08), value, or numerator "
          "and denominator, and an optional note. Importing a period again replaces it.")


@router.get("/assurance/import")
def import_form(request: Request, actor: PageActor):
    service.require_edit(actor)
    return show(request, UPLOAD)


@router.post("/assurance/import", dependencies=[Depends(verify_csrf)])
async def import_file(request: Request, session: SessionDep, actor: PageActor):
    """The CLI's import: every bad row listed by row and column, nothing imported unless every row is good."""

    def run(content: bytes, filename: str) -> dict[str, int]:
        return service.import_file(session, actor=actor, content=content, filename=filename)

    return await import_upload(request, session, UPLOAD, run, permitted=lambda: service.require_edit(actor))

