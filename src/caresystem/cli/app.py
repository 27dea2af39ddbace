"""The `caresystem` command: one Typer app, one module per command group."""

import typer

from caresystem.cli import context

app = typer.Typer(help="caresystem: the operating platform of an integrated care system.", no_args_is_help=True,
                  pretty_exceptions_enable=False)


@app.callback()
def _settings(ctx: typer.Context) -> None:
    """Settings come from CARESYSTEM_* environment variables (see docs/configuration.md)."""
    ctx.obj = context.CliContext()


def _register() -> None:
    from caresystem.cli import (assurance, database, highlight, imports, interests, meetings, plan, population,
                                reference, serve, users)

    app.command("serve")(serve.serve)
    app.command("load-example")(reference.load_example)
    app.add_typer(database.app, name="db")
    app.add_typer(users.users_app, name="users")
    app.add_typer(users.tokens_app, name="tokens")
    app.add_typer(reference.app, name="reference")
    app.add_typer(imports.app, name="import")
    app.add_typer(population.app, name="population")
    app.add_typer(meetings.app, name="meetings")
    app.add_typer(interests.app, name="interests")
    app.add_typer(highlight.app, name="highlight")
    app.add_typer(assurance.app, name="assurance")
    app.add_typer(plan.app, name="plan")


_register()


def main() -> None:
    app()
