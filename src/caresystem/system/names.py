"""The names people know for the keys and codes records refer to: governance bodies, places, organisations and
people. Looked up in bulk, one query per kind a page needs and never one per row; a key with no record is its own
name, so a page still shows what the record says."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from caresystem.errors import FieldError
from caresystem.system.geography import Place
from caresystem.system.governance import GovernanceBody, Person
from caresystem.system.organisations import Organisation


@dataclass(frozen=True)
class Names:
    bodies: dict[str, str] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    organisations: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)

    def body(self, key: str | None) -> str | None:
        return self.bodies.get(key, key) if key else key

    def place(self, code: str | None) -> str | None:
        return self.places.get(code, code) if code else code

    def organisation(self, code: str | None) -> str | None:
        return self.organisations.get(code, code) if code else code

    def person(self, key: str | None) -> str | None:
        return self.people.get(key, key) if key else key


def _named(session: Session, key_column, name_column, wanted: Iterable[str | None]) -> dict[str, str]:
    keys = sorted({k for k in wanted if k})
    if not keys:
        return {}
    return {key: name for key, name in session.execute(select(key_column, name_column).where(key_column.in_(keys)))}


def look_up(session: Session, *, bodies: Iterable[str | None] = (), places: Iterable[str | None] = (),
            organisations: Iterable[str | None] = (), people: Iterable[str | None] = ()) -> Names:
    """The names of the given keys of each kind (one query per kind that has any)."""
    return Names(bodies=_named(session, GovernanceBody.key, GovernanceBody.name, bodies),
                 places=_named(session, Place.code, Place.name, places),
                 organisations=_named(session, Organisation.code, Organisation.name, organisations),
                 people=_named(session, Person.key, Person.name, people))


@dataclass(frozen=True)
class Owner:
    """Who owns a register entry: `name` as pages show it, `person` the key of the person in the system model (None
    when the owner is free text)."""

    name: str | None
    person: str | None = None


def owner_of(session: Session, *, person: str | None = None, text: str | None = None,
             field_name: str = "owner_person") -> Owner | FieldError:
    """The person with key `person`; else the one person whose key or name `text` is (ignoring case and spacing,
    so typing a name links the person); else `text` as it is. A `person` key that is nobody's is a FieldError."""
    if person:
        found = session.execute(select(Person.key, Person.name).where(Person.key == person)).first()
        if found is None:
            return FieldError(field_name, f"there is no person with key {person!r} in the system model")
        return Owner(found.name, found.key)
    wanted = " ".join((text or "").split()).lower()
    if not wanted:
        return Owner(text or None)
    named = session.execute(select(Person.key, Person.name).where(
        or_(Person.key == wanted, func.lower(Person.name) == wanted))).all()
    return Owner(named[0].name, named[0].key) if len(named) == 1 else Owner(text)


def link_owner(session: Session, values: dict, *, current: str | None = None,
               field_name: str = "owner_person") -> list[FieldError]:
    """Links a record's owner to a person of the system model when `owner_person` names one or `owner` is one's name
    (the owner's text is then that person's name); free text otherwise. `values` are a create's fields or an update's
    changes (`current` the owner's text as it is, kept when only the person is cleared); changed in place. Returns
    the errors: a person key that is nobody's, named by `field_name`."""
    if "owner" not in values and "owner_person" not in values:
        return []
    if "owner" not in values:
        values["owner"] = None if values.get("owner_person") else current
    found = owner_of(session, person=values.get("owner_person"), text=values.get("owner"), field_name=field_name)
    if isinstance(found, FieldError):
        return [found]
    values["owner"], values["owner_person"] = found.name, found.person
    return []


def people_names(session: Session) -> list[str]:
    """The names of the people of the system model, in order: what an owner field offers to choose from."""
    return list(session.scalars(select(Person.name).distinct().order_by(Person.name)))


def people_called(session: Session, name: str) -> list[str]:
    """Keys of the people a signed-in user's display name is: the same name, or it after a title ("Dr ...")."""
    wanted = " ".join((name or "").split()).lower()
    if len(wanted) < 2:
        return []
    named = func.lower(Person.name)
    return list(session.scalars(select(Person.key).where(or_(named == wanted, named.like(f"% {wanted}")))))
