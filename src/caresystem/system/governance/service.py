"""The rules for governance bodies: reporting lines without cycles, memberships, scoping by host organisation."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.auth import Actor, Permission, may_add_somewhere, require, require_after_change
from caresystem.db import as_at_filter
from caresystem.db.search import containing
from caresystem.db.versioning import apply_changes, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.system.governance.models import GovernanceBody, Membership, Person
from caresystem.system.governance.schemas import (BODY_KINDS, MEMBERSHIP_ROLES, BodyCreate, BodyUpdate,
                                                  MembershipCreate)
from caresystem.system.organisations import Organisation


def _visible(query, actor: Actor, model):
    return query if actor.can(Permission.VIEW_INTERNAL) else query.where(model.public.is_(True))


def list_bodies(session: Session, *, actor: Actor, as_at: date, kind: str | None = None,
                q: str | None = None) -> list[GovernanceBody]:
    query = _visible(select(GovernanceBody).where(as_at_filter(GovernanceBody, as_at)), actor, GovernanceBody)
    if kind:
        query = query.where(GovernanceBody.kind == kind)
    if q:
        query = query.where(containing([GovernanceBody.name, GovernanceBody.purpose], q.strip().lower()))
    return list(session.scalars(query.options(selectinload(GovernanceBody.reports_to)).order_by(GovernanceBody.name)))


def get_body(session: Session, key: str, *, actor: Actor) -> GovernanceBody:
    query = select(GovernanceBody).where(GovernanceBody.key == key).options(
        selectinload(GovernanceBody.members).selectinload(Membership.person), selectinload(GovernanceBody.reports_to))
    body = session.scalar(query)
    if body is None or (not body.public and not actor.can(Permission.VIEW_INTERNAL)):
        raise NotFound(f"No governance body with key {key!r}.")
    return body


def reporting_bodies(session: Session, body: GovernanceBody, as_at: date | None = None) -> list[GovernanceBody]:
    query = select(GovernanceBody).where(GovernanceBody.reports_to_id == body.id)
    if as_at:
        query = query.where(as_at_filter(GovernanceBody, as_at))
    return list(session.scalars(query.order_by(GovernanceBody.name)))


def line_holds(body: GovernanceBody, as_at: date | None) -> bool:
    """The body's reporting line is in force as at the date (it may start after the body does)."""
    return body.reports_to_id is not None and (as_at is None or body.reports_to_from is None
                                               or body.reports_to_from <= as_at)


def structure(bodies: list[GovernanceBody], as_at: date | None = None) -> list[tuple[GovernanceBody, list]]:
    """The reporting tree as at a date: bodies that report to no body in the list (or whose line has not started)
    are roots."""
    keys = {b.id for b in bodies}
    children: dict[int | None, list[GovernanceBody]] = {}
    for body in bodies:
        parent = body.reports_to_id if body.reports_to_id in keys and line_holds(body, as_at) else None
        children.setdefault(parent, []).append(body)

    def branch(parent_id):
        return [(b, branch(b.id)) for b in children.get(parent_id, [])]
    return branch(None)


def _resolve_reports_to(session: Session, key: str | None, own_key: str | None) -> GovernanceBody | None:
    if not key:
        return None
    target = session.scalar(select(GovernanceBody).where(GovernanceBody.key == key))
    if target is None:
        raise Invalid.one("reports_to", f"there is no governance body with key {key!r}")
    seen, cursor = set(), target
    while cursor is not None:
        if cursor.key == own_key:
            raise Invalid.one("reports_to", "would make a reporting loop: a body cannot report to itself, "
                                            "directly or through others")
        if cursor.id in seen:
            break
        seen.add(cursor.id)
        cursor = cursor.reports_to
    return target


def _check(session: Session, values: dict) -> list[FieldError]:
    errors = []
    if "kind" in values and values["kind"] not in BODY_KINDS:
        errors.append(FieldError("kind", f"must be one of {', '.join(BODY_KINDS)}"))
    hosts = values.get("host_organisations") or []
    if hosts:
        known = set(session.scalars(select(Organisation.code).where(Organisation.code.in_(hosts))))
        if missing := [h for h in hosts if h not in known]:
            errors.append(FieldError("host_organisations", f"unknown organisation code(s): {', '.join(missing)}"))
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and end < start:
        errors.append(FieldError("valid_to", "must be on or after the valid from date"))
    return errors


def create_body(session: Session, *, actor: Actor, data: BodyCreate) -> GovernanceBody:
    require(actor, Permission.EDIT_SYSTEM, organisations=set(data.host_organisations))
    values = data.model_dump(exclude={"reports_to"})
    errors = _check(session, values)
    if session.scalar(select(GovernanceBody.id).where(GovernanceBody.key == data.key)):
        errors.append(FieldError("key", f"a body with key {data.key!r} already exists"))
    if errors:
        raise Invalid(errors)
    body = GovernanceBody(**values, reports_to=_resolve_reports_to(session, data.reports_to, data.key))
    session.add(body)
    flush_or_conflict(session, f"Governance body {data.key}")
    return body


def editable_body(session: Session, actor: Actor, key: str) -> GovernanceBody:
    """A body the actor may change: editors scoped to organisations may change bodies their organisations host."""
    body = get_body(session, key, actor=actor)
    require(actor, Permission.EDIT_SYSTEM, organisations=set(body.host_organisations))
    return body


def may_change(actor: Actor, body: GovernanceBody) -> bool:
    """Whether `editable_body` would let the actor change the body and its members (pages offer only that)."""
    return actor.may(Permission.EDIT_SYSTEM, organisations=set(body.host_organisations))


def may_add(actor: Actor) -> bool:
    """Whether to offer "Add a governance body": a scoped editor adds bodies its organisations host."""
    return may_add_somewhere(actor, Permission.EDIT_SYSTEM, by="organisations")


def update_body(session: Session, *, actor: Actor, key: str, data: BodyUpdate) -> GovernanceBody:
    body = editable_body(session, actor, key)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    if "name" in changes and not changes["name"]:
        raise Invalid.one("name", "enter a name")
    merged = {"valid_from": body.valid_from, "valid_to": body.valid_to, **changes}
    if errors := _check(session, merged):
        raise Invalid(errors)
    if "reports_to" in changes:
        target = _resolve_reports_to(session, changes.pop("reports_to"), key)
        changes["reports_to_id"] = target.id if target else None
    apply_changes(body, changes, expected_version=data.version, label=f"Governance body {body.name}")
    require_after_change(actor, Permission.EDIT_SYSTEM, organisations=set(body.host_organisations))
    flush_or_conflict(session, f"Governance body {key}")
    session.refresh(body)
    return body


def add_member(session: Session, *, actor: Actor, key: str, data: MembershipCreate) -> Membership:
    body = editable_body(session, actor, key)
    errors = []
    if data.membership_role not in MEMBERSHIP_ROLES:
        errors.append(FieldError("membership_role", f"must be one of {', '.join(MEMBERSHIP_ROLES)}"))
    if not data.person and not data.role_title:
        errors.append(FieldError("role_title", "give a person or a role title"))
    person = None
    if data.person:
        person = session.scalar(select(Person).where(Person.key == data.person))
        if person is None:
            errors.append(FieldError("person", f"there is no person with key {data.person!r}"))
    if data.organisation_code and not session.scalar(
            select(Organisation.id).where(Organisation.code == data.organisation_code)):
        errors.append(FieldError("organisation_code", f"there is no organisation with code {data.organisation_code!r}"))
    if errors:
        raise Invalid(errors)
    member = Membership(body=body, person=person, **data.model_dump(exclude={"person"}))
    session.add(member)
    flush_or_conflict(session, f"Membership of {body.name}")
    return member


def remove_member(session: Session, *, actor: Actor, key: str, member_id: int) -> None:
    body = editable_body(session, actor, key)
    member = next((m for m in body.members if m.id == member_id), None)
    if member is None:
        raise NotFound(f"No member {member_id} on {body.name}.")
    session.delete(member)
    session.flush()


def list_people(session: Session, *, actor: Actor) -> list[Person]:
    query = _visible(select(Person), actor, Person).options(selectinload(Person.roles)).order_by(Person.name)
    return list(session.scalars(query))


def get_person(session: Session, key: str, *, actor: Actor) -> Person:
    person = session.scalar(select(Person).where(Person.key == key).options(selectinload(Person.roles)))
    if person is None or (not person.public and not actor.can(Permission.VIEW_INTERNAL)):
        raise NotFound(f"No person with key {key!r}.")
    return person
