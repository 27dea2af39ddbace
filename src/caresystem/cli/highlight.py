"""`caresystem highlight list` and `caresystem highlight rollup PERIOD`: highlight reports from the command line."""

import typer
from rich.table import Table

from caresystem.auth import SYSTEM
from caresystem.cli.context import console, reported
from caresystem.programme.core.service import get_programme
from caresystem.programme.highlight import highlight_rollup, service

app = typer.Typer(help="Highlight reports and the programme board's roll-up.", no_args_is_help=True)
PROGRAMME = typer.Option(None, help="programme key (default: the system's programme)")


@app.command("list")
def list_reports(ctx: typer.Context, period: str | None = typer.Option(None, help="YYYY-MM"),
                 programme: str | None = PROGRAMME) -> None:
    """List highlight reports, newest month first."""
    table = Table("Month", "Project", "Status", "Revision", "Overall")
    with reported(), ctx.obj.unit_of_work("cli") as session:
        found, total = service.list_reports(session, actor=SYSTEM, programme=get_programme(session, programme),
                                            period=period, limit=1000)
        for report in found:
            table.add_row(report.period, report.project.name, report.status, str(report.revision),
                          report.rag_overall or "not rated")
    console.print(table)
    console.print(f"{total} report{'s' * (total != 1)}.")


@app.command("rollup")
def rollup(ctx: typer.Context, period: str = typer.Argument(..., help="YYYY-MM"),
           programme: str | None = PROGRAMME) -> None:
    """The roll-up for a month: each project's submitted ratings, and the projects that have not reported."""
    table = Table("Project", "Report", "Overall", "Schedule", "Resources", "Risk")
    with reported(), ctx.obj.unit_of_work("cli") as session:
        result = highlight_rollup(session, programme_key=get_programme(session, programme).key, period=period)
        for row in result.rows:
            content = row.content or {}
            table.add_row(row.project.name, f"revision {row.revision}" if row.revision else row.state,
                          *[content.get(f"rag_{name}") or "-" for name in ("overall", "schedule", "resources",
                                                                            "risk")])
        missing = [p.name for p in result.missing]
    console.print(table)
    console.print(f"Missing: {', '.join(missing)}." if missing else "Every project has reported.")
