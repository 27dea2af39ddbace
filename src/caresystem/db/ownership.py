"""Loading the built-in example never undoes people's work: what a person created or changed is theirs.

The example's records are the ones its loader created (`created_by` is a loader name) and no person has
changed since (`updated_by` is a loader name too). While the example loads (`loading_example`), a change the
loader makes to a record a person last changed is put back before the flush, and the loaders delete only
records the example owns (`may_remove`). The record's own bookkeeping columns are the marker, so
databases loaded before this rule was added are covered too.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

EXAMPLE_ACTOR = "example"
# names the example has been loaded under: this loader, the `load-example` command and the system process
LOADER_ACTORS = frozenset({EXAMPLE_ACTOR, "load-example", "system"})
_BOOKKEEPING = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by"})


@contextmanager
def loading_example(session: Session) -> Iterator[None]:
    """Within the block the session writes as the example's loader and keeps off people's records."""
    actor = session.info.get("actor")
    session.info["actor"], session.info["loading_example"] = EXAMPLE_ACTOR, True
    try:
        yield
        session.flush()
    finally:
        session.info["actor"] = actor
        session.info.pop("loading_example", None)


def owned_by_example(obj) -> bool:
    """True when the example created `obj` and no person has changed it since (so the loader may remove it)."""
    created_by = getattr(obj, "created_by", EXAMPLE_ACTOR)
    updated_by = inspect(obj).committed_state.get("updated_by", getattr(obj, "updated_by", EXAMPLE_ACTOR))
    return created_by in LOADER_ACTORS and updated_by in LOADER_ACTORS


def may_remove(obj) -> bool:
    """Whether a loader may delete `obj`: always, except while the example loads and a person owns it."""
    session = inspect(obj).session
    return session is None or not session.info.get("loading_example") or owned_by_example(obj)


def _keep_peoples_changes(session: Session, _context, _instances) -> None:
    if not session.info.get("loading_example"):
        return
    for obj in list(session.dirty):
        if not hasattr(obj, "updated_by") or owned_by_example(obj):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            history = state.attrs[attr.key].history
            if attr.key not in _BOOKKEEPING and history.has_changes():
                setattr(obj, attr.key, history.deleted[0] if history.deleted else None)


def install_ownership_guard(session_class=Session) -> None:
    if not event.contains(session_class, "before_flush", _keep_peoples_changes):
        # before the audit listener, so a change put back is not recorded as made
        event.listen(session_class, "before_flush", _keep_peoples_changes, insert=True)
