"""`caresystem plan import FILE` and `caresystem plan export`: plans in and out of Microsoft Project (MSPDI XML,
.mpp and the other formats MPXJ reads) and spreadsheets (XLSX)."""

from enum import Enum
from pathlib import Path

import typer

from caresystem.auth import SYSTEM
from caresystem.cli.context import console, errors, reported
from caresystem.errors import Invalid
from caresystem.programme.core.service import get_programme
from caresystem.programme.plan.interchange import service

app = typer.Typer(help="Plans in and out of Microsoft Project and spreadsheets.", no_args_is_help=True)
PROGRAMME = typer.Option(None, "--programme", help="programme key (default: the system's programme)")


class Format(str, Enum):
    mspdi = "mspdi"
    xlsx = "xlsx"


def _report(found, dry_run: bool) -> None:
    counts = found.counts()
    verb = "Would import" if dry_run else "Imported"
    console.print(f"{verb} a {found.format} plan:")
    for kind, n in counts.items():
        console.print(f"  {kind}: " + ", ".join(f"{v} {action}" for action, v in n.items()), highlight=False)
    for warning in found.warnings:
        console.print(f"  note: {warning.field}: {warning.message}", markup=False, highlight=False)
    if found.unmatched_owners:
        console.print("  owners matching no person: " + ", ".join(found.unmatched_owners), markup=False,
                      highlight=False)


@app.command("import")
def import_plan(ctx: typer.Context, file: Path = typer.Argument(..., exists=True, dir_okay=False),
                programme: str | None = PROGRAMME,
                dry_run: bool = typer.Option(False, "--dry-run", help="show what would change; write nothing")) -> None:
    """Import a plan file: every problem is reported by task id and field, and then nothing is imported."""
    with reported(), ctx.obj.unit_of_work("import") as session:
        plan = service.read_file(file.read_bytes(), file.name)
        found = service.import_plan(session, actor=SYSTEM, programme=get_programme(session, programme), plan=plan,
                                    dry_run=dry_run)
        if found.errors:  # a dry run reports them as an import would
            raise Invalid(found.errors)
    _report(found, dry_run)


@app.command("export")
def export_plan(ctx: typer.Context, programme: str | None = PROGRAMME,
                fmt: Format = typer.Option(Format.mspdi, "--format", help="mspdi (Microsoft Project XML) or xlsx"),
                output: Path = typer.Option(..., "-o", "--output", dir_okay=False, help="the file to write")) -> None:
    """Write the plan as Microsoft Project XML (MSPDI) or a spreadsheet."""
    with reported(), ctx.obj.unit_of_work("export") as session:
        prog = get_programme(session, programme)
        write = service.export_mspdi if fmt is Format.mspdi else service.export_xlsx
        content = write(session, actor=SYSTEM, programme=prog)
    try:
        output.write_bytes(content)
    except OSError as exc:
        errors.print(f"[bold red]Cannot write {output}:[/] {exc.strerror}")
        raise typer.Exit(1) from None
    console.print(f"Wrote the plan of {prog.name} to {output} ({len(content):,} bytes).")
