"""citation sources: where a document says a decision, an impact assessment or a function allocation applies a
principle (the link tables' source document and section)

Revision ID: 0023
Revises: 0016
Create Date: 2026-12-04 03:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0023'
down_revision = '0016'
branch_labels = None
depends_on = None

TABLES = ('decision_principles', 'impact_assessment_principles', 'function_allocation_principles')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('source_document', sa.String(length=40), nullable=True))
            batch_op.add_column(sa.Column('source_section', sa.String(length=200), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('source_section')
            batch_op.drop_column('source_document')
