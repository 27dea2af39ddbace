"""The planning framework a system's documents set out: its footprints, the levels at which services are planned
and their catchments, the taxonomy of focus areas and enablers, the work areas and where each is planned, the
strategic approaches, the national clinical priorities and the roles that lead the plan; dated as the document is."""

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, Dated, Sourced

# kind -> its heading, in the order a framework's page shows them
KINDS = {
    "level": "Planning levels",
    "catchment": "Catchments",
    "footprint": "Local plan footprints",
    "strategic_approach": "Strategic approaches",
    "clinical_priority": "National clinical priorities",
    "focus_area": "Focus areas",
    "enabler": "Strategic enablers",
    "work_area": "Work areas",
    "structure_section": "Structure of the plan",
    "role": "Roles",
}
# where a work area is planned (the document's "local or system focus")
SCALES = {"local": "Drawn from local plans", "system": "Planned across the system",
          "both": "Local plans and across the system"}


class PlanningFramework(Audited, Dated, Sourced, Base):
    """A planning framework as one document states it, in force from/to (`Dated`)."""

    __tablename__ = "planning_frameworks"

    key: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    introduction: Mapped[str | None] = mapped_column(Text)
    document_dated: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    items: Mapped[list["PlanningItem"]] = relationship(
        back_populates="framework", cascade="all, delete-orphan", order_by="PlanningItem.position")

    def of_kind(self, kind: str) -> list["PlanningItem"]:
        return [i for i in self.items if i.kind == kind]


class PlanningItem(Audited, Sourced, Base):
    """One row of a framework: a level, a catchment, a focus area, a work area, ... numbered as its document numbers
    it within its kind; `parent` is the number of the item of the same framework it sits under (a catchment under
    its level, a health intervention under its focus area). Each row cites its own paragraph or attachment."""

    __tablename__ = "planning_items"
    __table_args__ = (UniqueConstraint("framework_id", "kind", "number"),)

    framework_id: Mapped[int] = mapped_column(ForeignKey("planning_frameworks.id", ondelete="CASCADE"),
                                              nullable=False, index=True)
    key: Mapped[str] = mapped_column(String(140), unique=True, nullable=False)  # "<framework>-<kind>-<number>"
    kind: Mapped[str] = mapped_column(String(30), nullable=False, index=True)
    number: Mapped[str] = mapped_column(String(10), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    parent: Mapped[str | None] = mapped_column(String(10))
    name: Mapped[str | None] = mapped_column(String(300))
    text: Mapped[str | None] = mapped_column(Text)
    scale: Mapped[str | None] = mapped_column(String(20))            # a work area: local | system | both
    services: Mapped[list] = mapped_column(JSON, default=list, nullable=False)       # a level's services
    footprints: Mapped[list] = mapped_column(JSON, default=list, nullable=False)     # its operational footprints
    social_care: Mapped[list] = mapped_column(JSON, default=list, nullable=False)    # integration with social care
    care_models: Mapped[list] = mapped_column(JSON, default=list, nullable=False)    # new care models
    organisations: Mapped[list] = mapped_column(JSON, default=list, nullable=False)  # organisation codes it covers
    population: Mapped[int | None] = mapped_column(Integer)          # a catchment's population, as the document gives
    beds: Mapped[int | None] = mapped_column(Integer)                # a catchment's beds, as the document gives
    body_key: Mapped[str | None] = mapped_column(String(80))         # a role: the governance body it leads or serves
    framework: Mapped[PlanningFramework] = relationship(back_populates="items")

    @property
    def label(self) -> str:
        return self.name or self.text or self.number
