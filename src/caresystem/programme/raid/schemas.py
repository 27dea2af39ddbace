"""Risks in and out of the API, forms and spreadsheets."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

SCOPES = {"programme": "Programme", "project": "Project", "workstream": "Workstream", "place": "Place"}
STATUSES = {"open": "Open", "closed": "Closed", "accepted": "Accepted"}
Rating = Field(None, ge=1, le=5, description="1 to 5 on the NHS 5x5 matrix")


class RiskFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=3)
    cause: str | None = None
    event: str | None = None
    effect: str | None = None
    category: str | None = Field(None, max_length=100)
    owner: str | None = Field(None, max_length=200)
    owner_person: str | None = Field(None, max_length=80, description="the key of the person in the system model who owns it; give owner instead for free text (a name that is a person's in the system links that person)")
    scope: str = "programme"
    scope_ref: str | None = Field(None, max_length=80)
    inherent_impact: int | None = Rating
    inherent_likelihood: int | None = Rating
    current_impact: int | None = Rating
    current_likelihood: int | None = Rating
    target_impact: int | None = Rating
    target_likelihood: int | None = Rating
    controls: str | None = None
    mitigation: str | None = None
    review_date: date | None = None
    status: str = "open"


class RiskCreate(RiskFields):
    reference: str | None = Field(None, max_length=20, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class RiskUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1)
    title: str | None = Field(None, min_length=3)
    cause: str | None = None
    event: str | None = None
    effect: str | None = None
    category: str | None = None
    owner: str | None = None
    owner_person: str | None = Field(None, max_length=80, description="the key of the person in the system model who owns it; give owner instead for free text (a name that is a person's in the system links that person)")
    scope: str | None = None
    scope_ref: str | None = None
    inherent_impact: int | None = Rating
    inherent_likelihood: int | None = Rating
    current_impact: int | None = Rating
    current_likelihood: int | None = Rating
    target_impact: int | None = Rating
    target_likelihood: int | None = Rating
    controls: str | None = None
    mitigation: str | None = None
    review_date: date | None = None
    status: str | None = None


class ScoreRead(BaseModel):
    recorded_at: str
    recorded_by: str
    impact: int | None
    likelihood: int | None
    score: int | None


class RiskRead(RiskFields):
    reference: str
    version: int
    opened_on: date
    score: int | None = Field(description="current impact x likelihood (derived)")
    grade: str = Field(description="derived from the programme's bands")
    rag: str = Field(description="derived from the programme's bands")
    inherent_score: int | None = None
    target_score: int | None = None
    review_overdue: bool = False
    escalated_to: list[str] = Field([], description="governance bodies in force today that the rules send it to")
    escalation_notes: list[str] = Field([], description="rules it meets that route nowhere, e.g. the body ended")
    source_document: str | None = None
    source_section: str | None = None


class EfficacyRead(BaseModel):
    opening_score: int | None = Field(description="inherent score, or the first current assessment")
    current_score: int | None
    target_score: int | None
    reduction: int | None = Field(description="opening minus current; negative when the risk has grown")
    share_of_target: float | None = Field(description="share of the way from opening to target score")
    summary: str


class MitigatingAction(BaseModel):
    reference: str
    title: str
    owner: str | None
    due_date: date | None
    status: str
    overdue: bool


class RiskDetail(RiskRead):
    history: list[ScoreRead] = []
    trend: str = Field("not assessed", description="rising, falling, steady or not assessed")
    efficacy: EfficacyRead | None = None
    actions: list[MitigatingAction] = Field([], description="mitigating actions (the actions log, linked)")
    assumption: str | None = Field(None, description="the assumption whose failure raised this risk")


class RuleCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    min_score: int = Field(ge=1, le=25)
    body_key: str = Field(min_length=1, max_length=80, description="governance body key")
    scope: str | None = None
    scope_ref: str | None = Field(None, max_length=80)


class RuleRead(BaseModel):
    id: int
    min_score: int
    body_key: str
    scope: str | None
    scope_ref: str | None
    routes_nowhere: str | None = Field(None, description="why the rule routes nothing today, e.g. its body ended on "
                                                         "a date and which body succeeded it; null when it routes")


class OnwardRead(BaseModel):
    """Onward escalation "as necessary": where an escalated risk goes when its bodies cannot manage it (PID 7.1)."""
    min_score: int
    bodies: list[str]
    text: str | None
    source_document: str | None
    source_section: str | None


class Band(BaseModel):
    model_config = ConfigDict(extra="forbid")

    grade: str = Field(min_length=1, max_length=40)
    min: int = Field(ge=1, le=25)
    max: int = Field(ge=1, le=25)
    rag: str


class RiskMatrix(BaseModel):
    version: int = Field(ge=1, description="the programme's version, for optimistic concurrency")
    risk_grades: list[Band]
