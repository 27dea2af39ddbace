"""The planning framework as at a date: the frameworks in force, one framework with its items, and the planning
levels (with their catchments) the system map shows."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.auth import Actor, Permission
from caresystem.db.base import as_at_filter
from caresystem.errors import NotFound
from caresystem.system.governance import GovernanceBody
from caresystem.system.planning.models import PlanningFramework, PlanningItem


def list_frameworks(session: Session, *, as_at: date | None = None) -> list[PlanningFramework]:
    """Frameworks in the order of their documents' dates (all of them when no date is given)."""
    query = select(PlanningFramework).options(selectinload(PlanningFramework.items)).order_by(
        PlanningFramework.document_dated, PlanningFramework.key)
    if as_at:
        query = query.where(as_at_filter(PlanningFramework, as_at))
    return list(session.scalars(query))


def get_framework(session: Session, key: str) -> PlanningFramework:
    found = session.scalar(select(PlanningFramework).where(PlanningFramework.key == key)
                           .options(selectinload(PlanningFramework.items)))
    if found is None:
        raise NotFound(f"No planning framework with key {key!r}.")
    return found


def children(framework: PlanningFramework, item: PlanningItem, kind: str | None = None) -> list[PlanningItem]:
    """The items that sit under `item` (of `kind` when given): a level's catchments, a focus area's interventions."""
    return [i for i in framework.items if i.parent == item.number and i.kind == (kind or item.kind)]


@dataclass(frozen=True)
class Level:
    item: PlanningItem
    catchments: list[PlanningItem]


@dataclass(frozen=True)
class FrameworkLevels:
    framework: PlanningFramework
    levels: list[Level]


def levels_in_force(session: Session, as_at: date) -> list[FrameworkLevels]:
    """Each framework in force on `as_at` that has planning levels, its levels in the document's order (the 2016
    framework lists level 5, the most specialised, first) with their catchments."""
    found = []
    for framework in list_frameworks(session, as_at=as_at):
        levels = sorted(framework.of_kind("level"), key=lambda i: i.position)
        if levels:
            found.append(FrameworkLevels(framework, [Level(level, children(framework, level, "catchment"))
                                                     for level in levels]))
    return found


def role_bodies(session: Session, framework: PlanningFramework, *, actor: Actor) -> dict[str, str]:
    """The names of the governance bodies the framework's roles work with, by key (those the actor may see)."""
    keys = {i.body_key for i in framework.items if i.body_key}
    if not keys:
        return {}
    query = select(GovernanceBody.key, GovernanceBody.name).where(GovernanceBody.key.in_(keys))
    if not actor.can(Permission.VIEW_INTERNAL):
        query = query.where(GovernanceBody.public.is_(True))
    return dict(session.execute(query).all())
