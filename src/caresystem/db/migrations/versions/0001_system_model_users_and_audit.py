"""system model, users and audit

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 15:43:24.113587
"""

from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=30), nullable=False),
    sa.Column('entity_type', sa.String(length=60), nullable=False),
    sa.Column('entity_id', sa.String(length=60), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entries_entity', ['entity_type', 'entity_id'], unique=False)

    op.create_table('functions',
    sa.Column('key', sa.String(length=100), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_functions')),
    sa.UniqueConstraint('key', name=op.f('uq_functions_key'))
    )
    op.create_table('governance_bodies',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('frequency', sa.String(length=200), nullable=True),
    sa.Column('chair', sa.String(length=300), nullable=True),
    sa.Column('host_organisations', sa.JSON(), nullable=False),
    sa.Column('reports_to_id', sa.Integer(), nullable=True),
    sa.Column('meets_in_public', sa.Boolean(), nullable=False),
    sa.Column('delegated_authority', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['reports_to_id'], ['governance_bodies.id'], name=op.f('fk_governance_bodies_reports_to_id_governance_bodies'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_governance_bodies')),
    sa.UniqueConstraint('key', name=op.f('uq_governance_bodies_key'))
    )
    op.create_table('organisations',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('short_name', sa.String(length=120), nullable=True),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('place_code', sa.String(length=40), nullable=True),
    sa.Column('parent_code', sa.String(length=12), nullable=True),
    sa.Column('successor_code', sa.String(length=12), nullable=True),
    sa.Column('postcode', sa.String(length=10), nullable=True),
    sa.Column('districts', sa.JSON(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisations')),
    sa.UniqueConstraint('code', name=op.f('uq_organisations_code'))
    )
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organisations_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_parent_code'), ['parent_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_place_code'), ['place_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_successor_code'), ['successor_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_organisations_type'), ['type'], unique=False)

    op.create_table('people',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('key', name=op.f('uq_people_key'))
    )
    op.create_table('places',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_places')),
    sa.UniqueConstraint('code', name=op.f('uq_places_code'))
    )
    op.create_table('subsidiarity_tests',
    sa.Column('key', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidiarity_tests')),
    sa.UniqueConstraint('key', name=op.f('uq_subsidiarity_tests_key'))
    )
    op.create_table('system_profile',
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_system_profile')),
    sa.UniqueConstraint('code', name=op.f('uq_system_profile_code'))
    )
    op.create_table('users',
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('display_name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.String(length=30), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('api_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('budgets',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.String(length=7), nullable=False),
    sa.Column('amount_gbp_millions', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_budgets_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budgets')),
    sa.UniqueConstraint('organisation_id', 'year', name=op.f('uq_budgets_organisation_id'))
    )
    op.create_table('function_allocations',
    sa.Column('function_id', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=30), nullable=False),
    sa.Column('holder', sa.String(length=300), nullable=False),
    sa.Column('arrangement', sa.String(length=30), nullable=False),
    sa.Column('tests', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['function_id'], ['functions.id'], name=op.f('fk_function_allocations_function_id_functions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_function_allocations')),
    sa.UniqueConstraint('function_id', 'level', 'valid_from', name=op.f('uq_function_allocations_function_id'))
    )
    with op.batch_alter_table('function_allocations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_function_allocations_function_id'), ['function_id'], unique=False)

    op.create_table('memberships',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('role_title', sa.String(length=300), nullable=True),
    sa.Column('organisation_code', sa.String(length=12), nullable=True),
    sa.Column('membership_role', sa.String(length=20), nullable=False),
    sa.Column('voting', sa.Boolean(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['body_id'], ['governance_bodies.id'], name=op.f('fk_memberships_body_id_governance_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_memberships_person_id_people'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships'))
    )
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memberships_body_id'), ['body_id'], unique=False)

    op.create_table('person_roles',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('organisation_code', sa.String(length=12), nullable=True),
    sa.Column('body_key', sa.String(length=80), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_person_roles_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person_roles'))
    )
    with op.batch_alter_table('person_roles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_roles_person_id'), ['person_id'], unique=False)

    op.create_table('registered_populations',
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('as_at', sa.Date(), nullable=False),
    sa.Column('registered_population', sa.Integer(), nullable=False),
    sa.Column('practices', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=100), nullable=False),
    sa.Column('source_document', sa.String(length=40), nullable=True),
    sa.Column('source_section', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_registered_populations_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registered_populations')),
    sa.UniqueConstraint('organisation_id', 'as_at', name=op.f('uq_registered_populations_organisation_id'))
    )
    op.create_table('user_scopes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_scopes_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_scopes')),
    sa.UniqueConstraint('user_id', 'kind', 'code', name=op.f('uq_user_scopes_user_id'))
    )


def downgrade() -> None:
    op.drop_table('user_scopes')
    op.drop_table('registered_populations')
    with op.batch_alter_table('person_roles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_roles_person_id'))

    op.drop_table('person_roles')
    with op.batch_alter_table('memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memberships_body_id'))

    op.drop_table('memberships')
    with op.batch_alter_table('function_allocations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_function_allocations_function_id'))

    op.drop_table('function_allocations')
    op.drop_table('budgets')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
    op.drop_table('users')
    op.drop_table('system_profile')
    op.drop_table('subsidiarity_tests')
    op.drop_table('places')
    op.drop_table('people')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organisations_type'))
        batch_op.drop_index(batch_op.f('ix_organisations_successor_code'))
        batch_op.drop_index(batch_op.f('ix_organisations_place_code'))
        batch_op.drop_index(batch_op.f('ix_organisations_parent_code'))
        batch_op.drop_index(batch_op.f('ix_organisations_name'))

    op.drop_table('organisations')
    op.drop_table('governance_bodies')
    op.drop_table('functions')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_entity')

    op.drop_table('audit_entries')
