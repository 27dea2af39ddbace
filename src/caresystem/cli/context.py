"""What every command needs: settings, and a unit of work that reports domain errors plainly."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property

import typer
from rich.console import Console
from sqlalchemy.orm import Session

from caresystem.auth.audit import install_audit_listener
from caresystem.db import make_engine, make_sessionmaker, session_scope
from caresystem.errors import DomainError, Invalid
from caresystem.settings import Settings

console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)


class CliContext:
    @cached_property
    def settings(self) -> Settings:
        return Settings()

    @contextmanager
    def unit_of_work(self, actor: str) -> Iterator[Session]:
        """One transaction for the whole command: a failure changes nothing."""
        install_audit_listener()
        engine = make_engine(self.settings.database_url)
        try:
            with session_scope(make_sessionmaker(engine), actor=actor) as session:
                session.info["data_dir"] = self.settings.data_dir  # population runs, for benefits bound to them
                yield session
        finally:
            engine.dispose()


@contextmanager
def reported() -> Iterator[None]:
    """Turn domain errors into a clear message on stderr and exit status 1 (2 for bad input)."""
    try:
        yield
    except Invalid as exc:
        errors.print("[bold red]Nothing was changed.[/] Problems:")
        for e in exc.errors:
            errors.print(f"  {e.field}: {e.message}", markup=False, highlight=False)
        raise typer.Exit(2) from None
    except DomainError as exc:
        errors.print(f"[bold red]{exc.title}:[/] {exc.detail}")
        raise typer.Exit(1) from None


def read_stdin_line() -> str:
    return sys.stdin.readline().rstrip("\n")
