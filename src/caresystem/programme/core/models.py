"""A transformation programme: every register belongs to one, and its rules (risk bands, RAG) are its data."""

from datetime import date

from sqlalchemy import JSON, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from caresystem.db.base import Audited, Base, Publishable, Sourced

# NHS 5x5 matrix grades (PID section 7.1): score = impact x likelihood.
DEFAULT_RISK_GRADES = [
    {"grade": "low", "min": 1, "max": 3, "rag": "green"},
    {"grade": "moderate", "min": 4, "max": 6, "rag": "amber"},
    {"grade": "high", "min": 8, "max": 12, "rag": "amber"},
    {"grade": "extreme", "min": 15, "max": 25, "rag": "red"},
]


def default_risk_grades() -> list[dict]:
    return [dict(g) for g in DEFAULT_RISK_GRADES]


class Programme(Audited, Sourced, Publishable, Base):
    __tablename__ = "programmes"

    key: Mapped[str] = mapped_column(String(80), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(300), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    senior_responsible_owner: Mapped[str | None] = mapped_column(String(300))
    vision: Mapped[str | None] = mapped_column(Text)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    risk_grades: Mapped[list] = mapped_column(JSON, nullable=False, default=default_risk_grades)
    settings: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)  # e.g. benefit tolerance, slippage
