"""Highlight reports in and out: create, update (carries `version`), submit, revise, read and detail."""

from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)
RAGS = {"red": "Red", "amber": "Amber", "green": "Green"}
RAG_FIELDS = {"rag_overall": "Overall RAG", "rag_schedule": "Schedule RAG", "rag_resources": "Resources RAG",
              "rag_risk": "Risk RAG"}
TEXT_FIELDS = {"summary": "Summary", "achievements": "Achievements this period", "next_steps": "Next steps",
               "decisions_needed": "Decisions needed", "issues_summary": "Issues"}
CONTENT_FIELDS = (*RAG_FIELDS, *TEXT_FIELDS, "linked_issues")
REQUIRED_TO_SUBMIT = (*RAG_FIELDS, "achievements", "next_steps")
STATUSES = {"draft": "Draft", "submitted": "Submitted"}
RAG_HINT = "red, amber or green"


class ReportContent(BaseModel):
    model_config = STRICT

    rag_overall: str | None = Field(None, description=RAG_HINT)
    rag_schedule: str | None = Field(None, description=RAG_HINT)
    rag_resources: str | None = Field(None, description=RAG_HINT)
    rag_risk: str | None = Field(None, description=RAG_HINT)
    summary: str | None = None
    achievements: str | None = Field(None, description="Achievements this period")
    next_steps: str | None = Field(None, description="Next steps, in the next period")
    decisions_needed: str | None = Field(None, description="Decisions needed from the programme board")
    issues_summary: str | None = Field(None, description="The issues, in the lead's words")
    linked_issues: list[str] | None = Field(None, description="References of the issues-log entries to show live")


class ReportCreate(ReportContent):
    project: str = Field(min_length=1, max_length=80, description="The project's key")
    period: str = Field(description="The reporting month, YYYY-MM")


class ReportUpdate(ReportContent):
    version: int = Field(ge=1)


class Submit(BaseModel):
    model_config = STRICT
    version: int = Field(ge=1)


class Revise(Submit):
    reason: str = Field(min_length=3, description="Why the submitted report has to change")


class ReportRead(BaseModel):
    project: str
    project_name: str
    period: str
    period_start: date
    period_end: date
    status: str
    revision: int
    rag_overall: str | None
    rag_schedule: str | None
    rag_resources: str | None
    rag_risk: str | None
    summary: str | None
    achievements: str | None
    next_steps: str | None
    decisions_needed: str | None
    issues_summary: str | None
    linked_issues: list[str]
    submitted_at: datetime | None
    submitted_by: str | None
    version: int


class SubmissionRead(BaseModel):
    revision: int
    submitted_at: datetime
    submitted_by: str
    reopened_because: str | None
    content: dict


class LiveRiskRead(BaseModel):
    reference: str
    title: str
    owner: str | None
    status: str
    score: int | None
    grade: str
    rag: str


class LiveIssueRead(BaseModel):
    reference: str
    title: str
    owner: str | None
    priority: str | None
    status: str
    resolve_by: date | None


class LiveMilestoneRead(BaseModel):
    key: str
    title: str
    owner: str | None
    status: str
    baseline_date: date | None
    forecast_date: date | None
    actual_date: date | None
    rag: str
    rag_label: str
    rag_reason: str


class ReportDetail(ReportRead):
    as_at: date
    risks: list[LiveRiskRead]
    issues: list[LiveIssueRead]
    milestones: list[LiveMilestoneRead]
    missing_issues: list[str]
    submissions: list[SubmissionRead]


class RollupRowRead(BaseModel):
    project: str
    project_name: str
    state: str
    revision: int | None
    submitted_at: datetime | None
    submitted_by: str | None
    draft_pending: bool
    content: dict | None
    risks: list[LiveRiskRead]
    issues: list[LiveIssueRead]
    milestones: list[LiveMilestoneRead]


class RollupRead(BaseModel):
    programme: str
    programme_name: str
    period: str
    period_start: date
    period_end: date
    counts: dict[str, int]
    missing: list[str]
    rows: list[RollupRowRead]
