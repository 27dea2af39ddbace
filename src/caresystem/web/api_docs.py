"""The interactive API documentation (Swagger UI) under a content security policy of its own.

FastAPI's page starts Swagger UI with an inline script; it gets a fresh nonce on every request, so the policy
needs no 'unsafe-inline' for scripts. Swagger UI's files come from its public CDN, as FastAPI serves them.
"""

import secrets

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

CDN = "https://cdn.jsdelivr.net"
router = APIRouter(include_in_schema=False)


def docs_policy(nonce: str) -> str:
    return (f"default-src 'self'; script-src 'self' 'nonce-{nonce}' {CDN}; style-src 'self' {CDN}; "
            f"img-src 'self' data: https://fastapi.tiangolo.com; object-src 'none'; base-uri 'none'; "
            f"frame-ancestors 'none'")


@router.get("/api/docs")
def api_docs() -> HTMLResponse:
    nonce = secrets.token_urlsafe(16)
    page = get_swagger_ui_html(openapi_url="/api/v1/openapi.json", title="caresystem API").body.decode()
    page = page.replace("<script>", f'<script nonce="{nonce}">').replace(
        "<script src=", f'<script nonce="{nonce}" src=')
    return HTMLResponse(page, headers={"content-security-policy": docs_policy(nonce)})
