"""Oversight lines out of the API."""

from datetime import date

from pydantic import BaseModel, Field


class BodyRef(BaseModel):
    key: str
    name: str


class OversightLineRead(BaseModel):
    key: str
    kind: str = Field(description="strand (an oversight strand) or accountability (a link of the accountability chain)")
    number: str | None = Field(None, description="the strand's number as its document gives it")
    title: str
    overseer: str = Field(description="who oversees, or to whom the overseen are accountable")
    overseen: str = Field(description="who is overseen or accountable")
    subject: str = Field(description="what for")
    through: str | None = Field(None, description="the route the accountability runs by, where the document gives one")
    bodies: list[BodyRef] = Field([], description="governance bodies the oversight runs through")
    notes: str | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    source_document: str | None = None
    source_section: str | None = None
    version: int


class OversightRead(BaseModel):
    as_at: date | None = Field(None, description="the lines in force on this date; all lines when not given")
    strands: list[OversightLineRead]
    accountability: list[OversightLineRead] = Field(description="the accountability chain, in the document's order")
