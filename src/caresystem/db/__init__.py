"""Database: base model and mixins, engine and sessions, migrations."""

from caresystem.db.base import Audited, Base, Dated, Publishable, SoftDeleted, Sourced, as_at_filter
from caresystem.db.engine import make_engine, make_sessionmaker, session_scope
from caresystem.db.migrate import upgrade, downgrade

__all__ = ["Base", "Audited", "Dated", "Publishable", "SoftDeleted", "Sourced", "as_at_filter", "make_engine", "make_sessionmaker",
           "session_scope", "upgrade", "downgrade"]
