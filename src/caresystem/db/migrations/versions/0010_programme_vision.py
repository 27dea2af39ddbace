"""programme vision: the statement the aims serve (PID 2.1)

Revision ID: 0010
Revises: 0002
Create Date: 2026-12-02 15:30:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vision', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('vision')
