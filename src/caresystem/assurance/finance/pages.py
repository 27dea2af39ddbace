"""Pages: finance figures by organisation and year with totals computed from the rows beside the documents' totals,
and the workforce by staff group with its vacancy rate."""

from fastapi import APIRouter, Request

from caresystem.assurance.finance import service
from caresystem.assurance.measures import service as measures
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


@router.get("/assurance/finance")
def finance(request: Request, session: SessionDep, actor: PageActor, year: str | None = None):
    years = service.years(session)
    year = year if year in years else (years[-1] if years else None)
    figures = service.figures(session, year=year)
    known = measures.entities(session)
    columns = list(dict.fromkeys((f.metric, f.basis, f.month) for f in figures))
    table: dict[str, dict] = {}
    for f in figures:
        table.setdefault(f.organisation_code, {})[(f.metric, f.basis, f.month)] = f
    return render(request, "assurance/finance.html", {
        "title": "Finance and workforce", "years": years, "year": year, "columns": columns, "table": table,
        "names": {c: known[c].name if c in known else c for c in table}, "totals": service.totals(session, year=year),
        "metrics": service.METRICS, "groups": service.GROUPS, "workforce": service.workforce(session)})
