"""`caresystem import risks FILE`: load a risk register from XLSX or CSV (all rows or none)."""

from pathlib import Path

import typer

from caresystem.auth import SYSTEM
from caresystem.cli.context import console, reported
from caresystem.programme.core.service import get_programme
from caresystem.programme.raid import service, spreadsheet

app = typer.Typer(help="Import registers from spreadsheets.", no_args_is_help=True)


@app.command("risks")
def risks(ctx: typer.Context, file: Path = typer.Argument(..., exists=True, dir_okay=False),
          programme: str | None = typer.Option(None, help="programme key (default: the system's programme)")) -> None:
    """Import a risk register; every bad row is reported with its row number, field and reason."""
    with reported(), ctx.obj.unit_of_work("import") as session:
        rows = spreadsheet.read_file(file.read_bytes(), file.name)
        counts = service.import_risks(session, actor=SYSTEM, programme=get_programme(session, programme), rows=rows)
    console.print(f"Imported {len(rows)} rows from {file.name}: {counts['created']} new, {counts['updated']} changed, "
                  f"{counts['unchanged']} unchanged.")
