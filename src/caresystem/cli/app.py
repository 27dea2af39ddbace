"""The `caresystem` command: one Typer app, one module per command group."""

import typer

app = typer.Typer(help="caresystem: the operating platform of an Integrated Care System.", no_args_is_help=True)


def _register_groups() -> None:
    from caresystem.cli import population

    app.add_typer(population.app, name="population")


def main() -> None:
    _register_groups()
    app()
