"""The dashboard and "my items" as the API returns them."""

from datetime import date

from pydantic import BaseModel


class MilestoneBar(BaseModel):
    key: str
    title: str
    owner: str | None
    baseline_date: date | None
    forecast_date: date | None
    actual_date: date | None
    rag: str


class RiskLine(BaseModel):
    reference: str
    title: str
    owner: str | None
    score: int | None
    rag: str | None
    review_date: date | None


class ActionLine(BaseModel):
    reference: str
    title: str
    owner: str | None
    due: date | None


class BenefitLine(BaseModel):
    key: str
    title: str
    owner: str | None
    reason: str


class DashboardRead(BaseModel):
    programme: str
    programme_name: str
    as_at: date
    milestone_rags: dict[str, int]
    milestone_rules: list[str]
    milestones: list[MilestoneBar]
    risk_rags: dict[str, int]
    top_risks: list[RiskLine]
    overdue_reviews: list[RiskLine]
    overdue_actions: list[ActionLine]
    benefit_statuses: dict[str, int]
    off_track_benefits: list[BenefitLine]


class PortfolioRead(BaseModel):
    """The portfolio: each programme's dashboard, the default programme first."""
    as_at: date
    programmes: list[DashboardRead]


class OwnedItemRead(BaseModel):
    kind: str
    reference: str
    title: str
    href: str
    programme: str | None
    role: str
    due: date | None
    status: str | None
    rag: str | None
    overdue: bool


class MyItemsRead(BaseModel):
    name: str
    items: list[OwnedItemRead]
    overdue: int
