"""The rules of the functions map: known levels and arrangements, tests answered against the system's own tests."""

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from caresystem.auth import Actor, Permission, require
from caresystem.db.search import containing
from caresystem.db.versioning import apply_changes, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.system.functions.models import Function, FunctionAllocation, SubsidiarityTest
from caresystem.system.functions.schemas import (ARRANGEMENTS, LEVELS, AllocationFields, AllocationUpdate,
                                                 FunctionCreate, FunctionUpdate)
from caresystem.system.principles import cite


def _allocations():
    return selectinload(Function.allocations).selectinload(FunctionAllocation.principles)


def subsidiarity_tests(session: Session) -> list[SubsidiarityTest]:
    return list(session.scalars(select(SubsidiarityTest).order_by(SubsidiarityTest.position)))


def list_functions(session: Session, *, actor: Actor, as_at: date | None = None,
                   q: str | None = None) -> list[Function]:
    """Functions with the allocations in force on `as_at` (all allocations when no date is given); with `q`, only
    those whose name or description contains it, ignoring case."""
    query = select(Function).options(_allocations()).order_by(Function.name)
    if not actor.can(Permission.VIEW_INTERNAL):
        query = query.where(Function.public.is_(True))
    if q:
        query = query.where(containing([Function.name, Function.description], q.strip().lower()))
    functions = list(session.scalars(query))
    if as_at is None:
        return functions
    return [f for f in functions if any(a.is_valid_at(as_at) for a in f.allocations)]


def allocations_at(function: Function, as_at: date) -> list[FunctionAllocation]:
    return [a for a in function.allocations if a.is_valid_at(as_at)]


def matrix(functions: list[Function], as_at: date) -> list[tuple[Function, dict[str, list[FunctionAllocation]]]]:
    """Function by level: for each function, the allocations in force at each level."""
    return [(f, {level: [a for a in allocations_at(f, as_at) if a.level == level] for level in LEVELS})
            for f in functions]


def get_function(session: Session, key: str, *, actor: Actor) -> Function:
    function = session.scalar(select(Function).where(Function.key == key).options(_allocations()))
    if function is None or (not function.public and not actor.can(Permission.VIEW_INTERNAL)):
        raise NotFound(f"No function with key {key!r}.")
    return function


def _check_allocation(session: Session, values: dict, prefix: str = "") -> list[FieldError]:
    errors = []
    if "level" in values and values["level"] not in LEVELS:
        errors.append(FieldError(f"{prefix}level", f"must be one of {', '.join(LEVELS)}"))
    if "arrangement" in values and values["arrangement"] not in ARRANGEMENTS:
        errors.append(FieldError(f"{prefix}arrangement", f"must be one of {', '.join(ARRANGEMENTS)}"))
    known = {t.key for t in subsidiarity_tests(session)}
    if unknown := sorted(set(values.get("tests") or {}) - known):
        errors.append(FieldError(f"{prefix}tests", f"unknown subsidiarity test(s): {', '.join(unknown)}; "
                                                   f"the tests are {', '.join(sorted(known)) or 'not loaded'}"))
    start, end = values.get("valid_from"), values.get("valid_to")
    if start and end and end < start:
        errors.append(FieldError(f"{prefix}valid_to", "must be on or after the valid from date"))
    return errors


def may_edit(actor: Actor) -> bool:
    """Whether the actor may change functions and their allocations: they belong to no organisation or place, so a
    scoped editor may not (pages offer only what `require` allows)."""
    return actor.may(Permission.EDIT_SYSTEM)


def create_function(session: Session, *, actor: Actor, data: FunctionCreate) -> Function:
    require(actor, Permission.EDIT_SYSTEM)
    errors = []
    if session.scalar(select(Function.id).where(Function.key == data.key)):
        errors.append(FieldError("key", f"a function with key {data.key!r} already exists"))
    for i, allocation in enumerate(data.allocations):
        errors += _check_allocation(session, allocation.model_dump(), prefix=f"allocations.{i}.")
    if errors:
        raise Invalid(errors)
    function = Function(key=data.key, name=data.name, description=data.description, public=data.public,
                        allocations=[FunctionAllocation(**a.model_dump()) for a in data.allocations])
    session.add(function)
    flush_or_conflict(session, f"Function {data.key}")
    return function


def update_function(session: Session, *, actor: Actor, key: str, data: FunctionUpdate) -> Function:
    require(actor, Permission.EDIT_SYSTEM)
    function = get_function(session, key, actor=actor)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    apply_changes(function, changes, expected_version=data.version, label=f"Function {function.name}")
    flush_or_conflict(session, f"Function {key}")
    return function


def add_allocation(session: Session, *, actor: Actor, key: str, data: AllocationFields) -> FunctionAllocation:
    require(actor, Permission.EDIT_SYSTEM)
    function = get_function(session, key, actor=actor)
    if errors := _check_allocation(session, data.model_dump()):
        raise Invalid(errors)
    allocation = FunctionAllocation(function=function, **data.model_dump())
    session.add(allocation)
    flush_or_conflict(session, f"Function {key}")
    return allocation


def get_allocation(session: Session, *, actor: Actor, key: str, allocation_id: int) -> FunctionAllocation:
    allocation = next((a for a in get_function(session, key, actor=actor).allocations if a.id == allocation_id), None)
    if allocation is None:
        raise NotFound(f"No allocation {allocation_id} of function {key!r}.")
    return allocation


def _label(allocation: FunctionAllocation) -> str:
    """What a message calls the allocation: "Population health at place level"."""
    return f"{allocation.function.name} at {allocation.level_label.lower()} level"


def cite_principles(session: Session, *, actor: Actor, key: str, allocation_id: int, keys: list[str],
                    version: int) -> FunctionAllocation:
    """The allocation cites exactly the principles `keys` ("this allocation applies design principle 5")."""
    require(actor, Permission.EDIT_SYSTEM)
    allocation = get_allocation(session, actor=actor, key=key, allocation_id=allocation_id)
    cite(session, allocation, keys=keys, version=version, label=_label(allocation))
    return allocation


def update_allocation(session: Session, *, actor: Actor, key: str, allocation_id: int,
                      data: AllocationUpdate) -> FunctionAllocation:
    require(actor, Permission.EDIT_SYSTEM)
    allocation = get_allocation(session, actor=actor, key=key, allocation_id=allocation_id)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    merged = {"valid_from": allocation.valid_from, "valid_to": allocation.valid_to, **changes}
    if errors := _check_allocation(session, merged):
        raise Invalid(errors)
    apply_changes(allocation, changes, expected_version=data.version, label=_label(allocation))
    flush_or_conflict(session, f"Function {key}")
    return allocation
