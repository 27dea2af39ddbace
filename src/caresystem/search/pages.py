"""The search page: every kind's first hits with a link to the rest, or one kind a page at a time."""

from urllib.parse import urlencode

from fastapi import APIRouter, Request

from caresystem import clock
from caresystem.errors import Invalid
from caresystem.search.service import KINDS, PER_KIND, search
from caresystem.web.deps import PageActor, SessionDep
from caresystem.web.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50  # one kind on its own


@router.get("/search")
def search_page(request: Request, session: SessionDep, actor: PageActor, q: str = "", kind: str | None = None,
                page: int = 1):
    kind, page = kind or None, max(page, 1)
    size = PAGE_SIZE if kind else PER_KIND
    context = {"title": "Search", "q": q, "kind": KINDS.get(kind or ""), "groups": None, "errors": {},
               "page": page, "page_size": size, "query": urlencode({"q": q, "kind": kind or ""})}
    if q.strip():
        try:
            context["groups"] = search(session, actor=actor, q=q, as_at=clock.today(session), kind=kind,
                                       offset=(page - 1) * size, limit=size)
        except Invalid as invalid:
            context["errors"] = {e.field: f"Search: {e.message}" if e.field == "q" else f"Kind: {e.message}"
                                 for e in invalid.errors}
    return render(request, "search/search.html", context, status_code=422 if context["errors"] else 200)
