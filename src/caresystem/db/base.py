"""The one declarative base and the mixins every mutable record uses."""

from datetime import date, datetime, timezone

from sqlalchemy import Date, DateTime, Integer, MetaData, String, and_, or_
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Audited:
    """Timestamps, who changed it, and an optimistic-concurrency `version`.

    SQLAlchemy adds `WHERE version = :old` to every UPDATE, so two writers who read the same version
    cannot both win; services also compare the version the client read (see `check_version`).
    """

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False, default="system")
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow,
                                                 nullable=False)
    updated_by: Mapped[str] = mapped_column(String(100), nullable=False, default="system")

    @declared_attr.directive
    def __mapper_args__(cls):
        return {"version_id_col": cls.version}


class Dated:
    """Valid from / valid to, so the system can be shown as at any date (open ends are null)."""

    valid_from: Mapped[date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)

    def is_valid_at(self, as_at: date) -> bool:
        return (self.valid_from is None or self.valid_from <= as_at) and (
            self.valid_to is None or self.valid_to >= as_at)


class SoftDeleted:
    deleted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


def as_at_filter(model, as_at: date):
    """SQL condition: the record is in force on `as_at`."""
    return and_(or_(model.valid_from.is_(None), model.valid_from <= as_at),
                or_(model.valid_to.is_(None), model.valid_to >= as_at))


class Sourced:
    """Where a record comes from: a source document and section, as the reference data cites it."""

    source_document: Mapped[str | None] = mapped_column(String(40), nullable=True)
    source_section: Mapped[str | None] = mapped_column(String(200), nullable=True)


class Publishable:
    """Anonymous visitors see only records marked public."""

    public: Mapped[bool] = mapped_column(default=True, nullable=False)
