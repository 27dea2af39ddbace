"""Highlight reports: one per project per reporting period, drafted and submitted by the project lead; each
submission is kept as it was submitted, so a report changed after submission is a new revision with history."""

from datetime import date, datetime

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, SoftDeleted, utcnow
from caresystem.programme.plan import Project


class HighlightReport(Audited, SoftDeleted, Base):
    """The report's own words and RAG ratings. Risks, issues and milestones are not copied in: they are read from
    the registers as they stood at the period's end (see `live.py`)."""

    __tablename__ = "highlight_reports"
    __table_args__ = (UniqueConstraint("project_id", "period"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"), nullable=False, index=True)
    period: Mapped[str] = mapped_column(String(7), nullable=False, index=True)        # YYYY-MM
    period_start: Mapped[date] = mapped_column(Date, nullable=False)
    period_end: Mapped[date] = mapped_column(Date, nullable=False)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft", index=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    rag_overall: Mapped[str | None] = mapped_column(String(10))
    rag_schedule: Mapped[str | None] = mapped_column(String(10))
    rag_resources: Mapped[str | None] = mapped_column(String(10))
    rag_risk: Mapped[str | None] = mapped_column(String(10))
    summary: Mapped[str | None] = mapped_column(Text)
    achievements: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    decisions_needed: Mapped[str | None] = mapped_column(Text)
    issues_summary: Mapped[str | None] = mapped_column(Text)
    linked_issues: Mapped[list] = mapped_column(JSON, nullable=False, default=list)  # issue references
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    submitted_by: Mapped[str | None] = mapped_column(String(100))

    project: Mapped[Project] = relationship(lazy="joined")
    submissions: Mapped[list["HighlightSubmission"]] = relationship(
        back_populates="report", order_by="HighlightSubmission.revision", cascade="all, delete-orphan")


class HighlightSubmission(Base):
    """Append-only: the report's content as submitted, one row per revision; the roll-up reads the latest one."""

    __tablename__ = "highlight_submissions"
    __table_args__ = (UniqueConstraint("report_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("highlight_reports.id", ondelete="CASCADE"), nullable=False,
                                           index=True)
    revision: Mapped[int] = mapped_column(Integer, nullable=False)
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    submitted_by: Mapped[str] = mapped_column(String(100), nullable=False)
    content: Mapped[dict] = mapped_column(JSON, nullable=False)
    reason: Mapped[str | None] = mapped_column(Text)   # why the previous revision was reopened

    report: Mapped[HighlightReport] = relationship(back_populates="submissions")
