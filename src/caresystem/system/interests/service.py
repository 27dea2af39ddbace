"""The rules of the register of interests: dated interests per person, who must publish theirs, and what each
person has to declare at a meeting. Services never commit; the caller owns the transaction."""

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from caresystem.auth import Actor, Permission, require, require_somewhere
from caresystem.db import as_at_filter
from caresystem.db.base import utcnow
from caresystem.db.references import next_reference
from caresystem.db.versioning import apply_changes, check_version, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.system.governance import GovernanceBody, Membership, Person
from caresystem.system.interests.models import Interest
from caresystem.system.interests.schemas import InterestCreate, InterestRead, InterestUpdate, PublishedPerson
from caresystem.system.interests.types import DECISION_MAKING_KINDS, INTEREST_TYPES, SEATED_ROLES

PREFIX = "INT"


def read(interest: Interest) -> InterestRead:
    return InterestRead(reference=interest.reference, person=interest.person.key, person_name=interest.person.name,
                        type=interest.kind, type_label=INTEREST_TYPES.get(interest.kind, interest.kind),
                        description=interest.description, organisation=interest.organisation,
                        valid_from=interest.valid_from, valid_to=interest.valid_to, action=interest.action,
                        version=interest.version)


def _live():
    return Interest.deleted_at.is_(None)


def list_interests(session: Session, *, actor: Actor, person: str | None = None, as_at: date | None = None,
                   type: str | None = None, q: str | None = None, offset: int = 0,
                   limit: int = 50) -> tuple[list[Interest], int]:
    """The full register, for signed-in staff: everyone's interests, optionally those in force on `as_at`."""
    require_somewhere(actor, Permission.VIEW_INTERNAL)
    conditions = [_live()]
    if person:
        conditions.append(Interest.person.has(Person.key == person))
    if as_at:
        conditions.append(as_at_filter(Interest, as_at))
    if type:
        if type not in INTEREST_TYPES:
            raise Invalid.one("type", f"must be one of {', '.join(INTEREST_TYPES)}")
        conditions.append(Interest.kind == type)
    if q:
        pattern = f"%{q.strip().lower()}%"
        conditions.append(or_(func.lower(Interest.description).like(pattern),
                              func.lower(Interest.organisation).like(pattern),
                              Interest.person.has(func.lower(Person.name).like(pattern))))
    total = session.scalar(select(func.count()).select_from(Interest).where(*conditions))
    found = session.scalars(select(Interest).join(Interest.person).where(*conditions)
                            .order_by(Person.name, Interest.valid_from.desc().nulls_last(), Interest.reference)
                            .offset(offset).limit(limit))
    return list(found), total


def get_interest(session: Session, *, actor: Actor, reference: str) -> Interest:
    require_somewhere(actor, Permission.VIEW_INTERNAL)
    interest = session.scalar(select(Interest).where(Interest.reference == reference, _live()))
    if interest is None:
        raise NotFound(f"No interest {reference!r} in the register.")
    return interest


def _check(values: dict) -> list[FieldError]:
    errors = []
    if values.get("type") is not None and values["type"] not in INTEREST_TYPES:
        errors.append(FieldError("type", f"must be one of {', '.join(INTEREST_TYPES)}"))
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and end < start:
        errors.append(FieldError("valid_to", "must be on or after the date the interest began"))
    return errors


def _columns(values: dict) -> dict:
    """Schema names to column names: the API says `type`, the table `kind`."""
    if "type" in values:
        values["kind"] = values.pop("type")
    return values


def create_interest(session: Session, *, actor: Actor, data: InterestCreate) -> Interest:
    """Board secretaries (and system administrators) keep the register: people need not have accounts."""
    require(actor, Permission.EDIT_INTERESTS)
    values = data.model_dump()
    errors = _check(values)
    person = session.scalar(select(Person).where(Person.key == values.pop("person")))
    if person is None:
        errors.append(FieldError("person", f"there is no person with key {data.person!r}"))
    given = values.pop("reference")
    reference = given or next_reference(session, parent=None, model=Interest, prefix=PREFIX, digits=4)
    if given and session.scalar(select(Interest.id).where(Interest.reference == given)):
        errors.append(FieldError("reference", f"interest {reference!r} already exists"))
    if errors:
        raise Invalid(errors)
    interest = Interest(reference=reference, person=person, **_columns(values))
    session.add(interest)
    flush_or_conflict(session, f"Interest {reference}")
    return interest


def update_interest(session: Session, *, actor: Actor, reference: str, data: InterestUpdate) -> Interest:
    interest = get_interest(session, actor=actor, reference=reference)
    require(actor, Permission.EDIT_INTERESTS)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    for required in ("type", "description", "valid_from"):
        if required in changes and not changes[required]:
            raise Invalid.one(required, "is required")
    merged = {"valid_from": interest.valid_from, "valid_to": interest.valid_to, **changes}
    if errors := _check(merged):
        raise Invalid(errors)
    label = f"Interest {reference}"
    apply_changes(interest, _columns(changes), expected_version=data.version, label=label)
    flush_or_conflict(session, label)
    return interest


def delete_interest(session: Session, *, actor: Actor, reference: str, version: int) -> None:
    """Soft delete: the entry leaves the register (an entry made in error) but stays in the audit trail. An interest
    that ended is given an end date instead, so the register still shows it as at earlier dates."""
    interest = get_interest(session, actor=actor, reference=reference)
    require(actor, Permission.EDIT_INTERESTS)
    label = f"Interest {reference}"
    check_version(interest, version, label)
    interest.deleted_at = utcnow()
    flush_or_conflict(session, label)


def _in_force(session: Session, person_keys: list[str], as_at: date) -> list[Interest]:
    return list(session.scalars(
        select(Interest).join(Interest.person).where(Person.key.in_(person_keys), _live(),
                                                     as_at_filter(Interest, as_at))
        .order_by(Person.key, Interest.valid_from.desc().nulls_last(), Interest.reference)))


def interests_of(session: Session, *, person_key: str, as_at: date) -> list[InterestRead]:
    """The interests a person holds on `as_at`; NotFound for an unknown person. The caller checks who may see them
    (the meetings part shows them to those who read the meeting)."""
    if not session.scalar(select(Person.id).where(Person.key == person_key)):
        raise NotFound(f"No person with key {person_key!r}.")
    return [read(i) for i in _in_force(session, [person_key], as_at)]


def declarable_interests(session: Session, *, person_keys: list[str], as_at: date) -> dict[str, list[InterestRead]]:
    """For a meeting on `as_at`: each attendee's interests in force that day (an empty list when none), for the
    declarations of interest item. Unknown keys get an empty list: attendees need not be in the people model."""
    found: dict[str, list[InterestRead]] = {key: [] for key in person_keys}
    for interest in _in_force(session, list(found), as_at):
        found[interest.person.key].append(read(interest))
    return found


def is_decision_making(body: GovernanceBody) -> bool:
    """Boards, committees and joint committees decide, and so does any body holding delegated authority."""
    return body.kind in DECISION_MAKING_KINDS or bool(body.delegated_authority)


def decision_makers(session: Session, *, as_at: date,
                    public_only: bool = False) -> list[tuple[Person, list[GovernanceBody]]]:
    """Everyone with a seat (chair, vice-chair, member) on a decision-making body on `as_at`, with those bodies,
    from the governance membership data. Seats filled by a role rather than a named person name nobody."""
    query = (select(Person, GovernanceBody).join(Membership, Membership.person_id == Person.id)
             .join(GovernanceBody, GovernanceBody.id == Membership.body_id)
             .where(as_at_filter(Membership, as_at), as_at_filter(GovernanceBody, as_at),
                    Membership.membership_role.in_(SEATED_ROLES))
             .order_by(Person.name, GovernanceBody.name))
    if public_only:
        query = query.where(Person.public.is_(True), GovernanceBody.public.is_(True))
    seats: dict[int, tuple[Person, list[GovernanceBody]]] = {}
    for person, body in session.execute(query):
        if is_decision_making(body):
            entry = seats.setdefault(person.id, (person, []))
            if body not in entry[1]:
                entry[1].append(body)
    return list(seats.values())


def published_register(session: Session, *, as_at: date) -> list[PublishedPerson]:
    """The register the public sees: decision-makers on `as_at` and the interests they hold that day (NHS England,
    "Managing conflicts of interest in the NHS": the register of decision-making staff is published). Anyone may
    read it; only people and bodies marked public appear."""
    makers = decision_makers(session, as_at=as_at, public_only=True)
    held = declarable_interests(session, person_keys=[p.key for p, _ in makers], as_at=as_at)
    return [PublishedPerson(person=p.key, name=p.name, bodies=[b.key for b in bodies],
                            body_names=[b.name for b in bodies], interests=held[p.key]) for p, bodies in makers]
