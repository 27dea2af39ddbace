"""Generated references (R001, A002, ...) that stay unique when many people create records at once."""

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session


def lock_row(session: Session, record) -> None:
    """Hold `record`'s row for the rest of the transaction, so writers that also lock it queue behind us.

    PostgreSQL takes a row lock (SELECT ... FOR UPDATE); SQLite has already taken the database's write lock
    with BEGIN IMMEDIATE (see `db.engine`), so the statement is a plain read there.
    """
    model = type(record)
    session.execute(select(model.id).where(model.id == record.id).with_for_update())


def lock_table_for_writers(session: Session, model) -> None:
    """Make writers that also call this take turns on `model`'s table for the rest of the transaction, while
    readers carry on: the lock for a system-wide counter, which has no parent row to hold. SQLite already holds
    the database's write lock (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text(f"LOCK TABLE {model.__tablename__} IN SHARE ROW EXCLUSIVE MODE"))


def next_reference(session: Session, *, parent, model, prefix: str, parent_column: str = "programme_id",
                   column: str = "reference", digits: int = 3) -> str:
    """The next free ``PREFIXnnn`` in `column` (reference, key) among `parent`'s `model` records, or among all
    of them when `parent` is None (a system-wide register).

    Two concurrent creates would otherwise both read the same count and both pick the same reference (a
    unique violation for one of them); locking the parent row (or, without one, the table for writers) first
    makes them take turns. Within one transaction the count is remembered, so an import of n rows costs n index
    look-ups, not n scans.
    """
    transaction = session.get_transaction()
    remembered = session.info.setdefault("next_references", {})
    key = (model.__name__, getattr(parent, "id", None), prefix)
    held = remembered.get(key)
    siblings = [] if parent is None else [getattr(model, parent_column) == parent.id]
    if held is None or held[0] is not transaction:
        lock_row(session, parent) if parent is not None else lock_table_for_writers(session, model)
        number = session.scalar(select(func.count()).select_from(model).where(*siblings)) or 0
    else:
        number = held[1]
    while True:
        number += 1
        candidate = f"{prefix}{number:0{digits}d}"
        if session.scalar(select(model.id).where(*siblings, getattr(model, column) == candidate)) is None:
            remembered[key] = (transaction, number)
            return candidate
