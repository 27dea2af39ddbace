"""`caresystem population ...` end to end through the command line."""

import json
import shutil

import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from caresystem.cli.app import app
from caresystem.population import schema

runner = CliRunner()


def test_generate_validate_run_and_results_in_the_data_directory(tmp_path, monkeypatch):
    monkeypatch.setenv("CARESYSTEM_DATA_DIR", str(tmp_path / "data"))
    dataset = tmp_path / "dataset"
    generated = runner.invoke(app, ["population", "generate", "--persons", "3000", "--seed", "5", "--out", str(dataset)])
    assert generated.exit_code == 0, generated.output
    assert pq.read_metadata(dataset / "persons.parquet").num_rows == 3000

    validated = runner.invoke(app, ["population", "validate", str(dataset)])
    assert validated.exit_code == 0 and "Valid: 3,000 persons" in validated.output

    ran = runner.invoke(app, ["population", "run", "--data", str(dataset), "--system-name", "Kent and Medway",
                              "--period-start", "2018-01-01", "--period-end", "2018-12-31"])
    assert ran.exit_code == 0, ran.output
    runs = list((tmp_path / "data" / "population" / "runs").iterdir())
    metadata = json.loads((runs[0] / "run.json").read_text())
    assert metadata["parameters"]["period_start"] == "2018-01-01" and metadata["engine"] == "duckdb"
    assert (runs[0] / "prevalence.csv").read_text().startswith("\"area_type\"")


def test_an_invalid_dataset_is_reported_by_file_row_and_reason(tmp_path):
    dataset = tmp_path / "dataset"
    assert runner.invoke(app, ["population", "generate", "--persons", "500", "--seed", "1", "--out",
                               str(dataset)]).exit_code == 0
    persons = pq.read_table(dataset / "persons.parquet").to_pylist()
    persons[9]["deprivation_decile"] = 11
    pq.write_table(pa.Table.from_pylist(persons, schema=schema.PERSONS.schema), dataset / "persons.parquet")
    result = runner.invoke(app, ["population", "validate", str(dataset)])
    assert result.exit_code == 2
    assert "persons.parquet row 10 deprivation_decile: deprivation_decile must be 1 to 10" in result.output
    refused = runner.invoke(app, ["population", "run", "--data", str(dataset), "--out", str(tmp_path / "out")])
    assert refused.exit_code == 2 and "row 10" in refused.output
    assert not (tmp_path / "out" / "run.json").exists()
    bad_period = runner.invoke(app, ["population", "run", "--data", str(dataset), "--period-start", "2019-01-01"])
    assert bad_period.exit_code == 2 and "give both or neither" in bad_period.output


def test_allocate_reproduces_the_place_tool_for_kent_and_medway(tmp_path):
    places = tmp_path / "places.csv"
    shutil.copy("src/caresystem/reference/kent_and_medway/place_practices.csv", places)
    out = tmp_path / "indices.csv"
    result = runner.invoke(app, ["population", "allocate", "--places", str(places), "--budget", "2778000000",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "east-kent" in result.output and out.read_text().count("\n") == 5
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("place,practice_code\nx,NOPE01\n")
    refused = runner.invoke(app, ["population", "allocate", "--places", str(wrong)])
    assert refused.exit_code == 2 and "NOPE01" in refused.output


def test_example_makes_one_run_for_the_pages(tmp_path, monkeypatch):
    monkeypatch.setenv("CARESYSTEM_DATA_DIR", str(tmp_path))
    first = runner.invoke(app, ["population", "example", "--persons", "2000"])
    assert first.exit_code == 0, first.output
    assert (tmp_path / "population" / "kent-and-medway" / "persons.parquet").exists()
    again = runner.invoke(app, ["population", "example", "--persons", "2000"])
    assert again.exit_code == 0 and "exists already" in again.output
    assert len(list((tmp_path / "population" / "runs").iterdir())) == 1
