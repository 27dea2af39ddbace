"""Pages: the functions map (function by level) and a function's detail with the subsidiarity tests."""

from fastapi import APIRouter, Request

from caresystem.auth.audit import history_of
from caresystem.system.functions import service
from caresystem.system.functions.schemas import ARRANGEMENTS, LEVELS
from caresystem.web.dates import parse_as_at
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/functions")
def functions_map(request: Request, session: SessionDep, actor: PageActor, as_at: str | None = None):
    as_at_date = parse_as_at(as_at)
    functions = service.list_functions(session, actor=actor, as_at=as_at_date)
    return render(request, "functions/map.html", {
        "title": "Functions and decision-making map", "rows": service.matrix(functions, as_at_date),
        "levels": LEVELS, "arrangements": ARRANGEMENTS, "as_at": as_at_date,
        "tests": service.subsidiarity_tests(session)})


@router.get("/functions/{key}")
def function(key: str, request: Request, session: SessionDep, actor: PageActor):
    function = service.get_function(session, key, actor=actor)
    history = sorted([e for a in function.allocations for e in history_of(session, "function_allocations", a.id)]
                     + history_of(session, "functions", function.id), key=lambda e: e.at, reverse=True)
    return render(request, "functions/detail.html", {
        "title": function.name, "function": function, "levels": LEVELS, "arrangements": ARRANGEMENTS,
        "tests": service.subsidiarity_tests(session), "history": history})
