"""Generated references (R001, A002, ...) that stay unique when many people create records at once."""

from sqlalchemy import select
from sqlalchemy.orm import Session


def lock_row(session: Session, record) -> None:
    """Hold `record`'s row for the rest of the transaction, so writers that also lock it queue behind us.

    PostgreSQL takes a row lock (SELECT ... FOR UPDATE); SQLite has already taken the database's write lock
    with BEGIN IMMEDIATE (see `db.engine`), so the statement is a plain read there.
    """
    model = type(record)
    session.execute(select(model.id).where(model.id == record.id).with_for_update())


def next_reference(session: Session, *, parent, model, prefix: str, parent_column: str = "programme_id") -> str:
    """The next free ``PREFIXnnn`` among `parent`'s `model` records.

    Two concurrent creates would otherwise both read the same count and both pick the same reference (a
    unique violation for one of them); locking the parent row first makes them take turns.
    """
    lock_row(session, parent)
    taken = set(session.scalars(select(model.reference).where(getattr(model, parent_column) == parent.id)))
    number = len(taken)
    while (candidate := f"{prefix}{number + 1:03d}") in taken:
        number += 1
    return candidate
