"""`caresystem users ...` and `caresystem tokens ...`: accounts and personal API tokens."""

import secrets

import typer

from caresystem import auth
from caresystem.cli.context import console, read_stdin_line, reported
from caresystem.errors import NotFound
from caresystem.wording import pluralise

users_app = typer.Typer(help="User accounts.", no_args_is_help=True)
tokens_app = typer.Typer(help="Personal API tokens.", no_args_is_help=True)
DEMO_ADMIN = "admin"


@users_app.command("create")
def create(ctx: typer.Context, username: str = typer.Option(...),
           role: str = typer.Option(..., help="one of " + ", ".join(auth.Role)),
           password_stdin: bool = typer.Option(False, "--password-stdin", help="read the password from stdin"),
           organisation: list[str] = typer.Option([], help="scope an editor to this organisation code"),
           place: list[str] = typer.Option([], help="scope an editor to this place code"),
           pcn: list[str] = typer.Option([], help="scope a care coordinator to this PCN code"),
           practice: list[str] = typer.Option([], help="scope a care coordinator to this practice code")) -> None:
    """Create a user with one of the roles (listed under --role, from the roles the system defines)."""
    if not password_stdin:
        raise typer.BadParameter("pass --password-stdin and give the password on standard input", param_hint="password")
    password = read_stdin_line()
    with reported(), ctx.obj.unit_of_work("cli") as session:
        auth.create_user(session, username=username, role=role, password=password, organisations=organisation,
                         places=place, pcns=pcn, practices=practice)
    console.print(f"Created user {username} ({role}).")


@users_app.command("set-password")
def set_password(ctx: typer.Context, username: str = typer.Option(...),
                 password_stdin: bool = typer.Option(False, "--password-stdin", help="read the password from stdin")) -> None:
    """Change a user's password; every browser session of theirs ends."""
    if not password_stdin:
        raise typer.BadParameter("pass --password-stdin and give the password on standard input", param_hint="password")
    password = read_stdin_line()
    with reported(), ctx.obj.unit_of_work("cli") as session:
        ended = auth.set_password(session, username=username, password=password)
    console.print(f"Changed the password of {username}; ended {pluralise(ended, 'session')}.")


@users_app.command("revoke-sessions")
def revoke_sessions(ctx: typer.Context, username: str = typer.Option(...)) -> None:
    """End every browser session of a user at once (they must sign in again)."""
    with reported(), ctx.obj.unit_of_work("cli") as session:
        ended = auth.revoke_sessions(session, user=auth.get_user(session, username))
    console.print(f"Ended {pluralise(ended, 'session')} of {username}.")


@users_app.command("ensure-demo-admin")
def ensure_demo_admin(ctx: typer.Context) -> None:
    """Create the demo administrator if missing, and print its credentials (for `make run`)."""
    password_file = ctx.obj.settings.data_dir.parent / "demo-admin-password"
    with reported(), ctx.obj.unit_of_work("cli") as session:
        try:
            auth.get_user(session, DEMO_ADMIN)
            exists = True
        except NotFound:
            exists = False
        if not exists:
            password = secrets.token_urlsafe(12)
            auth.create_user(session, username=DEMO_ADMIN, role="system_admin", password=password,
                             display_name="Demo administrator")
            password_file.parent.mkdir(parents=True, exist_ok=True)
            password_file.write_text(password)
            password_file.chmod(0o600)
    password = password_file.read_text().strip() if password_file.exists() else "(set when it was created)"
    console.print(f"Demo administrator: username [bold]{DEMO_ADMIN}[/], password [bold]{password}[/]")


@tokens_app.command("create")
def create_token(ctx: typer.Context, username: str = typer.Option(...), name: str = "personal") -> None:
    """Create a personal API token and print it once (send it as `Authorization: Bearer <token>`)."""
    with reported(), ctx.obj.unit_of_work("cli") as session:
        token = auth.create_token(session, username=username, name=name)
    print(token)


@tokens_app.command("revoke")
def revoke(ctx: typer.Context, username: str = typer.Option(...)) -> None:
    """Revoke every token of a user."""
    with reported(), ctx.obj.unit_of_work("cli") as session:
        count = auth.revoke_tokens(session, username=username)
    console.print(f"Revoked {pluralise(count, 'token')} of {username}.")
