"""What the search API returns: the kinds that matched, each one page of its hits with the full count."""

from pydantic import BaseModel


class SearchHit(BaseModel):
    kind: str
    reference: str
    title: str
    href: str  # the record's page, opened in its own programme
    programme: str | None = None
    programme_name: str | None = None
    snippet: str | None = None


class SearchGroup(BaseModel):
    kind: str
    label: str
    total: int
    page: int
    page_size: int
    hits: list[SearchHit]


class SearchResults(BaseModel):
    q: str
    groups: list[SearchGroup]
