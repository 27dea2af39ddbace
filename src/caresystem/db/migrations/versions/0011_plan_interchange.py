"""plan interchange: external ids on plan records, dependency link types, stored import previews

Revision ID: 0011
Revises: 0004
Create Date: 2026-12-02 15:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0011'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ('projects', 'workstreams', 'deliverables', 'milestones')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column('external_id', sa.String(length=200), nullable=True))
            batch.create_index(batch.f(f'ix_{table}_external_id'), ['external_id'], unique=False)
    with op.batch_alter_table('plan_dependencies') as batch:
        batch.add_column(sa.Column('link_type', sa.String(length=2), server_default='FS', nullable=False))
    op.create_table('plan_import_previews',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('plan', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'],
                            name=op.f('fk_plan_import_previews_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_import_previews')),
    sa.UniqueConstraint('token', name=op.f('uq_plan_import_previews_token'))
    )


def downgrade() -> None:
    op.drop_table('plan_import_previews')
    with op.batch_alter_table('plan_dependencies') as batch:
        batch.drop_column('link_type')
    for table in reversed(TABLES):
        with op.batch_alter_table(table) as batch:
            batch.drop_index(batch.f(f'ix_{table}_external_id'))
            batch.drop_column('external_id')
