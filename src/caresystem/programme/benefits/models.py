"""Benefits tables: a benefit, its measure (typed in, or later supplied by an analytics indicator), its dated
trajectory and actuals, and the rules that escalate a benefit off track (PID 6.1, document 001 section 5.3)."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, SoftDeleted, Sourced, utcnow


class Benefit(Audited, Sourced, SoftDeleted, Base):
    """A register entry. Its status is never stored: it is computed from the trajectory, the actuals and the
    programme's tolerance whenever it is shown."""

    __tablename__ = "benefits"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    objective: Mapped[str | None] = mapped_column(String(300))  # an aim's key, or its text
    title: Mapped[str] = mapped_column(Text, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    sub_items: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    beneficiaries: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    type: Mapped[str | None] = mapped_column(String(30), index=True)
    owner: Mapped[str | None] = mapped_column(String(200), index=True)
    project: Mapped[str | None] = mapped_column(String(80))
    baseline_value: Mapped[float | None] = mapped_column(Float)
    baseline_date: Mapped[date | None] = mapped_column(Date)
    target_value: Mapped[float | None] = mapped_column(Float)
    target_date: Mapped[date | None] = mapped_column(Date)
    target_text: Mapped[str | None] = mapped_column(Text)
    # an estimate given as a range (document 001 section 5.3), alongside or instead of the single target value
    target_low: Mapped[float | None] = mapped_column(Float)
    target_high: Mapped[float | None] = mapped_column(Float)
    notes: Mapped[str | None] = mapped_column(Text)

    measure: Mapped["BenefitMeasure | None"] = relationship(back_populates="benefit", lazy="selectin",
                                                            cascade="all, delete-orphan", uselist=False)
    trajectory: Mapped[list["TrajectoryPoint"]] = relationship(order_by="TrajectoryPoint.on_date", lazy="selectin",
                                                               cascade="all, delete-orphan")
    actuals: Mapped[list["BenefitActual"]] = relationship(order_by="BenefitActual.on_date", lazy="selectin",
                                                          cascade="all, delete-orphan")


class BenefitMeasure(Audited, Base):
    """How a benefit is measured. `source` says where actuals come from: typed in ('manual'), an analytics indicator
    ('indicator', named by `indicator_key`), or a performance measure of the assurance part for an organisation or
    area ('measure': `measure_key` and `measure_entity`), whose data then supplies every actual."""

    __tablename__ = "benefit_measures"

    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefits.id", ondelete="CASCADE"), nullable=False,
                                            unique=True)
    name: Mapped[str] = mapped_column(Text, nullable=False)
    unit: Mapped[str | None] = mapped_column(String(40))
    direction: Mapped[str | None] = mapped_column(String(10))  # increase | decrease: which way is better
    source: Mapped[str] = mapped_column(String(20), nullable=False, default="manual")
    indicator_key: Mapped[str | None] = mapped_column(String(120))
    measure_key: Mapped[str | None] = mapped_column(String(80))
    measure_entity: Mapped[str | None] = mapped_column(String(40))
    benefit: Mapped[Benefit] = relationship(back_populates="measure")


class TrajectoryPoint(Base):
    """A dated value the benefit is planned to reach; changes are recorded as events on the benefit's history."""

    __tablename__ = "benefit_trajectory_points"
    __table_args__ = (UniqueConstraint("benefit_id", "on_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefits.id", ondelete="CASCADE"), nullable=False)
    on_date: Mapped[date] = mapped_column(Date, nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)


class BenefitActual(Base):
    """A dated measured value: typed in, loaded, or (later) read from an analytics indicator."""

    __tablename__ = "benefit_actuals"
    __table_args__ = (UniqueConstraint("benefit_id", "on_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    benefit_id: Mapped[int] = mapped_column(ForeignKey("benefits.id", ondelete="CASCADE"), nullable=False)
    on_date: Mapped[date] = mapped_column(Date, nullable=False)
    value: Mapped[float] = mapped_column(Float, nullable=False)
    source: Mapped[str] = mapped_column(String(120), nullable=False, default="manual")
    note: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False, default="system")


class BenefitEscalationRule(Audited, Sourced, Base):
    """Benefits in `condition` (off_track, or at_risk: at risk or worse) go to a governance body. A rule whose
    recipients are not a governance body (e.g. "the CCG, PCN and ICP leadership") keeps them in `to_text`."""

    __tablename__ = "benefit_escalation_rules"

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    rule_key: Mapped[str | None] = mapped_column(String(80))
    condition: Mapped[str] = mapped_column(String(20), nullable=False, default="off_track")
    body_key: Mapped[str | None] = mapped_column(String(80), index=True)
    to_text: Mapped[str | None] = mapped_column(Text)
