"""CSRF protection for forms: a per-session token in a hidden field, checked on every POST."""

import secrets

from fastapi import Request

from caresystem.errors import Forbidden

FIELD = "csrf_token"


def csrf_token(request: Request) -> str:
    token = request.session.get(FIELD)
    if token is None:
        token = secrets.token_urlsafe(32)
        request.session[FIELD] = token
    return token


async def verify_csrf(request: Request) -> None:
    """Dependency for every page route that accepts a POST."""
    form = await request.form()
    sent = form.get(FIELD)
    expected = request.session.get(FIELD)
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise Forbidden("The form has expired or did not come from this site. Go back, reload the page and try again.")
