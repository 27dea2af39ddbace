"""The read side of population results for the pages and the API: the latest run's published figures, and the
restricted cohort lists for roles allowed to see them. Pages and routes come here; they never open a file."""

from pathlib import Path

from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require
from caresystem.auth.audit import record_event
from caresystem.errors import FieldError, Forbidden, Invalid, NotFound
from caresystem.population import figures, results
from caresystem.population.emergency_admission_model import COHORT_TIERS, TIERS
from caresystem.population.run import RESULTS
from caresystem.population.schemas import (INDICATORS, SEXES, Allocation, Cohort, CohortMember, Comparison, Inequalities,
                                           InequalityIndex, Overview, PcnProfile, RunDetail, RunInfo)

NO_RUN = "No population run yet: run `caresystem population run --data DIR`."
TIER_LABELS = {key: label for key, _, label in TIERS}


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
        synthetic=m.get("dataset", {}).get("synthetic", False),
        started_at=m.get("started_at"),
        finished_at=m.get("finished_at"),
        suppression_threshold=parameters.get("suppression_threshold", 7),
        risk_model_auc=m.get("risk_model", {}).get("auc"),
        generator=m.get("dataset", {}).get("generator"),
        register_checked=m.get("register", {}).get("checked", False),
        register_warnings=m.get("register", {}).get("warnings", []),
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
    areas = figures.area_figures(run)
    tiers = figures.tiers(run, "system", "system")
    return Overview(
        run=run_info(run),
        system=areas[("system", "system")],
        places=figures.of_type(areas, "place"),
        pcns=figures.of_type(areas, "pcn"),
        risk_tiers=tiers,
    )


def pcn_profile(*, data_dir: Path, code: str) -> PcnProfile:
    run = latest(data_dir)
    areas = figures.area_figures(run)
    pcn = areas.get(("pcn", code))
    if pcn is None:
        raise NotFound(f"There is no primary care network {code!r} in population run {run.run_id}.")
    place = areas.get(("place", pcn.parent_code)) if pcn.parent_code else None
    profile = [r for r in run.rows("profile", area_code=code) if r["area_type"] == "pcn"]
    return PcnProfile(
        run=run_info(run),
        pcn=pcn,
        place=place,
        system=areas[("system", "system")],
        pyramid=figures.pyramid([r for r in profile if r["breakdown"] == "age_sex"]),
        deprivation=[
            Comparison(
                key=str(r["deprivation_decile"]), label=f"Decile {r['deprivation_decile']}", area=figures.measure(r)
            )
            for r in sorted(
                (r for r in profile if r["breakdown"] == "deprivation"), key=lambda r: r["deprivation_decile"]
            )
        ],
        prevalence=figures.prevalence(run, code, place.code if place else None),
        segments=figures.segments(run, code, "segment"),
        multimorbidity=figures.segments(run, code, "multimorbidity"),
        risk_tiers=figures.tiers(run, "pcn", code),
        fair_share=figures.allocation_rows(run, figures.parent_places(run)).get(("pcn", code)),
    )


def inequalities(*, data_dir: Path) -> Inequalities:
    run = latest(data_dir)
    rates = run.rows("standardised_rates", area_type="system")
    life = run.rows("life_expectancy", area_type="system")
    return Inequalities(
        run=run_info(run),
        rates=[
            figures.series(rates, indicator, "persons")
            for indicator in ("emergency_admissions", "deaths_under_75")
            if any(r["indicator"] == indicator for r in rates)
        ],
        life_expectancy=[
            figures.series(life, "life_expectancy", sex) for sex in SEXES if any(r["sex"] == sex for r in life)
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
    rows = figures.allocation_rows(run, figures.parent_places(run))
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
    (who looked at which list, never the ids). A care coordinator scoped to PCNs or practices sees only theirs."""
    require(actor, Permission.VIEW_COHORTS)
    if not actor.may_see_cohort(pcn):
        raise Forbidden("This primary care network is outside the PCNs and practices whose lists you may see.")
    run = latest(data_dir)
    if tier not in COHORT_TIERS:
        raise NotFound(
            f"There is no cohort list for the {tier!r} tier; lists exist for {', '.join(COHORT_TIERS)}."
        )
    names = {r["area_code"]: r["area_name"] for r in run.rows("risk_tiers", area_type="pcn")}
    if pcn not in names:
        raise NotFound(f"There is no primary care network {pcn!r} in population run {run.run_id}.")
    practices = actor.cohort_practices(pcn)
    people = [CohortMember(**row) for row in run.cohort(pcn, tier)
              if practices is None or row["practice_code"] in practices]
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
