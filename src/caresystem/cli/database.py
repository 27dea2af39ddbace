"""`caresystem db upgrade|downgrade`: run the migrations."""

import typer

from caresystem.cli.context import console
from caresystem.db import downgrade as run_downgrade
from caresystem.db import upgrade as run_upgrade

app = typer.Typer(help="Database migrations.", no_args_is_help=True)


@app.command()
def upgrade(ctx: typer.Context, revision: str = typer.Argument("heads")) -> None:
    """Migrate the database up to REVISION (default: the latest)."""
    run_upgrade(ctx.obj.settings.database_url, revision)
    console.print(f"Database at revision {revision}.")


@app.command()
def downgrade(ctx: typer.Context, revision: str = typer.Argument(..., help="e.g. base")) -> None:
    """Migrate the database down to REVISION."""
    run_downgrade(ctx.obj.settings.database_url, revision)
    console.print(f"Database at revision {revision}.")
