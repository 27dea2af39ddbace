"""Pages: the benefits register, a benefit with its trajectory chart, the benefit, trajectory and actual forms, and
the upload pages of the register's and the actuals' imports."""

from datetime import date
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from caresystem import clock
from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.errors import Conflict, FieldError, Invalid, NotFound
from caresystem.programme.benefits import imports, measured, service, spreadsheet
from caresystem.programme.benefits.chart import benefit_chart
from caresystem.programme.benefits.reads import benefit_detail, benefit_read, export_records
from caresystem.programme.benefits.schemas import (MEASURE_SOURCES, TYPES, ActualCreate, BenefitCreate,
                                                   BenefitUpdate, Point)
from caresystem.programme.benefits.trajectory import DIRECTIONS, STATUSES
from caresystem.programme.plan import objective_and_project_names
from caresystem.programme.registers import attachment
from caresystem.system.names import look_up
from caresystem.web.deps import PageActor, PageProgramme, SessionDep
from caresystem.web.forms import (clean, error_messages, form_post, form_values, parse, refuse_emptied,
                                  save_or_show_again, version_of)
from caresystem.web.templating import render
from caresystem.web.uploads import UploadPage, import_upload, show

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
FIELDS = ["title", "objective", "description", "beneficiaries", "type", "owner", "project", "measure_name",
          "measure_unit", "measure_direction", "measure_source", "measure_indicator", "measure_measure",
          "measure_organisation", "baseline_value",
          "baseline_date", "target_value", "target_low", "target_high", "target_date", "target_text", "notes"]
LABELS = {f: f.replace("measure_", "measure ").replace("_", " ").capitalize() for f in FIELDS} | {
    "title": "Benefit", "key": "Key", "measure_name": "What is measured", "points": "Trajectory",
    "value": "Value", "date": "Date", "target_low": "Low estimate", "target_high": "High estimate"}
CHOICES = {"types": TYPES, "directions": DIRECTIONS, "sources": MEASURE_SOURCES, "statuses": STATUSES}


def _form_errors(exc: Invalid | Conflict) -> dict[str, str]:
    """Service errors name nested fields (measure.direction); the form's inputs are flat (measure_direction)."""
    if isinstance(exc, Invalid):
        exc = Invalid([FieldError(e.field.replace(".", "_"), e.message) for e in exc.errors])
    return error_messages(exc, LABELS)


def _from_form(values: dict, *, editing: bool) -> dict:
    if editing:
        refuse_emptied(values, BenefitCreate)
    data = clean(values, keep_empty=tuple(f for f in FIELDS if f != "title") if editing else ())
    measure = {k.removeprefix("measure_"): data.pop(k) for k in list(data) if k.startswith("measure_")}
    if any(measure.get(k) for k in ("name", "unit", "direction", "indicator", "measure")):
        data["measure"] = {k: v for k, v in measure.items() if v is not None}
    elif editing:
        data["measure"] = None
    if "beneficiaries" in data:
        data["beneficiaries"] = [line.strip() for line in (data["beneficiaries"] or "").splitlines() if line.strip()]
    return data


def _values(benefit) -> dict:
    m = benefit.measure
    return {f: getattr(benefit, f) for f in FIELDS if hasattr(benefit, f)} | {
        "beneficiaries": "\n".join(benefit.beneficiaries), "version": benefit.version,
        "measure_name": m and m.name, "measure_unit": m and m.unit, "measure_direction": m and m.direction,
        "measure_source": m.source if m else "manual", "measure_indicator": m and m.indicator_key,
        "measure_measure": m and m.measure_key, "measure_organisation": m and m.measure_entity}


@router.get("/programme/benefits")
def register(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
             status: str | None = None,
             type: str | None = None, q: str | None = None, sort: str = "status", page: int = 1):
    page = max(page, 1)
    filters = {"status": status or None, "type": type or None, "q": q or None, "sort": sort}
    found, total = service.list_benefits(session, actor=actor, programme=programme, **filters,
                                         offset=(page - 1) * PAGE_SIZE, limit=PAGE_SIZE)
    summary = service.benefits_summary(session, programme)
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(request, "benefits/register.html", {
        "title": "Benefits register", "programme": programme, "benefits": [benefit_read(f) for f in found],
        "total": total, "page": page, "page_size": PAGE_SIZE, "query": query, "filters": filters,
        "counts": summary.counts, "rule": service.tolerance_of(programme).describe(), **CHOICES,
        "can_edit": actor.may(Permission.EDIT_PROGRAMME)})


@router.get("/programme/benefits/export.{kind}")
def export(kind: str, session: SessionDep, actor: PageActor, programme: PageProgramme,
           status: str | None = None,
           type: str | None = None,
           q: str | None = None):
    if kind not in ("xlsx", "csv"):
        raise NotFound("Downloads are .xlsx or .csv.")
    records = export_records(session, actor, programme, {"status": status or None, "type": type or None, "q": q or None})
    content = spreadsheet.to_xlsx(records) if kind == "xlsx" else spreadsheet.to_csv(records)
    return attachment(content, kind=kind, name="benefits")


@router.get("/programme/benefits/new")
def new_benefit(request: Request, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    return _form(request, None, {"measure_source": "manual"}, {})


@router.post("/programme/benefits/new", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def create_benefit(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.create_benefit(session, actor=actor, programme=programme,
                                                data=parse(BenefitCreate, _from_form(values, editing=False))),
        lambda errors, status: _form(request, None, values, errors, status),
        _form_errors, lambda benefit: f"/programme/benefits/{benefit.key}?saved=1")


UPLOAD = UploadPage(
    title="Import the benefits register", action="/programme/benefits/import",
    back=("/programme/benefits", "benefits register"), labels=imports.LABELS, nav="benefits/_nav.html",
    current="benefits",
    about="An .xlsx or .csv file with the columns of the register's download (Key, Objective, Benefit, "
          "Beneficiaries separated by semicolons, Type, Owner, Project, Measure, Unit, Direction, Baseline, Baseline "
          "date, Target, Low estimate, High estimate and Target date), or your own headings for them (Benefit ID, "
          "KPI...). Actuals from, Latest actual, Expected on that date, Status and Escalated to are worked out, so "
          "they are skipped. A row whose key "
          "is already in the register updates that benefit; a row without one adds a new benefit.")
ACTUALS_UPLOAD = UploadPage(
    title="Import benefits' actuals", action="/programme/benefits/actuals/import",
    back=("/programme/benefits", "benefits register"), labels=imports.ACTUAL_LABELS, nav="benefits/_nav.html",
    current="benefits",
    about="An .xlsx or .csv file of measured values, one a row: Benefit key, Date, Value, and optionally Source and "
          "Note. A date may not be in the future, and a value must fit the benefit's unit. An actual already recorded "
          "with the same value is left as it is; to correct one, remove it on the benefit's page first.")


@router.get("/programme/benefits/import")
def import_form(request: Request, actor: PageActor):
    service.require_edit(actor)
    return show(request, UPLOAD)


@router.post("/programme/benefits/import", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def import_file(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    """The API's import: every bad row listed by row and column, nothing imported unless every row is good."""

    def run(content: bytes, filename: str) -> dict[str, int]:
        return imports.import_file(session, actor=actor, programme=programme, content=content, filename=filename)

    return await import_upload(request, session, UPLOAD, run, permitted=lambda: service.require_edit(actor))


@router.get("/programme/benefits/actuals/import")
def import_actuals_form(request: Request, actor: PageActor):
    service.require_edit(actor)
    return show(request, ACTUALS_UPLOAD)


@router.post("/programme/benefits/actuals/import", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def import_actuals_file(request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    def run(content: bytes, filename: str) -> dict[str, int]:
        return imports.import_actuals_file(session, actor=actor, programme=programme, content=content,
                                           filename=filename)

    return await import_upload(request, session, ACTUALS_UPLOAD, run, permitted=lambda: service.require_edit(actor))


@router.get("/programme/benefits/{key}")
def benefit(key: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme,
            saved: str | None = None):
    return _detail(request, session, actor, programme, key, flash="Changes saved." if saved else None)


def _detail(request, session, actor, programme, key, *, flash=None, errors=None, values=None, status_code=200):
    found = service.get_assessed(session, actor=actor, programme=programme, key=key)
    b, tolerance = found.benefit, service.tolerance_of(programme)
    points = [(p.on_date, p.value) for p in b.trajectory]
    ends = [(d, v) for d, v in ((b.baseline_date, b.baseline_value), (b.target_date, b.target_value))
            if d is not None and v is not None and d not in dict(points)]
    plan = sorted(points + ends)
    distance = abs((b.target_value if b.target_value is not None else (plan[-1][1] if plan else 0)) -
                   (b.baseline_value if b.baseline_value is not None else (plan[0][1] if plan else 0)))
    actuals = measured.actuals_of(b)
    chart = benefit_chart(plan, actuals, direction=b.measure and b.measure.direction, distance=distance,
                          tolerance=tolerance, unit=b.measure and b.measure.unit)
    planned, recorded = dict(plan), dict(actuals)
    rows = [(d, planned.get(d), recorded.get(d)) for d in sorted(set(planned) | set(recorded))]
    names = objective_and_project_names(session, programme, objectives=[b.objective], projects=[b.project])
    return render(request, "benefits/detail.html", {
        "title": f"{b.key}: {b.title}", "benefit": benefit_detail(found, programme), "chart": chart, "rows": rows,
        "names": names, "bodies": look_up(session, bodies=found.escalated_to),
        "measured_series": measured.series_of(b), "is_measured": measured.is_measured(b),
        "history": history_of(session, service.ENTITY, b.id), "flash": flash, "errors": errors or {},
        "values": values or {"date": clock.today(session).isoformat()}, **CHOICES,
        "can_edit": actor.may(Permission.EDIT_PROGRAMME)}, status_code=status_code)


@router.get("/programme/benefits/{key}/edit")
def edit_benefit(key: str, request: Request, session: SessionDep, actor: PageActor, programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_benefit(session, actor=actor, programme=programme, key=key)
    return _form(request, found, _values(found), {})


@router.post("/programme/benefits/{key}/edit", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def update_benefit(key: str, request: Request, session: SessionDep, actor: PageActor,
                         programme: PageProgramme):
    values = await form_values(request)
    found = service.get_benefit(session, actor=actor, programme=programme, key=key)
    return save_or_show_again(
        session, lambda: service.update_benefit(session, actor=actor, programme=programme, key=key,
                                                data=parse(BenefitUpdate, _from_form(values, editing=True))),
        lambda errors, status: _form(request, found, values, errors, status),
        _form_errors, lambda _: f"/programme/benefits/{key}?saved=1")


@router.post("/programme/benefits/{key}/delete", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def delete_benefit(key: str, request: Request, session: SessionDep, actor: PageActor,
                         programme: PageProgramme):
    values = await form_values(request)
    version = version_of(values)
    service.delete_benefit(session, actor=actor, programme=programme, key=key, version=version)
    return RedirectResponse("/programme/benefits", status_code=303)


@router.post("/programme/benefits/{key}/actuals", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def add_actual(key: str, request: Request, session: SessionDep, actor: PageActor,
                     programme: PageProgramme):
    values = await form_values(request)
    return save_or_show_again(
        session, lambda: service.add_actual(session, actor=actor, programme=programme, key=key,
                                            data=parse(ActualCreate, clean(values))),
        lambda errors, status: _detail(request, session, actor, programme, key, errors=errors, values=values,
                                       status_code=status),
        _form_errors, lambda _: f"/programme/benefits/{key}?saved=1#actuals")


@router.post("/programme/benefits/{key}/actuals/{on_date}/delete", dependencies=form_post(Permission.EDIT_PROGRAMME))
def remove_actual(key: str, on_date: date, session: SessionDep, actor: PageActor, programme: PageProgramme):
    service.remove_actual(session, actor=actor, programme=programme, key=key, on_date=on_date)
    return RedirectResponse(f"/programme/benefits/{key}?saved=1#actuals", status_code=303)


def parse_points(text: str) -> list[Point]:
    """One point a line, "2024-03-31, 120"; every bad line reported by its number."""
    points, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        when, _, value = line.replace("\t", ",").partition(",")
        try:
            points.append(Point(date=date.fromisoformat(when.strip()), value=float(value.strip())))
        except ValueError:
            errors.append(f"line {number} must be a date and a number, like 2024-03-31, 120")
    if errors:
        raise Invalid([FieldError("points", "; ".join(errors))])
    return points


@router.get("/programme/benefits/{key}/trajectory")
def edit_trajectory(key: str, request: Request, session: SessionDep, actor: PageActor,
                    programme: PageProgramme):
    require_somewhere(actor, Permission.EDIT_PROGRAMME)
    found = service.get_benefit(session, actor=actor, programme=programme, key=key)
    text = "\n".join(f"{p.on_date.isoformat()}, {p.value:g}" for p in found.trajectory)
    return _trajectory_form(request, found, {"points": text, "version": found.version}, {})


@router.post("/programme/benefits/{key}/trajectory", dependencies=form_post(Permission.EDIT_PROGRAMME))
async def set_trajectory(key: str, request: Request, session: SessionDep, actor: PageActor,
                         programme: PageProgramme):
    values = await form_values(request)
    found = service.get_benefit(session, actor=actor, programme=programme, key=key)
    return save_or_show_again(
        session, lambda: service.set_trajectory(session, actor=actor, programme=programme, key=key,
                                                version=int(values.get("version") or 0),
                                                points=parse_points(values.get("points", ""))),
        lambda errors, status: _trajectory_form(request, found, values, errors, status),
        _form_errors, lambda _: f"/programme/benefits/{key}?saved=1")


def _trajectory_form(request, benefit, values, errors, status_code=200):
    return render(request, "benefits/trajectory_form.html", {
        "title": f"Trajectory of {benefit.key}", "benefit": benefit, "values": values, "errors": errors},
        status_code=status_code)


def _form(request, benefit, values, errors, status_code=200):
    return render(request, "benefits/form.html", {
        "title": f"Edit benefit {benefit.key}" if benefit else "Add a benefit", "benefit": benefit,
        "values": values, "errors": errors, **CHOICES}, status_code=status_code)
