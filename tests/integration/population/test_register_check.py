"""`caresystem population validate|run` check the dataset's practices against the practice register in the database:
practices it does not know are named with their people and activity, as warnings; the run records them and the
population pages show them."""

import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from caresystem.cli.app import app as cli
from caresystem.population import schema, synthetic
from tests.conftest import settings_for

runner = CliRunner()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("register-dataset")
    synthetic.generate(3_000, 7, folder)
    return folder


def _with_an_unknown_practice(generated, folder):
    """The generated dataset with its first ten people moved to practice Y90025, which no register holds."""
    for f in (schema.CONDITIONS, schema.ACTIVITY):
        pq.write_table(pq.read_table(generated / f.file_name), folder / f.file_name)
    persons = pq.read_table(generated / schema.PERSONS.file_name).to_pylist()
    for person in persons[:10]:
        person["practice_code"] = "Y90025"
    pq.write_table(pa.Table.from_pylist(persons, schema=schema.PERSONS.schema), folder / schema.PERSONS.file_name)
    practices = pq.read_table(generated / schema.PRACTICES.file_name).to_pylist()
    practices.append({**practices[0], "practice_code": "Y90025", "practice_name": "Made up"})
    pq.write_table(pa.Table.from_pylist(practices, schema=schema.PRACTICES.schema), folder / schema.PRACTICES.file_name)
    return 10


def _cli(db, data_dir, *args):
    return runner.invoke(cli, ["population", *args],
                         env={"CARESYSTEM_DATABASE_URL": db.url, "CARESYSTEM_DATA_DIR": str(data_dir)})


def test_the_generated_dataset_agrees_with_the_register(db, generated, tmp_path):
    result = _cli(db, tmp_path, "validate", str(generated))
    assert result.exit_code == 0 and "Valid: 3,000 persons" in result.output
    assert "register" not in result.output  # nothing to warn of, and the register was read


def test_practices_the_register_does_not_know_are_warned_of_recorded_and_shown(db, generated, tmp_path):
    folder = tmp_path / "dataset"
    folder.mkdir()
    moved = _with_an_unknown_practice(generated, folder)
    validated = _cli(db, tmp_path / "data", "validate", str(folder))
    assert validated.exit_code == 0, validated.output  # a warning, not a refusal
    assert "Warning: 1 practice not in the practice register, with 10 people and " in validated.output
    assert "Y90025 (10 people)" in validated.output

    ran = _cli(db, tmp_path / "data", "run", "--data", str(folder), "--system-name", "Kent and Medway")
    assert ran.exit_code == 0, ran.output
    assert "Warning: 1 practice not in the practice register" in ran.output
    run_dir = next((tmp_path / "data" / "population" / "runs").iterdir())
    register = json.loads((run_dir / "run.json").read_text())["register"]
    assert register["checked"] is True
    assert [(p["practice_code"], p["persons"]) for p in register["practices"]] == [("Y90025", moved)]

    from caresystem.web.app import create_app

    application = create_app(settings_for(db.url).model_copy(update={"data_dir": tmp_path / "data"}))
    try:
        with TestClient(application, base_url="https://testserver") as client:
            for path in ("/population", "/population/inequalities"):
                page = client.get(path).text
                assert "Practices the register does not know" in page
                assert "1 practice not in the practice register, with 10 people" in page and "Y90025 (10 people)" in page
    finally:
        application.state.engine.dispose()


def test_without_a_database_the_check_is_skipped_and_said_so(generated, tmp_path):
    result = runner.invoke(cli, ["population", "validate", str(generated)],
                           env={"CARESYSTEM_DATABASE_URL": f"sqlite:///{tmp_path / 'none.db'}"})
    assert result.exit_code == 0 and "Valid: 3,000 persons" in result.output
    assert "Practices not checked against the practice register: there is no database" in result.output
