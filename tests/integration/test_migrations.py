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


def test_a_programmes_communication_principles_move_into_the_principles_register(empty_db):
    """Migration 0016: each programme's rows of the old table become one principle set of kind communication that
    names the programme, in their order and words; going down puts them back."""
    from datetime import datetime, timezone

    from sqlalchemy import MetaData, Table, select

    from caresystem.programme.core.models import Programme
    from caresystem.system.principles import PrincipleSet

    downgrade(empty_db.url, "0015")
    with empty_db.session() as session:
        session.add(Programme(key="stp", name="System transformation"))
        session.commit()
        programme_id = session.scalar(select(Programme.id))
    old = Table("communication_principles", MetaData(), autoload_with=empty_db.engine)
    when = datetime(2026, 1, 1, tzinfo=timezone.utc)
    stamp = {"version": 1, "created_at": when, "created_by": "example", "updated_at": when, "updated_by": "a.person"}
    with empty_db.engine.begin() as conn:
        conn.execute(old.insert(), [
            {"programme_id": programme_id, "key": "honest", "position": 2, "name": "Honest",
             "description": "Be open.", "source_document": "000", "source_section": "8.1", **stamp},
            {"programme_id": programme_id, "key": "timely", "position": 1, "name": "Timely", "description": None,
             "source_document": None, "source_section": None, **stamp}])
    upgrade(empty_db.url)
    assert "communication_principles" not in inspect(empty_db.engine).get_table_names()
    with empty_db.session() as session:
        moved = session.scalars(select(PrincipleSet)).one()
        assert (moved.key, moved.kind, moved.programme_key) == ("stp-communication-principles", "communication", "stp")
        assert [(p.key, p.number, p.name, p.text, p.updated_by) for p in moved.principles] == [
            ("stp-communication-principles-1", "1", "Timely", "Timely", "a.person"),
            ("stp-communication-principles-2", "2", "Honest", "Be open.", "a.person")]
    downgrade(empty_db.url, "0015")
    back = Table("communication_principles", MetaData(), autoload_with=empty_db.engine)
    with empty_db.engine.connect() as conn:
        assert sorted((r.name, r.description) for r in conn.execute(select(back))) == [
            ("Honest", "Be open."), ("Timely", "Timely")]
    upgrade(empty_db.url)
