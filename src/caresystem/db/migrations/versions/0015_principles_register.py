"""principles register: principle sets and their principles, cited by decisions, impact assessments and function
allocations

Revision ID: 0015
Revises: 0005
Create Date: 2026-12-03 14:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0015'
down_revision = '0005'
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


def _citations(name: str, citing_table: str, citing_column: str) -> None:
    op.create_table(name,
    sa.Column(citing_column, sa.Integer(), nullable=False),
    sa.Column('principle_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint([citing_column], [f'{citing_table}.id'],
                            name=op.f(f'fk_{name}_{citing_column}_{citing_table}'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['principle_id'], ['principles.id'], name=op.f(f'fk_{name}_principle_id_principles'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint(citing_column, 'principle_id', name=op.f(f'pk_{name}'))
    )
    with op.batch_alter_table(name, schema=None) as batch_op:
        batch_op.create_index(batch_op.f(f'ix_{name}_principle_id'), ['principle_id'], unique=False)


CITATIONS = [('decision_principles', 'decisions', 'decision_id'),
             ('impact_assessment_principles', 'impact_assessments', 'impact_assessment_id'),
             ('function_allocation_principles', 'function_allocations', 'function_allocation_id')]


def upgrade() -> None:
    op.create_table('principle_sets',
    *_audited(),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=True),
    sa.Column('document_dated', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    *_sourced(),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_principle_sets')),
    sa.UniqueConstraint('key', name=op.f('uq_principle_sets_key'))
    )
    with op.batch_alter_table('principle_sets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_principle_sets_kind'), ['kind'], unique=False)
    op.create_table('principles',
    *_audited(),
    sa.Column('set_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('number', sa.String(length=10), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    *_sourced(),
    sa.ForeignKeyConstraint(['set_id'], ['principle_sets.id'], name=op.f('fk_principles_set_id_principle_sets'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_principles')),
    sa.UniqueConstraint('key', name=op.f('uq_principles_key')),
    sa.UniqueConstraint('set_id', 'number', name=op.f('uq_principles_set_id'))
    )
    with op.batch_alter_table('principles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_principles_set_id'), ['set_id'], unique=False)
    for name, citing_table, citing_column in CITATIONS:
        _citations(name, citing_table, citing_column)


def downgrade() -> None:
    for name, _, _ in reversed(CITATIONS):
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f'ix_{name}_principle_id'))
        op.drop_table(name)
    with op.batch_alter_table('principles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_principles_set_id'))
    op.drop_table('principles')
    with op.batch_alter_table('principle_sets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_principle_sets_kind'))
    op.drop_table('principle_sets')
