"""One small generated dataset and one engine run per backend, shared by every spec test of a session."""

import os
from pathlib import Path

import pytest

from caresystem.population import synthetic
from caresystem.population.run import RunOptions, run

PERSONS, SEED = 6_000, 11


@pytest.fixture(scope="session")
def dataset(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("dataset")
    synthetic.generate(PERSONS, SEED, directory)
    return directory


@pytest.fixture(scope="session")
def duckdb_run(dataset, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("run-duckdb")
    return out, run(dataset, out, RunOptions(engine="duckdb", system_name="Test system"))


@pytest.fixture(scope="session")
def spark_run(dataset, tmp_path_factory) -> tuple[Path, dict]:
    os.environ.setdefault("CARESYSTEM_SPARK_DRIVER_MEMORY", "1g")
    out = tmp_path_factory.mktemp("run-spark")
    return out, run(dataset, out, RunOptions(engine="spark", system_name="Test system"))
