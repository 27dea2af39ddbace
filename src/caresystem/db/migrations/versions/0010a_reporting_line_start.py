"""reporting line start: a governance body's line to the body it reports to holds from this date

Revision ID: 0010a
Revises: 0010
Create Date: 2026-12-02 15:45:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0010a'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('governance_bodies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reports_to_from', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('governance_bodies', schema=None) as batch_op:
        batch_op.drop_column('reports_to_from')
