"""Engagement tables: audiences, stakeholders with the forums they sit on, the
communications plan with its generated occurrences, and the "You said, we did" log (PID section 8)."""

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, SoftDeleted, Sourced


class Audience(Audited, Sourced, SoftDeleted, Base):
    """A key audience and why it is engaged (PID 8.2)."""

    __tablename__ = "audiences"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    includes: Mapped[str | None] = mapped_column(Text)
    rationale: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)


class Stakeholder(Audited, Sourced, SoftDeleted, Base):
    """A stakeholder organisation or group, the forums it sits on and who fills the role there (PID 8.2).

    `forums` is a list of {forum, body, filled_by: [..], tbc, notes}: it is edited with the stakeholder, so its
    changes are versioned and audited with it. Influence and interest (1-5) place it on the map.
    """

    __tablename__ = "stakeholders"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    organisations: Mapped[list] = mapped_column(JSON, nullable=False, default=list)  # organisation codes
    forums: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    influence: Mapped[int | None] = mapped_column(Integer)
    interest: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class Communication(Audited, Sourced, SoftDeleted, Base):
    """One tool of the communications plan (PID 8.3): what, how often, who is responsible, for which audiences."""

    __tablename__ = "communications"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    tool: Mapped[str] = mapped_column(Text, nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    category: Mapped[str | None] = mapped_column(String(30))
    frequency: Mapped[str] = mapped_column(String(20), nullable=False, default="tbc")
    frequency_text: Mapped[str | None] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(200), index=True)
    audience_text: Mapped[str | None] = mapped_column(Text)
    audience_keys: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)

    programme: Mapped["Programme"] = relationship(viewonly=True)  # noqa: F821 (by name: programme.core's model)
    occurrences: Mapped[list["CommunicationOccurrence"]] = relationship(
        back_populates="communication", order_by="CommunicationOccurrence.due_on", cascade="all, delete-orphan",
        lazy="selectin")  # a page of communications loads its occurrences in one query


class CommunicationOccurrence(Audited, Base):
    """A dated instance of a communication, generated from its frequency; marked done by someone, with a note."""

    __tablename__ = "communication_occurrences"
    __table_args__ = (UniqueConstraint("communication_id", "due_on"),)

    communication_id: Mapped[int] = mapped_column(ForeignKey("communications.id", ondelete="CASCADE"),
                                                  nullable=False, index=True)
    due_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    done_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    done_by: Mapped[str | None] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)

    communication: Mapped[Communication] = relationship(back_populates="occurrences", lazy="joined")


class YouSaidWeDid(Audited, Sourced, SoftDeleted, Base):
    """What an audience or forum told us and what we did about it (document 001 section 5.5); published entries
    are public."""

    __tablename__ = "you_said_we_did"
    __table_args__ = (UniqueConstraint("programme_id", "reference"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    reference: Mapped[str] = mapped_column(String(80), nullable=False)
    said_on: Mapped[date | None] = mapped_column(Date, index=True)
    date_text: Mapped[str | None] = mapped_column(String(200))
    audience_key: Mapped[str | None] = mapped_column(String(80))
    forum: Mapped[str | None] = mapped_column(String(300))
    you_said: Mapped[str] = mapped_column(Text, nullable=False)
    we_did: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="open", index=True)
    published: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, index=True)
