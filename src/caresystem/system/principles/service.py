"""The rules of the principles register: sets and their principles as at a date, citing principles from a record
(a decision, an impact assessment, a function allocation) by key, and what cites a principle."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, contains_eager, object_session, selectinload

from caresystem.auth import Actor, Permission, require
from caresystem.db.base import as_at_filter
from caresystem.db.versioning import apply_changes, check_version, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.system.principles.models import (KINDS, Principle, PrincipleSet, decision_principles,
                                                 function_allocation_principles, impact_assessment_principles)
from caresystem.system.principles.schemas import PrincipleFields, PrincipleSetCreate, PrincipleSetUpdate, PrincipleUpdate


def list_sets(session: Session, *, kind: str | None = None, as_at: date | None = None) -> list[PrincipleSet]:
    """Sets in the order of their documents' dates (all of them when no date is given)."""
    query = select(PrincipleSet).options(selectinload(PrincipleSet.principles)).order_by(
        PrincipleSet.document_dated, PrincipleSet.key)
    if kind:
        query = query.where(PrincipleSet.kind == kind)
    if as_at:
        query = query.where(as_at_filter(PrincipleSet, as_at))
    return list(session.scalars(query))


def communication_principles(session: Session, *, programme_key: str) -> list[Principle]:
    """The communication and engagement principles a programme works to: its own sets' and the system's, set by set
    in the order of their documents' dates."""
    return list(session.scalars(
        select(Principle).join(Principle.principle_set).options(contains_eager(Principle.principle_set))
        .where(PrincipleSet.kind == "communication",
               or_(PrincipleSet.programme_key.is_(None), PrincipleSet.programme_key == programme_key))
        .order_by(PrincipleSet.document_dated, PrincipleSet.key, Principle.position)))


def get_set(session: Session, key: str) -> PrincipleSet:
    found = session.scalar(select(PrincipleSet).where(PrincipleSet.key == key)
                           .options(selectinload(PrincipleSet.principles)))
    if found is None:
        raise NotFound(f"No principle set with key {key!r}.")
    return found


def get_principle(session: Session, set_key: str, number: str) -> Principle:
    principle = next((p for p in get_set(session, set_key).principles if p.number == number), None)
    if principle is None:
        raise NotFound(f"Principle set {set_key!r} has no principle {number!r}.")
    return principle


def _principles_by_keys(session: Session, keys: list[str]) -> list[Principle]:
    """The principles named by `keys` ("design-principles-2021-4"), in key order; every unknown key is named."""
    wanted = list(dict.fromkeys(keys))
    found = {p.key: p for p in session.scalars(select(Principle).where(Principle.key.in_(wanted)))}
    if unknown := [k for k in wanted if k not in found]:
        raise Invalid.one("principles", f"there is no principle {', '.join(repr(k) for k in unknown)}")
    return sorted(found.values(), key=lambda p: p.key)


def cite(session: Session, record, *, keys: list[str], version: int, label: str) -> list[Principle]:
    """Make `record` cite exactly these principles. The caller checks it may edit the record; the change of links
    bumps the record's version and is audited on it, old -> new (the audit listener)."""
    principles = _principles_by_keys(session, keys)
    check_version(record, version, label)
    if {p.id for p in record.principles} != {p.id for p in principles}:
        record.principles = principles
    flush_or_conflict(session, label)
    return principles


@dataclass(frozen=True)
class Citation:
    kind: str       # decision | impact assessment | function allocation
    label: str
    href: str
    dated: date | None
    source_document: str | None = None  # where a document says the record applies it (the example's citations)
    source_section: str | None = None


def _sources(principle: Principle, table) -> dict[int, tuple[str | None, str | None]]:
    """citing record id -> the source of its citation of `principle`."""
    citing = next(c for c in table.c if c.name not in ("principle_id", "source_document", "source_section"))
    rows = object_session(principle).execute(select(citing, table.c.source_document, table.c.source_section)
                                             .where(table.c.principle_id == principle.id))
    return {record_id: (document, section) for record_id, document, section in rows}


def citations(principle: Principle, *, actor: Actor) -> list[Citation]:
    """What cites the principle: live decisions and impact assessments (for those who may see the programme's
    registers) and function allocations of functions the actor may see."""
    found: list[Citation] = []
    if actor.can(Permission.VIEW_INTERNAL):
        sources = _sources(principle, decision_principles)
        found += [Citation("decision", f"{d.reference}: {d.title}",
                           f"/programme/decisions/{d.reference}?programme={d.programme.key}", d.decided_on,
                           *sources.get(d.id, (None, None)))
                  for d in principle.decisions if d.deleted_at is None]
        sources = _sources(principle, impact_assessment_principles)
        found += [Citation("impact assessment", f"{a.key}: {a.title}",
                           f"/programme/impact-assessments/{a.key}?programme={a.programme.key}", a.assessed_on,
                           *sources.get(a.id, (None, None)))
                  for a in principle.impact_assessments if a.deleted_at is None]
    sources = _sources(principle, function_allocation_principles)
    found += [Citation("function allocation", f"{a.function.name} ({a.level_label}, {a.holder})",
                       f"/functions/{a.function.key}", a.valid_from, *sources.get(a.id, (None, None)))
              for a in sorted(principle.function_allocations, key=lambda a: (a.valid_from or date.min, a.id))
              if a.function.public or actor.can(Permission.VIEW_INTERNAL)]
    return found


def _emptied(changes: dict, *required: str) -> list[FieldError]:
    return [FieldError(name, "must not be empty") for name in required if name in changes and not changes[name]]


def _check_set(values: dict, errors: list[FieldError]) -> None:
    if "kind" in values and values["kind"] not in KINDS:
        errors.append(FieldError("kind", f"must be one of {', '.join(KINDS)}"))
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and end < start:
        errors.append(FieldError("valid_to", "must be on or after the in force from date"))


def _principle(principle_set: PrincipleSet, fields: PrincipleFields, position: int) -> Principle:
    return Principle(key=f"{principle_set.key}-{fields.number}", position=position, **fields.model_dump(),
                     source_document=principle_set.source_document, source_section=principle_set.source_section)


def _check_numbers(principles: list[PrincipleFields], errors: list[FieldError], taken: set[str] = frozenset()) -> None:
    seen = set(taken)
    for i, p in enumerate(principles):
        if p.number in seen:
            errors.append(FieldError(f"principles.{i}.number", f"{p.number!r} is used twice in the set"))
        seen.add(p.number)


def create_set(session: Session, *, actor: Actor, data: PrincipleSetCreate) -> PrincipleSet:
    require(actor, Permission.EDIT_SYSTEM)
    values = data.model_dump(exclude={"principles"})
    errors: list[FieldError] = []
    _check_set(values, errors)
    _check_numbers(data.principles, errors)
    if session.scalar(select(PrincipleSet.id).where(PrincipleSet.key == data.key)):
        errors.append(FieldError("key", f"a principle set with key {data.key!r} already exists"))
    if errors:
        raise Invalid(errors)
    principle_set = PrincipleSet(**values)
    principle_set.principles = [_principle(principle_set, p, i) for i, p in enumerate(data.principles, start=1)]
    session.add(principle_set)
    flush_or_conflict(session, f"Principle set {data.key}")
    return principle_set


def update_set(session: Session, *, actor: Actor, key: str, data: PrincipleSetUpdate) -> PrincipleSet:
    require(actor, Permission.EDIT_SYSTEM)
    principle_set = get_set(session, key)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    errors: list[FieldError] = _emptied(changes, "title")
    _check_set({"valid_from": principle_set.valid_from, "valid_to": principle_set.valid_to, **changes}, errors)
    if errors:
        raise Invalid(errors)
    apply_changes(principle_set, changes, expected_version=data.version, label=f"Principle set {key}")
    flush_or_conflict(session, f"Principle set {key}")
    return principle_set


def add_principle(session: Session, *, actor: Actor, key: str, data: PrincipleFields) -> Principle:
    require(actor, Permission.EDIT_SYSTEM)
    principle_set = get_set(session, key)
    errors: list[FieldError] = []
    _check_numbers([data], errors, taken={p.number for p in principle_set.principles})
    if errors:
        raise Invalid([FieldError("number", e.message) for e in errors])
    principle = _principle(principle_set, data, len(principle_set.principles) + 1)
    principle_set.principles.append(principle)
    flush_or_conflict(session, f"Principle set {key}")
    return principle


def update_principle(session: Session, *, actor: Actor, key: str, number: str, data: PrincipleUpdate) -> Principle:
    require(actor, Permission.EDIT_SYSTEM)
    principle = get_principle(session, key, number)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    if errors := _emptied(changes, "text"):
        raise Invalid(errors)
    apply_changes(principle, changes, expected_version=data.version, label=f"Principle {principle.key}")
    flush_or_conflict(session, f"Principle {principle.key}")
    return principle
