"""Optimistic concurrency for every service: apply an edit only to the version the editor read."""

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from caresystem.errors import Conflict


def check_version(obj, expected_version: int, label: str) -> None:
    if obj.version != expected_version:
        raise Conflict(
            f"{label} was changed by {obj.updated_by} at {obj.updated_at:%Y-%m-%d %H:%M} UTC since you opened it "
            f"(you edited version {expected_version}; it is now version {obj.version}). "
            "Reload it and make your change again.")


def apply_changes(obj, changes: dict, *, expected_version: int, label: str) -> dict:
    """Set the changed fields after the version check; returns what actually changed."""
    check_version(obj, expected_version, label)
    changed = {}
    for name, value in changes.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed[name] = value
    return changed


def flush_or_conflict(session: Session, label: str) -> None:
    """Flush now so a concurrent writer's win surfaces as a Conflict, not a 500."""
    try:
        session.flush()
    except StaleDataError:
        raise Conflict(f"{label} was changed by someone else while you were saving. Reload it and try again.") \
            from None
