"""Impact assessments in and out of the API and forms."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Rating(Strict):
    rating: str = Field(description="positive, neutral, negative or unknown")
    narrative: str | None = None


class AssessmentFields(Strict):
    title: str = Field(min_length=3, description="the proposal")
    description: str | None = None
    project: str | None = Field(None, max_length=80)
    owner: str | None = Field(None, max_length=200)
    assessed_on: date | None = None
    domains: dict[str, Rating] = Field({}, description="domain key -> rating; see GET /impact-domains")
    equality: dict[str, Rating] = Field({}, description="equality group key -> rating (protected characteristics, "
                                                        "deprivation, carers, rural communities)")
    mitigations: str | None = None
    outcome: str | None = Field(None, description="proceed, full_equality_impact_assessment or public_consultation; "
                                                  "set by a person, with sign-off")
    outcome_rationale: str | None = Field(None, description="needed when the outcome differs from the suggestion")
    signed_off_by: str | None = Field(None, max_length=200)
    signed_off_on: date | None = None


class AssessmentCreate(AssessmentFields):
    key: str | None = Field(None, max_length=80, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
                            description="left out, the next IA-number")


class AssessmentUpdate(Strict):
    version: int = Field(ge=1)
    title: str | None = Field(None, min_length=3)
    description: str | None = None
    project: str | None = Field(None, max_length=80)
    owner: str | None = Field(None, max_length=200)
    assessed_on: date | None = None
    domains: dict[str, Rating] | None = Field(None, description="replaces every domain rating")
    equality: dict[str, Rating] | None = Field(None, description="replaces every equality rating")
    mitigations: str | None = None
    outcome: str | None = None
    outcome_rationale: str | None = None
    signed_off_by: str | None = Field(None, max_length=200)
    signed_off_on: date | None = None


class RatedRead(BaseModel):
    key: str
    name: str
    description: str | None = None
    rating: str | None = Field(description="None while not rated")
    narrative: str | None = None


class AssessmentRead(BaseModel):
    key: str
    version: int
    title: str
    description: str | None
    project: str | None
    owner: str | None
    assessed_on: date | None
    domains: list[RatedRead]
    equality: list[RatedRead]
    mitigations: str | None
    outcome: str | None
    outcome_rationale: str | None
    signed_off_by: str | None
    signed_off_on: date | None
    suggested_outcome: str = Field(description="from the documented rule; the outcome itself is set by a person")
    suggestion_reasons: list[str]
    source_document: str | None = None
    source_section: str | None = None


class DomainRead(BaseModel):
    key: str
    name: str
    description: str | None
