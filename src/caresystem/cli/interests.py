"""`caresystem interests import FILE` and `caresystem interests export FILE`: the register of interests as XLSX or
CSV (an import with any bad row changes nothing)."""

from datetime import date
from pathlib import Path

import typer

from caresystem.auth import SYSTEM
from caresystem.cli.context import console, reported
from caresystem.errors import Invalid
from caresystem.system.interests import spreadsheet
from caresystem.wording import pluralise

app = typer.Typer(help="The register of interests.", no_args_is_help=True)


@app.command("import")
def import_interests(ctx: typer.Context, file: Path = typer.Argument(..., exists=True, dir_okay=False)) -> None:
    """Import the register; every bad row is reported with its row number, field and reason."""
    with reported(), ctx.obj.unit_of_work("import") as session:
        counts = spreadsheet.import_file(session, actor=SYSTEM, content=file.read_bytes(), filename=file.name)
    console.print(f"Imported {pluralise(counts['rows'], 'row')} from {file.name}: {counts['created']} new, "
                  f"{counts['updated']} changed, {counts['unchanged']} unchanged.")


@app.command("export")
def export_interests(ctx: typer.Context, file: Path = typer.Argument(..., dir_okay=False),
                     as_at: str | None = typer.Option(None, help="only interests held on this date (YYYY-MM-DD)")) -> None:
    """Write the register to FILE (.xlsx or .csv)."""
    with reported(), ctx.obj.unit_of_work("cli") as session:
        kind = file.suffix.lower().lstrip(".")
        if kind not in ("xlsx", "csv"):
            raise Invalid.one("file", "must end in .xlsx or .csv")
        try:
            when = date.fromisoformat(as_at) if as_at else None
        except ValueError:
            raise Invalid.one("as_at", "must be a date in the form YYYY-MM-DD") from None
        content = spreadsheet.export(session, actor=SYSTEM, kind=kind, as_at=when)
    file.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    console.print(f"Wrote the register of interests to {file}.")
