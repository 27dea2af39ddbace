"""Organisation data in and out of the API and forms."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class OrganisationFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=300)
    type: str
    short_name: str | None = Field(None, max_length=120)
    place_code: str | None = None
    parent_code: str | None = None
    successor_code: str | None = None
    postcode: str | None = Field(None, max_length=10)
    valid_from: date | None = None
    valid_to: date | None = None
    public: bool = True
    notes: str | None = None


class OrganisationCreate(OrganisationFields):
    code: str = Field(min_length=3, max_length=12)


class OrganisationUpdate(BaseModel):
    """Only the fields sent are changed; `version` is the version the editor read."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1)
    name: str | None = Field(None, min_length=2, max_length=300)
    type: str | None = None
    short_name: str | None = None
    place_code: str | None = None
    parent_code: str | None = None
    successor_code: str | None = None
    postcode: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    public: bool | None = None
    notes: str | None = None


class PopulationRead(BaseModel):
    as_at: date
    registered_population: int
    practices: int | None = None


class BudgetRead(BaseModel):
    year: str
    amount_gbp_millions: float


class OrganisationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    short_name: str | None = None
    type: str
    place_code: str | None = None
    parent_code: str | None = None
    successor_code: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    registered_population: int | None = None
    public: bool
    illustrative: bool
    version: int


class OrganisationDetail(OrganisationRead):
    postcode: str | None = None
    notes: str | None = None
    predecessors: list[str] = []
    populations: list[PopulationRead] = []
    budgets: list[BudgetRead] = []
    source_document: str | None = None
    source_section: str | None = None
