"""The reference-data interchange format: one YAML file per kind of record, every record citing its source.

Another ICS loads its own system by writing these files (see docs/reference-data.md). Validation is strict:
an unknown field is an error, so a typo cannot silently drop data.
"""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    document: str
    section: str | None = None


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)

    source: Source | None = None


class Dated(Record):
    valid_from: date | None = None
    valid_to: date | None = None


class SystemRecord(Record):
    code: str
    name: str
    description: str | None = None
    population: int | None = None


class PlaceRecord(Dated):
    code: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str
    description: str | None = None
    ccg_areas: list[str] = []
    public: bool = True


class PopulationRecord(Record):
    as_at: date
    registered_population: int = Field(ge=0)
    practices: int | None = Field(None, ge=0)


class BudgetRecord(Record):
    year: str = Field(pattern=r"^\d{4}/\d{2}$")
    amount_gbp_millions: float


class OrganisationRecord(Dated):
    code: str
    name: str
    short_name: str | None = None
    type: str
    successor: str | None = None
    place: str | None = None
    parent: str | None = None
    postcode: str | None = None
    public: bool = True
    illustrative_code: bool = False
    illustrative: bool = False
    populations: list[PopulationRecord] = []
    budgets: list[BudgetRecord] = []
    notes: str | None = None


class PcnRecord(Dated):
    code: str
    name: str
    place: str
    legacy_ccg: str | None = None
    illustrative: bool = False
    notes: str | None = None


class PracticeRecord(Dated):
    code: str
    name: str
    postcode: str | None = None
    district: str | None = None
    district_code: str | None = None
    legacy_ccg: str | None = None
    place: str
    pcn: str | None = None
    registered_patients: int | None = Field(None, ge=0)
    population_as_at: date | None = None


class CcgAreaRecord(Record):
    ccg: str
    place: str
    districts: list[str] = []
    notes: str | None = None


class MemberRecord(Record):
    person: str | None = None
    role_title: str | None = None
    organisation: str | None = None
    membership_role: str = "member"
    voting: bool = True
    notes: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None


class BodyRecord(Dated):
    key: str
    name: str
    kind: str
    purpose: str | None = None
    frequency: str | None = None
    chair: str | None = None
    host_organisations: list[str] = []
    reports_to: str | None = None
    reports_to_from: date | None = None
    succeeded_by: str | None = None
    meets_in_public: bool = False
    delegated_authority: str | None = None
    public: bool = True
    members: list[MemberRecord] = []
    notes: str | None = None
    illustrative: bool = False


class PersonRoleRecord(Dated):
    title: str
    organisation: str | None = None
    body: str | None = None


class PersonRecord(Record):
    key: str
    name: str
    roles: list[PersonRoleRecord] = []
    public: bool = True


class TestRecord(Record):
    key: str
    text: str


class TestAnswerRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: bool | None = None
    rationale: str | None = None


class CitationRecord(BaseModel):
    """A principle the record applies ("<set key>-<number>"), with where the document says so."""
    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, str_strip_whitespace=True)

    principle: str
    source: Source | None = None


class FunctionRecord(Dated):
    key: str
    name: str
    description: str | None = None
    level: str
    holder: str
    arrangement: str
    tests: dict[str, TestAnswerRecord] = {}
    notes: str | None = None
    public: bool = True
    illustrative: bool = False
    principles: list[CitationRecord] = []

    @field_validator("tests", mode="before")
    @classmethod
    def _none_is_empty(cls, value):
        return value or {}


class FunctionsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subsidiarity_tests: list[TestRecord] = []
    functions: list[FunctionRecord] = []


class OversightRecord(Dated):
    """A line of oversight (an oversight strand) or of accountability, in the file's order within its kind."""

    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    kind: str
    number: str | None = Field(None, max_length=10)
    title: str
    overseer: str
    overseen: str
    subject: str
    through: str | None = None
    bodies: list[str] = []
    notes: str | None = None


class PrincipleRecord(Record):
    number: str = Field(pattern=r"^[A-Za-z0-9]+$", max_length=10)
    name: str | None = None
    text: str


class PrincipleSetRecord(Dated):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    kind: str
    title: str
    introduction: str | None = None
    document_dated: date | None = None
    programme: str | None = Field(None, pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)
    notes: str | None = None
    principles: list[PrincipleRecord] = []


class PlanningItemRecord(Record):
    """One row of a planning framework; `number` is unique within its kind, `parent` names an item of the same
    framework (of the same kind, or the level a catchment sits under)."""

    kind: str
    number: str = Field(pattern=r"^[A-Za-z0-9]+$", max_length=10)
    parent: str | None = Field(None, max_length=10)
    name: str | None = Field(None, max_length=300)
    text: str | None = None
    scale: str | None = None
    services: list[str] = []
    footprints: list[str] = []
    social_care: list[str] = []
    care_models: list[str] = []
    organisations: list[str] = []
    population: int | None = Field(None, ge=0)
    beds: int | None = Field(None, ge=0)
    body: str | None = None


class PlanningFrameworkRecord(Dated):
    key: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)
    title: str
    introduction: str | None = None
    document_dated: date | None = None
    notes: str | None = None
    items: list[PlanningItemRecord] = []
