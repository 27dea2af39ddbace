"""The system and its places (integrated care partnerships); PCNs and practices are organisations."""

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from caresystem.db.base import Audited, Base, Dated, Publishable, Sourced


class SystemProfile(Audited, Sourced, Base):
    """The integrated care system this instance runs (one row)."""

    __tablename__ = "system_profile"

    code: Mapped[str] = mapped_column(String(12), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)


class Place(Audited, Dated, Sourced, Publishable, Base):
    __tablename__ = "places"

    code: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(200), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
