"""What every command needs: settings, and a unit of work that reports domain errors plainly."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import typer
from rich.console import Console
from sqlalchemy.engine import make_url
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
        require_database(self.settings.database_url)
        engine = make_engine(self.settings.database_url)
        try:
            with session_scope(make_sessionmaker(engine), actor=actor) as session:
                session.info["data_dir"] = self.settings.data_dir  # population runs, for benefits bound to them
                yield session
        finally:
            engine.dispose()


def database_present(url: str) -> bool:
    """Whether the URL names a database that may hold data: a server, or an SQLite file that is not empty."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return True
    path = Path(parsed.database).resolve()
    return path.exists() and path.stat().st_size > 0


def require_database(url: str) -> None:
    """Stop with a plain message, not a traceback and a stray empty file, when there is no migrated database."""
    if database_present(url):
        return
    path = Path(make_url(url).database).resolve()
    errors.print(f"[bold red]No database at {path}[/] (from CARESYSTEM_DATABASE_URL, or the default "
                 "sqlite:///var/caresystem.db, which is relative to the folder you run in).\n"
                 "Run `caresystem db upgrade` to create it here, or set CARESYSTEM_DATABASE_URL to point at "
                 "yours, e.g. CARESYSTEM_DATABASE_URL=sqlite:////path/to/var/caresystem.db")
    raise typer.Exit(1)


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
