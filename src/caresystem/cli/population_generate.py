"""`caresystem population generate`: write the synthetic Kent and Medway linked dataset, with a progress bar."""

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeElapsedColumn

from caresystem.cli.context import console
from caresystem.population import synthetic


def generate(persons: int = typer.Option(1_886_511, "--persons", min=1, max=50_000_000,
                                         help="People registered at any time in the window (full scale: 1,886,511)."),
             seed: int = typer.Option(20190401, "--seed", min=0,
                                      help="Random seed: the same seed and size give the same files."),
             out: Path = typer.Option(..., "--out", file_okay=False, help="Folder to write the four Parquet files into.")
             ) -> None:
    """Generate the synthetic Kent and Medway dataset (persons, conditions, activity, practices) into a folder."""
    columns = (TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("Generating", total=2 * persons)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total,
                       description="People and conditions" if done <= persons else "Activity")

        counts = synthetic.generate(persons, seed, out, progress=advance)
    for name, rows in counts.items():
        console.print(f"{name}.parquet: {rows:,} rows")
    console.print(f"Written to {out}")
