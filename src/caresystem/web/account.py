"""Signing in and out of the browser session."""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse

from caresystem import auth
from caresystem.errors import Unauthorized
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
    try:
        user = auth.authenticate(session, values.get("username", "").strip(), values.get("password", ""))
    except Unauthorized as exc:
        return render(request, "login.html", {"title": "Sign in", "next": _safe_next(values.get("next")),
                                              "errors": {"username": exc.detail}, "username": values.get("username")},
                      status_code=401)
    request.session.clear()  # a new session on sign-in: no fixation
    request.session["user_id"] = user.id
    return RedirectResponse(_safe_next(values.get("next")), status_code=303)


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request):
    request.session.clear()
    return RedirectResponse("/", status_code=303)
