"""The functions and decision-making map: which level holds each function, how, and why (subsidiarity)."""

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, Dated, Publishable, Sourced
from caresystem.system.functions.schemas import LEVELS
from caresystem.system.principles import Principle, function_allocation_principles


class SubsidiarityTest(Audited, Sourced, Base):
    """One of the tests a system applies when deciding whether a function sits at system or place."""

    __tablename__ = "subsidiarity_tests"

    key: Mapped[str] = mapped_column(String(20), unique=True, nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)


class Function(Audited, Sourced, Publishable, Base):
    __tablename__ = "functions"

    key: Mapped[str] = mapped_column(String(100), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    allocations: Mapped[list["FunctionAllocation"]] = relationship(
        back_populates="function", cascade="all, delete-orphan", order_by="FunctionAllocation.id")


class FunctionAllocation(Audited, Dated, Sourced, Base):
    """A function held at one level by one holder under one arrangement, with the tests answered."""

    __tablename__ = "function_allocations"
    __table_args__ = (UniqueConstraint("function_id", "level", "valid_from"),)

    function_id: Mapped[int] = mapped_column(ForeignKey("functions.id", ondelete="CASCADE"), nullable=False,
                                             index=True)
    level: Mapped[str] = mapped_column(String(30), nullable=False)
    holder: Mapped[str] = mapped_column(String(300), nullable=False)
    arrangement: Mapped[str] = mapped_column(String(30), nullable=False)
    tests: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)  # test key -> {answer, rationale}
    notes: Mapped[str | None] = mapped_column(Text)
    function: Mapped[Function] = relationship(back_populates="allocations")
    principles: Mapped[list[Principle]] = relationship(secondary=function_allocation_principles,
                                                       order_by=Principle.key)

    @property
    def level_label(self) -> str:
        """The level as people say it ("Provider collaborative"), for pages and messages."""
        return LEVELS.get(self.level, self.level)
