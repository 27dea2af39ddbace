"""Organisations of the system (NHS bodies, councils, PCNs, practices, partners) with dated figures."""

from datetime import date
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, Dated, Publishable, Sourced


class Organisation(Audited, Dated, Sourced, Publishable, Base):
    __tablename__ = "organisations"

    code: Mapped[str] = mapped_column(String(12), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False, index=True)
    short_name: Mapped[str | None] = mapped_column(String(120))
    type: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    place_code: Mapped[str | None] = mapped_column(String(40), index=True)
    parent_code: Mapped[str | None] = mapped_column(String(12), index=True)  # a practice's PCN
    successor_code: Mapped[str | None] = mapped_column(String(12), index=True)
    postcode: Mapped[str | None] = mapped_column(String(10))
    districts: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    illustrative: Mapped[bool] = mapped_column(default=False, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)

    populations: Mapped[list["RegisteredPopulation"]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan", order_by="RegisteredPopulation.as_at")
    budgets: Mapped[list["Budget"]] = relationship(back_populates="organisation", cascade="all, delete-orphan",
                                                   order_by="Budget.year")


class RegisteredPopulation(Audited, Sourced, Base):
    """Registered population (and practice count, for commissioners) on a date."""

    __tablename__ = "registered_populations"
    __table_args__ = (UniqueConstraint("organisation_id", "as_at"),)

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False)
    as_at: Mapped[date] = mapped_column(Date, nullable=False)
    registered_population: Mapped[int] = mapped_column(Integer, nullable=False)
    practices: Mapped[int | None] = mapped_column(Integer)
    organisation: Mapped[Organisation] = relationship(back_populates="populations")


class Budget(Audited, Sourced, Base):
    __tablename__ = "budgets"
    __table_args__ = (UniqueConstraint("organisation_id", "year"),)

    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False)
    year: Mapped[str] = mapped_column(String(7), nullable=False)  # financial year, "2019/20"
    amount_gbp_millions: Mapped[Decimal] = mapped_column(Numeric(12, 2), nullable=False)
    organisation: Mapped[Organisation] = relationship(back_populates="budgets")
