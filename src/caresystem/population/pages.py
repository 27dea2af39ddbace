"""Pages: population overview, PCN profile, inequalities, allocation and (restricted) cohort lists.

Figures are formatted here once, so that a suppressed figure always reads "Suppressed (small number)" and a
missing one "No data"; charts are inline SVG laid out here, each with a caption, a text summary and a data
table.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from markupsafe import Markup, escape

from caresystem.auth import Permission
from caresystem.population import service
from caresystem.population.service import Comparison, Measure
from caresystem.settings import Settings
from caresystem.web.deps import PageActor, SessionDep, get_settings
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
SettingsDep = Annotated[Settings, Depends(get_settings)]
SUPPRESSED = "Suppressed (small number)"
NO_DATA = "No data"
COHORT_PAGE_SIZE = 100


# --- formatting ---


def number(value, unit: str | None = None) -> str:
    if value is None:
        return NO_DATA
    if unit == "proportion":
        return f"{value * 100:.1f}%"
    if unit in ("years", "ratio"):
        return f"{value:,.2f}" if unit == "ratio" else f"{value:.1f}"
    if unit == "£":
        return f"£{value / 1e6:,.1f}m"
    return f"{value:,.0f}"


def figure(m: Measure | None, unit: str | None = None) -> str:
    if m is None:
        return NO_DATA
    if m.suppressed:
        return SUPPRESSED
    return number(m.value, unit or m.unit)


def interval(m: Measure | None, unit: str | None = None) -> str:
    if m is None or m.suppressed:
        return SUPPRESSED if m is not None else NO_DATA
    if m.lower_ci95 is None or m.upper_ci95 is None:
        return NO_DATA
    return f"{number(m.lower_ci95, unit or m.unit)} to {number(m.upper_ci95, unit or m.unit)}"


def with_interval(m: Measure | None, unit: str | None = None, suffix: str = "") -> str:
    text = figure(m, unit)
    if m is None or m.suppressed or m.value is None:
        return text
    return text + suffix + (f" (95% interval {interval(m, unit)})" if m.lower_ci95 is not None else "")


def area_figures(a: service.AreaFigures) -> dict[str, str]:
    return {
        "list_size": figure(a.list_size),
        "ltc_prevalence": with_interval(a.ltc_prevalence),
        "emergency_admissions": with_interval(a.emergency_admissions),
        "life_expectancy": with_interval(a.life_expectancy, suffix=" years"),
    }


def count(m: Measure | None) -> str:
    return SUPPRESSED if m is not None and m.suppressed else number(m.numerator if m else None)


def _link(href: str, text: str) -> Markup:
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


def table(caption: str, head: list[str], rows: list[list], numeric_from: int = 1) -> dict:
    """Parameters of the NHS.UK table macro: numbers right-aligned, the first cell a row header."""
    return {
        "caption": caption,
        "captionSize": "s",
        "firstCellIsHeader": True,
        "compact": True,
        "responsive": False,
        "head": [{"text": h, "format": "numeric" if i >= numeric_from else None} for i, h in enumerate(head)],
        "rows": [[{"html": c} if isinstance(c, Markup) else {"text": c} for c in row] for row in rows],
    }


def run_rows(run: service.RunInfo) -> list[dict]:
    pairs = [
        ("Period", f"{run.period_start:%-d %B %Y} to {run.period_end:%-d %B %Y}"),
        ("Engine", {"duckdb": "DuckDB", "spark": "Apache Spark"}.get(run.engine, run.engine)),
        ("Run", run.run_id),
        ("Finished", f"{run.finished_at:%-d %B %Y %H:%M} UTC" if run.finished_at else NO_DATA),
        ("Dataset fingerprint (SHA-256)", run.dataset_fingerprint or NO_DATA),
        (
            "Small numbers",
            f"Counts from 1 to {run.suppression_threshold} are suppressed, with any figure that "
            "would reveal one",
        ),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in pairs]


# --- charts ---


def _axis_max(values: list[float]) -> float:
    top = max((v for v in values if v is not None), default=0) or 1
    step = 10 ** (len(str(int(top))) - 1) if top >= 1 else 0.01 if top >= 0.01 else 0.001
    while step * 10 < top:
        step *= 10
    for factor in (1, 2, 2.5, 5, 10):
        if step * factor >= top:
            return step * factor
    return top


def interval_chart(
    rows: list[Comparison],
    unit: str | None,
    reference: Measure | None = None,
    left: int = 250,
    width: int = 860,
) -> dict:
    """Horizontal interval bars: the area's value and 95% interval, marks for its place and the system."""
    values = [
        v
        for r in rows
        for m in (r.area, r.place, r.system)
        if m and not m.suppressed
        for v in (m.value, m.upper_ci95)
    ] + ([reference.value] if reference and reference.value else [])
    top = _axis_max(values)
    scale = (width - left - 20) / top

    def x(v):
        return None if v is None else round(left + v * scale, 1)

    def marks(m: Measure | None):
        return (
            {}
            if m is None or m.suppressed
            else {"x": x(m.value), "lo": x(m.lower_ci95), "hi": x(m.upper_ci95)}
        )

    laid = [
        {
            "label": r.label,
            "y": 40 + i * 26,
            "area": marks(r.area),
            "place": marks(r.place),
            "system": marks(r.system),
            "suppressed": bool(r.area and r.area.suppressed),
        }
        for i, r in enumerate(rows)
    ]
    ticks = [{"x": x(top * f), "label": number(top * f, unit)} for f in (0, 0.25, 0.5, 0.75, 1)]
    return {
        "rows": laid,
        "ticks": ticks,
        "height": 60 + 26 * len(rows),
        "left": left,
        "width": width,
        "reference": x(reference.value) if reference and not reference.suppressed else None,
    }


def pyramid_chart(bands: list[service.PyramidBand]) -> dict:
    shares = [m.value for b in bands for m in (b.male, b.female) if not m.suppressed and m.value]
    top = _axis_max(shares)
    half, centre, gap = 270, 330, 34

    def width(m: Measure):
        return 0 if m.suppressed or not m.value else round(m.value / top * half, 1)

    rows = [
        {
            "band": b.age_band,
            "y": 30 + i * 20,
            "male": width(b.male),
            "female": width(b.female),
            "male_suppressed": b.male.suppressed,
            "female_suppressed": b.female.suppressed,
        }
        for i, b in enumerate(reversed(bands))
    ]
    return {
        "rows": rows,
        "height": 60 + 20 * len(bands),
        "centre": centre,
        "gap": gap,
        "half": half,
        "top_label": number(top, "proportion"),
    }


# --- text summaries ---


def pyramid_summary(profile: service.PcnProfile) -> str:
    shown = [(b, m) for b in profile.pyramid for m in (b.female, b.male) if not m.suppressed and m.value]
    female = sum(m.value for b, m in shown if m is b.female)
    older = sum(m.value for b, m in shown if int(b.age_band.rstrip("+").split("-")[0]) >= 65)
    hidden = sum(m.suppressed for b in profile.pyramid for m in (b.female, b.male))
    largest = max(shown, key=lambda bm: bm[1].value, default=None)
    text = (
        f"{figure(profile.pcn.list_size)} registered people. At least {female * 100:.0f}% are female and at "
        f"least {older * 100:.0f}% are aged 65 or over."
    )
    if largest:
        sex = "women" if largest[1] is largest[0].female else "men"
        text += f" The largest group is {sex} aged {largest[0].age_band}."
    if hidden:
        text += f" {hidden} of {2 * len(profile.pyramid)} age-sex groups are suppressed (small numbers)."
    return text


def comparison_summary(rows: list[Comparison], against: str) -> str:
    higher = [
        r.label
        for r in rows
        if r.area
        and r.system
        and not r.area.suppressed
        and r.system.value is not None
        and r.area.lower_ci95 is not None
        and r.area.lower_ci95 > r.system.value
    ]
    lower = [
        r.label
        for r in rows
        if r.area
        and r.system
        and not r.area.suppressed
        and r.system.value is not None
        and r.area.upper_ci95 is not None
        and r.area.upper_ci95 < r.system.value
    ]
    hidden = sum(bool(r.area and r.area.suppressed) for r in rows)
    text = (
        f"Significantly higher than {against} (the 95% interval lies above its value): "
        f"{', '.join(higher) or 'none'}. Significantly lower: {', '.join(lower) or 'none'}."
    )
    return text + (f" {hidden} suppressed (small numbers)." if hidden else "")


def decile_summary(series: service.DecileSeries, indices: list[service.InequalityIndex]) -> str:
    shown = [d for d in series.deciles if d.area and not d.area.suppressed and d.area.value is not None]
    if not shown:
        return f"{series.label}: every decile is suppressed or has no data."
    low, high = min(shown, key=lambda d: d.area.value), max(shown, key=lambda d: d.area.value)
    text = (
        f"{series.label}: lowest {figure(low.area)} in {low.label.lower()}, highest {figure(high.area)} in "
        f"{high.label.lower()}."
    )
    sii = next(
        (
            i
            for i in indices
            if i.indicator == series.indicator and i.sex == series.sex and i.measure == "sii"
        ),
        None,
    )
    if sii and sii.value is not None:
        text += (
            f" The slope index of inequality is {number(sii.value, sii.unit)} {sii.unit} (95% interval "
            f"{number(sii.lower_ci95, sii.unit)} to {number(sii.upper_ci95, sii.unit)}): the modelled "
            "difference between the least and the most deprived ends of the population."
        )
    return text


# --- pages ---


@router.get("/population")
def overview(request: Request, actor: PageActor, settings: SettingsDep):
    data = service.overview(data_dir=settings.data_dir)
    places = {p.code: p.name for p in data.places}
    return render(
        request,
        "population/overview.html",
        {
            "title": "Population health",
            "data": data,
            "run_rows": run_rows(data.run),
            "system_figures": area_figures(data.system),
            "places_table": table(
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
            "pcns_table": table(
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
                        _link(f"/population/pcns/{p.code}", p.name),
                        places.get(p.parent_code, NO_DATA),
                        figure(p.list_size),
                        figure(p.ltc_prevalence),
                        figure(p.emergency_admissions),
                    ]
                    for p in data.pcns
                ],
                numeric_from=2,
            ),
            "tiers_table": _tiers_table(data.risk_tiers, data.run.system_name),
        },
    )


@router.get("/population/pcns/{code}")
def pcn_profile(request: Request, code: str, actor: PageActor, settings: SettingsDep):
    data = service.pcn_profile(data_dir=settings.data_dir, code=code)
    place = data.place.name if data.place else "its place"
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
            "pyramid_table": table(
                "Registered people by age and sex",
                ["Age band", "Women", "Share of list", "Men", "Share of list"],
                [
                    [b.age_band, count(b.female), figure(b.female), count(b.male), figure(b.male)]
                    for b in reversed(data.pyramid)
                ],
            ),
            "prevalence": interval_chart([r for r in data.prevalence if r.key != "any"], "proportion"),
            "prevalence_summary": comparison_summary(data.prevalence, data.run.system_name),
            "prevalence_table": table(
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
            "segments_table": _segments_table("Bridges to Health segments", "Segment", data.segments),
            "multimorbidity_table": _segments_table(
                "Number of long-term conditions", "Conditions", data.multimorbidity
            ),
            "deprivation_table": table(
                "Registered people by deprivation decile (1 = most deprived)",
                ["Decile", "People", "Share of list"],
                [[r.label, count(r.area), figure(r.area)] for r in data.deprivation],
            ),
            "tiers_table": _tiers_table(data.risk_tiers, data.pcn.name, cohort_links=code if links else None),
            "fair_share": _fair_share_rows(data.fair_share),
        },
    )


@router.get("/population/inequalities")
def inequalities(request: Request, actor: PageActor, settings: SettingsDep):
    data = service.inequalities(data_dir=settings.data_dir)
    charts = []
    for series in [*data.rates, *data.life_expectancy[:1]]:
        charts.append(
            {
                "series": series,
                "chart": interval_chart(series.deciles, series.unit, series.overall),
                "summary": decile_summary(series, data.indices),
                "table": _decile_table(series),
            }
        )
    other_sexes = [_decile_table(s) for s in data.life_expectancy[1:]]
    return render(
        request,
        "population/inequalities.html",
        {
            "title": "Health inequalities",
            "data": data,
            "run_rows": run_rows(data.run),
            "charts": charts,
            "other_tables": other_sexes,
            "indices_table": table(
                "Slope and relative index of inequality across deprivation deciles",
                ["Indicator", "Sex", "Measure", "Value", "95% interval", "Unit"],
                [
                    [
                        i.label,
                        service.SEXES.get(i.sex, i.sex),
                        "Slope index (SII)" if i.measure == "sii" else "Relative index (RII)",
                        number(i.value, i.unit),
                        f"{number(i.lower_ci95, i.unit)} to {number(i.upper_ci95, i.unit)}",
                        i.unit or "",
                    ]
                    for i in data.indices
                ],
                numeric_from=3,
            ),
        },
    )


@router.get("/population/allocation")
def allocation(request: Request, actor: PageActor, settings: SettingsDep):
    data = service.allocation(data_dir=settings.data_dir)
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
    return render(
        request,
        "population/allocation.html",
        {
            "title": "Fair shares",
            "data": data,
            "run_rows": run_rows(data.run),
            "places_table": table(
                "Places", ["Place", *head], [[r.name, *_allocation_cells(r)] for r in data.places]
            ),
            "pcns_table": table(
                "Primary care networks",
                ["Network", "Place", *head],
                [
                    [
                        _link(f"/population/pcns/{r.code}", r.name),
                        places.get(r.parent_code, NO_DATA),
                        *_allocation_cells(r),
                    ]
                    for r in data.pcns
                ],
                numeric_from=2,
            ),
        },
    )


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


def _tiers_table(tiers: list[service.TierFigure], area: str, cohort_links: str | None = None) -> dict:
    rows = []
    for t in tiers:
        label = t.label
        if cohort_links and t.cohort_available:
            label = _link(f"/population/pcns/{cohort_links}/cohorts/{t.tier}", t.label)
        rows.append([label, count(t.people), figure(t.people), interval(t.people)])
    return table(
        f"Risk of an emergency admission in the next 12 months: {area}",
        ["Tier", "People", "Share", "95% interval"],
        rows,
    )


def _segments_table(caption: str, first: str, rows: list[service.SegmentFigure]) -> dict:
    return table(
        caption,
        [first, "People", "Share of list", "Activity (events)", "Cost per person"],
        [
            [
                r.label,
                count(r.people),
                figure(r.people),
                SUPPRESSED if r.people.suppressed else number(r.events),
                SUPPRESSED
                if r.people.suppressed
                else (f"£{r.cost_per_person:,.0f}" if r.cost_per_person is not None else NO_DATA),
            ]
            for r in rows
        ],
    )


def _decile_table(series: service.DecileSeries) -> dict:
    unit = series.unit or ""
    return table(
        f"{series.label} by deprivation decile ({unit})",
        [
            "Decile",
            "Admissions" if series.indicator == "emergency_admissions" else "Deaths",
            "People",
            "Value",
            "95% interval",
        ],
        [
            [
                r.label,
                count(r.area),
                number(r.area.denominator) if r.area else NO_DATA,
                figure(r.area),
                interval(r.area),
            ]
            for r in series.deciles
        ]
        + (
            [
                [
                    "All deciles",
                    count(series.overall),
                    number(series.overall.denominator),
                    figure(series.overall),
                    interval(series.overall),
                ]
            ]
            if series.overall
            else []
        ),
    )


def _allocation_cells(r: service.AllocationRow) -> list[str]:
    return [
        number(r.list_size),
        number(r.weighted_population),
        number(r.need_index, "ratio"),
        number(r.target_share, "proportion"),
        number(r.fair_share, "£"),
        number(r.current_allocation, "£") if r.current_allocation is not None else "Not supplied",
        f"{r.distance_from_target * 100:+.1f}%" if r.distance_from_target is not None else "Not supplied",
    ]


def _fair_share_rows(r: service.AllocationRow | None) -> list[dict]:
    if r is None:
        return []
    pairs = [
        ("Weighted population", number(r.weighted_population)),
        ("Age-sex index", number(r.age_sex_index, "ratio")),
        ("Additional need index", number(r.need_index, "ratio")),
        ("Inequalities and market forces index", number(r.inequalities_and_mff_index, "ratio")),
        ("Target share of the system", number(r.target_share, "proportion")),
        ("Fair share of the budget", number(r.fair_share, "£")),
        (
            "Distance from target",
            f"{r.distance_from_target * 100:+.1f}%"
            if r.distance_from_target is not None
            else "Not supplied (no current allocation)",
        ),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in pairs]
