"""Impact assessment tables: the programme's domains (data, PID 6.2) and the assessments rated on them."""

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, SoftDeleted, Sourced
from caresystem.system.principles import Principle, impact_assessment_principles


class ImpactDomain(Audited, Sourced, Base):
    """A domain every proposal is rated on (PID 6.2: safety, effectiveness, experience, ...)."""

    __tablename__ = "impact_domains"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class ImpactAssessment(Audited, Sourced, SoftDeleted, Base):
    """Ratings are kept as {key: {"rating", "narrative"}} so one version and one audit entry cover a whole edit."""

    __tablename__ = "impact_assessments"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)  # the proposal
    description: Mapped[str | None] = mapped_column(Text)
    project: Mapped[str | None] = mapped_column(String(80))
    owner: Mapped[str | None] = mapped_column(String(200), index=True)
    assessed_on: Mapped[date | None] = mapped_column(Date)
    domain_ratings: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    equality_ratings: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)
    mitigations: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(String(40), index=True)
    outcome_rationale: Mapped[str | None] = mapped_column(Text)
    signed_off_by: Mapped[str | None] = mapped_column(String(200))
    signed_off_on: Mapped[date | None] = mapped_column(Date)
    principles: Mapped[list[Principle]] = relationship(secondary=impact_assessment_principles,
                                                       order_by=Principle.key)
    programme: Mapped["Programme"] = relationship(viewonly=True)  # noqa: F821 (by name: programme.core's model)
