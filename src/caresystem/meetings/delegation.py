"""The scheme of reservation and delegation, and the check of a decision against it and the functions map as at
the meeting date (document 002 section 6; the functions and decision-making map)."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.db import as_at_filter
from caresystem.errors import Invalid
from caresystem.meetings.models import Delegation
from caresystem.system.functions import Function, allocations_at
from caresystem.system.governance import GovernanceBody

WITHIN, OUTSIDE, ABOVE_LIMIT, UNMAPPED = "within", "outside", "above_limit", "unmapped"
LABELS = {WITHIN: "Within delegation", OUTSIDE: "Outside delegation", ABOVE_LIMIT: "Above the delegated limit",
          UNMAPPED: "Not checked"}


@dataclass(frozen=True)
class Check:
    status: str
    held_by: list[str]        # names of the bodies that hold the function (or the map's holder)
    explanation: str

    @property
    def flagged(self) -> bool:
        return self.status in (OUTSIDE, ABOVE_LIMIT)


def _names(session: Session, keys: list[str]) -> list[str]:
    names = dict(session.execute(select(GovernanceBody.key, GovernanceBody.name)
                                 .where(GovernanceBody.key.in_(keys))).all())
    return [names.get(k, k) for k in keys]


def scheme(session: Session, *, body_key: str | None = None, function_key: str | None = None,
           on: date | None = None) -> list[Delegation]:
    query = select(Delegation).order_by(Delegation.function_key, Delegation.body_key, Delegation.valid_from)
    if body_key:
        query = query.where(Delegation.body_key == body_key)
    if function_key:
        query = query.where(Delegation.function_key == function_key)
    if on:
        query = query.where(as_at_filter(Delegation, on))
    return list(session.scalars(query))


def check(session: Session, *, body_key: str, function_key: str | None, on: date,
          amount: float | None = None) -> Check:
    """Does the body hold the function on that date, and within its limit? Who holds it, if not."""
    if not function_key:
        return Check(UNMAPPED, [], "No function was named, so the decision was not checked against the scheme.")
    function = session.scalar(select(Function).where(Function.key == function_key))
    if function is None:
        raise Invalid.one("function", f"there is no function {function_key!r} in the functions map")
    allocations = allocations_at(function, on)
    if not allocations:
        return Check(UNMAPPED, [], f"The functions map holds no allocation of {function.name} on {on:%-d %B %Y}.")
    delegations = scheme(session, function_key=function_key, on=on)
    holders = [d.body_key for d in delegations]
    if body_key not in holders:
        held_by = _names(session, holders) if holders else [a.holder for a in allocations]
        return Check(OUTSIDE, held_by, f"{function.name} is not delegated to this body on {on:%-d %B %Y}; "
                                       f"it is held by {', '.join(held_by)}.")
    own = next(d for d in delegations if d.body_key == body_key)
    if own.limit_amount is not None and amount is not None and amount > own.limit_amount:
        above = [d.body_key for d in delegations if d.limit_amount is None or d.limit_amount >= amount]
        held_by = _names(session, above) if above else [a.holder for a in allocations]
        return Check(ABOVE_LIMIT, held_by, f"£{amount:,.0f} is above this body's delegated limit of "
                                           f"£{own.limit_amount:,.0f} for {function.name}; it is for "
                                           f"{', '.join(held_by)}.")
    return Check(WITHIN, _names(session, [body_key]), f"{function.name} is {own.kind} to this body on "
                                                      f"{on:%-d %B %Y}.")


def function_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(Function.key, Function.name).order_by(Function.name)).all())
