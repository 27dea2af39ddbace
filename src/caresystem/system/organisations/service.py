"""The rules for organisations: validation, scoping, dated populations, succession."""

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from caresystem.auth import Actor, Permission, may_add_somewhere, require, require_after_change
from caresystem.db import as_at_filter
from caresystem.db.search import containing
from caresystem.db.versioning import apply_changes, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.system.geography import Place
from caresystem.system.organisations.models import Organisation, RegisteredPopulation
from caresystem.system.organisations.schemas import OrganisationCreate, OrganisationUpdate
from caresystem.system.organisations.types import ORGANISATION_TYPES, code_problem

AGGREGATING_TYPES = {"pcn"}  # a PCN's population is the sum of its practices'


def visible(actor: Actor):
    return None if actor.can(Permission.VIEW_INTERNAL) else Organisation.public.is_(True)


def population_as_at(as_at: date):
    """Column: an organisation's latest recorded registered population on or before `as_at` (an index seek)."""
    return (select(RegisteredPopulation.registered_population)
            .where(RegisteredPopulation.organisation_id == Organisation.id, RegisteredPopulation.as_at <= as_at)
            .order_by(RegisteredPopulation.as_at.desc()).limit(1).correlate(Organisation).scalar_subquery())


def own_populations_as_at(session: Session, as_at: date, codes: list[str]) -> dict[str, int]:
    population = population_as_at(as_at)
    rows = session.execute(select(Organisation.code, population).where(Organisation.code.in_(codes)))
    return {code: value for code, value in rows if value is not None}


def practice_register(session: Session) -> dict[str, str | None]:
    """Every practice the register holds, open or closed (a dataset of past years may hold closed ones), with the
    code of its primary care network: what a population dataset is checked against."""
    rows = session.execute(select(Organisation.code, Organisation.parent_code)
                           .where(Organisation.type == "gp_practice"))
    return {code: parent for code, parent in rows}


def latest_population_date(session: Session, as_at: date, types: tuple[str, ...]) -> date | None:
    """The date of the latest registered population recorded on or before `as_at` for organisations of `types`
    open on that date: the "as at" of a total summed from them."""
    return session.scalar(select(func.max(RegisteredPopulation.as_at))
                          .join(Organisation, RegisteredPopulation.organisation_id == Organisation.id)
                          .where(Organisation.type.in_(types), as_at_filter(Organisation, as_at),
                                 RegisteredPopulation.as_at <= as_at))


def practice_totals(session: Session, as_at: date, by, codes: list[str] | None = None) -> dict[str, tuple[int, int]]:
    """(registered population, practices) of the practices open on `as_at`, summed by PCN or place column."""
    query = (select(by, func.sum(population_as_at(as_at)), func.count(Organisation.id))
             .where(Organisation.type == "gp_practice", as_at_filter(Organisation, as_at), by.is_not(None))
             .group_by(by))
    if codes is not None:
        query = query.where(by.in_(codes))
    return {key: (int(total) if total is not None else None, count) for key, total, count in session.execute(query)}


def populations_as_at(session: Session, as_at: date, organisations: list[Organisation]) -> dict[str, int]:
    """Registered population of each organisation as at a date; PCNs sum their practices."""
    populations = own_populations_as_at(session, as_at, [o.code for o in organisations])
    pcns = [o.code for o in organisations if o.type in AGGREGATING_TYPES and o.code not in populations]
    if pcns:
        totals = practice_totals(session, as_at, Organisation.parent_code, pcns)
        populations.update({code: total for code, (total, _) in totals.items() if total is not None})
    return populations


def list_organisations(session: Session, *, actor: Actor, as_at: date, type: str | None = None,
                       q: str | None = None, place: str | None = None, parent: str | None = None,
                       offset: int = 0, limit: int = 50) -> tuple[list[Organisation], int, dict[str, int]]:
    conditions = [as_at_filter(Organisation, as_at)]
    if (hidden := visible(actor)) is not None:
        conditions.append(hidden)
    if type:
        if type not in ORGANISATION_TYPES:
            raise Invalid.one("type", f"must be one of {', '.join(ORGANISATION_TYPES)}")
        conditions.append(Organisation.type == type)
    if q:
        conditions.append(containing([Organisation.name, Organisation.code], q.strip().lower()))
    if place:
        conditions.append(Organisation.place_code == place)
    if parent:
        conditions.append(Organisation.parent_code == parent)
    total = session.scalar(select(func.count()).select_from(Organisation).where(*conditions))
    items = list(session.scalars(select(Organisation).where(*conditions)
                                 .order_by(Organisation.name, Organisation.code).offset(offset).limit(limit)))
    return items, total, populations_as_at(session, as_at, items)


def get_organisation(session: Session, code: str, *, actor: Actor) -> Organisation:
    query = (select(Organisation).where(Organisation.code == code)
             .options(selectinload(Organisation.populations), selectinload(Organisation.budgets)))
    organisation = session.scalar(query)
    if organisation is None or (not organisation.public and not actor.can(Permission.VIEW_INTERNAL)):
        raise NotFound(f"No organisation with code {code!r}.")
    return organisation


def predecessors_of(session: Session, code: str) -> list[Organisation]:
    return list(session.scalars(select(Organisation).where(Organisation.successor_code == code)
                                .order_by(Organisation.name)))


def _check_references(session: Session, values: dict, code: str) -> list[FieldError]:
    errors = []
    if "type" in values and values["type"] not in ORGANISATION_TYPES:
        errors.append(FieldError("type", f"must be one of {', '.join(ORGANISATION_TYPES)}"))
    if values.get("place_code") and not session.scalar(select(Place.id).where(Place.code == values["place_code"])):
        errors.append(FieldError("place_code", f"there is no place with code {values['place_code']!r}"))
    for field in ("parent_code", "successor_code"):
        ref = values.get(field)
        if ref and ref == code:
            errors.append(FieldError(field, "an organisation cannot refer to itself"))
        elif ref and not session.scalar(select(Organisation.id).where(Organisation.code == ref)):
            errors.append(FieldError(field, f"there is no organisation with code {ref!r}"))
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and end < start:
        errors.append(FieldError("valid_to", "must be on or after the valid from date"))
    return errors


def _scope(code: str, place_code: str | None) -> dict:
    """An organisation is in an editor's scope by its own code or by its place."""
    return {"organisations": {code}, "places": {place_code} - {None}}


def require_edit(actor: Actor, organisation: Organisation) -> None:
    require(actor, Permission.EDIT_SYSTEM, **_scope(organisation.code, organisation.place_code))


def may_edit(actor: Actor, organisation: Organisation) -> bool:
    """Whether `update_organisation` would let the actor change this organisation (pages offer only that)."""
    return actor.may(Permission.EDIT_SYSTEM, **_scope(organisation.code, organisation.place_code))


def may_add(actor: Actor) -> bool:
    """Whether to offer "Add an organisation": a scoped editor adds within its places, never by organisation (a
    new code cannot be in an editor's organisations)."""
    return may_add_somewhere(actor, Permission.EDIT_SYSTEM, by="places")


def create_organisation(session: Session, *, actor: Actor, data: OrganisationCreate) -> Organisation:
    require(actor, Permission.EDIT_SYSTEM, **_scope(data.code, data.place_code))
    values = data.model_dump()
    errors = []
    if problem := code_problem(data.code):
        errors.append(FieldError("code", problem))
    elif session.scalar(select(Organisation.id).where(Organisation.code == data.code)):
        errors.append(FieldError("code", f"an organisation with code {data.code!r} already exists"))
    errors += _check_references(session, values, data.code)
    if errors:
        raise Invalid(errors)
    organisation = Organisation(**values)
    session.add(organisation)
    flush_or_conflict(session, f"Organisation {data.code}")
    return organisation


def update_organisation(session: Session, *, actor: Actor, code: str, data: OrganisationUpdate) -> Organisation:
    organisation = get_organisation(session, code, actor=actor)
    require_edit(actor, organisation)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    if changes.get("place_code") and changes["place_code"] != organisation.place_code:
        require(actor, Permission.EDIT_SYSTEM, **_scope(code, changes["place_code"]))
    merged = {"valid_from": organisation.valid_from, "valid_to": organisation.valid_to, **changes}
    if errors := _check_references(session, merged, code):
        raise Invalid(errors)
    if "name" in changes and not changes["name"]:
        raise Invalid.one("name", "enter a name")
    apply_changes(organisation, changes, expected_version=data.version, label=f"Organisation {code}")
    require_after_change(actor, Permission.EDIT_SYSTEM, **_scope(organisation.code, organisation.place_code))
    flush_or_conflict(session, f"Organisation {code}")
    return organisation
