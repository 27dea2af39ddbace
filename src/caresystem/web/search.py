"""Search across organisations, governance bodies and functions."""

from datetime import date

from fastapi import APIRouter, Request
from pydantic import BaseModel

from caresystem.auth import Actor
from caresystem.system.functions import service as functions
from caresystem.system.governance import service as governance
from caresystem.system.organisations import service as organisations
from caresystem.web.deps import ApiActor, PageActor, SessionDep
from caresystem.web.templating import render

api_router = APIRouter(tags=["search"])
page_router = APIRouter(include_in_schema=False)
LIMIT = 50


class SearchHit(BaseModel):
    kind: str
    key: str
    title: str
    href: str


def search(session, actor: Actor, q: str, as_at: date) -> list[SearchHit]:
    q = q.strip()
    if len(q) < 2:
        return []
    orgs, _, _ = organisations.list_organisations(session, actor=actor, as_at=as_at, q=q, limit=LIMIT)
    hits = [SearchHit(kind="organisation", key=o.code, title=f"{o.name} ({o.code})", href=f"/organisations/{o.code}")
            for o in orgs]
    hits += [SearchHit(kind="governance body", key=b.key, title=b.name, href=f"/governance/{b.key}")
             for b in governance.list_bodies(session, actor=actor, as_at=as_at, q=q)]
    needle = q.lower()
    hits += [SearchHit(kind="function", key=f.key, title=f.name, href=f"/functions/{f.key}")
             for f in functions.list_functions(session, actor=actor)
             if needle in f.name.lower() or needle in (f.description or "").lower()]
    return hits


@api_router.get("/search", response_model=list[SearchHit])
def search_api(session: SessionDep, actor: ApiActor, q: str, as_at: date | None = None):
    return search(session, actor, q, as_at or date.today())


@page_router.get("/search")
def search_page(request: Request, session: SessionDep, actor: PageActor, q: str = ""):
    return render(request, "search.html", {"title": "Search", "q": q,
                                           "hits": search(session, actor, q, date.today()) if q else None})
