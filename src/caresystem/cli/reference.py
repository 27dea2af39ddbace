"""`caresystem load-example` and `caresystem reference import|export`: a system's reference data."""

from pathlib import Path

import typer

from caresystem import example
from caresystem.auth import SYSTEM
from caresystem.cli.context import console, reported
from caresystem.system import interchange

app = typer.Typer(help="Import or export a system's reference data (YAML).", no_args_is_help=True)


def load_example(ctx: typer.Context) -> None:
    """Load the Kent and Medway example (safe to run again: it changes only what differs)."""
    with reported(), ctx.obj.unit_of_work("load-example") as session:
        lines = example.load_example(session)
    for line in lines:
        console.print(f"Kent and Medway example, {line}")


@app.command("import")
def import_(ctx: typer.Context, directory: Path = typer.Argument(..., exists=True, file_okay=False)) -> None:
    """Import a folder of reference-data YAML; nothing is changed if any record is wrong."""
    with reported(), ctx.obj.unit_of_work("reference-import") as session:
        summary = interchange.import_directory(session, directory, actor=SYSTEM)
    console.print(f"Imported {directory}: {summary or 'no changes'}")


@app.command("export")
def export(ctx: typer.Context, directory: Path) -> None:
    """Export the reference data to a folder, in the format `reference import` reads."""
    with reported(), ctx.obj.unit_of_work("reference-export") as session:
        counts = interchange.export_directory(session, directory)
    console.print("Exported " + ", ".join(f"{n} {k}" for k, n in counts.items()) + f" to {directory}")
