"""Pages: the integrated performance report per reporting period, and its PDF and XLSX downloads."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from caresystem.assurance.measures import service as measures
from caresystem.assurance.measures.schemas import DOMAINS
from caresystem.assurance.report import chart, service
from caresystem.assurance.report.text import target_text, value_text
from caresystem.errors import NotFound
from caresystem.web.dates import parse_period
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 100
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HELPERS = {"value_text": value_text, "target_text": target_text, "variation_icon": chart.variation_icon,
           "assurance_icon": chart.assurance_icon, "sparkline": chart.sparkline}


@router.get("/assurance")
def assurance_home():
    return RedirectResponse("/assurance/report", status_code=303)


@router.get("/assurance/report")
def latest_report(request: Request, session: SessionDep, actor: PageActor, period: str | None = None,
                  domain: str | None = None, organisation: str | None = None, place: str | None = None,
                  page: int = 1):
    return _report_page(request, session, actor, parse_period(period), domain, organisation, place, page)


@router.get("/assurance/report/{period}.{kind}")
def download(period: str, kind: str, request: Request, session: SessionDep, actor: PageActor,
             domain: str | None = None, organisation: str | None = None, place: str | None = None):
    """The report as PDF (A4 landscape, vector charts) or XLSX, for the same filters as the page."""
    if kind not in ("pdf", "xlsx"):
        raise NotFound("Downloads are .pdf or .xlsx.")
    report = service.report(session, actor=actor, period=parse_period(period), domain=domain or None,
                            organisation=organisation or None, place=place or None)
    name = f"integrated-performance-report-{report.period:%Y-%m}" if report.period else "integrated-performance-report"
    if kind == "xlsx":
        from caresystem.assurance.report.xlsx import report_xlsx

        return Response(report_xlsx(report), media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})
    from caresystem.assurance.report.pdf import report_pdf

    return Response(report_pdf(report, request.app.state.templates.env), media_type="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{name}.pdf"'})


@router.get("/assurance/report/{period}")
def period_report(period: str, request: Request, session: SessionDep, actor: PageActor, domain: str | None = None,
                  organisation: str | None = None, place: str | None = None, page: int = 1):
    return _report_page(request, session, actor, parse_period(period), domain, organisation, place, page)


def _report_page(request, session, actor, period, domain, organisation, place, page):
    filters = {"domain": domain or None, "organisation": organisation or None, "place": place or None}
    report = service.report(session, actor=actor, period=period, **filters)
    page = max(page, 1)
    rows = report.lines[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    known = measures.entities(session)
    with_data = sorted({line.entity.code for line in service.lines(session, until=report.period)},
                       key=lambda c: known[c].name if c in known else c)
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(request, "assurance/report.html", {
        "title": "Integrated performance report", "report": report, "rows": rows, "total": len(report.lines),
        "page": page, "page_size": PAGE_SIZE, "filters": filters, "query": query,
        "period_key": f"{report.period:%Y-%m}" if report.period else "latest",
        "period_options": [(p.strftime("%Y-%m"), p.strftime("%B %Y")) for p in report.periods],
        "domains": [(d, d.capitalize()) for d in DOMAINS],
        "organisations": [(c, known[c].name if c in known else c) for c in with_data],
        "places": [(e.code, e.name) for e in known.values() if e.kind == "place"],
        "illustrative": any(line.illustrative for line in rows), **HELPERS})
