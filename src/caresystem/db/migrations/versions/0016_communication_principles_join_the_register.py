"""communication principles join the principles register: a programme's principles become a principle set of kind
communication that names the programme (`programme_key`); the per-programme table goes

Revision ID: 0016
Revises: 0015, 0006
Create Date: 2026-12-03 14:30:00.000000
"""

from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0016'
down_revision = ('0015', '0006')
branch_labels = None
depends_on = None

SET_TITLE = "Communication and Engagement principles"


def _tables():
    meta = sa.MetaData()
    return {name: sa.Table(name, meta, autoload_with=op.get_bind())
            for name in ("programmes", "principle_sets", "principles", "communication_principles")}


def _copy_into_the_register(t) -> None:
    """Each programme's principles, in their order, as the set `<programme key>-communication-principles`."""
    conn = op.get_bind()
    old, programmes = t["communication_principles"], t["programmes"]
    rows = conn.execute(sa.select(old, programmes.c.key.label("programme_key")).join(
        programmes, programmes.c.id == old.c.programme_id).order_by(old.c.programme_id, old.c.position,
                                                                    old.c.id)).mappings().all()
    by_programme: dict[str, list] = {}
    for row in rows:
        by_programme.setdefault(row["programme_key"], []).append(row)
    now = datetime.now(timezone.utc)
    for programme_key, found in by_programme.items():
        first, set_key = found[0], f"{programme_key}-communication-principles"
        set_id = conn.execute(t["principle_sets"].insert().values(
            key=set_key, kind="communication", title=SET_TITLE, programme_key=programme_key, version=1,
            created_at=now, created_by=first["created_by"], updated_at=now, updated_by=first["updated_by"],
            source_document=first["source_document"], source_section=first["source_section"])).inserted_primary_key[0]
        for number, row in enumerate(found, start=1):
            conn.execute(t["principles"].insert().values(
                set_id=set_id, key=f"{set_key}-{number}", number=str(number), position=number, name=row["name"],
                text=row["description"] or row["name"], version=1, created_at=row["created_at"],
                created_by=row["created_by"], updated_at=row["updated_at"], updated_by=row["updated_by"],
                source_document=row["source_document"], source_section=row["source_section"]))


def upgrade() -> None:
    with op.batch_alter_table('principle_sets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('programme_key', sa.String(length=80), nullable=True))
        batch_op.create_index(batch_op.f('ix_principle_sets_programme_key'), ['programme_key'], unique=False)
    _copy_into_the_register(_tables())
    with op.batch_alter_table('communication_principles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_communication_principles_programme_id'))
    op.drop_table('communication_principles')


def downgrade() -> None:
    op.create_table('communication_principles',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
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
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_communication_principles_programme_id_programmes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_communication_principles')),
    sa.UniqueConstraint('programme_id', 'key', name=op.f('uq_communication_principles_programme_id'))
    )
    with op.batch_alter_table('communication_principles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_communication_principles_programme_id'), ['programme_id'], unique=False)
    t = _tables()
    conn = op.get_bind()
    sets, principles, programmes = t["principle_sets"], t["principles"], t["programmes"]
    found = conn.execute(sa.select(principles, sets.c.programme_key, programmes.c.id.label("programme_id"))
                         .join(sets, sets.c.id == principles.c.set_id)
                         .join(programmes, programmes.c.key == sets.c.programme_key)
                         .where(sets.c.kind == "communication")).mappings().all()
    for row in found:
        conn.execute(t["communication_principles"].insert().values(
            programme_id=row["programme_id"], key=row["key"][:80], position=row["position"],
            name=(row["name"] or row["number"])[:200], description=row["text"], version=1,
            created_at=row["created_at"], created_by=row["created_by"], updated_at=row["updated_at"],
            updated_by=row["updated_by"], source_document=row["source_document"],
            source_section=row["source_section"]))
    _remove_moved_sets(conn, t, [row["set_id"] for row in found])
    with op.batch_alter_table('principle_sets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_principle_sets_programme_key'))
        batch_op.drop_column('programme_key')


def _remove_moved_sets(conn, t, set_ids: list[int]) -> None:
    """The sets put back in the old table leave the register, with what cited their principles."""
    if not set_ids:
        return
    meta = sa.MetaData()
    principle_ids = sa.select(t["principles"].c.id).where(t["principles"].c.set_id.in_(set_ids))
    for name in ("decision_principles", "impact_assessment_principles", "function_allocation_principles"):
        links = sa.Table(name, meta, autoload_with=conn)
        conn.execute(links.delete().where(links.c.principle_id.in_(principle_ids)))
    conn.execute(t["principles"].delete().where(t["principles"].c.set_id.in_(set_ids)))
    conn.execute(t["principle_sets"].delete().where(t["principle_sets"].c.id.in_(set_ids)))
