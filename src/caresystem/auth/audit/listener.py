"""A flush listener that writes an AuditEntry for every insert, update and delete of an audited record."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from caresystem.auth.audit.models import AuditEntry
from caresystem.db.base import Audited, utcnow

# Bookkeeping columns change on every write; recording them would drown the real changes.
IGNORED = frozenset({"version", "created_at", "created_by", "updated_at", "updated_by", "password_hash"})
REDACTED = frozenset({"password_hash", "token_hash", "nhs_number"})


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if hasattr(value, "value") and not isinstance(value, (int, float, str)):
        return value.value
    return value


def _column_changes(obj) -> dict[str, list]:
    state = inspect(obj)
    changes = {}
    for attr in state.mapper.column_attrs:
        if attr.key in IGNORED:
            continue
        history = state.attrs[attr.key].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if _plain(old) != _plain(new):
                changes[attr.key] = ["[redacted]", "[redacted]"] if attr.key in REDACTED else [_plain(old), _plain(new)]
    return changes


def _snapshot(obj, *, deleted: bool = False) -> dict[str, list]:
    """Every value of a record: as [None, value] when it is created, [value, None] when it is deleted."""
    state = inspect(obj)
    values = {a.key: _plain(getattr(obj, a.key)) for a in state.mapper.column_attrs
              if a.key not in IGNORED and a.key not in REDACTED and a.key != "id"}
    return {k: [v, None] if deleted else [None, v] for k, v in values.items()}


def _label(related) -> str | int:
    """How a linked record is named in the trail: its key, reference or code, else its id."""
    for name in ("key", "reference", "code"):
        if isinstance(value := getattr(related, name, None), str):
            return value
    return related.id


def _link_changes(obj) -> dict[str, list]:
    """Changed many-to-many links (a milestone's projects) as [old labels, new labels]."""
    state = inspect(obj)
    changes = {}
    for relationship in state.mapper.relationships:
        if relationship.secondary is None:
            continue
        history = state.attrs[relationship.key].history
        if history.added or history.deleted:
            before = [_label(r) for r in (*history.unchanged, *history.deleted)]
            after = [_label(r) for r in (*history.unchanged, *history.added)]
            changes[relationship.key] = [sorted(before, key=str), sorted(after, key=str)]
    return changes


def entity_type(obj) -> str:
    return getattr(obj, "__audit_name__", type(obj).__tablename__)


def _before_flush(session: Session, _context, _instances) -> None:
    actor = session.info.get("actor", "system")
    now = utcnow()
    for obj in session.dirty:
        if not isinstance(obj, Audited) or obj in session.deleted:
            continue
        links = _link_changes(obj)
        if links or session.is_modified(obj, include_collections=False):
            changes = _column_changes(obj) | links
            obj.updated_by = actor
            obj.updated_at = now  # a column change, so a change of links alone still bumps the version
            if changes:
                session.info.setdefault("audit_pending", []).append((obj, "updated", changes))
    for obj in session.deleted:
        if isinstance(obj, Audited):
            session.info.setdefault("audit_pending", []).append((obj, "deleted", _snapshot(obj, deleted=True)))
    for obj in session.new:
        if isinstance(obj, Audited):
            obj.created_by = obj.updated_by = actor
            session.info.setdefault("audit_pending", []).append((obj, "created", None))


def _after_flush(session: Session, _context) -> None:
    pending = session.info.pop("audit_pending", [])
    actor = session.info.get("actor", "system")
    for obj, action, changes in pending:
        session.add(AuditEntry(actor=actor, action=action, entity_type=entity_type(obj), entity_id=str(obj.id),
                               changes=_snapshot(obj) if changes is None else changes))


def install_audit_listener(session_class=Session) -> None:
    if not event.contains(session_class, "before_flush", _before_flush):
        event.listen(session_class, "before_flush", _before_flush)
        event.listen(session_class, "after_flush", _after_flush)
