"""Population figures as the pages show them: formatted once, so that a suppressed figure always reads
"Suppressed (small number)" and a missing one "No data"; the tables and the text summaries that go with charts."""

from datetime import date

from markupsafe import Markup, escape

from caresystem import clock
from caresystem.population import schemas
from caresystem.population.schemas import Comparison, Measure
from caresystem.wording import pluralise

SUPPRESSED = "Suppressed (small number)"
NO_DATA = "No data"


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


def area_figures(a: schemas.AreaFigures) -> dict[str, str]:
    return {
        "list_size": figure(a.list_size),
        "ltc_prevalence": with_interval(a.ltc_prevalence),
        "emergency_admissions": with_interval(a.emergency_admissions),
        "life_expectancy": with_interval(a.life_expectancy, suffix=" years"),
    }


def count(m: Measure | None) -> str:
    return SUPPRESSED if m is not None and m.suppressed else number(m.numerator if m else None)


def link(href: str, text: str) -> Markup:
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


def table_cells(params: dict) -> tuple[list[str], list[list[str]]]:
    """A table's header and rows as the page shows them, as plain text (a link becomes its text): what its
    downloads hold, so a suppressed figure reads the same in the file as on the page."""
    header = [h["text"] for h in params["head"]]
    rows = [[Markup(c["html"]).striptags() if "html" in c else c["text"] for c in row] for row in params["rows"]]
    return header, rows


def long_date(value: date | str | None) -> str:
    """A date as the pages write it ("1 April 2018"), from a date or the ISO text run.json holds."""
    if value is None:
        return NO_DATA
    return clock.long_date(date.fromisoformat(value) if isinstance(value, str) else value)


def list_size_counts(run: schemas.RunInfo) -> str:
    """What "registered people" counts on the pages, and as at when."""
    return f"people registered with a practice and alive on {long_date(run.period_start)} (the start of the period)"


def synthetic_basis(run: schemas.RunInfo) -> str | None:
    """How a synthetic dataset relates to the practice list it follows, and why its total is not the list's."""
    g = run.generator or {}
    if not run.synthetic or "practices" not in g:
        return None
    persons, full = g["persons"], g.get("full_scale_persons")
    scaled = f", scaled to {persons:,} people" if full and persons != full else ""
    list_date = long_date(g.get("practice_list_as_at"))
    return (f"The synthetic dataset follows the practice register: its {pluralise(g['practices'], 'practice')}, "
            f"each in its primary care network. Its {persons:,} people, everyone registered at some time from "
            f"{long_date(g.get('window_start'))} to {long_date(g.get('window_end'))}, are {g['people_from']}"
            f"{scaled}, shared between the practices in proportion to their lists of {list_date}. So its total "
            f"is not the practice list's {g['practice_list_patients']:,} registered patients of {list_date} (the "
            f"home page's figure): the data describes the years to {long_date(g.get('window_end'))}, the list "
            f"a later date.")


def register_text(run: schemas.RunInfo) -> str:
    if not run.register_checked:
        return "Not checked: the run was not given the practice register"
    if not run.register_warnings:
        return "Every practice of the dataset is in the register, in the same primary care network"
    return "; ".join(run.register_warnings)


def run_rows(run: schemas.RunInfo) -> list[dict]:
    pairs = [
        ("Period", f"{run.period_start:%-d %B %Y} to {run.period_end:%-d %B %Y}"),
        ("Engine", {"duckdb": "DuckDB", "spark": "Apache Spark"}.get(run.engine, run.engine)),
        ("Run", run.run_id),
        ("Finished", f"{run.finished_at:%-d %B %Y %H:%M} UTC" if run.finished_at else NO_DATA),
        ("Dataset fingerprint (SHA-256)", run.dataset_fingerprint or NO_DATA),
        ("Registered people", list_size_counts(run).capitalize()),
        ("Practice register", register_text(run)),
        (
            "Small numbers",
            f"Counts from 1 to {run.suppression_threshold} are suppressed, with any figure that "
            "would reveal one",
        ),
    ]
    return [{"key": {"text": k}, "value": {"text": v}} for k, v in pairs]


def pyramid_summary(profile: schemas.PcnProfile) -> str:
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


def _against_system(row: Comparison) -> str | None:
    """"higher" or "lower" when the area's 95% interval lies wholly above or below the system's value, else None."""
    area, system = row.area, row.system
    if not area or not system or area.suppressed or system.value is None:
        return None
    if area.lower_ci95 is not None and area.lower_ci95 > system.value:
        return "higher"
    if area.upper_ci95 is not None and area.upper_ci95 < system.value:
        return "lower"
    return None


def comparison_summary(rows: list[Comparison], against: str) -> str:
    higher = [r.label for r in rows if _against_system(r) == "higher"]
    lower = [r.label for r in rows if _against_system(r) == "lower"]
    hidden = sum(bool(r.area and r.area.suppressed) for r in rows)
    text = (
        f"Significantly higher than {against} (the 95% interval lies above its value): "
        f"{', '.join(higher) or 'none'}. Significantly lower: {', '.join(lower) or 'none'}."
    )
    return text + (f" {hidden} suppressed (small numbers)." if hidden else "")


def decile_summary(series: schemas.DecileSeries, indices: list[schemas.InequalityIndex]) -> str:
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


def tiers_table(tiers: list[schemas.TierFigure], area: str, cohort_links: str | None = None) -> dict:
    rows = []
    for t in tiers:
        label = t.label
        if cohort_links and t.cohort_available:
            label = link(f"/population/pcns/{cohort_links}/cohorts/{t.tier}", t.label)
        rows.append([label, count(t.people), figure(t.people), interval(t.people)])
    return table(
        f"Risk of an emergency admission in the next 12 months: {area}",
        ["Tier", "People", "Share", "95% interval"],
        rows,
    )


def segments_table(caption: str, first: str, rows: list[schemas.SegmentFigure]) -> dict:
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


def decile_table(series: schemas.DecileSeries) -> dict:
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


def allocation_cells(r: schemas.AllocationRow) -> list[str]:
    return [
        number(r.list_size),
        number(r.weighted_population),
        number(r.need_index, "ratio"),
        number(r.target_share, "proportion"),
        number(r.fair_share, "£"),
        number(r.current_allocation, "£") if r.current_allocation is not None else "Not supplied",
        f"{r.distance_from_target * 100:+.1f}%" if r.distance_from_target is not None else "Not supplied",
    ]


def fair_share_rows(r: schemas.AllocationRow | None) -> list[dict]:
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
