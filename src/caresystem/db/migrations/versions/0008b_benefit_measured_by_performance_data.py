"""a benefit's measure bound to a performance measure

Revision ID: 0008b
Revises: 0005
Create Date: 2026-12-02 15:20:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008b'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('benefit_measures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('measure_key', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('measure_entity', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('benefit_measures', schema=None) as batch_op:
        batch_op.drop_column('measure_entity')
        batch_op.drop_column('measure_key')
