"""`caresystem assurance import FILE` (measure data, all rows or none) and `caresystem assurance report` (the
integrated performance report as text, PDF or XLSX)."""

from datetime import datetime
from pathlib import Path

import typer
from rich.table import Table

from caresystem.assurance.measures import service as measures
from caresystem.assurance.report import service as report_service
from caresystem.assurance.report.text import ASSURANCE_TEXT, VARIATION_TEXT, value_text
from caresystem.auth import SYSTEM
from caresystem.cli.context import console, reported
from caresystem.errors import Invalid

app = typer.Typer(help="Performance measures and the integrated performance report.", no_args_is_help=True)


@app.command("import")
def import_data(ctx: typer.Context, file: Path = typer.Argument(..., exists=True, dir_okay=False)) -> None:
    """Import measure data (CSV or XLSX: measure, organisation, period, numerator, denominator, value, note); every
    bad row is reported with its row number, field and reason, and nothing is imported."""
    with reported(), ctx.obj.unit_of_work("import") as session:
        counts = measures.import_file(session, actor=SYSTEM, content=file.read_bytes(), filename=file.name)
    console.print(f"Imported {counts['rows']} rows from {file.name}: {counts['created']} new, "
                  f"{counts['replaced']} replaced, {counts['unchanged']} unchanged.")


def _period(text: str | None):
    if not text:
        return None
    try:
        return datetime.strptime(text, "%Y-%m").date()
    except ValueError:
        raise Invalid.one("--period", f"'{text}' must be a month like 2015-08") from None


@app.command("report")
def report(ctx: typer.Context, period: str | None = typer.Option(None, help="reporting period, e.g. 2015-08 "
                                                                          "(default: the latest with data)"),
           domain: str | None = typer.Option(None, help="only this domain, e.g. cancer"),
           organisation: str | None = typer.Option(None, help="only this organisation or area code"),
           output: Path | None = typer.Option(None, help="write the report to a .pdf or .xlsx file instead")) -> None:
    """The integrated performance report: the summary and the exceptions, on screen or as PDF or XLSX."""
    with reported(), ctx.obj.unit_of_work("report") as session:
        if output is not None and output.suffix not in (".pdf", ".xlsx"):
            raise Invalid.one("--output", "must end in .pdf or .xlsx")
        found = report_service.report(session, actor=SYSTEM, period=_period(period), domain=domain,
                                      organisation=organisation)
        if output is None:
            _print(found)
            return
        output.write_bytes(_render(found, output.suffix))
    console.print(f"Wrote the report for {found.period:%B %Y} ({len(found.lines)} lines, {len(found.exceptions)} "
                  f"exceptions) to {output}.")


def _render(found, suffix: str) -> bytes:
    if suffix == ".xlsx":
        from caresystem.assurance.report.xlsx import report_xlsx

        return report_xlsx(found)
    from caresystem.assurance.report.pdf import report_pdf
    from caresystem.web.templating import make_templates

    return report_pdf(found, make_templates().env)


def _print(found) -> None:
    table = Table(title=f"Integrated performance report, {found.period:%B %Y}" if found.period else "No data")
    for column in ("Measure", "Organisation", "Period", "Latest", "Variation", "Assurance"):
        table.add_column(column)
    for line in found.lines:
        table.add_row(line.measure.name, line.entity.name, f"{line.period:%b %Y}" + (" (illustrative)"
                      if line.illustrative else ""), value_text(line.value, line.measure.unit),
                      VARIATION_TEXT.get(line.variation or "", "No chart"), ASSURANCE_TEXT[line.assurance])
    console.print(table)
    console.print(f"{len(found.exceptions)} exceptions:")
    for e in found.exceptions:
        console.print(f"  {e.measure_name}, {e.organisation_name}: {e.reason}. {e.detail}", markup=False,
                      highlight=False)
