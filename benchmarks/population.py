"""Population engine benchmark: generation and every stage of a run at full Kent and Medway scale.

    python benchmarks/population.py [--persons 1886511] [--seed 20190401] [--spark-share 0.1] [--keep DIR]

Prints, for generate and for the DuckDB run, wall time and peak memory (each measured in its own process), the
time of every stage and rows/s, then, measured in the run's process: one DuckDB pass that reads every input column
(`sum(hash(col))`), the ratio of the indicator stages, the risk model and the whole run to it, and the speed-up over
the pandas baseline (tests/spec/pandas_baseline.py, the spec tests' independent calculation). Last, the same dataset
at `--spark-share` of the people on DuckDB and Spark side by side. Goals (issue 4): generate < 30 s; the whole DuckDB run < 12 s and 3 GiB; the indicator stages within 5x
one scan and at least 2.5x faster than pandas.
"""

import argparse
import json
import multiprocessing
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository, for tests.spec

INDICATOR_STAGES = ("period_activity", "cells", "profile", "prevalence", "standardised_rates", "life_expectancy",
                    "segments", "inequalities")


def _peak_gib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024


def _generate(persons: int, seed: int, out: str, queue) -> None:
    from caresystem.population import synthetic

    started = time.perf_counter()
    counts = synthetic.generate(persons, seed, Path(out))
    queue.put({"seconds": time.perf_counter() - started, "peak_gib": _peak_gib(), "rows": counts})


def _scan(data: Path) -> float:
    import duckdb

    con = duckdb.connect()
    started = time.perf_counter()
    for name in ("persons", "conditions", "activity"):
        path = data / f"{name}.parquet"
        columns = pq.read_schema(path).names
        con.execute(f"select {', '.join(f'sum(hash({c}))' for c in columns)} from read_parquet('{path}')").fetchall()
    return time.perf_counter() - started


def _run(data: str, out: str, engine: str, with_baselines: bool, queue) -> None:
    from caresystem.population.run import RunOptions, run

    started = time.perf_counter()
    metadata = run(Path(data), Path(out), RunOptions(engine=engine, system_name="Kent and Medway"))
    result = {"seconds": time.perf_counter() - started, "peak_gib": _peak_gib(), "metadata": metadata}
    if with_baselines:
        from tests.spec import pandas_baseline

        result["scan_seconds"] = min(_scan(Path(data)) for _ in range(2))
        period = metadata["parameters"]
        started = time.perf_counter()
        pandas_baseline.indicators(Path(data), date.fromisoformat(period["period_start"]),
                                   date.fromisoformat(period["period_end"]))
        result["pandas_seconds"] = time.perf_counter() - started
    queue.put(result)


def _in_process(target, *args) -> dict:
    """Run in a fresh process so its peak memory is its own."""
    queue = multiprocessing.get_context("spawn").Queue()
    process = multiprocessing.get_context("spawn").Process(target=target, args=(*args, queue))
    process.start()
    result = queue.get()
    process.join()
    return result


def _print_run(label: str, result: dict, rows_in: int) -> None:
    timings = result["metadata"]["timings_seconds"]
    print(f"\n{label}: {result['seconds']:.1f} s wall, peak {result['peak_gib']:.2f} GiB, "
          f"{rows_in / result['seconds']:,.0f} input rows/s, model AUC {result['metadata']['risk_model']['auc']:.3f}")
    for stage, seconds in timings.items():
        print(f"  {stage:<20} {seconds:7.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_886_511)
    parser.add_argument("--seed", type=int, default=20190401)
    parser.add_argument("--spark-share", type=float, default=0.1)
    parser.add_argument("--keep", type=Path, help="keep the generated datasets and results here")
    parser.add_argument("--data", type=Path, help="an existing full-scale dataset: skip generating one")
    parser.add_argument("--no-spark", action="store_true", help="skip the side-by-side run at --spark-share")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="caresystem-bench-"))
    data, small = work / "full", work / "share"

    if args.data:
        data = args.data
        rows_in = sum(pq.read_metadata(data / f"{n}.parquet").num_rows for n in ("persons", "conditions", "activity"))
    else:
        generated = _in_process(_generate, args.persons, args.seed, str(data))
        rows_in = sum(generated["rows"].values())
        print(f"generate {args.persons:,} people: {generated['seconds']:.1f} s, peak {generated['peak_gib']:.2f} "
              f"GiB, {rows_in:,} rows ({rows_in / generated['seconds']:,.0f} rows/s): {json.dumps(generated['rows'])}")

    duck = _in_process(_run, str(data), str(work / "run-duckdb"), "duckdb", True)
    _print_run("DuckDB run (every output, the model included, written to disk)", duck, rows_in)
    indicator_seconds = sum(duck["metadata"]["timings_seconds"][s] for s in INDICATOR_STAGES)
    print(f"\nindicator stages {indicator_seconds:.2f} s; one DuckDB scan of every input column "
          f"{duck['scan_seconds']:.2f} s: ratio {indicator_seconds / duck['scan_seconds']:.1f}x (goal <= 5x)")
    print(f"pandas baseline of the same indicators {duck['pandas_seconds']:.2f} s: engine is "
          f"{duck['pandas_seconds'] / indicator_seconds:.1f}x faster (goal >= 2.5x)")
    print(f"whole run {duck['seconds']:.2f} s: {duck['seconds'] / duck['scan_seconds']:.1f}x one scan; risk model "
          f"{duck['metadata']['timings_seconds']['risk_model'] / duck['scan_seconds']:.1f}x one scan "
          "(ratios to compare runs on a machine under other load)")

    if args.no_spark:
        return
    share = max(1000, int(args.persons * args.spark_share))
    small_rows = sum(_in_process(_generate, share, args.seed, str(small))["rows"].values())
    for engine in ("duckdb", "spark"):
        _print_run(f"{engine} at {share:,} people", _in_process(_run, str(small), str(work / f"share-{engine}"),
                                                               engine, False), small_rows)
    print(f"\nwork folder: {work}")


if __name__ == "__main__":
    main()
