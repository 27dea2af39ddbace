"""The functions and decision-making map in and out of the API."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

LEVELS = {"system": "System", "place": "Place", "provider_collaborative": "Provider collaborative",
          "neighbourhood": "Neighbourhood"}
ARRANGEMENTS = {"retained": "Retained", "delegated": "Delegated", "assigned": "Assigned", "joint": "Joint",
                "lead_provider": "Lead provider"}


class TestAnswer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: bool | None = None
    rationale: str | None = None


class AllocationFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    level: str
    holder: str = Field(min_length=2, max_length=300)
    arrangement: str
    tests: dict[str, TestAnswer] = {}
    valid_from: date | None = None
    valid_to: date | None = None
    notes: str | None = None


class AllocationUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1)
    level: str | None = None
    holder: str | None = Field(None, min_length=2, max_length=300)
    arrangement: str | None = None
    tests: dict[str, TestAnswer] | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    notes: str | None = None


class AllocationRead(AllocationFields):
    id: int
    version: int
    principles: list[str] = Field([], description="keys of the principles the allocation applies")


class FunctionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    key: str = Field(min_length=2, max_length=100, pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=2, max_length=300)
    description: str | None = None
    public: bool = True
    allocations: list[AllocationFields] = []


class FunctionUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1)
    name: str | None = Field(None, min_length=2, max_length=300)
    description: str | None = None
    public: bool | None = None


class FunctionRead(BaseModel):
    key: str
    name: str
    description: str | None = None
    public: bool
    version: int
    allocations: list[AllocationRead] = []
    source_document: str | None = None
    source_section: str | None = None


class SubsidiarityTestRead(BaseModel):
    key: str
    text: str
