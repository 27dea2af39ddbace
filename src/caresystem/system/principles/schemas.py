"""The principles register in and out of the API."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

CONFIG = ConfigDict(extra="forbid", str_strip_whitespace=True)


class PrincipleFields(BaseModel):
    model_config = CONFIG

    number: str = Field(min_length=1, max_length=10, pattern=r"^[A-Za-z0-9]+$",
                        description="as the document numbers it: 4, a")
    name: str | None = Field(None, max_length=200, description="the principle's heading, where it has one")
    text: str = Field(min_length=3)


class PrincipleUpdate(BaseModel):
    model_config = CONFIG

    version: int = Field(ge=1)
    name: str | None = Field(None, max_length=200)
    text: str | None = Field(None, min_length=3)


class PrincipleSetFields(BaseModel):
    model_config = CONFIG

    title: str = Field(min_length=3, max_length=300)
    introduction: str | None = None
    document_dated: date | None = Field(None, description="the date the source document is dated")
    valid_from: date | None = None
    valid_to: date | None = None
    notes: str | None = None
    source_document: str | None = Field(None, max_length=40)
    source_section: str | None = Field(None, max_length=200)
    programme_key: str | None = Field(None, max_length=80,
                                      description="the programme whose document states the set; empty: the system's")


class PrincipleSetCreate(PrincipleSetFields):
    key: str = Field(min_length=2, max_length=80, pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: str
    principles: list[PrincipleFields] = []


class PrincipleSetUpdate(BaseModel):
    model_config = CONFIG

    version: int = Field(ge=1)
    title: str | None = Field(None, min_length=3, max_length=300)
    introduction: str | None = None
    document_dated: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    notes: str | None = None


class CitationRead(BaseModel):
    kind: str
    label: str
    href: str
    dated: date | None = None
    source_document: str | None = Field(None, description="where a document says the record applies the principle")
    source_section: str | None = None


class PrincipleRead(PrincipleFields):
    key: str
    set_key: str
    citation: str = Field(description='how a board names it: "design principle 4"')
    version: int
    source_document: str | None = None
    source_section: str | None = None
    cited_by: list[CitationRead] | None = None


class PrincipleSetRead(PrincipleSetFields):
    key: str
    kind: str
    version: int
    principles: list[PrincipleRead]


class Citations(BaseModel):
    """What a record cites, by principle key; `version` is the record's, as read."""

    model_config = CONFIG

    version: int = Field(ge=1)
    principles: list[str] = Field(description='principle keys, e.g. "design-principles-2021-4"')


class CitationsRead(BaseModel):
    version: int
    principles: list[PrincipleRead]
