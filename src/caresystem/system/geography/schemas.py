"""Places and the system map in and out of the API."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field


class PlaceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    description: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    registered_population: int | None = None
    public: bool
    version: int


class PlaceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    version: int = Field(ge=1)
    name: str | None = Field(None, min_length=2, max_length=200)
    description: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    public: bool | None = None


class AreaNode(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str
    name: str
    type: str
    registered_population: int | None = None
    illustrative: bool = False
    practice_count: int = 0
    children: list["AreaNode"] = []


class PlaceNode(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    place: PlaceRead
    registered_population: int | None
    commissioners: list[AreaNode]
    networks: list[AreaNode]
    practices_without_network: list[AreaNode]


class SystemMap(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    as_at: date
    system: str
    registered_population: int | None
    places: list[PlaceNode]
