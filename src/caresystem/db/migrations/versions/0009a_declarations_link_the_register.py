"""meetings: a declaration names its entry in the register of interests

Revision ID: 0009a
Revises: 0009
Create Date: 2026-12-02 15:45:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0009a'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('interest_reference', sa.String(length=20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_column('interest_reference')
