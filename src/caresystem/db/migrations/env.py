"""Alembic environment: every model is registered through caresystem.models."""

from alembic import context

import caresystem.models  # noqa: F401  (registers every table on Base.metadata)
from caresystem.db.base import Base
from caresystem.db.engine import make_engine

config = context.config


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                          compare_type=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
