"""Command-line mistakes end in a plain message naming the argument, never a traceback or a stray database."""

from typer.testing import CliRunner

from caresystem.auth import Role
from caresystem.cli.app import app

runner = CliRunner()


def _run(tmp_path, *args):
    return runner.invoke(app, list(args), env={"CARESYSTEM_DATABASE_URL": f"sqlite:///{tmp_path / 'var' / 'cs.db'}",
                                               "CARESYSTEM_DATA_DIR": str(tmp_path / "data")})


def test_a_missing_database_is_named_with_how_to_point_at_it(tmp_path):
    result = _run(tmp_path, "users", "revoke-sessions", "--username", "sam")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"No database at {tmp_path / 'var' / 'cs.db'}" in result.output
    assert "CARESYSTEM_DATABASE_URL" in result.output and "caresystem db upgrade" in result.output
    assert not (tmp_path / "var" / "cs.db").exists()


def test_population_budget_and_out_are_checked(tmp_path):
    data = tmp_path / "dataset"
    data.mkdir()
    for budget in ("-5", "nan", "inf", "0"):
        result = _run(tmp_path, "population", "run", "--data", str(data), "--budget", budget)
        assert result.exit_code == 2 and "budget: must be a positive number" in result.output, result.output
    a_file = tmp_path / "results.txt"
    a_file.write_text("not a folder")
    result = _run(tmp_path, "population", "run", "--data", str(data), "--out", str(a_file))
    assert result.exit_code == 2 and "is a file; give a folder" in result.output
    assert not (tmp_path / "data").exists()  # nothing was started


def test_users_create_help_lists_every_role():
    result = runner.invoke(app, ["users", "create", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert [role.value for role in Role if role.value not in result.output] == []
    assert "care_coordinator" in result.output and "board_secretary" in result.output
