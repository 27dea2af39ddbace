"""One synthetic dataset and one DuckDB run for the test run (shared by its workers); apps that read it, and one with no
run at all."""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from caresystem.auth import create_token, create_user
from caresystem.population import results, synthetic
from caresystem.population.run import RunOptions, run
from tests.conftest import settings_for
from tests.databases import PASSWORD
from tests.shared_builds import built_once

PEOPLE = 20_000
SEED = 2019


def build_run(root: Path) -> None:
    """Generate the synthetic dataset under root and run the engine on DuckDB into root / "data"."""
    synthetic.generate(PEOPLE, SEED, root / "dataset")
    run(root / "dataset", results.new_run_directory(root / "data"), RunOptions(system_name="Kent and Medway"))


def shared_run(tmp_path_factory) -> Path:
    """The data directory holding the run, built once for the test run; tests only read it."""
    return built_once(tmp_path_factory, "population", build_run) / "data"


@pytest.fixture(scope="session")
def population_data_dir(tmp_path_factory):
    return shared_run(tmp_path_factory)


@pytest.fixture
def app(db, population_data_dir):
    """The app reading the session's run (overrides tests/conftest.py's `app`: `client` and `api` use it)."""
    from caresystem.web.app import create_app

    application = create_app(settings_for(db.url).model_copy(update={"data_dir": population_data_dir}))
    yield application
    application.state.engine.dispose()


@pytest.fixture
def app_without_run(db, tmp_path):
    from caresystem.web.app import create_app

    application = create_app(settings_for(db.url).model_copy(update={"data_dir": tmp_path / "empty"}))
    yield application
    application.state.engine.dispose()


@pytest.fixture
def coordinator(db) -> str:
    """A care coordinator's API token (the example database has none)."""
    with db.session() as session:
        create_user(session, username="coordinator", role="care_coordinator", password=PASSWORD)
        token = create_token(session, username="coordinator")
        session.commit()
    return token


@pytest.fixture
def coordinator_api(app, coordinator):
    with TestClient(
        app, base_url="https://testserver", headers={"Authorization": f"Bearer {coordinator}"}
    ) as c:
        yield c


@pytest.fixture
def first_pcn(population_data_dir) -> str:
    rows = results.latest_run(population_data_dir).rows("risk_tiers", area_type="pcn")
    return sorted(r["area_code"] for r in rows)[0]
