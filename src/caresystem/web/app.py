"""The FastAPI application: server-rendered NHS.UK pages and the JSON API under /api/v1."""

from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from caresystem.auth.audit import install_audit_listener
from caresystem.db import make_engine, make_sessionmaker
from caresystem.settings import Settings
from caresystem.web.api_docs import router as api_docs
from caresystem.web.body_limit import BodyLimitMiddleware
from caresystem.web.deps import history_readers_only, signed_in_to_post
from caresystem.web.errors import install_error_handlers
from caresystem.web.routers import api_routers, page_routers
from caresystem.web.security_headers import SecurityHeadersMiddleware
from caresystem.web.templating import make_templates

API_DESCRIPTION = """The caresystem API. Lists return `{"items": [...], "total": N, "page": p, "page_size": s}`.
Authenticate with a personal token (`caresystem tokens create --username NAME`) sent as
`Authorization: Bearer <token>`. Errors are RFC 9457 problem details naming the field and the problem."""


APP_STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = (settings or Settings()).with_secret()
    app = FastAPI(title="caresystem", version="1", description=API_DESCRIPTION, docs_url=None,
                  redoc_url=None, openapi_url="/api/v1/openapi.json")
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url)
    app.state.sessionmaker = make_sessionmaker(app.state.engine)
    app.state.read_sessionmaker = make_sessionmaker(app.state.engine, read_only=True)
    app.state.templates = make_templates()
    install_audit_listener()
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key, session_cookie="caresystem_session",
                       max_age=settings.session_max_age_seconds, same_site="lax", https_only=settings.secure_cookies)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware)
    install_error_handlers(app)
    _mount_static(app, settings.static_dir)
    for router in api_routers():
        app.include_router(router, prefix="/api/v1", dependencies=[Depends(history_readers_only)])
    app.include_router(api_docs)
    for router in page_routers():
        app.include_router(router, dependencies=[Depends(signed_in_to_post)])
    return app


def _mount_static(app: FastAPI, node_modules: Path) -> None:
    frontend = node_modules / "nhsuk-frontend" / "dist" / "nhsuk"
    swagger = node_modules / "swagger-ui-dist"
    if not (frontend.is_dir() and swagger.is_dir() and (node_modules / ".caresystem").is_dir()):
        raise RuntimeError(f"The NHS.UK frontend or Swagger UI is missing from {node_modules}: "
                           "run `make setup` first.")
    app.mount("/static/nhsuk", StaticFiles(directory=frontend), name="nhsuk")
    app.mount("/static/swagger", StaticFiles(directory=swagger), name="swagger")
    app.mount("/static/site", StaticFiles(directory=node_modules / ".caresystem"), name="site")
    app.mount("/static/app", StaticFiles(directory=APP_STATIC), name="app")
