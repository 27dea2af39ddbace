"""benefit estimate range: a low and a high estimate alongside the single target value

Revision ID: 0020
Revises: 0008b
Create Date: 2026-12-04 02:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0020'
down_revision = '0008b'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('benefits', schema=None) as batch_op:
        batch_op.add_column(sa.Column('target_low', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('target_high', sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('benefits', schema=None) as batch_op:
        batch_op.drop_column('target_high')
        batch_op.drop_column('target_low')
