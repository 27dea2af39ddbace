"""Reading the audit trail, and recording named events that are not column changes."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from caresystem.auth.audit.models import AuditEntry


def history_of(session: Session, entity_type: str, entity_id: int | str, limit: int = 200) -> list[AuditEntry]:
    query = (select(AuditEntry).where(AuditEntry.entity_type == entity_type, AuditEntry.entity_id == str(entity_id))
             .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit))
    return list(session.scalars(query))


def history_entries(session: Session, entity_type: str, entity_id: int | str) -> list[dict]:
    """The audit trail of one record as plain data, for the API."""
    return [{"at": e.at, "actor": e.actor, "action": e.action, "changes": e.changes}
            for e in history_of(session, entity_type, entity_id)]


def record_event(session: Session, *, action: str, entity_type: str, entity_id: int | str,
                 details: dict | None = None) -> None:
    session.add(AuditEntry(actor=session.info.get("actor", "system"), action=action, entity_type=entity_type,
                           entity_id=str(entity_id), changes=details or {}))
