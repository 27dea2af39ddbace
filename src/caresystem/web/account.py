"""Signing in and out of the browser session."""

from datetime import timedelta

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from caresystem import auth
from caresystem.errors import TooManyAttempts, Unauthorized
from caresystem.web.csrf import verify_csrf
from caresystem.web.deps import SessionDep
from caresystem.web.forms import form_values
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)


def _safe_next(target: str | None) -> str:
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login")
def login_page(request: Request, next: str | None = None):
    return render(request, "login.html", {"title": "Sign in", "next": _safe_next(next), "errors": {}, "username": ""})


@router.post("/login", dependencies=[Depends(verify_csrf)])
async def login(request: Request, session: SessionDep):
    values = await form_values(request)
    username = values.get("username", "").strip()
    address = request.client.host if request.client else "unknown"
    try:
        user = auth.authenticate(session, username, values.get("password", ""), address=address)
    except (Unauthorized, TooManyAttempts) as exc:
        headers = {"Retry-After": str(exc.retry_after)} if isinstance(exc, TooManyAttempts) else None
        return render(request, "login.html", {"title": "Sign in", "next": _safe_next(values.get("next")),
                                              "errors": {"username": exc.detail}, "username": username},
                      status_code=exc.status, headers=headers)
    request.session.clear()  # a new session on sign-in: no fixation
    lifetime = timedelta(seconds=request.app.state.settings.session_max_age_seconds)
    request.session["session_key"] = auth.start_session(session, user=user, lifetime=lifetime)
    return RedirectResponse(_safe_next(values.get("next")), status_code=303)


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request, session: SessionDep):
    """Ends the session on the server too, so a copied cookie stops working."""
    auth.end_session(session, request.session.get("session_key"))
    request.session.clear()
    return RedirectResponse("/", status_code=303)
