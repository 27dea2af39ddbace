"""a risk's owner may be a person of the system model (risks.owner_person, their key)

Revision ID: 0017
Revises: 0003
Create Date: 2026-12-03 14:20:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0017'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('risks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_person', sa.String(length=80), nullable=True))
        batch_op.create_index(batch_op.f('ix_risks_owner_person'), ['owner_person'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('risks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risks_owner_person'))
        batch_op.drop_column('owner_person')
