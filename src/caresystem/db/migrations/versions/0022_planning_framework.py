"""planning framework: a document's planning framework (footprints, planning levels and catchments, focus areas,
enablers, work areas, strategic approaches, clinical priorities, roles), dated

Revision ID: 0022
Revises: 0001
Create Date: 2026-12-04 02:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0022'
down_revision = '0001'
branch_labels = None
depends_on = None


def _audited() -> list[sa.Column]:
    return [sa.Column('id', sa.Integer(), nullable=False),
            sa.Column('version', sa.Integer(), nullable=False),
            sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
            sa.Column('created_by', sa.String(length=100), nullable=False),
            sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
            sa.Column('updated_by', sa.String(length=100), nullable=False)]


def _sourced() -> list[sa.Column]:
    return [sa.Column('source_document', sa.String(length=40), nullable=True),
            sa.Column('source_section', sa.String(length=200), nullable=True)]


def upgrade() -> None:
    op.create_table('planning_frameworks',
    *_audited(),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=True),
    sa.Column('document_dated', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    *_sourced(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planning_frameworks')),
    sa.UniqueConstraint('key', name=op.f('uq_planning_frameworks_key'))
    )
    op.create_table('planning_items',
    *_audited(),
    sa.Column('framework_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=140), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('number', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('parent', sa.String(length=10), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.Column('scale', sa.String(length=20), nullable=True),
    sa.Column('services', sa.JSON(), nullable=False),
    sa.Column('footprints', sa.JSON(), nullable=False),
    sa.Column('social_care', sa.JSON(), nullable=False),
    sa.Column('care_models', sa.JSON(), nullable=False),
    sa.Column('organisations', sa.JSON(), nullable=False),
    sa.Column('population', sa.Integer(), nullable=True),
    sa.Column('beds', sa.Integer(), nullable=True),
    sa.Column('body_key', sa.String(length=80), nullable=True),
    *_sourced(),
    sa.ForeignKeyConstraint(['framework_id'], ['planning_frameworks.id'],
                            name=op.f('fk_planning_items_framework_id_planning_frameworks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planning_items')),
    sa.UniqueConstraint('key', name=op.f('uq_planning_items_key')),
    sa.UniqueConstraint('framework_id', 'kind', 'number', name=op.f('uq_planning_items_framework_id'))
    )
    with op.batch_alter_table('planning_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_planning_items_framework_id'), ['framework_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_planning_items_kind'), ['kind'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('planning_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_planning_items_kind'))
        batch_op.drop_index(batch_op.f('ix_planning_items_framework_id'))
    op.drop_table('planning_items')
    op.drop_table('planning_frameworks')
