"""Pydantic shapes of the measures catalogue, measure data rows and narratives."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from caresystem.stats.spc import DIRECTIONS, OPERATORS

DOMAINS = ("urgent care", "planned care", "cancer", "mental health", "quality", "finance", "workforce",
           "primary care", "community", "population health")
UNITS = ("percent", "count", "ratio", "rate", "gbp_m", "fte", "days", "minutes")
CONDITIONS = ("special_cause_concern", "failing_assurance", "either")


class MeasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    key: str = Field(min_length=1, max_length=80, pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=1, max_length=300)
    domain: str
    unit: str
    direction: str
    target: float | None = None
    target_operator: str | None = None
    must_do: int | None = None
    description: str | None = None
    standard_text: str | None = None
    public: bool = True

    @field_validator("domain")
    @classmethod
    def _domain(cls, v: str) -> str:
        if v not in DOMAINS:
            raise ValueError(f"must be one of {', '.join(DOMAINS)}")
        return v

    @field_validator("unit")
    @classmethod
    def _unit(cls, v: str) -> str:
        if v not in UNITS:
            raise ValueError(f"must be one of {', '.join(UNITS)}")
        return v

    @field_validator("direction")
    @classmethod
    def _direction(cls, v: str) -> str:
        if v not in DIRECTIONS:
            raise ValueError(f"must be one of {', '.join(DIRECTIONS)}")
        return v

    @field_validator("target_operator")
    @classmethod
    def _operator(cls, v: str | None) -> str | None:
        if v is not None and v not in OPERATORS:
            raise ValueError(f"must be one of {', '.join(OPERATORS)}")
        return v


class MeasureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    name: str
    domain: str
    unit: str
    direction: str
    target: float | None
    target_operator: str | None
    must_do: int | None
    standard_text: str | None
    source_document: str | None
    source_section: str | None
    url: str


class ValueRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    measure: str
    entity_code: str
    period: date
    numerator: float | None
    denominator: float | None
    value: float
    note: str | None
    illustrative: bool
    source: str | None


class ImportResult(BaseModel):
    rows: int
    created: int
    replaced: int
    unchanged: int


class NarrativeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    entity_code: str = Field(min_length=1, max_length=40)
    written_for: date
    what_it_shows: str = Field(min_length=1)
    actions: str | None = None
    linked_risks: list[str] = []
    version: int | None = None


class NarrativeRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    entity_code: str
    written_for: date
    what_it_shows: str
    actions: str | None
    linked_risks: list[str]
    version: int
    updated_by: str


class RuleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    condition: str = "either"
    domain: str | None = None
    measure_key: str | None = None
    entity_code: str | None = None
    body_key: str = Field(min_length=1, max_length=80)

    @field_validator("condition")
    @classmethod
    def _condition(cls, v: str) -> str:
        if v not in CONDITIONS:
            raise ValueError(f"must be one of {', '.join(CONDITIONS)}")
        return v
