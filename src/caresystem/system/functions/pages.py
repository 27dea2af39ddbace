"""Pages: the functions map (function by level), a function's detail, and forms for its allocations and for the
principles each allocation applies."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from caresystem.auth import Permission, require_somewhere
from caresystem.auth.audit import history_of
from caresystem.system.functions import service
from caresystem.system.functions.schemas import ARRANGEMENTS, LEVELS, AllocationFields, AllocationUpdate
from caresystem.system.principles import CITE_LABELS, cite_form
from caresystem.web.csrf import verify_csrf
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.forms import clean, form_post, form_values, parse, save_or_show_again, version_of
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
LABELS = {"level": "Level", "holder": "Held by", "arrangement": "Arrangement", "valid_from": "In force from",
          "valid_to": "In force to", "tests": "Subsidiarity tests"}
ANSWERS = {"yes": True, "no": False}


@router.get("/functions")
def functions_map(request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None):
    as_at_date = parse_as_at(as_at)
    functions = service.list_functions(session, actor=actor, as_at=as_at_date)
    return render(request, "functions/map.html", {
        "title": "Functions and decision-making map", "rows": service.matrix(functions, as_at_date),
        "levels": LEVELS, "arrangements": ARRANGEMENTS, "as_at": as_at_date,
        "tests": service.subsidiarity_tests(session)})


@router.get("/functions/{key}")
def function(key: str, request: Request, session: SessionDep, actor: PageActor, saved: str | None = None):
    function = service.get_function(session, key, actor=actor)
    history = sorted([e for a in function.allocations for e in history_of(session, "function_allocations", a.id)]
                     + history_of(session, "functions", function.id), key=lambda e: e.at, reverse=True)
    return render(request, "functions/detail.html", {
        "title": function.name, "function": function, "levels": LEVELS, "arrangements": ARRANGEMENTS,
        "tests": service.subsidiarity_tests(session), "history": history,
        "can_edit": service.may_edit(actor), "flash": "Changes saved." if saved else None})


@router.get("/functions/{key}/allocations/new")
def new_allocation(key: str, request: Request, session: SessionDep, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_SYSTEM)
    return _form(request, session, service.get_function(session, key, actor=actor), None, {}, {})


@router.post("/functions/{key}/allocations/new", dependencies=form_post(Permission.EDIT_SYSTEM))
async def create_allocation(key: str, request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    function = service.get_function(session, key, actor=actor)
    return save_or_show_again(
        session, lambda: service.add_allocation(session, actor=actor, key=key,
                                                data=parse(AllocationFields, _data(session, values))),
        lambda errors, status: _form(request, session, function, None, values, errors, status),
        LABELS, lambda _: f"/functions/{key}?saved=1")


@router.get("/functions/{key}/allocations/{allocation_id}/edit")
def edit_allocation(key: str, allocation_id: int, request: Request, session: SessionDep, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_SYSTEM)
    function = service.get_function(session, key, actor=actor)
    allocation = next((a for a in function.allocations if a.id == allocation_id), None)
    if allocation is None:
        return RedirectResponse(f"/functions/{key}", status_code=303)
    values = {f: getattr(allocation, f) for f in ("level", "holder", "arrangement", "valid_from", "valid_to", "notes",
                                                   "version")}
    for test_key, answer in allocation.tests.items():
        values[f"test_{test_key}_answer"] = {True: "yes", False: "no"}.get(answer.get("answer"), "")
        values[f"test_{test_key}_rationale"] = answer.get("rationale") or ""
    return _form(request, session, function, allocation, values, {})


@router.post("/functions/{key}/allocations/{allocation_id}/edit", dependencies=form_post(Permission.EDIT_SYSTEM))
async def update_allocation(key: str, allocation_id: int, request: Request, session: SessionDep, actor: PageActor):
    values = await form_values(request)
    function = service.get_function(session, key, actor=actor)
    allocation = next((a for a in function.allocations if a.id == allocation_id), None)
    return save_or_show_again(
        session, lambda: service.update_allocation(
            session, actor=actor, key=key, allocation_id=allocation_id,
            data=parse(AllocationUpdate, _data(session, values, keep_empty=("valid_from", "valid_to", "notes")))),
        lambda errors, status: _form(request, session, function, allocation, values, errors, status),
        LABELS, lambda _: f"/functions/{key}?saved=1")


def _principles_form(request, session, allocation, *, status_code=200, **posted):
    key = allocation.function.key
    return render(request, "principles/cite_form.html", cite_form(
        session, allocation, record_label=f"{allocation.function.name}: "
                                          f"{allocation.level_label}, {allocation.holder}",
        action=f"/functions/{key}/allocations/{allocation.id}/principles", back=f"/functions/{key}", **posted),
        status_code=status_code)


@router.get("/functions/{key}/allocations/{allocation_id}/principles")
def allocation_principles(key: str, allocation_id: int, request: Request, session: SessionDep, actor: PageActor):
    require_somewhere(actor, Permission.EDIT_SYSTEM)
    allocation = service.get_allocation(session, actor=actor, key=key, allocation_id=allocation_id)
    return _principles_form(request, session, allocation)


@router.post("/functions/{key}/allocations/{allocation_id}/principles", dependencies=[Depends(verify_csrf)])
async def cite_allocation_principles(key: str, allocation_id: int, request: Request, session: SessionDep,
                                     actor: PageActor):
    values = await form_values(request, lists=("principles",))
    version = version_of(values)

    def show_again(errors: dict, status_code: int):
        allocation = service.get_allocation(session, actor=actor, key=key, allocation_id=allocation_id)
        return _principles_form(request, session, allocation, chosen=values["principles"], version=version,
                                errors=errors, status_code=status_code)

    return save_or_show_again(
        session, lambda: service.cite_principles(session, actor=actor, key=key, allocation_id=allocation_id,
                                                 keys=values["principles"], version=version),
        show_again, CITE_LABELS, lambda _: f"/functions/{key}?saved=1")


def _data(session, values: dict, keep_empty: tuple[str, ...] = ()) -> dict:
    """Form fields to an allocation: each test's answer and rationale become one entry of `tests`."""
    plain = {k: v for k, v in values.items() if not k.startswith("test_")}
    data = clean(plain, keep_empty=keep_empty)
    data["tests"] = {}
    for test in service.subsidiarity_tests(session):
        answer = values.get(f"test_{test.key}_answer", "")
        rationale = values.get(f"test_{test.key}_rationale", "").strip() or None
        if answer or rationale:
            data["tests"][test.key] = {"answer": ANSWERS.get(answer), "rationale": rationale}
    return data


def _form(request, session, function, allocation, values, errors, status_code=200):
    return render(request, "functions/form.html", {
        "title": f"{'Edit' if allocation else 'Add'} where {function.name} is held", "function": function,
        "allocation": allocation, "values": values, "errors": errors, "levels": LEVELS, "arrangements": ARRANGEMENTS,
        "tests": service.subsidiarity_tests(session)}, status_code=status_code)
