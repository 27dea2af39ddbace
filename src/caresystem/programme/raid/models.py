"""RAID tables: risks with inherent, current and target assessments and their score history, escalation rules as
data, and the assumptions, issues, dependencies, decisions and actions logs (PID sections 2.6 and 7)."""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, SoftDeleted, Sourced, utcnow
from caresystem.system.principles import Principle, decision_principles


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
    owner: Mapped[str | None] = mapped_column(String(200))  # the owner's name, or free text
    # The key of the person in the system model who owns it (people.key; a key, like body keys, so the system model
    # reloads without touching the register); null when the owner is free text.
    owner_person: Mapped[str | None] = mapped_column(String(80), index=True)
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
    assumption_id: Mapped[int | None] = mapped_column(ForeignKey("assumptions.id"))  # raised when it failed

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


class RegisterEntry(Audited, Sourced, SoftDeleted):
    """What every log entry has: a reference unique in its programme, a title, an owner and a status."""

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    reference: Mapped[str] = mapped_column(String(20), nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), nullable=False, index=True)


class Assumption(RegisterEntry, Base):
    """PID 2.6: recorded, owned and continually tested; one found invalid becomes a risk or an issue."""

    __tablename__ = "assumptions"
    __table_args__ = (UniqueConstraint("programme_id", "reference"),)

    how_tested: Mapped[str | None] = mapped_column(Text)
    last_tested: Mapped[date | None] = mapped_column(Date)
    next_test_due: Mapped[date | None] = mapped_column(Date, index=True)


class Issue(RegisterEntry, Base):
    __tablename__ = "issues"
    __table_args__ = (UniqueConstraint("programme_id", "reference"),)

    priority: Mapped[str | None] = mapped_column(String(20))
    raised_on: Mapped[date | None] = mapped_column(Date)
    resolve_by: Mapped[date | None] = mapped_column(Date)
    resolution: Mapped[str | None] = mapped_column(Text)
    assumption_id: Mapped[int | None] = mapped_column(ForeignKey("assumptions.id"))
    assumption: Mapped[Assumption | None] = relationship(lazy="selectin")


class Dependency(RegisterEntry, Base):
    __tablename__ = "dependencies"
    __table_args__ = (UniqueConstraint("programme_id", "reference"),)

    direction: Mapped[str | None] = mapped_column(String(20))  # inbound: we depend on them; outbound: they on us
    depends_on: Mapped[str | None] = mapped_column(Text)
    needed_by: Mapped[date | None] = mapped_column(Date)


class Decision(RegisterEntry, Base):
    """The decisions log: which body decided what, and when."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("programme_id", "reference"),)

    body_key: Mapped[str | None] = mapped_column(String(80), index=True)
    decided_on: Mapped[date | None] = mapped_column(Date)
    rationale: Mapped[str | None] = mapped_column(Text)
    principles: Mapped[list[Principle]] = relationship(secondary=decision_principles, order_by=Principle.key)
    programme: Mapped["Programme"] = relationship(viewonly=True)  # noqa: F821 (by name: programme.core's model)


class Action(RegisterEntry, Base):
    """The actions log; an action linked to a risk is one of its mitigating actions."""

    __tablename__ = "actions"
    __table_args__ = (UniqueConstraint("programme_id", "reference"),)

    # The key of the person in the system model who owns it (people.key, as a risk's owner_person); null when the
    # owner is free text. Actions agreed at meetings are owned by people more than any other log's entries.
    owner_person: Mapped[str | None] = mapped_column(String(80), index=True)
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    completed_on: Mapped[date | None] = mapped_column(Date)
    risk_id: Mapped[int | None] = mapped_column(ForeignKey("risks.id"), index=True)
    risk: Mapped[Risk | None] = relationship(lazy="selectin")
