"""programme plan: objectives, roles, projects, workstreams, deliverables, milestones, dependencies, resource plan,
sign-offs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 10:00:00.000000
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('milestones',
    sa.Column('date_text', sa.String(length=100), nullable=True),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=True),
    sa.Column('baseline_date', sa.Date(), nullable=True),
    sa.Column('forecast_date', sa.Date(), nullable=True),
    sa.Column('actual_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('slip_days', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_milestones_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_milestones')),
    sa.UniqueConstraint('programme_id', 'key', name=op.f('uq_milestones_programme_id'))
    )
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestones_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_owner'), ['owner'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestones_status'), ['status'], unique=False)

    op.create_table('objectives',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('number', sa.String(length=10), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('sub_items', sa.JSON(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_objectives_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objectives')),
    sa.UniqueConstraint('programme_id', 'key', name=op.f('uq_objectives_programme_id'))
    )
    with op.batch_alter_table('objectives', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objectives_programme_id'), ['programme_id'], unique=False)

    op.create_table('plan_dependencies',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('predecessor_type', sa.String(length=20), nullable=False),
    sa.Column('predecessor_id', sa.Integer(), nullable=False),
    sa.Column('successor_type', sa.String(length=20), nullable=False),
    sa.Column('successor_id', sa.Integer(), nullable=False),
    sa.Column('lag_days', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_plan_dependencies_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_dependencies')),
    sa.UniqueConstraint('programme_id', 'predecessor_type', 'predecessor_id', 'successor_type', 'successor_id', name=op.f('uq_plan_dependencies_programme_id'))
    )
    with op.batch_alter_table('plan_dependencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_dependencies_programme_id'), ['programme_id'], unique=False)

    op.create_table('plan_roles',
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('applies_to', sa.String(length=20), nullable=False),
    sa.Column('responsibility', sa.Text(), nullable=True),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_plan_roles_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_roles')),
    sa.UniqueConstraint('programme_id', 'key', name=op.f('uq_plan_roles_programme_id'))
    )
    with op.batch_alter_table('plan_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_roles_programme_id'), ['programme_id'], unique=False)

    op.create_table('projects',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('level', sa.String(length=30), nullable=True),
    sa.Column('place', sa.String(length=40), nullable=True),
    sa.Column('governance_body', sa.String(length=80), nullable=True),
    sa.Column('senior_sponsor', sa.Text(), nullable=True),
    sa.Column('project_lead_director', sa.Text(), nullable=True),
    sa.Column('icp_gp_lead', sa.Text(), nullable=True),
    sa.Column('non_executive_lead', sa.Text(), nullable=True),
    sa.Column('objectives', sa.JSON(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_projects_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('programme_id', 'key', name=op.f('uq_projects_programme_id'))
    )
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_projects_programme_id'), ['programme_id'], unique=False)

    op.create_table('resource_lines',
    sa.Column('role', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('holder', sa.Text(), nullable=True),
    sa.Column('posts', sa.Integer(), nullable=True),
    sa.Column('wte', sa.Float(), nullable=True),
    sa.Column('band', sa.String(length=20), nullable=True),
    sa.Column('additional', sa.Boolean(), nullable=True),
    sa.Column('source_organisation', sa.String(length=20), nullable=True),
    sa.Column('source_organisation_text', sa.String(length=300), nullable=True),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_resource_lines_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resource_lines')),
    sa.UniqueConstraint('programme_id', 'key', name=op.f('uq_resource_lines_programme_id'))
    )
    with op.batch_alter_table('resource_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resource_lines_programme_id'), ['programme_id'], unique=False)

    op.create_table('sign_offs',
    sa.Column('organisation', sa.String(length=20), nullable=True),
    sa.Column('organisation_name', sa.String(length=300), nullable=False),
    sa.Column('signatory', sa.String(length=300), nullable=True),
    sa.Column('signed_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_sign_offs_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_offs')),
    sa.UniqueConstraint('programme_id', 'key', name=op.f('uq_sign_offs_programme_id'))
    )
    with op.batch_alter_table('sign_offs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_offs_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sign_offs_status'), ['status'], unique=False)

    op.create_table('workstreams',
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('lead', sa.Text(), nullable=True),
    sa.Column('levels', sa.JSON(), nullable=False),
    sa.Column('governance_body', sa.String(length=80), nullable=True),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_workstreams_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workstreams')),
    sa.UniqueConstraint('programme_id', 'key', name=op.f('uq_workstreams_programme_id'))
    )
    with op.batch_alter_table('workstreams', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workstreams_programme_id'), ['programme_id'], unique=False)

    op.create_table('deliverables',
    sa.Column('kind', sa.String(length=30), nullable=True),
    sa.Column('number', sa.String(length=10), nullable=True),
    sa.Column('workstream_id', sa.Integer(), nullable=True),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=True),
    sa.Column('baseline_date', sa.Date(), nullable=True),
    sa.Column('forecast_date', sa.Date(), nullable=True),
    sa.Column('actual_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('slip_days', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_deliverables_programme_id_programmes')),
    sa.ForeignKeyConstraint(['workstream_id'], ['workstreams.id'], name=op.f('fk_deliverables_workstream_id_workstreams')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliverables')),
    sa.UniqueConstraint('programme_id', 'key', name=op.f('uq_deliverables_programme_id'))
    )
    with op.batch_alter_table('deliverables', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deliverables_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliverables_owner'), ['owner'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliverables_programme_id'), ['programme_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliverables_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_deliverables_workstream_id'), ['workstream_id'], unique=False)

    op.create_table('milestone_projects',
    sa.Column('milestone_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestones.id'], name=op.f('fk_milestone_projects_milestone_id_milestones'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_milestone_projects_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('milestone_id', 'project_id', name=op.f('pk_milestone_projects'))
    )
    op.create_table('milestone_workstreams',
    sa.Column('milestone_id', sa.Integer(), nullable=False),
    sa.Column('workstream_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestones.id'], name=op.f('fk_milestone_workstreams_milestone_id_milestones'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workstream_id'], ['workstreams.id'], name=op.f('fk_milestone_workstreams_workstream_id_workstreams'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('milestone_id', 'workstream_id', name=op.f('pk_milestone_workstreams'))
    )
    op.create_table('resource_line_projects',
    sa.Column('resource_line_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_resource_line_projects_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['resource_line_id'], ['resource_lines.id'], name=op.f('fk_resource_line_projects_resource_line_id_resource_lines'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('resource_line_id', 'project_id', name=op.f('pk_resource_line_projects'))
    )
    op.create_table('deliverable_projects',
    sa.Column('deliverable_id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['deliverable_id'], ['deliverables.id'], name=op.f('fk_deliverable_projects_deliverable_id_deliverables'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_deliverable_projects_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('deliverable_id', 'project_id', name=op.f('pk_deliverable_projects'))
    )


def downgrade() -> None:
    op.drop_table('deliverable_projects')
    op.drop_table('resource_line_projects')
    op.drop_table('milestone_workstreams')
    op.drop_table('milestone_projects')
    with op.batch_alter_table('deliverables', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deliverables_due_date'))
        batch_op.drop_index(batch_op.f('ix_deliverables_workstream_id'))
        batch_op.drop_index(batch_op.f('ix_deliverables_status'))
        batch_op.drop_index(batch_op.f('ix_deliverables_programme_id'))
        batch_op.drop_index(batch_op.f('ix_deliverables_owner'))

    op.drop_table('deliverables')
    with op.batch_alter_table('workstreams', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workstreams_programme_id'))

    op.drop_table('workstreams')
    with op.batch_alter_table('sign_offs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_offs_status'))
        batch_op.drop_index(batch_op.f('ix_sign_offs_programme_id'))

    op.drop_table('sign_offs')
    with op.batch_alter_table('resource_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resource_lines_programme_id'))

    op.drop_table('resource_lines')
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_projects_programme_id'))

    op.drop_table('projects')
    with op.batch_alter_table('plan_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_roles_programme_id'))

    op.drop_table('plan_roles')
    with op.batch_alter_table('plan_dependencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_dependencies_programme_id'))

    op.drop_table('plan_dependencies')
    with op.batch_alter_table('objectives', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objectives_programme_id'))

    op.drop_table('objectives')
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestones_due_date'))
        batch_op.drop_index(batch_op.f('ix_milestones_status'))
        batch_op.drop_index(batch_op.f('ix_milestones_programme_id'))
        batch_op.drop_index(batch_op.f('ix_milestones_owner'))

    op.drop_table('milestones')
