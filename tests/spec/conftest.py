"""Spec fixtures: small tables written in the test, run on every backend by one fixture (`backend`); and one small
generated dataset with one engine run per backend, shared by the end-to-end spec tests of a session."""

import os
from pathlib import Path

import pytest

from caresystem.population import synthetic
from caresystem.population.engine import backends
from caresystem.population.run import RunOptions, run

PERSONS, SEED = 6_000, 11


@pytest.fixture(scope="session", params=["duckdb", pytest.param("spark", marks=pytest.mark.spark)])
def backend(request):
    """An Ibis backend of each engine the population code must give the same answers on."""
    if request.param == "spark":
        os.environ.setdefault("CARESYSTEM_SPARK_DRIVER_MEMORY", "1g")
    connection = backends.connect(request.param)
    yield connection
    if request.param == "duckdb":
        connection.disconnect()


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
