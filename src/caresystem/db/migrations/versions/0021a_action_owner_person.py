"""an action's owner may be a person of the system model (actions.owner_person, their key)

Revision ID: 0021a
Revises: 0017
Create Date: 2026-12-04 02:20:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0021a'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_person', sa.String(length=80), nullable=True))
        batch_op.create_index(batch_op.f('ix_actions_owner_person'), ['owner_person'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actions_owner_person'))
        batch_op.drop_column('owner_person')
