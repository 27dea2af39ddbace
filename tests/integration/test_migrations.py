"""Migrations build the schema on both backends, go down cleanly, and agree with the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

import caresystem.models  # noqa: F401
from caresystem.db import Base, downgrade, upgrade


def test_models_and_migrations_agree(empty_db):
    with empty_db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_up_again(empty_db):
    downgrade(empty_db.url, "base")
    assert set(inspect(empty_db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(empty_db.url)
    assert {"organisations", "governance_bodies", "audit_entries"} <= set(inspect(empty_db.engine).get_table_names())
