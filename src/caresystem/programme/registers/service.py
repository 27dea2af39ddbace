"""The rules every programme register shares, written once: view and edit permissions, the version check, soft
delete, references, and for the logs described as data (`description.Register`) list, get, create, update and
import. Plain functions taking a session; they never commit, the caller owns the transaction.
"""

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from caresystem import clock
from caresystem.auth import Actor, Permission, require
from caresystem.db.base import utcnow
from caresystem.db.references import next_reference
from caresystem.db.search import containing, snippet
from caresystem.db.versioning import apply_changes, check_version, flush_or_conflict
from caresystem.errors import FieldError, Invalid, NotFound
from caresystem.programme.core import Found, Programme
from caresystem.programme.registers.description import Register
from caresystem.programme.registers.spreadsheet import import_rows, read_file, register_layout
from caresystem.system.names import link_owner

SORTS = ("reference", "title", "owner", "status", "due")
TEXT_KINDS = ("text", "textarea")


def require_view(actor: Actor) -> None:
    """Programme registers are internal: viewers and above see them (PID section 9, roles)."""
    require(actor, Permission.VIEW_INTERNAL)


def require_edit(actor: Actor) -> None:
    """The logs belong to the programme, not to a place or organisation: a scoped editor may not change them."""
    require(actor, Permission.EDIT_PROGRAMME)


def may_edit(actor: Actor) -> bool:
    """Whether `require_edit` would pass (pages offer only what a person may do)."""
    return actor.may(Permission.EDIT_PROGRAMME)


def soft_delete(session: Session, entry, *, version: int, label: str) -> None:
    """The entry leaves its register but stays in the database and its audit trail; a stale version is refused."""
    check_version(entry, version, label)
    entry.deleted_at = utcnow()
    flush_or_conflict(session, label)


def remove(session: Session, entry, *, actor: Actor, version: int, label: str) -> None:
    """An editor's soft delete of an entry already found (so a missing one is a 404 before any refusal)."""
    require_edit(actor)
    soft_delete(session, entry, version=version, label=label)


def find_live(session: Session, model, programme: Programme, value: str, column: str = "reference"):
    """The live (not deleted) entry of `model` in the programme whose `column` is `value`, or None."""
    return session.scalar(select(model).where(model.programme_id == programme.id, getattr(model, column) == value,
                                              model.deleted_at.is_(None)))


def live_entry(session: Session, model, programme: Programme, value: str, *, what: str, column: str = "reference"):
    """As `find_live`; NotFound, naming the `what` and the programme, when there is none."""
    entry = find_live(session, model, programme, value, column)
    if entry is None:
        raise NotFound(f"No {what} {value!r} in {programme.name}.")
    return entry


def is_taken(session: Session, model, programme: Programme, value: str, column: str = "reference") -> bool:
    """Whether an entry of the programme, live or deleted, already has `value` (a deleted one keeps its trail)."""
    return session.scalar(select(model.id).where(model.programme_id == programme.id,
                                                 getattr(model, column) == value)) is not None


def claim_reference(session: Session, model, programme: Programme, wanted: str | None, *, prefix: str,
                    what: str | None, errors: list[FieldError], column: str = "reference") -> str:
    """The reference asked for, or the programme's next PREFIXnnn; one already used (a deleted entry keeps its own)
    adds its problem to `errors`, named by `what` when given."""
    reference = wanted or next_reference(session, parent=programme, model=model, prefix=prefix, column=column)
    if is_taken(session, model, programme, reference, column):
        errors.append(FieldError(column, f"{f'{what} ' if what else ''}{reference!r} already exists"))
    return reference


def changes_of(data) -> dict:
    """The fields an update schema was given, its `version` aside."""
    return data.model_dump(exclude_unset=True, exclude={"version"})


def save_changes(session: Session, entry, changes: dict, *, version: int, label: str) -> dict:
    """Apply `changes` to the version the editor read and flush, so a concurrent win is a Conflict; returns what
    changed."""
    changed = apply_changes(entry, changes, expected_version=version, label=label)
    flush_or_conflict(session, label)
    return changed


def add_entry(session: Session, entry, label: str):
    """A new entry added and flushed (a clash surfaces now, as a Conflict); returns it."""
    session.add(entry)
    flush_or_conflict(session, label)
    return entry


def is_overdue(register: Register, entry, today: date | None = None) -> bool:
    """An entry is overdue once its due date (test, resolve-by, needed-by, due) has passed and it is not closed."""
    if register.overdue_field is None or entry.status in register.closed_statuses:
        return False
    due = getattr(entry, register.overdue_field)
    return due is not None and due < (today or clock.today_of(entry))


def read(register: Register, entry):
    """The entry as its Read schema, with links given by reference."""
    values = {f.name: getattr(entry, f.name) for f in register.fields if f.kind != "link"}
    for spec in (f for f in register.fields if f.kind == "link"):
        linked = getattr(entry, spec.name.removesuffix("_reference"))
        values[spec.name] = linked.reference if linked is not None else None
    return register.read(reference=entry.reference, version=entry.version, status=entry.status,
                         overdue=is_overdue(register, entry), source_document=entry.source_document,
                         source_section=entry.source_section, **values)


def list_entries(session: Session, *, actor: Actor, programme: Programme, register: Register,
                 status: str | None = None, q: str | None = None, overdue: bool = False, risk: str | None = None,
                 sort: str = "reference", offset: int = 0, limit: int = 50) -> tuple[list, int]:
    require_view(actor)
    model = register.model
    conditions = [model.programme_id == programme.id, model.deleted_at.is_(None)]
    if status:
        conditions.append(model.status == _choice(register, "status", status, register.statuses))
    if q:
        pattern = f"%{q.strip().lower()}%"
        conditions.append(or_(func.lower(model.title).like(pattern), func.lower(model.reference).like(pattern)))
    if overdue and register.overdue_field:
        due = getattr(model, register.overdue_field)
        conditions += [due < clock.today(session), model.status.not_in(register.closed_statuses)]
    if risk and hasattr(model, "risk_id"):
        conditions.append(model.risk.has(reference=risk))
    if sort not in SORTS:
        raise Invalid.one("sort", f"must be one of {', '.join(SORTS)}")
    order = getattr(model, sort) if sort != "due" else \
        getattr(model, register.overdue_field or "reference").asc().nulls_last()
    return rows_and_total(session, model, conditions, (order, model.reference), offset, limit)


def rows_and_total(session: Session, model, conditions: list, order, offset: int,
                   limit: int) -> tuple[list, int]:
    """One page of a query in the database and the count of all its rows (`web.pagination.page_of` pages a list
    already in memory)."""
    total = session.scalar(select(func.count()).select_from(model).where(*conditions))
    items = session.scalars(select(model).where(*conditions).order_by(*order).offset(offset).limit(limit))
    return list(items), total


def find_in_programmes(session: Session, *, model, columns: list, wanted: str, key=None, offset: int = 0,
                       limit: int = 10) -> tuple[list[tuple[object, Programme]], int]:
    """Live (not deleted) entries of `model` in every programme whose `columns` contain `wanted` (see
    `db.search.needle`), with their programme, by programme then reference; and how many there are in all."""
    key = key if key is not None else model.reference
    conditions = [model.deleted_at.is_(None), containing(columns, wanted)]
    total = session.scalar(select(func.count()).select_from(model).where(*conditions))
    rows = session.execute(select(model, Programme).join(Programme, Programme.id == model.programme_id)
                           .where(*conditions).order_by(Programme.id, key).offset(offset).limit(limit))
    return [tuple(row) for row in rows], total


def found_entry(kind: str, reference: str, title: str, href: str, programme: Programme, texts: list,
                wanted: str) -> Found:
    """A search result; its snippet is from the first of `texts` that matched, the title's own words aside."""
    return Found(kind, reference, title, href, programme.key, programme.name, snippet(texts, wanted))


def search_entries(session: Session, *, actor: Actor, register: Register, wanted: str, offset: int = 0,
                   limit: int = 10) -> tuple[list[Found], int]:
    """Entries of a log described as data, in every programme, whose reference, title or text fields contain
    `wanted`."""
    require_view(actor)
    model = register.model
    names = ["reference", "title", *(f.name for f in register.fields if f.kind in TEXT_KINDS and f.name != "title")]
    rows, total = find_in_programmes(session, model=model, columns=[getattr(model, n) for n in names],
                                     wanted=wanted, offset=offset, limit=limit)
    return [found_entry(register.singular, e.reference, e.title, f"/programme/{register.key}/{e.reference}", p,
                        [getattr(e, n) for n in names[2:]], wanted) for e, p in rows], total


def get_entry(session: Session, *, actor: Actor, programme: Programme, register: Register, reference: str):
    require_view(actor)
    return live_entry(session, register.model, programme, reference, what=register.singular)


def _choice(register: Register, name: str, value: str, choices: dict) -> str:
    if value not in choices:
        raise Invalid.one(name, f"must be one of {', '.join(choices)}")
    return value


def _resolve(session: Session, programme: Programme, register: Register, values: dict) -> list[FieldError]:
    """Check choices and turn link references into ids, in place; returns every problem found."""
    errors = []
    if "status" in values and values["status"] not in register.statuses:
        errors.append(FieldError("status", f"must be one of {', '.join(register.statuses)}"))
    for spec in register.fields:
        if spec.name not in values:
            continue
        value = values[spec.name]
        if spec.kind == "choice" and value is not None and value not in spec.choices:
            errors.append(FieldError(spec.name, f"must be one of {', '.join(spec.choices)}"))
        if spec.kind == "link":
            values.pop(spec.name)
            linked = value and find_live(session, spec.link_model, programme, value)
            if value and linked is None:
                errors.append(FieldError(spec.name, f"there is no {spec.link[:-1]} {value!r}"))
            values[spec.name.removesuffix("_reference")] = linked or None
    return errors


def _owner(session: Session, register: Register, values: dict, current: str | None = None) -> list[FieldError]:
    """A log whose owner may be a person of the system model links it (`names.link_owner`)."""
    return link_owner(session, values, current=current) if any(f.kind == "person" for f in register.fields) else []


def _as_stored(register: Register, entry) -> dict:
    names = ["status"] + [s.name.removesuffix("_reference") if s.kind == "link" else s.name for s in register.fields]
    return {name: getattr(entry, name) for name in names}


def create_entry(session: Session, *, actor: Actor, programme: Programme, register: Register, data):
    require_edit(actor)
    values = data.model_dump()
    errors = _resolve(session, programme, register, values) + _owner(session, register, values)
    errors += register.check(session, values) if register.check else []
    reference = claim_reference(session, register.model, programme, values.pop("reference"), prefix=register.prefix,
                                what=register.singular, errors=errors)
    if errors:
        raise Invalid(errors)
    return add_entry(session, register.model(programme_id=programme.id, reference=reference, **values),
                     f"{register.singular.capitalize()} {reference}")


def update_entry(session: Session, *, actor: Actor, programme: Programme, register: Register, reference: str,
                 data):
    entry = get_entry(session, actor=actor, programme=programme, register=register, reference=reference)
    require_edit(actor)
    changes = changes_of(data)
    for required in ("title", "status"):
        if required in changes and not changes[required]:
            raise Invalid.one(required, "is required")
    errors = _resolve(session, programme, register, changes) + _owner(session, register, changes, entry.owner)
    if register.check:
        errors += register.check(session, _as_stored(register, entry) | changes)
    if errors:
        raise Invalid(errors)
    save_changes(session, entry, changes, version=data.version, label=f"{register.singular.capitalize()} {reference}")
    return entry


def delete_entry(session: Session, *, actor: Actor, programme: Programme, register: Register, reference: str,
                 version: int) -> None:
    """Soft delete: the entry leaves the register but stays in the database and its audit trail."""
    remove(session, get_entry(session, actor=actor, programme=programme, register=register, reference=reference),
           actor=actor, version=version, label=f"{register.singular.capitalize()} {reference}")


def import_entries(session: Session, *, actor: Actor, programme: Programme, register: Register,
                   rows: list) -> dict[str, int]:
    """Create or update each parsed row by reference, in the caller's transaction; any bad row fails them all.

    A blank cell clears its field, as it would in the register's own spreadsheet; a column the sheet does not
    have leaves that field as it is.
    """
    require_edit(actor)

    def upsert(row) -> str:
        data = row.data
        existing = data.reference and find_live(session, register.model, programme, data.reference)
        if not existing:
            create_entry(session, actor=actor, programme=programme, register=register, data=data)
            return "created"
        before = existing.version
        update_entry(session, actor=actor, programme=programme, register=register, reference=data.reference,
                     data=register.update(version=existing.version, **row.changes()))
        return "updated" if existing.version != before else "unchanged"

    return import_rows(rows, upsert)


def import_file(session: Session, *, actor: Actor, programme: Programme, register: Register, content: bytes,
                filename: str) -> dict[str, int]:
    """An XLSX or CSV file of the log imported, all rows or none; the API, the upload page and the CLI call this."""
    rows = read_file(content, filename, register_layout(register))
    return {"rows": len(rows), **import_entries(session, actor=actor, programme=programme, register=register,
                                                rows=rows)}
