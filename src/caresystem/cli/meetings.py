"""`caresystem meetings schedule|pack`: meetings of a body for a period, and a meeting's pack as one PDF."""

from datetime import date
from pathlib import Path

import typer

from caresystem.auth import SYSTEM
from caresystem.cli.context import console, reported
from caresystem.meetings import pack, service

app = typer.Typer(help="Governance meetings.", no_args_is_help=True)


@app.command("schedule")
def schedule(ctx: typer.Context, body: str = typer.Option(..., help="the governance body's key"),
             first: str = typer.Option(..., help="the first meeting's date, YYYY-MM-DD"),
             until: str = typer.Option(..., help="schedule up to this date, YYYY-MM-DD")) -> None:
    """Schedule a body's meetings for a period at the frequency of its terms of reference."""
    try:
        start, end = date.fromisoformat(first), date.fromisoformat(until)
    except ValueError:
        raise typer.BadParameter("dates are YYYY-MM-DD, for example 2027-01-12", param_hint="--first/--until") from None
    with reported(), ctx.obj.unit_of_work("cli") as session:
        made = service.schedule(session, actor=SYSTEM, body_key=body, first=start, until=end)
        for meeting in made:
            console.print(f"{meeting.id}\t{service.local_start(meeting):%Y-%m-%d %H:%M}\t{meeting.title}")
    console.print(f"Scheduled {len(made)} meetings.")


@app.command("pack")
def build_pack(ctx: typer.Context, meeting: int = typer.Argument(..., help="the meeting's id"),
               out: Path = typer.Option(..., help="write the PDF here"),
               audience: str = typer.Option("members", help="members (every paper) or public")) -> None:
    """Build a meeting's pack as one PDF (and keep both packs for its page)."""
    if audience not in ("members", "public"):
        raise typer.BadParameter("must be members or public", param_hint="--audience")
    with reported(), ctx.obj.unit_of_work("cli") as session:
        built = {p.audience: p for p in pack.build(session, actor=SYSTEM, meeting_id=meeting)}
        out.write_bytes(built[audience].content)
        console.print(f"Wrote {out} ({built[audience].pages} pages, {audience}).")
