"""The principles register: sets of principles the system's documents state (rules of engagement, design,
partnership, person-centred, communication), each principle numbered as its document numbers it, and the link
tables through which a decision, an impact assessment or a function allocation cites them."""

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, Dated, Sourced


KINDS = {"rules_of_engagement": "Rules of engagement", "design": "Design principles",
         "partnership": "Partnership principles", "person_centred": "Person-centred principles",
         "communication": "Communication and engagement principles"}
KIND_SINGULAR = {"rules_of_engagement": "rule of engagement", "design": "design principle",
                 "partnership": "partnership principle", "person_centred": "person-centred principle",
                 "communication": "communication principle"}


def _citation_table(name: str, citing_table: str, citing_column: str) -> Table:
    return Table(name, Base.metadata,
                 Column(citing_column, ForeignKey(f"{citing_table}.id", ondelete="CASCADE"), primary_key=True),
                 Column("principle_id", ForeignKey("principles.id", ondelete="CASCADE"), primary_key=True,
                        index=True),
                 # where a document says the record applies the principle (the example's citations); empty when
                 # cited through the application
                 Column("source_document", String(40)), Column("source_section", String(200)))


# The citing records hold the writable side of each link (so a change of what they cite bumps their version and is
# audited on them, old -> new); a principle reads the same tables to list what cites it.
decision_principles = _citation_table("decision_principles", "decisions", "decision_id")
impact_assessment_principles = _citation_table("impact_assessment_principles", "impact_assessments",
                                               "impact_assessment_id")
function_allocation_principles = _citation_table("function_allocation_principles", "function_allocations",
                                                 "function_allocation_id")


class PrincipleSet(Audited, Dated, Sourced, Base):
    """A set of principles as one document states them, dated as that document is; in force from/to (`Dated`)."""

    __tablename__ = "principle_sets"

    key: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(30), nullable=False, index=True)
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    introduction: Mapped[str | None] = mapped_column(Text)
    document_dated: Mapped[date | None] = mapped_column(Date)
    # the programme whose document states the set (a programme's communication principles); empty: the system's
    programme_key: Mapped[str | None] = mapped_column(String(80), index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    principles: Mapped[list["Principle"]] = relationship(
        back_populates="principle_set", cascade="all, delete-orphan", order_by="Principle.position")


class Principle(Audited, Sourced, Base):
    """One principle of a set: its number in the document ("4", "a"), its heading where it has one, its words."""

    __tablename__ = "principles"
    __table_args__ = (UniqueConstraint("set_id", "number"),)

    set_id: Mapped[int] = mapped_column(ForeignKey("principle_sets.id", ondelete="CASCADE"), nullable=False,
                                        index=True)
    key: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)  # "<set key>-<number>"
    number: Mapped[str] = mapped_column(String(10), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    name: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, nullable=False)
    principle_set: Mapped[PrincipleSet] = relationship(back_populates="principles")
    # what cites it, read only: the citing side owns the link (see the tables above)
    decisions: Mapped[list["Decision"]] = relationship(secondary=decision_principles, viewonly=True)
    impact_assessments: Mapped[list["ImpactAssessment"]] = relationship(
        secondary=impact_assessment_principles, viewonly=True)
    function_allocations: Mapped[list["FunctionAllocation"]] = relationship(
        secondary=function_allocation_principles, viewonly=True)

    @property
    def citation(self) -> str:
        """How a board names it: "design principle 4"."""
        return f"{KIND_SINGULAR.get(self.principle_set.kind, 'principle')} {self.number}"
