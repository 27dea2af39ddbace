"""The interactive API documentation (Swagger UI) under a content security policy of its own.

FastAPI's page starts Swagger UI with an inline script; it gets a fresh nonce on every request, so the policy
needs no 'unsafe-inline' for scripts. Swagger UI's files are served from the project's own npm install
(`swagger-ui-dist`, mounted at /static/swagger), so the page loads nothing from outside the server.
"""

import secrets

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

ASSETS = "/static/swagger"
router = APIRouter(include_in_schema=False)


def docs_policy(nonce: str) -> str:
    return (f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self'; img-src 'self' data:; "
            f"object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


@router.get("/api/docs")
def api_docs() -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    page = get_swagger_ui_html(openapi_url="/api/v1/openapi.json", title="caresystem API",
                               swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
                               swagger_css_url=f"{ASSETS}/swagger-ui.css",
                               swagger_favicon_url=f"{ASSETS}/favicon-32x32.png").body.decode()
    page = page.replace("<script>", f'<script nonce="{nonce}">').replace(
        "<script src=", f'<script nonce="{nonce}" src=')
    return HTMLResponse(page, headers={"content-security-policy": docs_policy(nonce)})
