"""The engine's results: the same on DuckDB and Spark, equal to an independent pandas calculation, and safe."""

import json
import math
import shutil
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from caresystem.population import schema
from caresystem.population.run import RESTRICTED, RESULTS, RunOptions, run
from tests.spec import pandas_baseline



def _rows(out: Path, name: str) -> list[dict]:
    return pq.read_table(out / f"{name}.parquet").to_pylist()


def _assert_same(first: list[dict], second: list[dict], tolerance: float = 1e-9) -> None:
    assert len(first) == len(second)
    for a, b in zip(first, second):
        assert a.keys() == b.keys()
        for key in a:
            if isinstance(a[key], float) and isinstance(b[key], float):
                same = math.isclose(a[key], b[key], rel_tol=tolerance, abs_tol=tolerance)
                assert same or (math.isnan(a[key]) and math.isnan(b[key])), (key, a, b)
            else:
                assert a[key] == b[key], (key, a, b)


@pytest.mark.spark
def test_duckdb_and_spark_give_the_same_results(duckdb_run, spark_run):
    (duck, _), (spark, metadata) = duckdb_run, spark_run
    assert metadata["engine"] == "spark" and "pyspark" in metadata["versions"]
    for name in (*RESULTS, f"{RESTRICTED}/cohorts"):
        _assert_same(_rows(duck, name), _rows(spark, name))


def test_results_match_an_independent_pandas_calculation(dataset, duckdb_run):
    out, metadata = duckdb_run
    start = date.fromisoformat(metadata["parameters"]["period_start"])
    end = date.fromisoformat(metadata["parameters"]["period_end"])
    expected = pandas_baseline.indicators(dataset, start, end)
    sizes = {r["area_code"]: r["numerator"] for r in _rows(out, "profile")
             if r["area_type"] == "pcn" and r["breakdown"] == "list_size"}
    assert sizes == {r.pcn_code: float(r.people) for r in expected["list_sizes"].itertuples()}
    prevalence = {(r["area_code"], r["condition"]): r for r in _rows(out, "prevalence") if r["area_type"] == "pcn"}
    for r in expected["prevalence"].itertuples():
        published = prevalence[(r.pcn_code, r.cluster)]
        if not published["suppressed"]:
            assert published["numerator"] == r.numerator and published["value"] == pytest.approx(r.value, rel=1e-12)
    rates = {(r["indicator"], r["area_code"], r["deprivation_decile"]): r for r in _rows(out, "standardised_rates")}
    for r in expected["emergency_by_place"].itertuples():
        assert rates[("emergency_admissions", r.place_code, None)]["value"] == pytest.approx(r.value, rel=1e-12)
    for r in expected["emergency_by_decile"].itertuples():
        published = rates[("emergency_admissions", "system", r.deprivation_decile)]
        assert (published["lower_ci95"], published["upper_ci95"]) == pytest.approx((r.lower_ci95, r.upper_ci95))
    for r in expected["deaths_under_75_by_place"].itertuples():
        published = rates[("deaths_under_75", r.place_code, None)]
        if not published["suppressed"]:
            assert published["value"] == pytest.approx(r.value, rel=1e-12)
    life = {r["deprivation_decile"]: r for r in _rows(out, "life_expectancy")
            if r["sex"] == "persons" and r["area_type"] == "system"}
    for r in expected["life_expectancy_by_decile"].itertuples():
        if not life[r.deprivation_decile]["suppressed"]:
            assert life[r.deprivation_decile]["value"] == pytest.approx(r.value, rel=1e-12)


def test_results_do_not_depend_on_row_order(dataset, duckdb_run, tmp_path):
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    for f in schema.FILES:
        table = pq.read_table(dataset / f.file_name)
        order = pa.array(sorted(range(table.num_rows), key=lambda i: (i * 7919) % table.num_rows))
        pq.write_table(table.take(order), shuffled / f.file_name)
    out = tmp_path / "out"
    run(shuffled, out, RunOptions(system_name="Test system"))
    for name in (*RESULTS, f"{RESTRICTED}/cohorts"):
        _assert_same(_rows(duckdb_run[0], name), _rows(out, name), tolerance=1e-12)


def test_published_results_hide_small_numbers_and_carry_no_person(dataset, duckdb_run):
    out, metadata = duckdb_run
    threshold = metadata["parameters"]["suppression_threshold"]
    nhs_numbers = set(pq.read_table(dataset / "persons.parquet", columns=["nhs_number"]).column(0).to_pylist())
    for name in RESULTS:
        table = pq.read_table(out / f"{name}.parquet")
        assert "person_id" not in table.column_names and "nhs_number" not in table.column_names
        for row in table.to_pylist():
            assert not 0 < (row.get("numerator") or 0) <= threshold, (name, row)
        text = (out / f"{name}.csv").read_text()
        assert not any(n and n in text for n in list(nhs_numbers)[:500])
    assert "nhs_number" not in pq.read_schema(out / RESTRICTED / "cohorts.parquet").names


def test_run_json_describes_the_run(dataset, duckdb_run):
    out, metadata = duckdb_run
    stored = json.loads((out / "run.json").read_text())
    assert stored["engine"] == "duckdb" and stored["dataset"]["files"]["persons"]["rows"] == 6_000
    assert set(stored["timings_seconds"]) >= {"period_activity", "cells", "prevalence", "risk_model", "allocation"}
    assert 0.5 < stored["risk_model"]["auc"] <= 1 and len(stored["risk_model"]["calibration"]) == 10
    shares = [r["target_share"] for r in _rows(out, "allocation") if r["area_type"] == "place"]
    assert sum(shares) == pytest.approx(1.0, abs=1e-12)


def test_an_invalid_dataset_is_refused_or_quarantined(dataset, tmp_path):
    from caresystem.population import validation

    broken = tmp_path / "broken"
    shutil.copytree(dataset, broken)
    persons = pq.read_table(broken / "persons.parquet").to_pylist()
    persons[2]["sex"] = "X"
    persons[4]["practice_code"] = "NOPE01"
    persons[6]["nhs_number"] = "1234567890"
    pq.write_table(pa.Table.from_pylist(persons, schema=schema.PERSONS.schema), broken / "persons.parquet")
    activity = pq.read_table(broken / "activity.parquet").to_pylist()
    activity[0]["cost"] = -5.0
    pq.write_table(pa.Table.from_pylist(activity, schema=schema.ACTIVITY.schema), broken / "activity.parquet")

    report = validation.validate(broken)
    found = {(p.file, p.row, p.column) for p in report.problems}
    assert {("persons.parquet", 3, "sex"), ("persons.parquet", 5, "practice_code"),
            ("persons.parquet", 7, "nhs_number"), ("activity.parquet", 1, "cost")} <= found
    with pytest.raises(validation.InvalidDataset):
        run(broken, tmp_path / "refused", RunOptions())
    assert not (tmp_path / "refused").exists()  # a refused run leaves no empty folder

    metadata = run(broken, tmp_path / "kept", RunOptions(quarantine=True))
    assert metadata["quarantined"]["persons"] == 3
    assert metadata["quarantined"]["activity"] >= 1  # the bad cost, and the activity of the three people
    restricted = tmp_path / "kept" / "restricted"
    bad = pq.read_table(restricted / "quarantine" / "pass-1" / "persons.bad.parquet").to_pylist()
    assert {r["row_number"] for r in bad} == {3, 5, 7} and all(r["reason"] for r in bad)
    assert not (tmp_path / "kept" / "quarantine").exists()  # person rows only under restricted/
    for item in [restricted, *restricted.rglob("*")]:
        assert item.stat().st_mode & 0o777 == (0o700 if item.is_dir() else 0o600), item


def test_a_missing_column_is_named(dataset, tmp_path):
    from caresystem.population import validation

    broken = tmp_path / "broken"
    shutil.copytree(dataset, broken)
    pq.write_table(pq.read_table(broken / "activity.parquet").drop_columns(["cost"]), broken / "activity.parquet")
    problems = validation.validate(broken).problems
    assert [(p.file, p.column, p.reason) for p in problems] == [("activity.parquet", "cost", "required column is missing")]
