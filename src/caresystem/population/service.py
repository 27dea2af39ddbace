"""The read side of population results for the pages and the API: the latest run's published figures, and the
restricted cohort lists for roles allowed to see them. Pages and routes come here; they never open a file."""

from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require
from caresystem.auth.audit import record_event
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.population import contract, results
from caresystem.population.risk import COHORT_TIERS, TIERS
from caresystem.population.run import RESULTS
from caresystem.population.segments import SEGMENTS

NO_RUN = "No population run yet: run `caresystem population run --data DIR`."
TIER_LABELS = {key: label for key, _, label in TIERS}
INDICATORS = {
    "emergency_admissions": "Emergency admissions",
    "deaths_under_75": "Deaths under 75",
    "life_expectancy": "Life expectancy at birth",
}
SEXES = {"persons": "Persons", "F": "Females", "M": "Males"}


class Measure(BaseModel):
    """One published figure in the public-health indicator convention; suppressed figures carry no numbers."""

    value: float | None = None
    lower_ci95: float | None = None
    upper_ci95: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    unit: str | None = None
    suppressed: bool = False


class RunInfo(BaseModel):
    run_id: str
    engine: str
    system_name: str
    period_start: date
    period_end: date
    dataset_fingerprint: str | None
    started_at: datetime | None
    finished_at: datetime | None
    suppression_threshold: int
    risk_model_auc: float | None


class RunDetail(RunInfo):
    versions: dict[str, str]
    rows: dict[str, int]
    timings_seconds: dict[str, float]
    risk_model: dict
    allocation_parameters: dict


class AreaFigures(BaseModel):
    area_type: str
    code: str
    name: str
    parent_code: str | None = None
    list_size: Measure | None = None
    ltc_prevalence: Measure | None = None
    emergency_admissions: Measure | None = None
    life_expectancy: Measure | None = None


class TierFigure(BaseModel):
    tier: str
    label: str
    people: Measure
    cohort_available: bool


class Overview(BaseModel):
    run: RunInfo
    system: AreaFigures
    places: list[AreaFigures]
    pcns: list[AreaFigures]
    risk_tiers: list[TierFigure]


class PyramidBand(BaseModel):
    age_band: str
    female: Measure
    male: Measure


class Comparison(BaseModel):
    key: str
    label: str
    area: Measure | None
    place: Measure | None = None
    system: Measure | None = None


class SegmentFigure(BaseModel):
    key: str
    label: str
    people: Measure
    events: int | None
    cost_per_person: float | None


class AllocationRow(BaseModel):
    area_type: str
    code: str
    name: str
    parent_code: str | None = None
    list_size: int | None
    age_sex_index: float | None
    need_index: float | None
    inequalities_and_mff_index: float | None
    weighted_population: float | None
    target_share: float | None
    fair_share: float | None
    current_allocation: float | None
    distance_from_target: float | None


class PcnProfile(BaseModel):
    run: RunInfo
    pcn: AreaFigures
    place: AreaFigures | None
    system: AreaFigures
    pyramid: list[PyramidBand]
    deprivation: list[Comparison]
    prevalence: list[Comparison]
    segments: list[SegmentFigure]
    multimorbidity: list[SegmentFigure]
    risk_tiers: list[TierFigure]
    fair_share: AllocationRow | None


class DecileSeries(BaseModel):
    indicator: str
    label: str
    sex: str
    unit: str | None
    overall: Measure | None
    deciles: list[Comparison]


class InequalityIndex(BaseModel):
    indicator: str
    label: str
    sex: str
    measure: str
    value: float | None
    lower_ci95: float | None
    upper_ci95: float | None
    unit: str | None


class Inequalities(BaseModel):
    run: RunInfo
    rates: list[DecileSeries]
    life_expectancy: list[DecileSeries]
    indices: list[InequalityIndex]


class Allocation(BaseModel):
    run: RunInfo
    budget: float | None
    system: AllocationRow | None
    places: list[AllocationRow]
    pcns: list[AllocationRow]


class CohortMember(BaseModel):
    person_id: int | str
    practice_code: str
    risk: float


class Cohort(BaseModel):
    run: RunInfo
    pcn_code: str
    pcn_name: str
    tier: str
    tier_label: str
    total: int
    people: list[CohortMember]


def latest(data_dir: Path) -> results.Run:
    run = results.latest_run(data_dir)
    if run is None:
        raise NotFound(NO_RUN)
    return run


def run_info(run: results.Run) -> RunInfo:
    m, parameters = run.metadata, run.metadata.get("parameters", {})
    return RunInfo(
        run_id=m.get("run_id", run.run_id),
        engine=m.get("engine", "unknown"),
        system_name=parameters.get("system_name", "Whole system"),
        period_start=parameters["period_start"],
        period_end=parameters["period_end"],
        dataset_fingerprint=m.get("dataset", {}).get("sha256"),
        started_at=m.get("started_at"),
        finished_at=m.get("finished_at"),
        suppression_threshold=parameters.get("suppression_threshold", 7),
        risk_model_auc=m.get("risk_model", {}).get("auc"),
    )


def run_detail(*, data_dir: Path) -> RunDetail:
    run = latest(data_dir)
    m = run.metadata
    return RunDetail(
        **run_info(run).model_dump(),
        versions=m.get("versions", {}),
        rows=m.get("rows", {}),
        timings_seconds=m.get("timings_seconds", {}),
        risk_model=m.get("risk_model", {}),
        allocation_parameters=m.get("parameters", {}).get("allocation", {}),
    )


def result_rows(*, data_dir: Path, result: str, filters: dict) -> list[dict]:
    """One published result's rows, filtered by equality on its dimension columns."""
    run = latest(data_dir)
    if result not in RESULTS:
        raise NotFound(f"There is no population result called {result!r}; there are {', '.join(RESULTS)}.")
    wanted = {k: v for k, v in filters.items() if v is not None}
    columns = run.columns(result)
    if missing := [c for c in wanted if c not in columns]:
        raise Invalid([FieldError(c, f"the {result} result has no {c} column") for c in missing])
    return run.rows(result, **wanted)


def overview(*, data_dir: Path) -> Overview:
    run = latest(data_dir)
    figures = _area_figures(run)
    tiers = _tiers(run, "system", "system")
    return Overview(
        run=run_info(run),
        system=figures[("system", "system")],
        places=_of_type(figures, "place"),
        pcns=_of_type(figures, "pcn"),
        risk_tiers=tiers,
    )


def pcn_profile(*, data_dir: Path, code: str) -> PcnProfile:
    run = latest(data_dir)
    figures = _area_figures(run)
    pcn = figures.get(("pcn", code))
    if pcn is None:
        raise NotFound(f"There is no primary care network {code!r} in population run {run.run_id}.")
    place = figures.get(("place", pcn.parent_code)) if pcn.parent_code else None
    profile = [r for r in run.rows("profile", area_code=code) if r["area_type"] == "pcn"]
    return PcnProfile(
        run=run_info(run),
        pcn=pcn,
        place=place,
        system=figures[("system", "system")],
        pyramid=_pyramid([r for r in profile if r["breakdown"] == "age_sex"]),
        deprivation=[
            Comparison(
                key=str(r["deprivation_decile"]), label=f"Decile {r['deprivation_decile']}", area=_measure(r)
            )
            for r in sorted(
                (r for r in profile if r["breakdown"] == "deprivation"), key=lambda r: r["deprivation_decile"]
            )
        ],
        prevalence=_prevalence(run, code, place.code if place else None),
        segments=_segments(run, code, "segment"),
        multimorbidity=_segments(run, code, "multimorbidity"),
        risk_tiers=_tiers(run, "pcn", code),
        fair_share=_allocation_rows(run, _parents(run)).get(("pcn", code)),
    )


def inequalities(*, data_dir: Path) -> Inequalities:
    run = latest(data_dir)
    rates = run.rows("standardised_rates", area_type="system")
    life = run.rows("life_expectancy", area_type="system")
    return Inequalities(
        run=run_info(run),
        rates=[
            _series(rates, indicator, "persons")
            for indicator in ("emergency_admissions", "deaths_under_75")
            if any(r["indicator"] == indicator for r in rates)
        ],
        life_expectancy=[
            _series(life, "life_expectancy", sex) for sex in SEXES if any(r["sex"] == sex for r in life)
        ],
        indices=[
            InequalityIndex(
                **{k: r.get(k) for k in InequalityIndex.model_fields if k != "label"},
                label=INDICATORS.get(r["indicator"], r["indicator"]),
            )
            for r in run.rows("inequalities")
        ],
    )


def allocation(*, data_dir: Path) -> Allocation:
    run = latest(data_dir)
    rows = _allocation_rows(run, _parents(run))
    budget = run.metadata.get("parameters", {}).get("allocation", {}).get("budget")
    return Allocation(
        run=run_info(run),
        budget=budget,
        system=rows.get(("system", "system")),
        places=[r for r in rows.values() if r.area_type == "place"],
        pcns=sorted(
            (r for r in rows.values() if r.area_type == "pcn"), key=lambda r: (r.parent_code or "", r.code)
        ),
    )


def cohort(session: Session, *, data_dir: Path, actor: Actor, pcn: str, tier: str) -> Cohort:
    """Pseudonymous ids of one PCN's people in one risk tier, for care coordination: restricted, and audited
    (who looked at which list, never the ids)."""
    require(actor, Permission.VIEW_COHORTS)
    run = latest(data_dir)
    if tier not in COHORT_TIERS:
        raise NotFound(
            f"There is no cohort list for the {tier!r} tier; lists exist for {', '.join(COHORT_TIERS)}."
        )
    names = {r["area_code"]: r["area_name"] for r in run.rows("risk_tiers", area_type="pcn")}
    if pcn not in names:
        raise NotFound(f"There is no primary care network {pcn!r} in population run {run.run_id}.")
    people = [CohortMember(**row) for row in run.cohort(pcn, tier)]
    record_event(
        session,
        action="cohort viewed",
        entity_type="population_cohort",
        entity_id=f"{pcn}/{tier}",
        details={"run_id": run.run_id, "people": len(people)},
    )
    return Cohort(
        run=run_info(run),
        pcn_code=pcn,
        pcn_name=names[pcn],
        tier=tier,
        tier_label=TIER_LABELS[tier],
        total=len(people),
        people=people,
    )


# --- helpers: rows of the stored results into the shapes above ---


def _measure(row: dict | None) -> Measure | None:
    if row is None:
        return None
    return Measure(
        **{k: row.get(k) for k in Measure.model_fields if k != "suppressed"},
        suppressed=bool(row.get("suppressed")),
    )


def _parents(run: results.Run) -> dict[str, str]:
    """PCN code -> place code, from the geography the run published."""
    return {a["pcn_code"]: a["place_code"] for a in run.areas()}


def _area_figures(run: results.Run) -> dict[tuple[str, str], AreaFigures]:
    parents = _parents(run)

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
            list_size=_measure(row),
            ltc_prevalence=_measure(prevalence.get(key)),
            emergency_admissions=_measure(admissions.get(key)),
            life_expectancy=_measure(life.get(key)),
        )
    return figures


def _of_type(figures: dict, area_type: str) -> list[AreaFigures]:
    return sorted(
        (f for (t, _), f in figures.items() if t == area_type), key=lambda f: (f.parent_code or "", f.code)
    )


def _tiers(run: results.Run, area_type: str, code: str) -> list[TierFigure]:
    rows = {r["tier"]: r for r in run.rows("risk_tiers", area_type=area_type, area_code=code)}
    return [
        TierFigure(tier=key, label=label, people=_measure(rows[key]), cohort_available=key in COHORT_TIERS)
        for key, _, label in TIERS
        if key in rows
    ]


def _band_start(band: str) -> int:
    return int(band.rstrip("+").split("-")[0])


def _pyramid(rows: list[dict]) -> list[PyramidBand]:
    by_band: dict[str, dict] = {}
    for r in rows:
        by_band.setdefault(r["age_band"], {})[r["sex"]] = _measure(r)
    return [
        PyramidBand(age_band=band, female=sexes.get("F") or Measure(), male=sexes.get("M") or Measure())
        for band, sexes in sorted(by_band.items(), key=lambda item: _band_start(item[0]))
    ]


def _prevalence(run: results.Run, pcn: str, place: str | None) -> list[Comparison]:
    def of(area_type: str, code: str) -> dict:
        return {
            r["condition"]: r for r in run.rows("prevalence", area_type=area_type, area_code=code)
        }

    mine, theirs, system = of("pcn", pcn), of("place", place) if place else {}, of("system", "system")
    names = {"any": "Any long-term condition", **contract.clusters()}
    return [
        Comparison(
            key=key,
            label=label,
            area=_measure(mine.get(key)),
            place=_measure(theirs.get(key)),
            system=_measure(system.get(key)),
        )
        for key, label in names.items()
        if key in mine
    ]


def _segments(run: results.Run, pcn: str, breakdown: str) -> list[SegmentFigure]:
    rows = run.rows("segments", area_type="pcn", area_code=pcn, breakdown=breakdown)
    key = "segment" if breakdown == "segment" else "multimorbidity"
    order = list(SEGMENTS) if breakdown == "segment" else ["0", "1", "2-3", "4+"]
    rows.sort(key=lambda r: order.index(r[key]) if r[key] in order else len(order))
    return [
        SegmentFigure(
            key=r[key],
            label=r.get("segment_name") or f"{r[key]} conditions",
            people=_measure(r),
            events=r.get("events"),
            cost_per_person=r.get("cost_per_person"),
        )
        for r in rows
    ]


def _allocation_rows(run: results.Run, parents: dict[str, str]) -> dict[tuple[str, str], AllocationRow]:
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


def _series(rows: list[dict], indicator: str, sex: str) -> DecileSeries:
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
        overall=_measure(overall),
        deciles=[
            Comparison(
                key=str(r["deprivation_decile"]),
                label=f"Decile {r['deprivation_decile']}"
                + (" (most deprived)" if r["deprivation_decile"] == 1 else "")
                + (" (least deprived)" if r["deprivation_decile"] == 10 else ""),
                area=_measure(r),
            )
            for r in deciles
        ],
    )
