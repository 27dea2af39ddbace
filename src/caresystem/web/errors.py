"""Domain errors mapped once: RFC 9457 problem+json for the API, NHS-styled pages or a login redirect for browsers."""

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from caresystem.errors import Busy, DomainError, Invalid, TooManyAttempts, Unauthorized
from caresystem.validation_messages import readable
from caresystem.web.templating import render

PROBLEM = "application/problem+json"


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def problem(status: int, title: str, detail: str, errors: list[dict] | None = None, headers=None) -> JSONResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _field_name(loc) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "request"


async def domain_error(request: Request, exc: DomainError):
    if _is_api(request):
        errors = [{"field": e.field, "message": e.message} for e in exc.errors] if isinstance(exc, Invalid) else None
        return problem(exc.status, exc.title, exc.detail, errors, _headers_for(exc))
    if isinstance(exc, Unauthorized):
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    return render(request, "error.html", {"title": exc.title, "detail": exc.detail}, status_code=exc.status,
                  headers=_headers_for(exc))


def _headers_for(exc: DomainError) -> dict | None:
    if isinstance(exc, Unauthorized):
        return {"WWW-Authenticate": "Bearer"}
    if isinstance(exc, (TooManyAttempts, Busy)):
        return {"Retry-After": str(exc.retry_after)}
    return None


def _field_error(error: dict) -> dict:
    if error.get("type") == "json_invalid":  # its location is a character offset, not a field
        return {"field": "body", "message": "body is not valid JSON"}
    return {"field": _field_name(error["loc"]), "message": readable(error)}


async def validation_error(request: Request, exc: RequestValidationError):
    errors = [_field_error(e) for e in exc.errors()]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    if _is_api(request):
        return problem(422, "Invalid input", detail, errors)
    return render(request, "error.html", {"title": "Invalid input", "detail": detail}, status_code=422)


async def http_error(request: Request, exc: StarletteHTTPException):
    title = {404: "Page not found", 405: "Method not allowed"}.get(exc.status_code, "Error")
    if _is_api(request):
        return problem(exc.status_code, title, str(exc.detail))
    return render(request, "error.html", {"title": title, "detail": str(exc.detail)}, status_code=exc.status_code)


async def out_of_range(request: Request, exc: Exception):
    """A number too large for the database, in a path or query: services check bodies at flush (`db.checks`)."""
    detail = "A value in the request is out of range (whole numbers fit in 64 bits, dates 1900 to 2100)."
    if _is_api(request):
        return problem(422, "Invalid input", detail, [{"field": "request", "message": detail}])
    return render(request, "error.html", {"title": "Invalid input", "detail": detail}, status_code=422)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, domain_error)
    app.add_exception_handler(OverflowError, out_of_range)
    app.add_exception_handler(DataError, out_of_range)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
