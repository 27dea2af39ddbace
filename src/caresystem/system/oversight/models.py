"""Oversight lines: who oversees whom, for what, and through which bodies. Two kinds: the system's oversight strands
(document 002 section 6.1 names four for 2021/22) and the links of the accountability chain (providers to the ICS
NHS Body, the ICS NHS Body to NHS England and Improvement, NHS England and Improvement to DHSC)."""

from sqlalchemy import JSON, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from caresystem.db.base import Audited, Base, Dated, Sourced

KINDS = {"strand": "Oversight strand", "accountability": "Accountability"}


class OversightLine(Audited, Dated, Sourced, Base):
    """One line of oversight or accountability, in force from/to (`Dated`), numbered as its document numbers it."""

    __tablename__ = "oversight_lines"
    key: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(20), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False)
    number: Mapped[str | None] = mapped_column(String(10))  # "(ii)" as the document numbers a strand
    title: Mapped[str] = mapped_column(String(300), nullable=False)
    overseer: Mapped[str] = mapped_column(Text, nullable=False)  # who oversees, or to whom one is accountable
    overseen: Mapped[str] = mapped_column(Text, nullable=False)  # whom
    subject: Mapped[str] = mapped_column(Text, nullable=False)  # for what
    through: Mapped[str | None] = mapped_column(Text)  # "with and through the ICS NHS Body"
    # keys of the governance bodies the line runs through; the loader refuses a body not in force with the line
    body_keys: Mapped[list] = mapped_column(JSON, nullable=False, default=list)
    notes: Mapped[str | None] = mapped_column(Text)
