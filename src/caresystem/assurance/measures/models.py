"""Performance measures: the catalogue (reference data with direction and target), their data in one long format,
dated narratives, and the rules that route a measure's exceptions to governance bodies (003 attachment 1, 14)."""

from datetime import date

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, Publishable, Sourced


class Measure(Audited, Sourced, Publishable, Base):
    """A measure and its standard: which way is better, and the target with how it is met (>=, <=, =)."""

    __tablename__ = "measures"

    key: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    domain: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    unit: Mapped[str] = mapped_column(String(20), nullable=False)  # percent | count | ratio | gbp_m | fte | rate
    direction: Mapped[str] = mapped_column(String(10), nullable=False)  # higher | lower | neutral
    target: Mapped[float | None] = mapped_column(Float)
    target_operator: Mapped[str | None] = mapped_column(String(2))  # >= | <= | =
    description: Mapped[str | None] = mapped_column(Text)
    standard_text: Mapped[str | None] = mapped_column(Text)  # the standard as the source words it
    must_do: Mapped[int | None] = mapped_column(Integer)  # the planning priority it follows, by number


class MustDo(Audited, Sourced, Base):
    """A planning priority measures follow, such as the nine 'must dos' for 2016/17 (003 attachment 1)."""

    __tablename__ = "measure_priorities"

    number: Mapped[int] = mapped_column(Integer, unique=True, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)


class MeasureValue(Audited, Sourced, Base):
    """One period's figure for one organisation or area (an organisation, place or system code). A figure
    marked `illustrative` is made up to show the charts and never stands for a real period."""

    __tablename__ = "measure_values"
    __table_args__ = (UniqueConstraint("measure_id", "entity_code", "period"),
                      Index("ix_measure_values_series", "measure_id", "entity_code", "period"))

    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id", ondelete="CASCADE"), nullable=False)
    entity_code: Mapped[str] = mapped_column(String(40), nullable=False, index=True)
    period: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    illustrative: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    measure: Mapped[Measure] = relationship(lazy="joined")


class MeasureNarrative(Audited, Base):
    """What a measure's chart shows, the actions in hand and the risks linked, dated; kept, never overwritten by a
    later one (each period has its own), and every edit audited."""

    __tablename__ = "measure_narratives"
    __table_args__ = (UniqueConstraint("measure_id", "entity_code", "written_for"),)

    measure_id: Mapped[int] = mapped_column(ForeignKey("measures.id", ondelete="CASCADE"), nullable=False, index=True)
    entity_code: Mapped[str] = mapped_column(String(40), nullable=False)
    written_for: Mapped[date] = mapped_column(Date, nullable=False)  # the reporting period it comments on
    what_it_shows: Mapped[str] = mapped_column(Text, nullable=False)
    actions: Mapped[str | None] = mapped_column(Text)
    linked_risks: Mapped[list] = mapped_column(JSON, nullable=False, default=list)  # risk references


class MeasureEscalationRule(Audited, Sourced, Base):
    """A measure's exceptions (special cause concern, failing assurance, or either) in a domain, or for one measure
    or organisation, go to a governance body's escalations: rules as data, as risks have."""

    __tablename__ = "measure_escalation_rules"

    condition: Mapped[str] = mapped_column(String(30), nullable=False, default="either")
    domain: Mapped[str | None] = mapped_column(String(40))
    measure_key: Mapped[str | None] = mapped_column(String(80))
    entity_code: Mapped[str | None] = mapped_column(String(40))
    body_key: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
