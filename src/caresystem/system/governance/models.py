"""Governance bodies, their members, and people with the roles they hold."""

from datetime import date

from sqlalchemy import JSON, Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, Dated, Publishable, Sourced


class GovernanceBody(Audited, Dated, Sourced, Publishable, Base):
    __tablename__ = "governance_bodies"

    key: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    purpose: Mapped[str | None] = mapped_column(Text)
    frequency: Mapped[str | None] = mapped_column(String(200))
    chair: Mapped[str | None] = mapped_column(String(300))
    host_organisations: Mapped[list] = mapped_column(JSON, default=list, nullable=False)
    reports_to_id: Mapped[int | None] = mapped_column(ForeignKey("governance_bodies.id", ondelete="SET NULL"))
    # The reporting line holds from this date (null: from when both bodies are in force); "as at" views before it
    # show no line, e.g. an ICP that exists from 2020 but reports to the ICB board only once the ICB exists (2022).
    reports_to_from: Mapped[date | None] = mapped_column(Date)
    # The key of the body that took over when this one ended (the documents' "will succeed", "will take over from");
    # escalation notes name it so a rule pointing at an ended body says where that work went.
    succeeded_by: Mapped[str | None] = mapped_column(String(80))
    meets_in_public: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    delegated_authority: Mapped[str | None] = mapped_column(Text)

    reports_to: Mapped["GovernanceBody | None"] = relationship(remote_side="GovernanceBody.id")
    members: Mapped[list["Membership"]] = relationship(back_populates="body", cascade="all, delete-orphan",
                                                       order_by="Membership.id")


class Person(Audited, Sourced, Publishable, Base):
    __tablename__ = "people"

    key: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    roles: Mapped[list["PersonRole"]] = relationship(back_populates="person", cascade="all, delete-orphan")


class PersonRole(Audited, Dated, Sourced, Base):
    """A role a person holds in an organisation and/or a governance body."""

    __tablename__ = "person_roles"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    organisation_code: Mapped[str | None] = mapped_column(String(12))
    body_key: Mapped[str | None] = mapped_column(String(80))
    person: Mapped[Person] = relationship(back_populates="roles")


class Membership(Audited, Dated, Sourced, Base):
    """A seat on a body: filled by a named person, or by whoever holds a role in an organisation."""

    __tablename__ = "memberships"

    body_id: Mapped[int] = mapped_column(ForeignKey("governance_bodies.id", ondelete="CASCADE"), nullable=False,
                                         index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    role_title: Mapped[str | None] = mapped_column(String(300))
    organisation_code: Mapped[str | None] = mapped_column(String(12))
    membership_role: Mapped[str] = mapped_column(String(20), nullable=False, default="member")
    voting: Mapped[bool] = mapped_column(Boolean, default=True, nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)

    body: Mapped[GovernanceBody] = relationship(back_populates="members")
    person: Mapped[Person | None] = relationship()
