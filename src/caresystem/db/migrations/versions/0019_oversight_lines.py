"""oversight lines: the system's oversight strands and its accountability chain

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 02:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('oversight_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=10), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('overseer', sa.Text(), nullable=False),
    sa.Column('overseen', sa.Text(), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('through', sa.Text(), nullable=True),
    sa.Column('body_keys', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_oversight_lines')),
    sa.UniqueConstraint('key', name=op.f('uq_oversight_lines_key'))
    )
    with op.batch_alter_table('oversight_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_oversight_lines_kind'), ['kind'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('oversight_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_oversight_lines_kind'))
    op.drop_table('oversight_lines')
