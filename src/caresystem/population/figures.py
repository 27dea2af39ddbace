"""Rows of a run's stored results shaped into the figures the pages and the API read (see `schemas`)."""

from caresystem.population import results, schema
from caresystem.population.emergency_admission_model import COHORT_TIERS, TIERS
from caresystem.population.schemas import (INDICATORS, SEXES, AllocationRow, AreaFigures, Comparison, DecileSeries, Measure,
                                           PyramidBand, SegmentFigure, TierFigure)
from caresystem.population.segments import SEGMENTS
from caresystem.wording import pluralise


def measure(row: dict | None) -> Measure | None:
    if row is None:
        return None
    return Measure(
        **{k: row.get(k) for k in Measure.model_fields if k != "suppressed"},
        suppressed=bool(row.get("suppressed")),
    )


def parent_places(run: results.Run) -> dict[str, str]:
    """PCN code -> place code, from the geography the run published."""
    return {a["pcn_code"]: a["place_code"] for a in run.areas()}


def area_figures(run: results.Run) -> dict[tuple[str, str], AreaFigures]:
    parents = parent_places(run)

    def index(result: str, **equal_to) -> dict:
        return {
            (r["area_type"], r["area_code"]): r
            for r in run.rows(result, **equal_to)
            if r.get("deprivation_decile") is None
        }

    sizes = index("profile", breakdown="list_size")
    prevalence = index("prevalence", condition="any")
    admissions = index("standardised_rates", indicator="emergency_admissions")
    life = index("life_expectancy", sex="persons")
    figures = {}
    for key, row in sorted(sizes.items()):
        if key[0] == "practice":
            continue
        figures[key] = AreaFigures(
            area_type=key[0],
            code=key[1],
            name=row["area_name"],
            parent_code=parents.get(key[1]) if key[0] == "pcn" else None,
            list_size=measure(row),
            ltc_prevalence=measure(prevalence.get(key)),
            emergency_admissions=measure(admissions.get(key)),
            life_expectancy=measure(life.get(key)),
        )
    return figures


def of_type(figures: dict, area_type: str) -> list[AreaFigures]:
    return sorted(
        (f for (t, _), f in figures.items() if t == area_type), key=lambda f: (f.parent_code or "", f.code)
    )


def tiers(run: results.Run, area_type: str, code: str) -> list[TierFigure]:
    rows = {r["tier"]: r for r in run.rows("risk_tiers", area_type=area_type, area_code=code)}
    return [
        TierFigure(tier=key, label=label, people=measure(rows[key]), cohort_available=key in COHORT_TIERS)
        for key, _, label in TIERS
        if key in rows
    ]


def band_start(band: str) -> int:
    return int(band.rstrip("+").split("-")[0])


def pyramid(rows: list[dict]) -> list[PyramidBand]:
    by_band: dict[str, dict] = {}
    for r in rows:
        by_band.setdefault(r["age_band"], {})[r["sex"]] = measure(r)
    return [
        PyramidBand(age_band=band, female=sexes.get("F") or Measure(), male=sexes.get("M") or Measure())
        for band, sexes in sorted(by_band.items(), key=lambda item: band_start(item[0]))
    ]


def prevalence(run: results.Run, pcn: str, place: str | None) -> list[Comparison]:
    def of(area_type: str, code: str) -> dict:
        return {
            r["condition"]: r for r in run.rows("prevalence", area_type=area_type, area_code=code)
        }

    mine, theirs, system = of("pcn", pcn), of("place", place) if place else {}, of("system", "system")
    names = {"any": "Any long-term condition", **schema.clusters()}
    return [
        Comparison(
            key=key,
            label=label,
            area=measure(mine.get(key)),
            place=measure(theirs.get(key)),
            system=measure(system.get(key)),
        )
        for key, label in names.items()
        if key in mine
    ]


def segments(run: results.Run, pcn: str, breakdown: str) -> list[SegmentFigure]:
    rows = run.rows("segments", area_type="pcn", area_code=pcn, breakdown=breakdown)
    key = "segment" if breakdown == "segment" else "multimorbidity"
    order = list(SEGMENTS) if breakdown == "segment" else ["0", "1", "2-3", "4+"]
    rows.sort(key=lambda r: order.index(r[key]) if r[key] in order else len(order))
    return [
        SegmentFigure(
            key=r[key],
            label=r.get("segment_name") or pluralise(r[key], "condition"),
            people=measure(r),
            events=r.get("events"),
            cost_per_person=r.get("cost_per_person"),
        )
        for r in rows
    ]


def allocation_rows(run: results.Run, parents: dict[str, str]) -> dict[tuple[str, str], AllocationRow]:
    rows = {}
    for r in run.rows("allocation"):
        fields = {k: r.get(k) for k in AllocationRow.model_fields if k in r}
        rows[(r["area_type"], r["area_code"])] = AllocationRow(
            **fields,
            code=r["area_code"],
            name=r["area_name"],
            list_size=r.get("denominator"),
            parent_code=parents.get(r["area_code"]) if r["area_type"] == "pcn" else None,
        )
    return rows


def series(rows: list[dict], indicator: str, sex: str) -> DecileSeries:
    mine = [
        r
        for r in rows
        if r.get("indicator", "life_expectancy") == indicator and r.get("sex", "persons") == sex
    ]
    overall = next((r for r in mine if r["deprivation_decile"] is None), None)
    deciles = sorted(
        (r for r in mine if r["deprivation_decile"] is not None), key=lambda r: r["deprivation_decile"]
    )
    unit = (overall or (deciles[0] if deciles else {})).get("unit")
    label = INDICATORS[indicator] + ("" if sex == "persons" else f" ({SEXES[sex].lower()})")
    return DecileSeries(
        indicator=indicator,
        label=label,
        sex=sex,
        unit=unit,
        overall=measure(overall),
        deciles=[
            Comparison(
                key=str(r["deprivation_decile"]),
                label=f"Decile {r['deprivation_decile']}"
                + (" (most deprived)" if r["deprivation_decile"] == 1 else "")
                + (" (least deprived)" if r["deprivation_decile"] == 10 else ""),
                area=measure(r),
            )
            for r in deciles
        ],
    )
