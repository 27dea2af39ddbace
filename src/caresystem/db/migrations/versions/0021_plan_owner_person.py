"""a milestone's or deliverable's owner may be a person of the system model (owner_person, their key)

Revision ID: 0021
Revises: 0011
Create Date: 2026-12-04 02:20:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0021'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('milestones', 'deliverables'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('owner_person', sa.String(length=80), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_owner_person'), ['owner_person'], unique=False)


def downgrade() -> None:
    for table in ('milestones', 'deliverables'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{table}_owner_person'))
            batch_op.drop_column('owner_person')
