"""Documentation keeps up with the code: every setting and every command is documented."""

from pathlib import Path

import typer.main

from caresystem.cli.app import app
from caresystem.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def test_every_setting_is_documented():
    text = (ROOT / "docs" / "configuration.md").read_text()
    for name, field in Settings.model_fields.items():
        assert f"CARESYSTEM_{name.upper()}" in text, name
        assert field.description, name


def _commands(group, prefix=""):
    for name, command in getattr(group, "commands", {}).items():
        yield f"{prefix}{name}"
        yield from _commands(command, f"{prefix}{name} ")


def test_every_command_is_documented():
    text = (ROOT / "docs" / "cli.md").read_text()
    for command in _commands(typer.main.get_command(app)):
        assert f"caresystem {command}" in text, command


def test_readme_keeps_its_promise():
    text = (ROOT / "README.md").read_text()
    assert "make run" in text and "make test" in text


def test_the_dataset_contract_is_documented():
    from caresystem.population import schema

    text = (ROOT / "docs" / "population.md").read_text()
    for f in schema.FILES:
        assert f"`{f.file_name}`" in text, f.file_name
        for column in f.columns:
            assert f"| `{column.name}` | {column.type} |" in text, (f.name, column.name)
