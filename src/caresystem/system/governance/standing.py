"""Whether a governance body can receive escalations on a date, and why not: the one rule that the escalation of
risks, benefits and performance exceptions follows.

A body receives escalations only while it is in force (its valid_from and valid_to). A rule that names a body that
has ended routes nowhere; its standing says when the body ended and, from `succeeded_by`, which body took over, so
whoever keeps the rules can point them at the body that does that work now.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.db import as_at_filter
from caresystem.errors import FieldError
from caresystem.system.governance.models import GovernanceBody


@dataclass(frozen=True)
class Standing:
    """A body key as at a date; `problem` says why it receives nothing then (None: it is in force)."""

    key: str
    body: GovernanceBody | None
    problem: str | None

    @property
    def in_force(self) -> bool:
        return self.problem is None

    @property
    def name(self) -> str:
        return self.body.name if self.body else self.key


def standings(session: Session, keys: Iterable[str | None], as_at: date) -> dict[str, Standing]:
    """Each key's standing on `as_at`, reading the bodies and their successors once per step of succession."""
    wanted = {k for k in keys if k}
    bodies = _with_successors(session, wanted)
    return {k: Standing(k, bodies.get(k), _problem(k, bodies, as_at)) for k in wanted}


def in_force(session: Session, keys: Iterable[str | None], as_at: date) -> set[str]:
    """The keys whose bodies are in force on `as_at`, in one query: routing needs neither successors nor reasons."""
    wanted = {k for k in keys if k}
    if not wanted:
        return set()
    return set(session.scalars(select(GovernanceBody.key).where(GovernanceBody.key.in_(wanted),
                                                                as_at_filter(GovernanceBody, as_at))))


def rule_body_errors(session: Session, body_key: str, *, field: str = "body_key",
                     must_be_in_force: bool = True) -> list[FieldError]:
    """A rule entered now must name a body that exists and is in force today (a rule loaded from a document of its
    time need only name one that exists). The message reads after the field's label ("Governance body ...") and
    names the successor of a body that has ended."""
    standing = standings(session, [body_key], date.today())[body_key]
    if standing.body is None:
        return [FieldError(field, f"{body_key!r} is not a governance body in the system")]
    if must_be_in_force and standing.problem:
        return [FieldError(field, f"{body_key!r} is not in force: {standing.name} {standing.problem}")]
    return []


def _with_successors(session: Session, keys: set[str]) -> dict[str, GovernanceBody]:
    found: dict[str, GovernanceBody] = {}
    while keys:
        rows = session.scalars(select(GovernanceBody).where(GovernanceBody.key.in_(keys))).all()
        found |= {b.key: b for b in rows}
        keys = {b.succeeded_by for b in rows if b.succeeded_by and b.succeeded_by not in found}
    return found


def _problem(key: str, bodies: dict[str, GovernanceBody], as_at: date, seen: frozenset = frozenset()) -> str | None:
    body = bodies.get(key)
    if body is None:
        return "does not exist in the governance data"
    if body.valid_from is not None and body.valid_from > as_at:
        return f"comes into force only on {body.valid_from:%-d %B %Y}"
    if body.valid_to is None or body.valid_to >= as_at:
        return None
    ended = f"ended on {body.valid_to:%-d %B %Y}"
    successor = bodies.get(body.succeeded_by or "")
    if successor is None or successor.key in seen:
        return f"{ended}; the governance data names no successor"
    after = _problem(successor.key, bodies, as_at, seen | {key})
    return f"{ended}; succeeded by {successor.name}" + (f", which {after}" if after else "")
