"""Jinja2 with the NHS.UK frontend macros; each domain package contributes its own templates folder."""

from datetime import date
from pathlib import Path

from fastapi import Request
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape
from starlette.templating import Jinja2Templates

from caresystem import clock
from caresystem.auth import Permission
from caresystem.web.csrf import csrf_token
from caresystem.wording import pluralise

SRC = Path(__file__).resolve().parents[1]
NAVIGATION = [("/system-map", "System map"), ("/organisations", "Organisations"), ("/governance", "Governance"),
              ("/functions", "Functions map"), ("/meetings", "Meetings"), ("/programme", "Programme"), ("/population", "Population"),
              ("/assurance", "Assurance"),
              ("/search", "Search")]


def template_dirs() -> list[Path]:
    """web/templates first, then every `templates/` folder of a domain package."""
    found = sorted(p for p in SRC.glob("*/**/templates") if p.is_dir() and "web" not in p.parts[-3:-1])
    return [SRC / "web" / "templates", *found]


def _number(value) -> str:
    if value is None or value == "":
        return "No data"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _date(value) -> str:
    if not value:
        return "Open"
    return value.strftime("%-d %B %Y") if isinstance(value, date) else str(value)


def make_templates() -> Jinja2Templates:
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader([str(p) for p in template_dirs()]),
                             PackageLoader("nhsuk_frontend_jinja"),
                             PackageLoader("nhsuk_frontend_jinja", package_path="templates/nhsuk")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=ChainableUndefined,
        trim_blocks=True, lstrip_blocks=True, auto_reload=False,  # templates ship with the package
    )
    env.filters["number"] = _number
    env.filters["nicedate"] = _date
    env.filters["pluralise"] = pluralise  # {{ n | pluralise("assessment") }}: "1 assessment", "2 assessments"
    return Jinja2Templates(env=env)


def in_page_order(errors: dict[str, str], page: str) -> dict[str, str]:
    """The errors in the order their fields appear on the page, as the NHS error summary lists them; an error with no
    field on the page (the whole form, a stale version) comes last. `page` is the page rendered once to find them."""
    def position(field: str) -> float:
        found = [at for marker in (f'id="{field}"', f'name="{field}"') if (at := page.find(marker)) >= 0]
        return min(found, default=float("inf"))
    return dict(sorted(errors.items(), key=lambda item: position(item[0])))


def render(request: Request, name: str, context: dict | None = None, status_code: int = 200, headers=None):
    """Render a page with the things every page needs: the user, the CSRF token, the as-at date."""
    templates: Jinja2Templates = request.app.state.templates
    actor = getattr(request.state, "actor", None)
    base = {"request": request, "actor": actor, "csrf_token": csrf_token(request), "today": clock.today(),
            "cspNonce": getattr(request.state, "csp_nonce", None),
            "path": request.url.path, "navigation": NAVIGATION}
    context = dict(context or {})
    if "history" in context and not (actor and actor.can(Permission.VIEW_INTERNAL)):
        context["history"] = None  # the audit trail names staff and old values: not for the public
    errors = context.get("errors")
    if isinstance(errors, dict) and len(errors) > 1:
        context["errors"] = in_page_order(errors, templates.get_template(name).render({**base, **context}))
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code,
                                      headers=headers)
