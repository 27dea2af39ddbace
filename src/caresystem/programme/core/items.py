"""What a person has to do across the programme registers: one shape for every register's "my items"."""

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
        """The page, opened in the item's own programme (pages show the chosen programme, see core/service.py)."""
        if not self.programme:
            return self.href
        path, hash_, fragment = self.href.partition("#")
        return f"{path}{'&' if '?' in path else '?'}programme={self.programme}{hash_}{fragment}"


def matches(name: str) -> str:
    """A person's name as the registers' owner fields are compared: lower case, single spaces."""
    return " ".join((name or "").split()).lower()


def owned_by(column, wanted: str):
    """SQL: the text in `column` names the person `wanted` (from `matches`), ignoring case and outer spaces."""
    return func.lower(func.trim(column)) == wanted
