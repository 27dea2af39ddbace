"""One run of the engine: dataset in, every published result (Parquet and CSV) and run.json out.

    out/
      run.json                  fingerprint of the dataset (and whether it is synthetic), parameters, engine, versions,
                                timings, the model
      areas.parquet             the practice > PCN > place lookup the results were rolled up by
      profile.parquet|csv       ... one pair per result in RESULTS, small numbers suppressed
      restricted/cohorts.parquet pseudonymous ids per PCN and risk tier: the only person-level output
"""

import json
import platform
import shutil
import time
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from caresystem.population import areas, disclosure, emergency_admission_model, indicators, schema, validation
from caresystem.population.allocation import AllocationParameters, allocation
from caresystem.population.engine import backends, cells as cells_module, executor
from caresystem.population.engine.dataset import (Period, default_period, fingerprint, is_synthetic, open_dataset,
                                                  synthetic_marker)
from caresystem.population.engine.persons import (Windows, period_activity, person_table, scoring_table,
                                                  training_table)

RESULTS = ("profile", "prevalence", "standardised_rates", "life_expectancy", "inequalities", "segments",
           "risk_tiers", "allocation")
RESTRICTED = "restricted"
AREAS = "areas.parquet"


@dataclass
class RunOptions:
    engine: str = "duckdb"
    period: Period | None = None
    system_name: str = "Whole system"
    suppression_threshold: int = 7
    quarantine: bool = False
    allocation: AllocationParameters = field(default_factory=AllocationParameters)
    register: Mapping[str, str | None] | None = None  # the system's practices (code -> PCN code), to check against


class Timings(dict):
    @contextmanager
    def stage(self, name: str, progress: Callable[[str], None] | None = None):
        if progress:
            progress(name)
        started = time.perf_counter()
        yield
        self[name] = round(time.perf_counter() - started, 3)


def run(data: Path, out: Path, options: RunOptions = RunOptions(),
        progress: Callable[[str], None] | None = None) -> dict:
    """Run every stage; refuses an invalid dataset unless asked to quarantine its bad rows.

    A run that fails or is refused leaves no folder behind if it made `out` itself."""
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(f"{out} is a file; give a folder for the results")
    made = not out.exists()
    out.mkdir(parents=True, exist_ok=True)
    try:
        return _run(data, out, options, progress)
    except BaseException:
        if made:
            shutil.rmtree(out, ignore_errors=True)
        raise


def owner_only(path: Path) -> Path:
    """Make `path` and everything in it readable by its owner only (folders 0700, files 0600): person rows."""
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        item.chmod(0o700 if item.is_dir() else 0o600)
    return path


def restricted_folder(out: Path) -> Path:
    """The one folder of a run that holds person-level rows, created owner-only."""
    folder = out / RESTRICTED
    folder.mkdir(mode=0o700, exist_ok=True)
    folder.chmod(0o700)
    return folder


def _run(data: Path, out: Path, options: RunOptions, progress: Callable[[str], None] | None) -> dict:
    timings = Timings()
    started = datetime.now(UTC)
    with timings.stage("validate", progress):
        report = validation.validate(data, options.register)
        quarantined = None
        if not report.ok and not options.quarantine:
            raise validation.InvalidDataset(report)
        synthetic = is_synthetic(data)  # read before a quarantine rewrites the files without their footers
        made_by = synthetic_marker(data)
        if not report.ok:
            data, quarantined = validation.quarantine(data, restricted_folder(out) / "quarantine", report)
            owner_only(restricted_folder(out))
    period = options.period or default_period(data)
    windows = Windows.ending(default_period(data).end)
    backend = backends.connect(options.engine)
    with timings.stage("period_activity", progress):
        dataset = open_dataset(backend, data)
        in_period = executor.keep(period_activity(dataset, period))  # the model reads it too
    with timings.stage("cells", progress):  # the person table is read once, so it is never materialised
        cell_table = executor.execute(cells_module.cells(person_table(dataset, period, in_period)))
        practices = executor.execute(dataset.practices)
    local = executor.Local()
    cells = areas.with_geography(local.table("cells", cell_table), local.table("practices", practices))
    name = options.system_name
    results: dict[str, pa.Table] = {}
    for result in ("profile", "prevalence", "standardised_rates", "life_expectancy", "segments"):
        with timings.stage(result, progress):
            results[result] = executor.compute(getattr(indicators, result)(cells, name))
    with timings.stage("inequalities", progress):
        results["inequalities"] = indicators.inequalities(results["standardised_rates"], results["life_expectancy"],
                                                         name)
    with timings.stage("risk_model", progress):
        latest = in_period if windows.last_block_is(period) else None
        people = pq.read_metadata(data / schema.PERSONS.file_name).num_rows
        per_mille = emergency_admission_model.sample_per_mille(people)
        scored, model = emergency_admission_model.stratify(training_table(dataset, windows, per_mille, latest),
                                                           scoring_table(dataset, windows, latest))
        tier_counts = scored.group_by(["practice_code", "tier"]).aggregate([("person_id", "count")])
        results["risk_tiers"] = _risk_tiers(local, tier_counts.rename_columns(["practice_code", "tier", "people"]),
                                            practices, name)
        cohort = disclosure.restricted_cohort(scored, practices, emergency_admission_model.COHORT_TIERS)
    with timings.stage("allocation", progress):
        results["allocation"] = executor.compute(allocation(cells, options.allocation, name))
    with timings.stage("write", progress):
        published = disclosure.publish(results, practices, options.suppression_threshold)
        for result, table in published.items():
            write_table(table, out, result)
        pq.write_table(practices.drop_columns([c for c in practices.column_names if c == "legacy_ccg_code"]),
                       out / AREAS)
        restricted = restricted_folder(out)
        pq.write_table(cohort, restricted / "cohorts.parquet")
        owner_only(restricted)
    executor.release(in_period)
    local.close()
    if options.engine == "duckdb":
        backend.disconnect()
    metadata = {
        "run_id": out.name, "started_at": started.isoformat(), "finished_at": datetime.now(UTC).isoformat(),
        "dataset": {"path": str(data), **fingerprint(data), "synthetic": synthetic,
                    **({"generator": made_by} if made_by else {})},
        "quarantined": quarantined,
        "register": {"checked": report.register_checked,
                     "warnings": validation.register_summary(report.register_warnings),
                     "practices": [asdict(w) for w in report.register_warnings]},
        "parameters": {"period_start": period.start.isoformat(), "period_end": period.end.isoformat(),
                       "system_name": name, "suppression_threshold": options.suppression_threshold,
                       "allocation": _allocation_parameters(options.allocation)},
        "engine": options.engine, "versions": _versions(options.engine), "timings_seconds": dict(timings),
        "rows": {k: v.num_rows for k, v in published.items()} | {"cohorts": cohort.num_rows},
        "risk_model": model,
    }
    (out / "run.json").write_text(json.dumps(metadata, indent=2, default=str), encoding="utf-8")
    return metadata


def _risk_tiers(local: executor.Local, tier_counts: pa.Table, practices: pa.Table, system_name: str) -> pa.Table:
    """People per risk tier per PCN, place and system, from the counts per practice."""
    t = areas.with_geography(local.table("tier_counts", tier_counts), local.table("practices_", practices))
    return executor.compute(indicators.risk_tiers(t, system_name))


def write_table(table: pa.Table, out: Path, name: str) -> None:
    pq.write_table(table, out / f"{name}.parquet")
    pacsv.write_csv(table, out / f"{name}.csv")


def _allocation_parameters(parameters: AllocationParameters) -> dict:
    values = asdict(parameters)
    values["age_sex_weights"] = "supplied" if parameters.age_sex_weights is not None else "derived from the data"
    return values


def _versions(engine: str) -> dict:
    import duckdb

    from caresystem import __version__

    versions = {"caresystem": __version__, "python": platform.python_version(), "ibis": ibis.__version__,
                "duckdb": duckdb.__version__, "pyarrow": pa.__version__}
    if engine == "spark":
        import pyspark

        versions["pyspark"] = pyspark.__version__
    return versions
