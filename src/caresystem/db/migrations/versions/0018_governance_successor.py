"""governance successor: the key of the body that took over when a governance body ended

Revision ID: 0018
Revises: 0010a
Create Date: 2026-12-03 14:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0018'
down_revision = '0010a'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('governance_bodies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('succeeded_by', sa.String(length=80), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('governance_bodies', schema=None) as batch_op:
        batch_op.drop_column('succeeded_by')
