"""highlight reports: per project per period, and each submission as submitted

Revision ID: 0009h
Revises: 0004
Create Date: 2026-12-02 15:10:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0009h'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('highlight_reports',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('rag_overall', sa.String(length=10), nullable=True),
    sa.Column('rag_schedule', sa.String(length=10), nullable=True),
    sa.Column('rag_resources', sa.String(length=10), nullable=True),
    sa.Column('rag_risk', sa.String(length=10), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('achievements', sa.Text(), nullable=True),
    sa.Column('next_steps', sa.Text(), nullable=True),
    sa.Column('decisions_needed', sa.Text(), nullable=True),
    sa.Column('issues_summary', sa.Text(), nullable=True),
    sa.Column('linked_issues', sa.JSON(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('submitted_by', sa.String(length=100), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_highlight_reports_programme_id_programmes')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_highlight_reports_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_highlight_reports')),
    sa.UniqueConstraint('project_id', 'period', name=op.f('uq_highlight_reports_project_id'))
    )
    with op.batch_alter_table('highlight_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_highlight_reports_period'), ['period'], unique=False)
        batch_op.create_index(batch_op.f('ix_highlight_reports_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_highlight_reports_project_id'), ['project_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_highlight_reports_status'), ['status'], unique=False)

    op.create_table('highlight_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('submitted_by', sa.String(length=100), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['report_id'], ['highlight_reports.id'], name=op.f('fk_highlight_submissions_report_id_highlight_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_highlight_submissions')),
    sa.UniqueConstraint('report_id', 'revision', name=op.f('uq_highlight_submissions_report_id'))
    )
    with op.batch_alter_table('highlight_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_highlight_submissions_report_id'), ['report_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('highlight_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_highlight_submissions_report_id'))

    op.drop_table('highlight_submissions')
    with op.batch_alter_table('highlight_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_highlight_reports_status'))
        batch_op.drop_index(batch_op.f('ix_highlight_reports_project_id'))
        batch_op.drop_index(batch_op.f('ix_highlight_reports_programme_id'))
        batch_op.drop_index(batch_op.f('ix_highlight_reports_period'))

    op.drop_table('highlight_reports')
