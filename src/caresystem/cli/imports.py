"""`caresystem import risks FILE`, `caresystem import {assumptions,issues,dependencies,decisions,actions} FILE`,
`caresystem import benefits FILE` and `caresystem import benefit-actuals FILE`: load a register from XLSX or CSV
(all rows or none)."""

from pathlib import Path

import typer

from caresystem.auth import SYSTEM
from caresystem.cli.context import console, reported
from caresystem.programme.benefits import imports as benefit_imports
from caresystem.programme.core.service import get_programme
from caresystem.programme.raid import service
from caresystem.programme.raid.registers import REGISTERS, Register
from caresystem.programme.registers import import_file
from caresystem.wording import pluralise

app = typer.Typer(help="Import registers from spreadsheets.", no_args_is_help=True)
FILE = typer.Argument(..., exists=True, dir_okay=False)
PROGRAMME = typer.Option(None, help="programme key (default: the system's programme)")


def _report(file: Path, counts: dict[str, int]) -> None:
    console.print(f"Imported {pluralise(counts['rows'], 'row')} from {file.name}: {counts['created']} new, "
                  f"{counts['updated']} changed, {counts['unchanged']} unchanged.")


@app.command("risks")
def risks(ctx: typer.Context, file: Path = FILE, programme: str | None = PROGRAMME) -> None:
    """Import a risk register; every bad row is reported with its row number, field and reason."""
    with reported(), ctx.obj.unit_of_work("import") as session:
        counts = service.import_file(session, actor=SYSTEM, programme=get_programme(session, programme),
                                     content=file.read_bytes(), filename=file.name)
    _report(file, counts)


@app.command("benefits")
def benefits(ctx: typer.Context, file: Path = FILE, programme: str | None = PROGRAMME) -> None:
    """Import a benefits register (its download's columns); every bad row is reported with its row number, field
    and reason, and nothing is imported."""
    with reported(), ctx.obj.unit_of_work("import") as session:
        counts = benefit_imports.import_file(session, actor=SYSTEM, programme=get_programme(session, programme),
                                             content=file.read_bytes(), filename=file.name)
    _report(file, counts)


@app.command("benefit-actuals")
def benefit_actuals(ctx: typer.Context, file: Path = FILE, programme: str | None = PROGRAMME) -> None:
    """Import benefits' actuals (Benefit key, Date, Value, Source, Note); every bad row is reported, and nothing is
    imported."""
    with reported(), ctx.obj.unit_of_work("import") as session:
        counts = benefit_imports.import_actuals_file(session, actor=SYSTEM, programme=get_programme(session, programme),
                                                     content=file.read_bytes(), filename=file.name)
    _report(file, counts)


def _register_command(register: Register):
    def command(ctx: typer.Context, file: Path = FILE, programme: str | None = PROGRAMME) -> None:
        with reported(), ctx.obj.unit_of_work("import") as session:
            counts = import_file(session, actor=SYSTEM, programme=get_programme(session, programme),
                                 register=register, content=file.read_bytes(), filename=file.name)
        _report(file, counts)

    command.__doc__ = (f"Import the {register.title.lower()} log; every bad row is reported with its row number, "
                       "field and reason, and nothing is imported.")
    return command


for _register in REGISTERS.values():
    app.command(_register.key)(_register_command(_register))
