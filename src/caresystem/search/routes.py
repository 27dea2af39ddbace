"""GET /api/v1/search: one query across the system model and every programme register, grouped by kind."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from caresystem import clock
from caresystem.search.schemas import SearchGroup, SearchHit, SearchResults
from caresystem.search.service import KINDS, PER_KIND, search
from caresystem.web.deps import ApiActor, SessionDep
from caresystem.web.pagination import MAX_PAGE

router = APIRouter(tags=["search"])


@router.get("/search", response_model=SearchResults,
            summary="Find organisations, bodies, functions, risks, log entries, milestones and benefits")
def search_api(session: SessionDep, actor: ApiActor,
               q: Annotated[str, Query(description="words to find, ignoring case (at least 2 characters)")],
               kind: Annotated[str | None, Query(description=f"only this kind: {', '.join(KINDS)}")] = None,
               as_at: date | None = None,
               page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page of each kind")] = 1,
               page_size: Annotated[int, Query(ge=1, le=100, description="hits of each kind per page")] = PER_KIND):
    groups = search(session, actor=actor, q=q, as_at=as_at or clock.today(session), kind=kind,
                    offset=(page - 1) * page_size, limit=page_size)
    return SearchResults(q=q, groups=[SearchGroup(
        kind=g.kind.key, label=g.kind.label, total=g.total, page=page, page_size=page_size,
        hits=[SearchHit(kind=f.kind, reference=f.reference, title=f.title, href=f.link, programme=f.programme,
                        programme_name=f.programme_name, snippet=f.snippet) for f in g.found]) for g in groups])
