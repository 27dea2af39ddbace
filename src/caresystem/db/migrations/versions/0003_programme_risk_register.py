"""programme risk register

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 16:29:51.576305
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('escalation_rules',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('min_score', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=True),
    sa.Column('scope_ref', sa.String(length=80), nullable=True),
    sa.Column('body_key', sa.String(length=80), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_escalation_rules_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_escalation_rules'))
    )
    with op.batch_alter_table('escalation_rules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_escalation_rules_programme_id'), ['programme_id'], unique=False)

    op.create_table('risks',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('cause', sa.Text(), nullable=True),
    sa.Column('event', sa.Text(), nullable=True),
    sa.Column('effect', sa.Text(), nullable=True),
    sa.Column('category', sa.String(length=100), nullable=True),
    sa.Column('owner', sa.String(length=200), nullable=True),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('scope_ref', sa.String(length=80), nullable=True),
    sa.Column('inherent_impact', sa.Integer(), nullable=True),
    sa.Column('inherent_likelihood', sa.Integer(), nullable=True),
    sa.Column('current_impact', sa.Integer(), nullable=True),
    sa.Column('current_likelihood', sa.Integer(), nullable=True),
    sa.Column('target_impact', sa.Integer(), nullable=True),
    sa.Column('target_likelihood', sa.Integer(), nullable=True),
    sa.Column('current_score', sa.Integer(), nullable=True),
    sa.Column('controls', sa.Text(), nullable=True),
    sa.Column('mitigation', sa.Text(), nullable=True),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('opened_on', sa.Date(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_risks_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risks')),
    sa.UniqueConstraint('programme_id', 'reference', name=op.f('uq_risks_programme_id'))
    )
    with op.batch_alter_table('risks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risks_current_score'), ['current_score'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_review_date'), ['review_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_risks_status'), ['status'], unique=False)

    op.create_table('risk_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('risk_id', sa.Integer(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('recorded_by', sa.String(length=100), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=True),
    sa.Column('likelihood', sa.Integer(), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['risk_id'], ['risks.id'], name=op.f('fk_risk_scores_risk_id_risks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_scores'))
    )
    with op.batch_alter_table('risk_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_scores_risk_id'), ['risk_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('risk_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_scores_risk_id'))

    op.drop_table('risk_scores')
    with op.batch_alter_table('risks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risks_status'))
        batch_op.drop_index(batch_op.f('ix_risks_review_date'))
        batch_op.drop_index(batch_op.f('ix_risks_programme_id'))
        batch_op.drop_index(batch_op.f('ix_risks_current_score'))

    op.drop_table('risks')
    with op.batch_alter_table('escalation_rules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_escalation_rules_programme_id'))

    op.drop_table('escalation_rules')
