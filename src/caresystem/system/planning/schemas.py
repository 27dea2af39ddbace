"""The planning framework out of the API (read only: the framework is reference data a system loads)."""

from datetime import date

from pydantic import BaseModel, ConfigDict


class PlanningItemRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    kind: str
    number: str
    parent: str | None = None
    name: str | None = None
    text: str | None = None
    scale: str | None = None
    services: list[str] = []
    footprints: list[str] = []
    social_care: list[str] = []
    care_models: list[str] = []
    organisations: list[str] = []
    population: int | None = None
    beds: int | None = None
    body_key: str | None = None
    source_document: str | None = None
    source_section: str | None = None


class PlanningFrameworkRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    key: str
    version: int
    title: str
    introduction: str | None = None
    document_dated: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    notes: str | None = None
    source_document: str | None = None
    source_section: str | None = None
    items: list[PlanningItemRead]
