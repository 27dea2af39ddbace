"""The register of interests: one row per interest a person has declared, dated, with how it is managed."""

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from caresystem.db.base import Audited, Base, Dated, SoftDeleted
from caresystem.system.governance import Person


class Interest(Audited, Dated, SoftDeleted, Base):
    """An interest held from `valid_from` to `valid_to` (open end: still held); `kind` is one of INTEREST_TYPES."""

    __tablename__ = "interests"

    reference: Mapped[str] = mapped_column(String(20), unique=True, nullable=False)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(30), nullable=False, index=True)
    description: Mapped[str] = mapped_column(Text, nullable=False)
    organisation: Mapped[str | None] = mapped_column(String(300))
    action: Mapped[str | None] = mapped_column(Text)

    person: Mapped[Person] = relationship(lazy="joined")
