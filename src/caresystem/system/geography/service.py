"""Places and the system map: system > place > primary care network > practice, as at a date."""

from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from caresystem.auth import SYSTEM as ANONYMOUS_READER, Actor, Permission, require
from caresystem.db import as_at_filter
from caresystem.db.versioning import apply_changes, flush_or_conflict
from caresystem.errors import Invalid, NotFound
from caresystem.system.geography.models import Place, SystemProfile
from caresystem.system.geography.schemas import PlaceUpdate
from caresystem.system.organisations import (Organisation, RegisteredPopulation, latest_population_date,
                                             population_as_at, practice_totals)

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


def _area_rows(session: Session, actor: Actor, as_at: date, types: tuple[str, ...], place: str | None = None):
    """Columns only (no ORM entities): the map can hold thousands of practices."""
    query = (select(Organisation.code, Organisation.name, Organisation.type, Organisation.place_code,
                    Organisation.parent_code, Organisation.illustrative, population_as_at(as_at).label("population"))
             .where(as_at_filter(Organisation, as_at), Organisation.type.in_(types))
             .order_by(Organisation.code))
    if not actor.can(Permission.VIEW_INTERNAL):
        query = query.where(Organisation.public.is_(True))
    if place:
        query = query.where(Organisation.place_code == place)
    return session.execute(query).all()


@dataclass
class Area:
    code: str
    name: str
    type: str
    registered_population: int | None
    illustrative: bool
    children: list["Area"] = field(default_factory=list)
    practice_count: int = 0


@dataclass(frozen=True)
class PlaceInfo:
    code: str
    name: str
    description: str | None
    valid_from: date | None
    valid_to: date | None
    public: bool
    version: int

    @classmethod
    def of(cls, place: Place) -> "PlaceInfo":
        return cls(place.code, place.name, place.description, place.valid_from, place.valid_to, place.public,
                   place.version)


@dataclass
class PlaceArea:
    place: PlaceInfo
    registered_population: int | None
    commissioners: list[Area]
    networks: list[Area]
    practices_without_network: list[Area]


@dataclass
class Map:
    as_at: date
    system: str
    registered_population: int | None
    places: list[PlaceArea]
    population_source: str | None = None  # what the total counts and as at when: "practice list, April 2025"


def _node(row) -> Area:
    return Area(row.code, row.name, row.type, row.population, row.illustrative)


def _total(populations) -> int | None:
    known = [p for p in populations if p is not None]
    return sum(known) if known else None


def place_populations(session: Session, as_at: date) -> dict[str, int | None]:
    """A place's registered population: its practices' if recorded on the date, else its commissioners'."""
    by_practice = {code: total for code, (total, _) in practice_totals(session, as_at, Organisation.place_code).items()}
    commissioners = _area_rows(session, ANONYMOUS_READER, as_at, COMMISSIONER_TYPES)
    result = {}
    for place in {r.place_code for r in commissioners} | set(by_practice):
        result[place] = by_practice.get(place) or _total(r.population for r in commissioners if r.place_code == place)
    return result


_maps: OrderedDict[tuple, Map] = OrderedDict()
MAP_CACHE_SIZE = 32


def data_version(session: Session) -> tuple:
    """Changes whenever an organisation, place or population is added, changed or removed."""
    return tuple(session.execute(select(*(select(f).select_from(m).scalar_subquery() for m in
                                          (Organisation, Place, RegisteredPopulation)
                                          for f in (func.count(m.id), func.max(m.updated_at))))).one())


def system_map(session: Session, *, actor: Actor, as_at: date, place: str | None = None,
               with_practices: bool = True) -> Map:
    """The system map, computed once per data version (each worker checks the version on every call)."""
    key = (as_at, actor.can(Permission.VIEW_INTERNAL), place, with_practices, data_version(session))
    if key in _maps:
        _maps.move_to_end(key)
        return _maps[key]
    result = _compute_map(session, actor=actor, as_at=as_at, place=place, with_practices=with_practices)
    _maps[key] = result
    while len(_maps) > MAP_CACHE_SIZE:
        _maps.popitem(last=False)
    return result


def _compute_map(session: Session, *, actor: Actor, as_at: date, place: str | None,
                 with_practices: bool) -> Map:
    """Places with their commissioners, networks and (optionally) practices open on `as_at`, with populations.

    Without practices, each network carries its practice count and summed population from one aggregate query,
    so the map stays cheap however many practices the system has.
    """
    types = ("gp_practice", "pcn", *COMMISSIONER_TYPES) if with_practices else ("pcn", *COMMISSIONER_TYPES)
    rows_by_place: dict[str | None, list] = defaultdict(list)
    practices_by_pcn: dict[str | None, list[Area]] = defaultdict(list)
    for row in _area_rows(session, actor, as_at, types, place):
        rows_by_place[row.place_code].append(row)
        if row.type == "gp_practice":
            practices_by_pcn[row.parent_code].append(_node(row))
    totals = {} if with_practices else practice_totals(session, as_at, Organisation.parent_code)
    places, sources = [], set()
    for place_record in list_places(session, actor=actor, as_at=as_at):
        if place and place_record.code != place:
            continue
        rows = rows_by_place.get(place_record.code, [])
        networks = [_network(row, practices_by_pcn, totals, with_practices) for row in rows if row.type == "pcn"]
        commissioners = [_node(r) for r in rows if r.type in COMMISSIONER_TYPES]
        loose = [_node(r) for r in rows if r.type == "gp_practice" and r.parent_code is None]
        population = (_total(n.registered_population for n in networks)
                      or _total(p.registered_population for p in loose))
        if population is not None:
            sources.add("practices")
        elif (population := _total(c.registered_population for c in commissioners)) is not None:
            sources.add("commissioners")
        places.append(PlaceArea(PlaceInfo.of(place_record), population, commissioners, networks, loose))
    profile = system_profile(session)
    return Map(as_at=as_at, system=profile.name if profile else "Integrated care system",
               registered_population=_total(p.registered_population for p in places), places=places,
               population_source=_population_source(session, as_at, sources))


SOURCES = {"practices": ("practice list", ("gp_practice",)),
           "commissioners": ("CCG registered populations", COMMISSIONER_TYPES)}


def _population_source(session: Session, as_at: date, sources: set[str]) -> str | None:
    """What a map's total counts and as at when, e.g. "practice list, April 2025": a total summed from practices'
    lists, or (for dates before the practices' lists were recorded) from the commissioners' recorded populations."""
    if not sources:
        return None
    parts = []
    for key in ("practices", "commissioners"):
        if key in sources:
            label, types = SOURCES[key]
            recorded = latest_population_date(session, as_at, types)
            parts.append(f"{label}, {recorded:%B %Y}" if recorded else label)
    return " and ".join(parts)


def _network(row, practices_by_pcn, totals, with_practices: bool) -> Area:
    network = _node(row)
    if with_practices:
        network.children = practices_by_pcn.get(row.code, [])
        network.practice_count = len(network.children)
        network.registered_population = _total(p.registered_population for p in network.children)
    else:
        network.registered_population, network.practice_count = totals.get(row.code, (None, 0))
    return network
