"""Lists are paginated on the server; every list response has items, total, page and page_size."""

from dataclasses import dataclass
from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

T = TypeVar("T")
MAX_PAGE_SIZE = 500
MAX_PAGE = 1_000_000  # far past any list's end, and an offset the databases can hold


@dataclass(frozen=True)
class PageRequest:
    page: int = 1
    page_size: int = 50

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def page_request(page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number")] = 1,
                 page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="items per page")] = 50
                 ) -> PageRequest:
    return PageRequest(page=page, page_size=page_size)


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int


def page_of(items: list, paging: PageRequest | None = None, total: int | None = None) -> Page:
    """One page of a list already in memory (the whole list, as one page, without `paging`)."""
    if paging is None:
        return Page(items=items, total=len(items), page=1, page_size=max(len(items), 1))
    return Page(items=items[paging.offset:paging.offset + paging.page_size],
                total=len(items) if total is None else total, page=paging.page, page_size=paging.page_size)
