"""The command line: migrations, the example, users and tokens, reference export and import."""

from typer.testing import CliRunner

from caresystem.cli.app import app

runner = CliRunner()


def _run(env_url: str, *args, input: str | None = None):
    return runner.invoke(app, list(args), input=input, env={"CARESYSTEM_DATABASE_URL": env_url})


def test_users_tokens_and_reference_round_trip(empty_db, tmp_path):
    url = empty_db.url
    assert _run(url, "load-example").exit_code == 0
    again = _run(url, "load-example")
    assert again.exit_code == 0 and "no changes" in again.output
    created = _run(url, "users", "create", "--username", "sam", "--role", "editor", "--password-stdin",
                   input="a-long-password\n")
    assert created.exit_code == 0, created.output
    bad_role = _run(url, "users", "create", "--username", "kim", "--role", "king", "--password-stdin",
                    input="a-long-password\n")
    assert bad_role.exit_code == 2 and "role:" in bad_role.output
    token = _run(url, "tokens", "create", "--username", "sam")
    assert token.exit_code == 0 and token.output.strip().startswith("cs_")
    exported = _run(url, "reference", "export", str(tmp_path / "out"))
    assert exported.exit_code == 0 and (tmp_path / "out" / "organisations.yaml").exists()
    imported = _run(url, "reference", "import", str(tmp_path / "out"))
    assert imported.exit_code == 0 and "no changes" in imported.output
