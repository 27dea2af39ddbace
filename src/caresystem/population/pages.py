"""Pages: population overview, PCN profile, inequalities, allocation and (restricted) cohort lists.

Figures are formatted by `presentation` and charts laid out by `charts`; each chart has a caption, a text summary
and a data table. Every table of a page is built by one function (`overview_tables`, ...) that both the page and its
downloads call, so a file holds exactly the cells the page shows, suppressed figures included.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request

from caresystem.auth import Permission
from caresystem.errors import NotFound
from caresystem.population import schemas, service
from caresystem.population.charts import interval_chart, pyramid_chart
from caresystem.population.presentation import (NO_DATA, allocation_cells, area_figures, comparison_summary, count,
                                                decile_summary, decile_table, fair_share_rows, figure, interval, link,
                                                list_size_counts, number, pyramid_summary, run_rows, segments_table,
                                                synthetic_basis, table, table_cells, tiers_table)
from caresystem.settings import Settings
from caresystem.spreadsheets import MEDIA_TYPES, attachment, table_download
from caresystem.web.deps import PageActor, SessionDep, get_settings
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
SettingsDep = Annotated[Settings, Depends(get_settings)]
COHORT_PAGE_SIZE = 100


def download(tables: dict[str, dict], name: str, kind: str, filename: str):
    """One of a page's tables as the page shows it (the same cells, so the same suppression), as CSV or XLSX."""
    if kind not in MEDIA_TYPES:
        raise NotFound(f"Tables download as .csv or .xlsx, not .{kind}.")
    if name not in tables:
        raise NotFound(f"There is no table {name!r} on this page; there are {', '.join(tables)}.")
    header, rows = table_cells(tables[name])
    return attachment(table_download(kind, tables[name]["caption"], header, rows), kind=kind, name=filename)


# --- pages ---


@router.get("/population")
def overview(request: Request, actor: PageActor, settings: SettingsDep):
    data = service.overview(data_dir=settings.data_dir)
    return render(
        request,
        "population/overview.html",
        {
            "title": "Population health",
            "data": data,
            "run_rows": run_rows(data.run),
            "system_figures": area_figures(data.system),
            "list_size_counts": list_size_counts(data.run),
            "synthetic_basis": synthetic_basis(data.run),
            "tables": overview_tables(data),
        },
    )


@router.get("/population/tables/{name}.{kind}")
def overview_download(name: str, kind: str, actor: PageActor, settings: SettingsDep):
    tables = overview_tables(service.overview(data_dir=settings.data_dir))
    return download(tables, name, kind, f"population-{name}")


def overview_tables(data: schemas.Overview) -> dict[str, dict]:
    places = {p.code: p.name for p in data.places}
    return {
        "places": table(
            "Places",
            [
                "Place",
                "Registered people",
                "Long-term condition prevalence",
                "95% interval",
                "Emergency admissions per 100,000 (age-standardised)",
                "95% interval",
                "Life expectancy at birth (years)",
                "95% interval",
            ],
            [
                [
                    p.name,
                    figure(p.list_size),
                    figure(p.ltc_prevalence),
                    interval(p.ltc_prevalence),
                    figure(p.emergency_admissions),
                    interval(p.emergency_admissions),
                    figure(p.life_expectancy),
                    interval(p.life_expectancy),
                ]
                for p in data.places
            ],
        ),
        "risk-tiers": tiers_table(data.risk_tiers, data.run.system_name),
        "pcns": table(
            "Primary care networks",
            [
                "Network",
                "Place",
                "Registered people",
                "Long-term condition prevalence",
                "Emergency admissions per 100,000 (age-standardised)",
            ],
            [
                [
                    link(f"/population/pcns/{p.code}", p.name),
                    places.get(p.parent_code, NO_DATA),
                    figure(p.list_size),
                    figure(p.ltc_prevalence),
                    figure(p.emergency_admissions),
                ]
                for p in data.pcns
            ],
            numeric_from=2,
        ),
    }


@router.get("/population/pcns/{code}")
def pcn_profile(request: Request, code: str, actor: PageActor, settings: SettingsDep):
    data = service.pcn_profile(data_dir=settings.data_dir, code=code)
    links = actor.can(Permission.VIEW_COHORTS)
    return render(
        request,
        "population/pcn.html",
        {
            "title": data.pcn.name,
            "data": data,
            "run_rows": run_rows(data.run),
            "pcn_figures": area_figures(data.pcn),
            "fair_share_text": number(data.fair_share.fair_share, "£") if data.fair_share else NO_DATA,
            "cohort_note": None
            if links
            else "Lists of the people in the top three tiers are open to care coordinators "
            "and administrators, signed in.",
            "pyramid": pyramid_chart(data.pyramid),
            "pyramid_summary": pyramid_summary(data),
            "prevalence": interval_chart([r for r in data.prevalence if r.key != "any"], "proportion"),
            "prevalence_summary": comparison_summary(data.prevalence, data.run.system_name),
            "tables": pcn_tables(data, cohort_links=code if links else None),
            "fair_share": fair_share_rows(data.fair_share),
        },
    )


@router.get("/population/pcns/{code}/tables/{name}.{kind}")
def pcn_download(code: str, name: str, kind: str, actor: PageActor, settings: SettingsDep):
    data = service.pcn_profile(data_dir=settings.data_dir, code=code)
    return download(pcn_tables(data), name, kind, f"{data.pcn.code}-{name}")


def pcn_tables(data: schemas.PcnProfile, cohort_links: str | None = None) -> dict[str, dict]:
    place = data.place.name if data.place else "its place"
    return {
        "age-sex": table(
            "Registered people by age and sex",
            ["Age band", "Women", "Share of list", "Men", "Share of list"],
            [
                [b.age_band, count(b.female), figure(b.female), count(b.male), figure(b.male)]
                for b in reversed(data.pyramid)
            ],
        ),
        "deprivation": table(
            "Registered people by deprivation decile (1 = most deprived)",
            ["Decile", "People", "Share of list"],
            [[r.label, count(r.area), figure(r.area)] for r in data.deprivation],
        ),
        "prevalence": table(
            "Prevalence of long-term conditions",
            ["Condition", "People", "Prevalence", "95% interval", f"{place}", data.run.system_name],
            [
                [
                    r.label,
                    count(r.area),
                    figure(r.area),
                    interval(r.area),
                    figure(r.place),
                    figure(r.system),
                ]
                for r in data.prevalence
            ],
        ),
        "segments": segments_table("Bridges to Health segments", "Segment", data.segments),
        "multimorbidity": segments_table("Number of long-term conditions", "Conditions", data.multimorbidity),
        "risk-tiers": tiers_table(data.risk_tiers, data.pcn.name, cohort_links=cohort_links),
    }


@router.get("/population/inequalities")
def inequalities(request: Request, actor: PageActor, settings: SettingsDep):
    data = service.inequalities(data_dir=settings.data_dir)
    charts = [
        {
            "series": series,
            "chart": interval_chart(series.deciles, series.unit, series.overall, "All deciles"),
            "summary": decile_summary(series, data.indices),
            "table": series_name(series),
        }
        for series in [*data.rates, *data.life_expectancy[:1]]
    ]
    return render(
        request,
        "population/inequalities.html",
        {
            "title": "Health inequalities",
            "data": data,
            "run_rows": run_rows(data.run),
            "charts": charts,
            "other_tables": [series_name(s) for s in data.life_expectancy[1:]],
            "tables": inequalities_tables(data),
        },
    )


@router.get("/population/inequalities/tables/{name}.{kind}")
def inequalities_download(name: str, kind: str, actor: PageActor, settings: SettingsDep):
    tables = inequalities_tables(service.inequalities(data_dir=settings.data_dir))
    return download(tables, name, kind, f"inequalities-{name}")


def series_name(series: schemas.DecileSeries) -> str:
    return f"{series.indicator}-{series.sex}".replace("_", "-").lower()


def inequalities_tables(data: schemas.Inequalities) -> dict[str, dict]:
    deciles = {series_name(s): decile_table(s) for s in [*data.rates, *data.life_expectancy]}
    return deciles | {
        "indices": table(
            "Slope and relative index of inequality across deprivation deciles",
            ["Indicator", "Sex", "Measure", "Value", "95% interval", "Unit"],
            [
                [
                    i.label,
                    schemas.SEXES.get(i.sex, i.sex),
                    "Slope index (SII)" if i.measure == "sii" else "Relative index (RII)",
                    number(i.value, i.unit),
                    f"{number(i.lower_ci95, i.unit)} to {number(i.upper_ci95, i.unit)}",
                    i.unit or "",
                ]
                for i in data.indices
            ],
            numeric_from=3,
        ),
    }


@router.get("/population/allocation")
def allocation(request: Request, actor: PageActor, settings: SettingsDep):
    data = service.allocation(data_dir=settings.data_dir)
    return render(
        request,
        "population/allocation.html",
        {"title": "Fair shares", "data": data, "run_rows": run_rows(data.run), "tables": allocation_tables(data)},
    )


@router.get("/population/allocation/tables/{name}.{kind}")
def allocation_download(name: str, kind: str, actor: PageActor, settings: SettingsDep):
    tables = allocation_tables(service.allocation(data_dir=settings.data_dir))
    return download(tables, name, kind, f"fair-shares-{name}")


def allocation_tables(data: schemas.Allocation) -> dict[str, dict]:
    places = {p.code: p.name for p in data.places}
    head = [
        "Registered people",
        "Weighted population",
        "Need index",
        "Target share",
        "Fair share",
        "Current allocation",
        "Distance from target",
    ]
    return {
        "places": table("Places", ["Place", *head], [[r.name, *allocation_cells(r)] for r in data.places]),
        "pcns": table(
            "Primary care networks",
            ["Network", "Place", *head],
            [
                [
                    link(f"/population/pcns/{r.code}", r.name),
                    places.get(r.parent_code, NO_DATA),
                    *allocation_cells(r),
                ]
                for r in data.pcns
            ],
            numeric_from=2,
        ),
    }


@router.get("/population/pcns/{code}/cohorts/{tier}")
def cohort(
    request: Request,
    code: str,
    tier: str,
    session: SessionDep,
    actor: PageActor,
    settings: SettingsDep,
    page: Annotated[int, Query(ge=1)] = 1,
):
    data = service.cohort(session, data_dir=settings.data_dir, actor=actor, pcn=code, tier=tier)
    start = (page - 1) * COHORT_PAGE_SIZE
    shown = data.people[start : start + COHORT_PAGE_SIZE]
    return render(
        request,
        "population/cohort.html",
        {
            "title": f"{data.tier_label} risk: {data.pcn_name}",
            "data": data,
            "run_rows": run_rows(data.run),
            "page": page,
            "page_size": COHORT_PAGE_SIZE,
            "people_table": table(
                f"People in the {data.tier_label.lower()} tier, highest risk first",
                ["Pseudonymous id", "Practice", "Predicted risk of an emergency admission"],
                [[str(p.person_id), p.practice_code, number(p.risk, "proportion")] for p in shown],
                numeric_from=2,
            ),
        },
    )
