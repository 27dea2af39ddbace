"""A previewed import kept on the server, so the confirm applies exactly the file that was previewed."""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from caresystem.db.base import Base, utcnow


class PlanImportPreview(Base):
    """The plan read from an uploaded file and the fingerprint of the plan it was previewed against. Not a register
    entry: it is deleted when confirmed, and stale ones are cleared when a new one is stored."""

    __tablename__ = "plan_import_previews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), nullable=False)
    created_by: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, nullable=False)
    filename: Mapped[str] = mapped_column(String(300), nullable=False)
    fingerprint: Mapped[str] = mapped_column(String(64), nullable=False)
    plan: Mapped[dict] = mapped_column(JSON, nullable=False)
