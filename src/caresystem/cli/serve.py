"""`caresystem serve`: run the web application."""

import typer
import uvicorn

from caresystem.cli.context import require_database

# Seconds a worker process has to answer the supervisor's health check, from its start on. Uvicorn's default (5) is
# shorter than importing the application takes on a busy machine: the worker is killed before it can answer, replaced,
# and the server never starts.
WORKER_HEALTH_CHECK_SECONDS = 60


def serve(ctx: typer.Context, host: str = "127.0.0.1", port: int = 8000, workers: int = 1) -> None:
    """Serve the pages and the API."""
    from caresystem.web.app import create_app

    settings = ctx.obj.settings
    require_database(settings.database_url)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level="info", access_log=False)
    else:
        uvicorn.run("caresystem.web.asgi:app", host=host, port=port, workers=workers, log_level="info",
                    access_log=False, timeout_worker_healthcheck=WORKER_HEALTH_CHECK_SECONDS)
