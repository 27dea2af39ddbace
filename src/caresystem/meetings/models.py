"""Meeting tables: terms of reference, the scheme of delegation, meetings, attendance, agenda items with their
minutes, papers and their versions, decisions and actions minuted, declarations of interest."""

from datetime import date, datetime

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, Dated, SoftDeleted, Sourced


class TermsOfReference(Audited, Sourced, Base):
    """How a body meets. Purpose, chair and whether it meets in public stay on the governance body itself."""

    __tablename__ = "terms_of_reference"

    body_key: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    frequency: Mapped[str | None] = mapped_column(String(20))        # weekly ... quarterly; none: as agreed
    vice_chair: Mapped[str | None] = mapped_column(String(300))
    quorum_share: Mapped[float | None] = mapped_column(Float)         # share of voting members who must be present
    quorum_chair_or_vice: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    quorum_roles: Mapped[list] = mapped_column(JSON, nullable=False, default=list)  # e.g. ["clinic"]: one present
    paper_deadline_days: Mapped[int | None] = mapped_column(Integer)  # working days before the meeting
    usual_time: Mapped[str] = mapped_column(String(5), nullable=False, default="10:00")  # Europe/London
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=120)
    location: Mapped[str | None] = mapped_column(String(300))


class Delegation(Audited, Dated, Sourced, Base):
    """The scheme of reservation and delegation: a function a body may decide, up to a limit, for a period."""

    __tablename__ = "delegations"
    __table_args__ = (UniqueConstraint("function_key", "body_key", "valid_from"),)

    function_key: Mapped[str] = mapped_column(String(100), nullable=False, index=True)
    body_key: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, default="delegated")  # reserved | delegated
    limit_amount: Mapped[float | None] = mapped_column(Float)         # pounds; none: no limit
    notes: Mapped[str | None] = mapped_column(Text)


class Meeting(Audited, Base):
    __tablename__ = "meetings"

    uid: Mapped[str] = mapped_column(String(120), unique=True, nullable=False)  # stable iCalendar UID
    body_key: Mapped[str] = mapped_column(String(80), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    starts_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, index=True)  # UTC
    duration_minutes: Mapped[int] = mapped_column(Integer, nullable=False, default=120)
    location: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="scheduled")  # scheduled | cancelled
    moved_from: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_reason: Mapped[str | None] = mapped_column(Text)
    ical_sequence: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    minutes_status: Mapped[str] = mapped_column(String(20), nullable=False, default="draft")  # draft | approved
    minutes_approved_on: Mapped[date | None] = mapped_column(Date)
    minutes_approved_at_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"))

    attendance: Mapped[list["Attendance"]] = relationship(back_populates="meeting", cascade="all, delete-orphan",
                                                          order_by="Attendance.id")
    items: Mapped[list["AgendaItem"]] = relationship(back_populates="meeting", cascade="all, delete-orphan",
                                                     order_by="AgendaItem.position")


class Attendance(Audited, Base):
    """One seat (or a guest) at one meeting: present, apologies, absent, or in attendance (not a member)."""

    __tablename__ = "attendance"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(300), nullable=False)   # the person, or the seat's role title
    person_key: Mapped[str | None] = mapped_column(String(80))
    membership_role: Mapped[str] = mapped_column(String(20), nullable=False, default="member")
    voting: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="absent")
    meeting: Mapped[Meeting] = relationship(back_populates="attendance")


class AgendaItem(Audited, Base):
    """An item: standing, added by the secretary, or pulled in by a rule (with why); its minutes sit on it."""

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("meeting_id", "source", "source_ref"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    title: Mapped[str] = mapped_column(Text, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False)      # standing | item | rule
    purpose: Mapped[str] = mapped_column(String(20), nullable=False, default="information")
    presenter: Mapped[str | None] = mapped_column(String(300))
    minutes_allowed: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(40))             # the standing item or rule that made it
    source_ref: Mapped[str | None] = mapped_column(String(120))        # which record it is about
    why: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), nullable=False, default="accepted")  # proposed|accepted|removed
    removed_reason: Mapped[str | None] = mapped_column(Text)
    discussion: Mapped[str | None] = mapped_column(Text)               # the minute
    meeting: Mapped[Meeting] = relationship(back_populates="items")


class MinutesAmendment(Base):
    """Append-only: a change to approved minutes, with who, when, why and the text before and after."""

    __tablename__ = "minutes_amendments"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), nullable=False)
    old_text: Mapped[str | None] = mapped_column(Text)
    new_text: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    made_by: Mapped[str] = mapped_column(String(100), nullable=False)
    made_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)


class MinutedDecision(Audited, Base):
    """A decision minuted at an item: the decisions log entry, the function it exercises and the delegation check."""

    __tablename__ = "minuted_decisions"

    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), nullable=False,
                                                index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"), nullable=False, unique=True)
    function_key: Mapped[str | None] = mapped_column(String(100))
    amount: Mapped[float | None] = mapped_column(Float)
    delegation: Mapped[str] = mapped_column(String(20), nullable=False)  # within | outside | above_limit | unmapped
    held_by: Mapped[list] = mapped_column(JSON, nullable=False, default=list)  # the bodies (or holders) that hold it
    explanation: Mapped[str] = mapped_column(Text, nullable=False)


class MinutedAction(Base):
    __tablename__ = "minuted_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), nullable=False,
                                                index=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id"), nullable=False, unique=True)
    body_key: Mapped[str] = mapped_column(String(80), nullable=False, index=True)


class Paper(Audited, SoftDeleted, Base):
    """A paper for an agenda item, with its cover sheet; its file is in versions, the newest is current."""

    __tablename__ = "papers"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    public: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False)
    author: Mapped[str | None] = mapped_column(String(300))
    purpose: Mapped[str] = mapped_column(String(20), nullable=False, default="information")
    recommendation: Mapped[str | None] = mapped_column(Text)
    linked_risks: Mapped[list] = mapped_column(JSON, nullable=False, default=list)  # risk references
    versions: Mapped[list["PaperVersion"]] = relationship(back_populates="paper", cascade="all, delete-orphan",
                                                          order_by="PaperVersion.number")


class PaperVersion(Base):
    """Append-only: each upload of a paper's file, checked by its content."""

    __tablename__ = "paper_versions"
    __table_args__ = (UniqueConstraint("paper_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    paper_id: Mapped[int] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), nullable=False, index=True)
    number: Mapped[int] = mapped_column(Integer, nullable=False)
    filename: Mapped[str] = mapped_column(String(300), nullable=False)
    kind: Mapped[str] = mapped_column(String(10), nullable=False)     # pdf | docx | xlsx
    size: Mapped[int] = mapped_column(Integer, nullable=False)
    sha256: Mapped[str] = mapped_column(String(64), nullable=False)
    pages: Mapped[int | None] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, deferred=True)  # read only to serve it
    uploaded_by: Mapped[str] = mapped_column(String(100), nullable=False)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
    paper: Mapped[Paper] = relationship(back_populates="versions")


class Declaration(Audited, Base):
    """An interest declared at a meeting against an item, and what the person did about it."""

    __tablename__ = "declarations"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="SET NULL"))
    person_name: Mapped[str] = mapped_column(String(300), nullable=False)
    person_key: Mapped[str | None] = mapped_column(String(80))
    interest: Mapped[str] = mapped_column(Text, nullable=False)
    interest_reference: Mapped[str | None] = mapped_column(String(20))  # the entry in the register of interests
    action_taken: Mapped[str] = mapped_column(String(20), nullable=False)  # noted | withdrew | did_not_vote


class MemberAccount(Audited, Base):
    """Which person in the system model a user account is, so members can read their bodies' confidential papers."""

    __tablename__ = "member_accounts"

    username: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    person_key: Mapped[str] = mapped_column(String(80), nullable=False)


class MeetingPack(Base):
    """Append-only: a built pack (one PDF); the public pack holds public papers only, the members' pack all."""

    __tablename__ = "meeting_packs"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True)
    audience: Mapped[str] = mapped_column(String(10), nullable=False)  # public | members
    pages: Mapped[int] = mapped_column(Integer, nullable=False)
    content: Mapped[bytes] = mapped_column(LargeBinary, nullable=False, deferred=True)
    built_by: Mapped[str] = mapped_column(String(100), nullable=False)
    built_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
