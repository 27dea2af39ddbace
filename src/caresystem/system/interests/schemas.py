"""Interests in and out: create, update (carries `version`), read, the published register, and a spreadsheet row."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True)
REFERENCE = Field(None, max_length=20, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


class InterestFields(BaseModel):
    model_config = STRICT

    organisation: str | None = Field(None, max_length=300, description="The organisation, company or party")
    valid_to: date | None = Field(None, description="When the interest ended; empty while it is still held")
    action: str | None = Field(None, description="The action taken to manage it")


class InterestCreate(InterestFields):
    person: str = Field(min_length=1, max_length=80, description="The person's key")
    type: str = Field(description="financial, non_financial_professional, non_financial_personal or indirect")
    description: str = Field(min_length=3)
    valid_from: date = Field(description="When the interest began")
    reference: str | None = REFERENCE


class InterestUpdate(InterestFields):
    version: int = Field(ge=1)
    type: str | None = None
    description: str | None = Field(None, min_length=3)
    valid_from: date | None = None


class InterestRead(BaseModel):
    reference: str
    person: str
    person_name: str
    type: str
    type_label: str
    description: str
    organisation: str | None
    valid_from: date | None
    valid_to: date | None
    action: str | None
    version: int


class PublishedPerson(BaseModel):
    """One decision-maker on the published register: the bodies they sit on and the interests they hold."""

    person: str
    name: str
    bodies: list[str]
    body_names: list[str]
    interests: list[InterestRead]


class InterestRow(BaseModel):
    """A spreadsheet row; the description is the row's title column, as in every register's sheet."""

    model_config = STRICT

    reference: str | None = REFERENCE
    person: str = Field(min_length=1, max_length=80)
    type: str
    title: str = Field(min_length=3)
    organisation: str | None = Field(None, max_length=300)
    valid_from: date
    valid_to: date | None = None
    action: str | None = None
