"""Risks with inherent, current and target assessments; their score history; escalation rules as data."""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, SoftDeleted, Sourced, utcnow


class Risk(Audited, Sourced, SoftDeleted, Base):
    __tablename__ = "risks"
    __table_args__ = (UniqueConstraint("programme_id", "reference"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    reference: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    cause: Mapped[str | None] = mapped_column(Text)
    event: Mapped[str | None] = mapped_column(Text)
    effect: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(100))
    owner: Mapped[str | None] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(String(20), nullable=False, default="programme")
    scope_ref: Mapped[str | None] = mapped_column(String(80))
    inherent_impact: Mapped[int | None] = mapped_column(Integer)
    inherent_likelihood: Mapped[int | None] = mapped_column(Integer)
    current_impact: Mapped[int | None] = mapped_column(Integer)
    current_likelihood: Mapped[int | None] = mapped_column(Integer)
    target_impact: Mapped[int | None] = mapped_column(Integer)
    target_likelihood: Mapped[int | None] = mapped_column(Integer)
    current_score: Mapped[int | None] = mapped_column(Integer, index=True)  # derived, kept for filtering and sorting
    controls: Mapped[str | None] = mapped_column(Text)
    mitigation: Mapped[str | None] = mapped_column(Text)
    review_date: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open", index=True)
    opened_on: Mapped[date] = mapped_column(Date, nullable=False, default=date.today)

    history: Mapped[list["RiskScore"]] = relationship(back_populates="risk", order_by="RiskScore.id",
                                                      cascade="all, delete-orphan")


class RiskScore(Base):
    """Append-only: the current assessment each time it changed, so trend and mitigation efficacy can be judged."""

    __tablename__ = "risk_scores"

    id: Mapped[int] = mapped_column(primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id", ondelete="CASCADE"), nullable=False, index=True)
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    recorded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    impact: Mapped[int | None] = mapped_column(Integer)
    likelihood: Mapped[int | None] = mapped_column(Integer)
    score: Mapped[int | None] = mapped_column(Integer)
    risk: Mapped[Risk] = relationship(back_populates="history")


class EscalationRule(Audited, Sourced, Base):
    """Risks scoring at least `min_score` (optionally of one scope, or one place) go to a governance body."""

    __tablename__ = "escalation_rules"

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    min_score: Mapped[int] = mapped_column(Integer, nullable=False)
    scope: Mapped[str | None] = mapped_column(String(20))
    scope_ref: Mapped[str | None] = mapped_column(String(80))
    body_key: Mapped[str] = mapped_column(String(80), nullable=False)
