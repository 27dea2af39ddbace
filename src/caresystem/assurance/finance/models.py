"""Financial figures by organisation and financial year (plan, actual, forecast; monthly year to date where given),
the totals documents state (kept to check against the rows, never used as data), and workforce by staff group
(001 sections 4.2 and 4.4, 003 paragraph 12)."""

from datetime import date

from sqlalchemy import Date, Float, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from caresystem.db.base import Audited, Base, Sourced


class FinanceFigure(Audited, Sourced, Base):
    """One figure (GBP millions, surplus positive): e.g. the 2019/20 planned surplus/deficit of a CCG before
    sustainability funding. `month` is 1-12 for a year-to-date figure, null for the year."""

    __tablename__ = "finance_figures"
    __table_args__ = (UniqueConstraint("organisation_code", "financial_year", "metric", "basis", "month"),)

    organisation_code: Mapped[str] = mapped_column(String(12), nullable=False, index=True)
    financial_year: Mapped[str] = mapped_column(String(7), nullable=False, index=True)
    metric: Mapped[str] = mapped_column(String(40), nullable=False)
    basis: Mapped[str] = mapped_column(String(10), nullable=False)  # plan | actual | forecast
    month: Mapped[int | None] = mapped_column(Integer)
    value_gbp_m: Mapped[float] = mapped_column(Float, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class StatedTotal(Audited, Sourced, Base):
    """A total as a document states it (a table's total row, or a figure in its text) for a group of organisations;
    the system's own totals are computed from the rows and shown beside it, flagged where they differ."""

    __tablename__ = "finance_stated_totals"
    __table_args__ = (UniqueConstraint("group_key", "financial_year", "metric", "basis", "source_section"),)

    group_key: Mapped[str] = mapped_column(String(40), nullable=False)  # ccgs | providers | commissioners | system
    financial_year: Mapped[str] = mapped_column(String(7), nullable=False)
    metric: Mapped[str] = mapped_column(String(40), nullable=False)
    basis: Mapped[str] = mapped_column(String(10), nullable=False)
    value_gbp_m: Mapped[float] = mapped_column(Float, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)


class WorkforceFigure(Audited, Sourced, Base):
    """Full-time equivalent staff in post (or vacancies) in a staff group at a date, for an organisation or area."""

    __tablename__ = "workforce_figures"
    __table_args__ = (UniqueConstraint("entity_code", "as_at", "staff_group", "kind"),)

    entity_code: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    as_at: Mapped[date] = mapped_column(Date, nullable=False)
    staff_group: Mapped[str] = mapped_column(String(60), nullable=False)
    kind: Mapped[str] = mapped_column(String(12), nullable=False)  # in_post | vacancies
    fte: Mapped[float] = mapped_column(Float, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
