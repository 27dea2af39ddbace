"""Places and the system map: system > place > primary care network > practice, as at a date."""

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require
from caresystem.db import as_at_filter
from caresystem.db.versioning import apply_changes, flush_or_conflict
from caresystem.errors import Invalid, NotFound
from caresystem.system.geography.models import Place, SystemProfile
from caresystem.system.geography.schemas import AreaNode, PlaceNode, PlaceRead, PlaceUpdate, SystemMap
from caresystem.system.organisations.models import Organisation
from caresystem.system.organisations.service import own_populations_as_at

COMMISSIONER_TYPES = ("ccg",)


def system_profile(session: Session) -> SystemProfile | None:
    return session.scalar(select(SystemProfile).limit(1))


def list_places(session: Session, *, actor: Actor, as_at: date) -> list[Place]:
    query = select(Place).where(as_at_filter(Place, as_at)).order_by(Place.name)
    if not actor.can(Permission.VIEW_INTERNAL):
        query = query.where(Place.public.is_(True))
    return list(session.scalars(query))


def get_place(session: Session, code: str, *, actor: Actor) -> Place:
    place = session.scalar(select(Place).where(Place.code == code))
    if place is None or (not place.public and not actor.can(Permission.VIEW_INTERNAL)):
        raise NotFound(f"No place with code {code!r}.")
    return place


def update_place(session: Session, *, actor: Actor, code: str, data: PlaceUpdate) -> Place:
    place = get_place(session, code, actor=actor)
    require(actor, Permission.EDIT_SYSTEM, places={code})
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    start, end = changes.get("valid_from", place.valid_from), changes.get("valid_to", place.valid_to)
    if start and end and end < start:
        raise Invalid.one("valid_to", "must be on or after the valid from date")
    apply_changes(place, changes, expected_version=data.version, label=f"Place {code}")
    flush_or_conflict(session, f"Place {code}")
    return place


def _node(org: Organisation, population: int | None, children=()) -> AreaNode:
    return AreaNode(code=org.code, name=org.name, type=org.type, registered_population=population,
                    illustrative=org.illustrative, children=list(children))


def _total(nodes: list[AreaNode]) -> int | None:
    known = [n.registered_population for n in nodes if n.registered_population is not None]
    return sum(known) if known else None


def system_map(session: Session, *, actor: Actor, as_at: date) -> SystemMap:
    """Every place with its commissioners, networks and practices open on `as_at`, with populations."""
    places = list_places(session, actor=actor, as_at=as_at)
    query = select(Organisation).where(as_at_filter(Organisation, as_at),
                                       Organisation.type.in_(("gp_practice", "pcn", *COMMISSIONER_TYPES)))
    if not actor.can(Permission.VIEW_INTERNAL):
        query = query.where(Organisation.public.is_(True))
    organisations = list(session.scalars(query.order_by(Organisation.name)))
    populations = own_populations_as_at(session, as_at, [o.code for o in organisations])
    practices_by_pcn: dict[str | None, list[AreaNode]] = defaultdict(list)
    for org in organisations:
        if org.type == "gp_practice":
            practices_by_pcn[org.parent_code].append(_node(org, populations.get(org.code)))
    nodes = []
    for place in places:
        in_place = [o for o in organisations if o.place_code == place.code]
        networks = [_node(o, None, practices_by_pcn.get(o.code, []))
                    for o in sorted(in_place, key=lambda o: o.code) if o.type == "pcn"]
        for network in networks:
            network.registered_population = _total(network.children)
        commissioners = [_node(o, populations.get(o.code)) for o in in_place if o.type in COMMISSIONER_TYPES]
        practice_codes = {o.code for o in in_place if o.type == "gp_practice"}
        loose = [p for p in practices_by_pcn.get(None, []) if p.code in practice_codes]
        population = _total(networks) or _total(loose) or _total(commissioners)
        nodes.append(PlaceNode(place=PlaceRead.model_validate(place).model_copy(
            update={"registered_population": population}), commissioners=commissioners, networks=networks,
            practices_without_network=loose))
    profile = system_profile(session)
    return SystemMap(as_at=as_at, system=profile.name if profile else "Integrated care system",
                     registered_population=_total([n.place for n in nodes]), places=nodes)
