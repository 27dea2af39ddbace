"""The audit trail: every change to an audited record, with old and new values, in the same transaction."""

from caresystem.auth.audit.models import AuditEntry
from caresystem.auth.audit.listener import install_audit_listener
from caresystem.auth.audit.service import history_entries, history_of, record_event

__all__ = ["AuditEntry", "install_audit_listener", "history_entries", "history_of", "record_event"]
