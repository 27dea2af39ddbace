"""Plan tables: objectives, roles, projects, workstreams, deliverables, milestones, the dependency edges between
them, the resource plan and sign-offs (PID sections 2.5, 3.3-3.5, 4, 5 and 9). People are text, as the PID gives them.
"""

from datetime import date

from sqlalchemy import (JSON, Boolean, Column, Date, Float, ForeignKey, Integer, String, Table, Text, UniqueConstraint,
                        event)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, SoftDeleted, Sourced
from caresystem.programme.plan import slippage


class PlanRecord(Audited, Sourced, SoftDeleted):
    """What every plan record has: a key unique in its programme (the reference users and files use) and notes."""

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(80), nullable=False)
    notes: Mapped[str | None] = mapped_column(Text)


def _link_table(name: str, left: str, right: str) -> Table:
    return Table(name, Base.metadata,
                 Column(f"{left[:-1]}_id", ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
                 Column(f"{right[:-1]}_id", ForeignKey(f"{right}.id", ondelete="CASCADE"), primary_key=True))


milestone_projects = _link_table("milestone_projects", "milestones", "projects")
milestone_workstreams = _link_table("milestone_workstreams", "milestones", "workstreams")
deliverable_projects = _link_table("deliverable_projects", "deliverables", "projects")
resource_line_projects = _link_table("resource_line_projects", "resource_lines", "projects")


class Objective(PlanRecord, Base):
    """PID 2.5: the primary objective, the secondary objectives the core projects deliver, and enabling ones."""

    __tablename__ = "objectives"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    kind: Mapped[str] = mapped_column(String(20), nullable=False)
    number: Mapped[str | None] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text, nullable=False)
    sub_items: Mapped[list] = mapped_column(JSON, nullable=False, default=list)


class PlanRole(PlanRecord, Base):
    """PID 3.4: what a senior sponsor, project lead director, workstream lead... is responsible for."""

    __tablename__ = "plan_roles"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    title: Mapped[str] = mapped_column(String(300), nullable=False)
    applies_to: Mapped[str] = mapped_column(String(20), nullable=False)
    responsibility: Mapped[str | None] = mapped_column(Text)


class Interchanged:
    """The id a plan file gives the record (a Microsoft Project task GUID, a spreadsheet's unique id), so importing
    a later version of the file updates the record instead of adding another."""

    external_id: Mapped[str | None] = mapped_column(String(200), index=True)


class Project(PlanRecord, Interchanged, Base):
    """A core constituent project and who fills its key roles (PID 3.5)."""

    __tablename__ = "projects"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    name: Mapped[str] = mapped_column(String(300), nullable=False)
    level: Mapped[str | None] = mapped_column(String(30))
    place: Mapped[str | None] = mapped_column(String(40))
    governance_body: Mapped[str | None] = mapped_column(String(80))
    senior_sponsor: Mapped[str | None] = mapped_column(Text)
    project_lead_director: Mapped[str | None] = mapped_column(Text)
    icp_gp_lead: Mapped[str | None] = mapped_column(Text)
    non_executive_lead: Mapped[str | None] = mapped_column(Text)
    objectives: Mapped[list] = mapped_column(JSON, nullable=False, default=list)  # objective keys


class Workstream(PlanRecord, Interchanged, Base):
    """A cross-cutting workstream, its lead and the levels it serves (PID 3.3)."""

    __tablename__ = "workstreams"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    name: Mapped[str] = mapped_column(String(300), nullable=False)
    lead: Mapped[str | None] = mapped_column(Text)
    levels: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    governance_body: Mapped[str | None] = mapped_column(String(80))


class Scheduled:
    """A dated piece of the plan: owner, baseline, forecast and actual dates and a status. RAG is derived."""

    title: Mapped[str] = mapped_column(Text, nullable=False)
    owner: Mapped[str | None] = mapped_column(String(200), index=True)  # the owner's name, or free text
    # The key of the person in the system model who owns it (people.key, as a risk's owner_person); null when the
    # owner is free text.
    owner_person: Mapped[str | None] = mapped_column(String(80), index=True)
    baseline_date: Mapped[date | None] = mapped_column(Date)
    forecast_date: Mapped[date | None] = mapped_column(Date)
    actual_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="not_started", index=True)
    # Derived from the dates on every write and kept for filtering, counting and sorting by RAG in SQL (like a
    # risk's current_score); never typed. RAG itself depends on today, so it is computed when read.
    due_date: Mapped[date | None] = mapped_column(Date, index=True)      # forecast, else baseline
    slip_days: Mapped[int | None] = mapped_column(Integer)               # forecast minus baseline


def _derive_dates(_mapper, _connection, item) -> None:
    item.due_date = slippage.due_date(item.baseline_date, item.forecast_date)
    item.slip_days = slippage.slip(item.baseline_date, item.forecast_date)


class Deliverable(PlanRecord, Scheduled, Interchanged, Base):
    __tablename__ = "deliverables"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    kind: Mapped[str | None] = mapped_column(String(30))
    number: Mapped[str | None] = mapped_column(String(10))
    workstream_id: Mapped[int | None] = mapped_column(ForeignKey("workstreams.id"), index=True)
    workstream: Mapped[Workstream | None] = relationship(lazy="joined")
    projects: Mapped[list[Project]] = relationship(secondary=deliverable_projects, order_by=Project.key)


class Milestone(PlanRecord, Scheduled, Interchanged, Base):
    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    date_text: Mapped[str | None] = mapped_column(String(100))
    projects: Mapped[list[Project]] = relationship(secondary=milestone_projects, order_by=Project.key)
    workstreams: Mapped[list[Workstream]] = relationship(secondary=milestone_workstreams, order_by=Workstream.key)


class PlanDependency(Audited, Base):
    """One edge of the plan's dependency network: the successor cannot be due before the predecessor (+ lag).

    Items are (type, id) pairs so milestones, deliverables and projects share one network; the service refuses an
    edge that would close a cycle. This is the plan's network, not the RAID dependencies log.
    """

    __tablename__ = "plan_dependencies"
    __table_args__ = (UniqueConstraint("programme_id", "predecessor_type", "predecessor_id", "successor_type",
                                       "successor_id"),)

    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id"), nullable=False, index=True)
    predecessor_type: Mapped[str] = mapped_column(String(20), nullable=False)
    predecessor_id: Mapped[int] = mapped_column(Integer, nullable=False)
    successor_type: Mapped[str] = mapped_column(String(20), nullable=False)
    successor_id: Mapped[int] = mapped_column(Integer, nullable=False)
    lag_days: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    # FS, SS, FF or SF as planning tools give it; kept so a plan goes back to them as it came. The network itself
    # has one date per item (its due date), so every type constrains due date to due date plus the lag.
    link_type: Mapped[str] = mapped_column(String(2), nullable=False, default="FS", server_default="FS")
    note: Mapped[str | None] = mapped_column(Text)


class ResourceLine(PlanRecord, Base):
    """A row of the resource plan (PID 5); its cost comes from the programme's pay-band table, never typed."""

    __tablename__ = "resource_lines"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    role: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    holder: Mapped[str | None] = mapped_column(Text)
    posts: Mapped[int | None] = mapped_column(Integer)
    wte: Mapped[float | None] = mapped_column(Float)
    band: Mapped[str | None] = mapped_column(String(20))
    additional: Mapped[bool | None] = mapped_column(Boolean)
    source_organisation: Mapped[str | None] = mapped_column(String(20))
    source_organisation_text: Mapped[str | None] = mapped_column(String(300))
    projects: Mapped[list[Project]] = relationship(secondary=resource_line_projects, order_by=Project.key)


class SignOff(PlanRecord, Base):
    """A member organisation's sign-off of the programme document (PID 9)."""

    __tablename__ = "sign_offs"
    __table_args__ = (UniqueConstraint("programme_id", "key"),)

    organisation: Mapped[str | None] = mapped_column(String(20))
    organisation_name: Mapped[str] = mapped_column(String(300), nullable=False)
    signatory: Mapped[str | None] = mapped_column(String(300))
    signed_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), nullable=False, default="awaiting", index=True)


for _model in (Deliverable, Milestone):
    event.listen(_model, "before_insert", _derive_dates)
    event.listen(_model, "before_update", _derive_dates)
