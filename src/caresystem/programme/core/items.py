"""One shape for every register's entries when they are gathered across registers: "my items" (what a person has
to do) and search results (what matched a query)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func


@dataclass(frozen=True)
class OwnedItem:
    kind: str  # risk, action, milestone, benefit, communication, ...
    reference: str
    title: str
    href: str
    programme: str | None = None
    role: str = "owner"  # how the person holds it: owner, senior sponsor, workstream lead, responsible
    due: date | None = None
    status: str | None = None
    rag: str | None = None
    overdue: bool = False

    @property
    def link(self) -> str:
        return in_programme(self.href, self.programme)


@dataclass(frozen=True)
class Found:
    """A register entry a search found, in its programme, with the words around the match."""

    kind: str  # risk, milestone, action, decision, benefit, ...
    reference: str
    title: str
    href: str
    programme: str | None = None
    programme_name: str | None = None
    snippet: str | None = None

    @property
    def link(self) -> str:
        return in_programme(self.href, self.programme)


def in_programme(href: str, programme: str | None) -> str:
    """The page, opened in the item's own programme (pages show the chosen programme, see core/service.py)."""
    if not programme:
        return href
    path, hash_, fragment = href.partition("#")
    return f"{path}{'&' if '?' in path else '?'}programme={programme}{hash_}{fragment}"


def matches(name: str) -> str:
    """A person's name as the registers' owner fields are compared: lower case, single spaces."""
    return " ".join((name or "").split()).lower()


def owned_by(column, wanted: str):
    """SQL: the text in `column` names the person `wanted` (from `matches`), ignoring case and outer spaces."""
    return func.lower(func.trim(column)) == wanted
