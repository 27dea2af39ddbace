"""Generated references (R001, A002, ...) that stay unique when many people create records at once."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session


def lock_row(session: Session, record) -> None:
    """Hold `record`'s row for the rest of the transaction, so writers that also lock it queue behind us.

    PostgreSQL takes a row lock (SELECT ... FOR UPDATE); SQLite has already taken the database's write lock
    with BEGIN IMMEDIATE (see `db.engine`), so the statement is a plain read there.
    """
    model = type(record)
    session.execute(select(model.id).where(model.id == record.id).with_for_update())


def next_reference(session: Session, *, parent, model, prefix: str, parent_column: str = "programme_id",
                   column: str = "reference") -> str:
    """The next free ``PREFIXnnn`` in `column` (reference, key) among `parent`'s `model` records.

    Two concurrent creates would otherwise both read the same count and both pick the same reference (a
    unique violation for one of them); locking the parent row first makes them take turns. Within one
    transaction the count is remembered, so an import of n rows costs n index look-ups, not n scans.
    """
    transaction = session.get_transaction()
    remembered = session.info.setdefault("next_references", {})
    key = (model.__name__, parent.id, prefix)
    held = remembered.get(key)
    if held is None or held[0] is not transaction:
        lock_row(session, parent)
        number = session.scalar(select(func.count()).select_from(model).where(
            getattr(model, parent_column) == parent.id)) or 0
    else:
        number = held[1]
    while True:
        number += 1
        candidate = f"{prefix}{number:03d}"
        if session.scalar(select(model.id).where(getattr(model, parent_column) == parent.id,
                                                 getattr(model, column) == candidate)) is None:
            remembered[key] = (transaction, number)
            return candidate
