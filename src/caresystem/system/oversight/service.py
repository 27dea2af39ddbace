"""The rules for oversight lines: which are in force as at a date, in their documents' order, with the governance
bodies each runs through."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission
from caresystem.db.base import as_at_filter
from caresystem.system.governance import GovernanceBody
from caresystem.system.oversight.models import OversightLine


@dataclass
class Oversight:
    """The strands and the accountability chain, and the bodies they name (those the reader may see)."""

    strands: list[OversightLine]
    accountability: list[OversightLine]
    bodies: dict[str, GovernanceBody]


def oversight(session: Session, *, actor: Actor, as_at: date | None = None) -> Oversight:
    query = select(OversightLine).order_by(OversightLine.kind, OversightLine.position)
    if as_at:
        query = query.where(as_at_filter(OversightLine, as_at))
    lines = list(session.scalars(query))
    keys = {k for line in lines for k in line.body_keys}
    bodies_query = select(GovernanceBody).where(GovernanceBody.key.in_(keys))
    if not actor.can(Permission.VIEW_INTERNAL):
        bodies_query = bodies_query.where(GovernanceBody.public.is_(True))
    bodies = {b.key: b for b in session.scalars(bodies_query)} if keys else {}
    return Oversight(strands=[line for line in lines if line.kind == "strand"],
                     accountability=[line for line in lines if line.kind == "accountability"], bodies=bodies)
